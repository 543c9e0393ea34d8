import Foundation
import ParleyCrypto
import Synchronization

/// Who may use the workspace: the browser that opened the one-time URL. The token in that URL is
/// exchanged once for a session cookie; every request must carry the session, name this server
/// as its Host (a page of another site that resolves its name to 127.0.0.1, DNS rebinding, names
/// its own), and every request that changes anything must come from this origin.
package final class WorkspaceAccess: Sendable {
    /// The cookie that carries the session.
    package static let cookieName = "parley_session"

    /// The one-time token, until it is used.
    private let token: Mutex<String?>
    /// The sessions given out, with the message each will see on its next page.
    private let sessions = Mutex<[String: String?]>([:])
    /// The Host values this server answers to (`127.0.0.1:PORT`, `localhost:PORT`).
    private let hosts: Mutex<Set<String>>

    /// Access with a fresh random token, answering to `hosts` (set them with ``listen(port:)``
    /// once the port is known).
    ///
    /// - Parameters:
    ///   - token: The token (default: 32 random bytes in hex).
    ///   - hosts: The Host values to answer to.
    package init(token: String = Hex.encode(SecureRandom.bytes(32)), hosts: Set<String> = []) {
        self.token = Mutex(token)
        self.hosts = Mutex(hosts)
    }

    /// Answers to `127.0.0.1:port` and `localhost:port`.
    package func listen(port: Int) {
        hosts.withLock { $0.formUnion(["127.0.0.1:\(port)", "localhost:\(port)"]) }
    }

    /// The token, until it has been exchanged.
    package var pendingToken: String? { token.withLock { $0 } }

    /// Whether `host` (an authority or a Host header) names this server.
    func isOwnHost(_ host: String) -> Bool {
        hosts.withLock { $0.contains(host.lowercased()) }
    }

    /// Whether `origin` (an Origin header) is this server's own, `http://` one of its hosts.
    func isOwnOrigin(_ origin: String) -> Bool {
        guard origin.hasPrefix("http://") else { return false }
        return isOwnHost(String(origin.dropFirst("http://".count)))
    }

    /// Exchanges the one-time token for a new session id; nil when it is not the token, or the
    /// token was used already.
    func exchange(_ offered: String) -> String? {
        let accepted = token.withLock { token -> Bool in
            guard let expected = token, Self.equalInConstantTime(expected, offered) else { return false }
            token = nil
            return true
        }
        guard accepted else { return nil }
        let session = Hex.encode(SecureRandom.bytes(32))
        sessions.withLock { $0[session] = .some(nil) }
        return session
    }

    /// Whether `session` was given out.
    func isSession(_ session: String) -> Bool {
        sessions.withLock { $0[session] != nil }
    }

    /// Leaves `message` for the session's next page.
    func flash(_ message: String, for session: String) {
        sessions.withLock { sessions in
            if sessions[session] != nil { sessions[session] = .some(message) }
        }
    }

    /// The message left for the session, once.
    func takeFlash(for session: String) -> String? {
        sessions.withLock { sessions in
            guard let message = sessions[session] ?? nil else { return nil }
            sessions[session] = .some(nil)
            return message
        }
    }

    /// Compares without stopping at the first difference.
    private static func equalInConstantTime(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// Random bytes from the system.
enum SecureRandom {
    /// `count` random bytes.
    static func bytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }
}

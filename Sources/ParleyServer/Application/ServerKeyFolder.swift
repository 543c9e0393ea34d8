import Foundation
public import ParleyCrypto
public import ParleyLog
import ParleyWire

/// Where a server keeps its checkpoint key and the handovers from its earlier keys (the `--data`
/// folder of `parley serve`): `server-key.pem` (the key in use, mode 0600), and
/// `server-handovers.json` (a JSON list of ``ServerHandover`` forms, oldest first), which the
/// server publishes in `GET /v1/server` so that parties that pinned an earlier key can follow.
///
/// A rotation writes the new key to `server-key.next.pem`, then the handovers with the new one
/// (atomically), then moves the new key over the old one, which is gone after that. Interrupted
/// between two steps, the next ``load()`` finishes it or undoes it, so the key in use and the
/// last handover never disagree.
public struct ServerKeyFolder: Sendable {
    /// The folder.
    public let path: String

    /// The folder at `path` (which must exist).
    public init(path: String) {
        self.path = path
    }

    private var keyPath: String { path + "/server-key.pem" }
    private var nextPath: String { path + "/server-key.next.pem" }
    private var handoversPath: String { path + "/server-handovers.json" }

    /// The key in use and the handovers that lead to it, making a key on first use.
    ///
    /// - Throws: ``ServerError`` `internal` when a file cannot be read or written, or the
    ///   handovers do not end at the key in use.
    public func load() throws(ServerError) -> (key: SigningKey, handovers: [ServerHandover]) {
        let handovers = try readHandovers()
        let files = FileManager.default
        if files.fileExists(atPath: nextPath) {
            // A rotation stopped after writing its new key: finished if its handover was written.
            let next = try read(nextPath)
            if handovers.last?.new == next.publicKey {
                try move(nextPath, over: keyPath)
            } else {
                try? files.removeItem(atPath: nextPath)
            }
        }
        if !files.fileExists(atPath: keyPath) {
            guard handovers.isEmpty else {
                throw ServerError(.internal, "\(keyPath) is missing but \(handoversPath) names keys: restore the key file")
            }
            do {
                try KeyFile.write(SigningKey.generate(), to: keyPath)
            } catch {
                throw ServerError(.internal, "\(keyPath) could not be written: \(error)")
            }
        }
        let key = try read(keyPath)
        if let last = handovers.last, last.new != key.publicKey {
            throw ServerError(.internal, "\(handoversPath) does not end at the key in \(keyPath)")
        }
        return (key, handovers)
    }

    /// Hands the server over to a new key: signs the handover with the old and the new key,
    /// publishes it with the earlier ones and puts the new key in use; the old private key is gone.
    ///
    /// - Parameter timestamp: When (the handover's `timestamp`).
    /// - Returns: The new key and all the handovers, the new one last.
    /// - Throws: ``ServerError`` `internal` when a file cannot be read or written.
    public func rotate(at timestamp: Timestamp) throws(ServerError) -> (key: SigningKey, handovers: [ServerHandover]) {
        let (old, handovers) = try load()
        guard handovers.count < ServerHandover.maximumCount else {
            throw ServerError(.internal, "this server has rotated its key \(ServerHandover.maximumCount) times, the most a client follows")
        }
        let new = SigningKey.generate()
        let handover: ServerHandover
        do {
            try KeyFile.write(new, to: nextPath, replacing: true)
            handover = try ServerHandover(from: old, to: new, at: timestamp)
        } catch {
            throw ServerError(.internal, "the new server key could not be made: \(error)")
        }
        let all = handovers + [handover]
        do {
            let bytes = try CanonicalJSON.encode(.array(all.map(\.json)))
            try Data(bytes).write(to: URL(fileURLWithPath: handoversPath), options: .atomic)
        } catch {
            throw ServerError(.internal, "\(handoversPath) could not be written: \(error)")
        }
        try move(nextPath, over: keyPath)
        return (new, all)
    }

    private func readHandovers() throws(ServerError) -> [ServerHandover] {
        guard let data = FileManager.default.contents(atPath: handoversPath) else { return [] }
        do {
            return try ServerHandover.list(parsing: Array(data))
        } catch {
            throw ServerError(.internal, "\(handoversPath) is not a list of server handovers: \(error.message)")
        }
    }

    private func read(_ file: String) throws(ServerError) -> SigningKey {
        do {
            return try KeyFile.read(from: file)
        } catch {
            throw ServerError(.internal, "\(file) is not a readable server key: \(error)")
        }
    }

    private func move(_ from: String, over to: String) throws(ServerError) {
        guard rename(from, to) == 0 else {
            throw ServerError(.internal, "\(from) could not be moved over \(to) (errno \(errno))")
        }
    }
}

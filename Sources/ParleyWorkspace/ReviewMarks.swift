import Foundation
import ParleyLog
import Synchronization

/// Which decision-queue items this party has marked reviewed, kept in its home so that the marks
/// survive a restart. Local bookkeeping, never an operation: nobody else sees them.
///
/// The file (`workspace-reviewed.log` in the home, mode 0600) is append-only, one line per mark:
/// `<exchange hex> + <item key>` or `<exchange hex> - <item key>`; the last line for a key wins.
/// A mark costs one short append, however large the queue.
final class ReviewMarks: Sendable {
    /// The file.
    let path: String
    /// The exchange.
    let exchange: ExchangeID
    /// The keys marked reviewed.
    private let marked: Mutex<Set<String>>

    /// Reads the marks of `exchange` from `path` (none when the file does not exist).
    init(path: String, exchange: ExchangeID) throws(WorkspaceError) {
        self.path = path
        self.exchange = exchange
        var keys: Set<String> = []
        if let data = FileManager.default.contents(atPath: path) {
            let prefix = exchange.hex + " "
            for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where line.hasPrefix(prefix) {
                let rest = line.dropFirst(prefix.count)
                guard rest.count > 2 else { continue }
                let key = String(rest.dropFirst(2))
                if rest.hasPrefix("+ ") { keys.insert(key) } else if rest.hasPrefix("- ") { keys.remove(key) }
            }
        }
        marked = Mutex(keys)
    }

    /// Whether `key` is marked reviewed.
    func isReviewed(_ key: String) -> Bool {
        marked.withLock { $0.contains(key) }
    }

    /// The keys marked reviewed.
    var all: Set<String> { marked.withLock { $0 } }

    /// Marks `key` reviewed (or not) and appends the mark to the file.
    ///
    /// - Throws: ``WorkspaceError/Code/badRequest`` for a key with a space or a line break;
    ///   ``WorkspaceError/Code/store`` when the file cannot be written.
    func mark(_ key: String, reviewed: Bool) throws(WorkspaceError) {
        guard !key.isEmpty, key.count <= 512, !key.contains(where: { $0 == " " || $0.isNewline }) else {
            throw WorkspaceError(code: .badRequest, message: "not a queue item")
        }
        let line = "\(exchange.hex) \(reviewed ? "+" : "-") \(key)\n"
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        guard descriptor >= 0 else { throw WorkspaceError(code: .store, message: "\(path): cannot open (errno \(errno))") }
        defer { close(descriptor) }
        let bytes = Array(line.utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count else { throw WorkspaceError(code: .store, message: "\(path): cannot write") }
        marked.withLock { set in
            if reviewed { set.insert(key) } else { set.remove(key) }
        }
    }
}

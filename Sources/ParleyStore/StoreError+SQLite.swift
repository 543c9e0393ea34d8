internal import GRDB

extension StoreError {
    /// What the replica was doing when an error came up; it picks the code for errors that SQLite's
    /// result code does not classify, and the words of the message.
    enum Activity: Sendable {
        case opening
        case migrating
        case reading
        case writing
        case closing

        /// The code for a failure that is not one of the classified SQLite result codes.
        var fallbackCode: Code {
            switch self {
            case .opening: .cannotOpen
            case .migrating: .migrationFailed
            case .reading: .readFailed
            case .writing, .closing: .writeFailed
            }
        }

        /// The activity as a phrase, e.g. "write to".
        var phrase: String {
            switch self {
            case .opening: "open"
            case .migrating: "upgrade the schema of"
            case .reading: "read from"
            case .writing: "write to"
            case .closing: "close"
            }
        }
    }

    /// Maps any error thrown while using the replica (or other SQLite store) at `path` to a
    /// ``StoreError``.
    ///
    /// SQLite's primary result code decides the code when it is one the caller can act on
    /// (`SQLITE_CANTOPEN`, `SQLITE_READONLY`, `SQLITE_BUSY`, `SQLITE_LOCKED`, `SQLITE_CORRUPT`,
    /// `SQLITE_NOTADB`, `SQLITE_FULL`); a stored value of the wrong type is ``Code/corrupt``;
    /// otherwise `activity` does. The message names the path only:
    /// SQLite's own message may quote the statement, so it stays in ``cause``.
    ///
    /// - Parameters:
    ///   - error: The error thrown (a `StoreError` passes through unchanged).
    ///   - activity: What the replica was doing.
    ///   - path: The replica's path, as given to `open`, or `:memory:`.
    ///   - kind: What the file is, for the message: `replica` or `server store`.
    static func mapping(_ error: any Error, while activity: Activity, path: String, kind: String = "replica") -> StoreError {
        if let error = error as? StoreError {
            return error
        }
        if error is RowDecodingError {
            return StoreError(
                code: .corrupt, message: "\(kind) \(path) is damaged: a stored value cannot be read", cause: error
            )
        }
        guard let database = error as? DatabaseError else {
            return StoreError(
                code: activity.fallbackCode, message: "could not \(activity.phrase) \(kind) \(path)", cause: error
            )
        }
        let (code, message): (Code, String) = switch database.resultCode {
        case .SQLITE_CANTOPEN:
            (.cannotOpen, "cannot open \(kind) \(path): the file or its folder cannot be opened or created")
        case .SQLITE_READONLY:
            (.readOnly, "\(kind) \(path) is read-only: it was opened read-only or the file cannot be written")
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            (.locked, "\(kind) \(path) is locked by another connection; try again when it is done")
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            (.corrupt, "\(kind) \(path) is not a database or is damaged")
        case .SQLITE_FULL:
            (.diskFull, "could not \(activity.phrase) \(kind) \(path): the disk is full")
        default:
            (activity.fallbackCode, "could not \(activity.phrase) \(kind) \(path) (SQLite result code \(database.resultCode.rawValue))")
        }
        return StoreError(code: code, message: message, cause: database)
    }
}

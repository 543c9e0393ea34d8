/// The one error type of `ParleyStore`: what went wrong with a replica or a server store, as a stable ``Code``, with a
/// message that is safe to show a user.
///
/// Messages name the replica's path (or the store) and what failed; they never quote SQL arguments
/// or record contents. The SQLite or Postgres error, when there is one, is kept in ``cause`` for
/// diagnostics. Two errors
/// are equal when their codes are equal.
public struct StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure this is; new codes can be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Wrapped: Hashable, Sendable {
            case cannotOpen
            case readOnly
            case locked
            case corrupt
            case diskFull
            case migrationFailed
            case writeFailed
            case readFailed
            case notFound
            case chainMoved
            case unavailable
            case erased
        }

        private let wrapped: Wrapped

        private init(_ wrapped: Wrapped) {
            self.wrapped = wrapped
        }

        /// The file or its folder cannot be opened or created (`SQLITE_CANTOPEN`); for Postgres, a
        /// malformed URL, an unknown database, or a user or password the server refuses.
        public static var cannotOpen: Self { Self(.cannotOpen) }

        /// A write was attempted on a replica opened read-only or on a file that cannot be written
        /// (`SQLITE_READONLY`).
        public static var readOnly: Self { Self(.readOnly) }

        /// Another connection holds a lock on the file longer than the busy timeout
        /// (`SQLITE_BUSY`, `SQLITE_LOCKED`).
        public static var locked: Self { Self(.locked) }

        /// The file is not an SQLite database, is damaged, or holds data a replica cannot hold
        /// (`SQLITE_CORRUPT`, `SQLITE_NOTADB`, stored bytes that no longer read as an envelope).
        public static var corrupt: Self { Self(.corrupt) }

        /// The disk or the file system is full (`SQLITE_FULL`).
        public static var diskFull: Self { Self(.diskFull) }

        /// The schema could not be brought up to date, or was written by a newer version.
        public static var migrationFailed: Self { Self(.migrationFailed) }

        /// A write failed for another reason; nothing of it was kept.
        public static var writeFailed: Self { Self(.writeFailed) }

        /// A read failed for another reason.
        public static var readFailed: Self { Self(.readFailed) }

        /// What was asked for is not in the replica (e.g. an exchange whose envelopes it lacks).
        public static var notFound: Self { Self(.notFound) }

        /// An author's chain head was not where the writer expected it: another process appended
        /// to the same chain meanwhile. Nothing was stored; sign again from the new head.
        public static var chainMoved: Self { Self(.chainMoved) }

        /// The database server cannot be reached, refused the connection or closed it, or the
        /// store has been shut down. Nothing was stored; try again later.
        public static var unavailable: Self { Self(.unavailable) }

        /// The exchange was erased by every participant and the server store dropped its sealed
        /// envelopes: it keeps no log to read or extend (``ServerStore/erase(_:keeping:)``).
        public static var erased: Self { Self(.erased) }

        /// The code's name, e.g. `locked`.
        public var description: String {
            switch wrapped {
            case .cannotOpen: "cannotOpen"
            case .readOnly: "readOnly"
            case .locked: "locked"
            case .corrupt: "corrupt"
            case .diskFull: "diskFull"
            case .migrationFailed: "migrationFailed"
            case .writeFailed: "writeFailed"
            case .readFailed: "readFailed"
            case .notFound: "notFound"
            case .chainMoved: "chainMoved"
            case .unavailable: "unavailable"
            case .erased: "erased"
            }
        }
    }

    /// Where in the source an error was thrown, for diagnostics.
    public struct Location: Hashable, Sendable, CustomStringConvertible {
        /// The function that threw.
        public var function: String
        /// The file that threw.
        public var file: String
        /// The line that threw.
        public var line: Int

        /// Records a source location; the defaults capture the caller's.
        public init(function: String = #function, file: String = #fileID, line: Int = #line) {
            self.function = function
            self.file = file
            self.line = line
        }

        /// `file:line`.
        public var description: String { "\(file):\(line)" }
    }

    /// The kind of failure.
    public var code: Code

    /// What went wrong, in words safe to show a user.
    public var message: String

    /// The error that caused this one (usually GRDB's `DatabaseError` or PostgresNIO's `PSQLError`),
    /// if any.
    public var cause: (any Error)?

    /// Where this error was thrown.
    public var location: Location

    /// Makes an error.
    ///
    /// - Parameters:
    ///   - code: The kind of failure.
    ///   - message: What went wrong; must not quote SQL arguments or record contents.
    ///   - cause: The underlying error, if any.
    ///   - function: The function that throws; defaults to the caller's.
    ///   - file: The file that throws; defaults to the caller's.
    ///   - line: The line that throws; defaults to the caller's.
    public init(
        code: Code,
        message: String,
        cause: (any Error)? = nil,
        function: String = #function,
        file: String = #fileID,
        line: Int = #line
    ) {
        self.code = code
        self.message = message
        self.cause = cause
        self.location = Location(function: function, file: file, line: line)
    }

    /// Compares codes only.
    public static func == (lhs: StoreError, rhs: StoreError) -> Bool {
        lhs.code == rhs.code
    }

    /// Hashes the code only, consistently with `==`.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
    }

    /// `StoreError(code): message`, with the cause's type when there is one.
    public var description: String {
        var text = "StoreError(\(code)): \(message)"
        if let cause {
            text += "; caused by \(String(describing: type(of: cause)))"
        }
        return text
    }
}

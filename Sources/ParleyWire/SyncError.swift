/// The one error type of `ParleySync`: what went wrong with a wire message, a signed request or a
/// bundle, as a stable ``Code``, with a message that is safe to show a user.
///
/// Messages say which rule was broken and where (a header's name, a line number); they never quote
/// key material or record contents. Two errors are equal when their codes are equal.
public struct SyncError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure this is; new codes can be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Wrapped: Hashable, Sendable {
            case malformedHeader
            case malformedMessage
            case malformedEnvelope
            case malformedBundle
            case unsupportedVersion
            case countMismatch
            case digestMismatch
            case wrongExchange
            case tooLarge
            case truncated
            case signingFailed
            case refused
            case unreachable
            case untrustedServer
            case storeFailed
        }

        private let wrapped: Wrapped

        private init(_ wrapped: Wrapped) {
            self.wrapped = wrapped
        }

        /// An HTTP header (`Content-Digest`, `Signature-Input`, `Signature`) breaks RFC 8941, RFC 9421
        /// or RFC 9530, or lacks what the protocol requires of it.
        public static var malformedHeader: Self { Self(.malformedHeader) }

        /// A wire message (a JSON body or one NDJSON line) is not the JSON the protocol specifies.
        public static var malformedMessage: Self { Self(.malformedMessage) }

        /// A line that must hold a signed envelope does not.
        public static var malformedEnvelope: Self { Self(.malformedEnvelope) }

        /// A bundle's header or end line is missing, misplaced or not of the specified shape.
        public static var malformedBundle: Self { Self(.malformedBundle) }

        /// A bundle or server speaks a protocol version this code does not.
        public static var unsupportedVersion: Self { Self(.unsupportedVersion) }

        /// The number of envelopes differs from the count a header or end line announces.
        public static var countMismatch: Self { Self(.countMismatch) }

        /// Bytes do not hash to the digest that was announced for them.
        public static var digestMismatch: Self { Self(.digestMismatch) }

        /// An envelope belongs to another exchange than the one it travels with.
        public static var wrongExchange: Self { Self(.wrongExchange) }

        /// A line, body or count exceeds a limit.
        public static var tooLarge: Self { Self(.tooLarge) }

        /// A stream or file ended before its end line, or in the middle of a line.
        public static var truncated: Self { Self(.truncated) }

        /// The signing key could not sign (libcrypto failed).
        public static var signingFailed: Self { Self(.signingFailed) }

        /// The server refused the request; ``SyncError/refusal`` holds its wire code.
        public static var refused: Self { Self(.refused) }

        /// The server could not be reached, or the connection failed before a response.
        public static var unreachable: Self { Self(.unreachable) }

        /// The server is not the one pinned, or its checkpoints do not extend those it showed
        /// before: it may be showing different histories to different parties.
        public static var untrustedServer: Self { Self(.untrustedServer) }

        /// The local replica could not be read or written.
        public static var storeFailed: Self { Self(.storeFailed) }

        /// The code's name, e.g. `tooLarge`.
        public var description: String {
            switch wrapped {
            case .malformedHeader: "malformedHeader"
            case .malformedMessage: "malformedMessage"
            case .malformedEnvelope: "malformedEnvelope"
            case .malformedBundle: "malformedBundle"
            case .unsupportedVersion: "unsupportedVersion"
            case .countMismatch: "countMismatch"
            case .digestMismatch: "digestMismatch"
            case .wrongExchange: "wrongExchange"
            case .tooLarge: "tooLarge"
            case .truncated: "truncated"
            case .refused: "refused"
            case .unreachable: "unreachable"
            case .untrustedServer: "untrustedServer"
            case .storeFailed: "storeFailed"
            case .signingFailed: "signingFailed"
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

    /// The error that caused this one (e.g. a `LogError` or a `DecodingError`), if any.
    public var cause: (any Error)?

    /// Where this error was thrown.
    public var location: Location

    /// The server's wire code, for ``Code/refused``.
    public var refusal: WireErrorCode?

    /// Makes an error.
    ///
    /// - Parameters:
    ///   - code: The kind of failure.
    ///   - message: What went wrong; must not quote key material or record contents.
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
    public static func == (lhs: SyncError, rhs: SyncError) -> Bool {
        lhs.code == rhs.code
    }

    /// Hashes the code only, consistently with `==`.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
    }

    /// `SyncError(code): message`, with the cause's type when there is one.
    public var description: String {
        var text = "SyncError(\(code)): \(message)"
        if let cause {
            text += "; caused by \(String(describing: type(of: cause)))"
        }
        return text
    }
}

extension SyncError {
    /// The server's refusal of a request, with its wire code and message.
    ///
    /// - Parameters:
    ///   - refusal: The server's code.
    ///   - message: The server's message.
    ///   - server: The server's URL, named in the message.
    public init(refusal: WireErrorCode, message: String, server: String, file: String = #fileID, line: Int = #line) {
        self.init(code: .refused, message: "\(server) refused: \(message) (\(refusal))", file: file, line: line)
        self.refusal = refusal
    }
}

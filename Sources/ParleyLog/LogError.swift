/// The one error type of `ParleyLog`: what went wrong, as a stable ``Code``, with a message
/// that is safe to show a user.
///
/// Messages never quote the input (it may hold record contents); they say what rule was broken
/// and, for parse errors, at which byte. Two errors are equal when their codes are equal.
public struct LogError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure this is; new codes can be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Wrapped: Hashable, Sendable {
            case malformedJSON
            case invalidUnicode
            case duplicateMemberName
            case numberOutOfRange
            case nestingTooDeep
            case unencodableValue
            case malformedEnvelope
            case invalidOperation
            case signingFailed
            case malformedCheckpoint
            case malformedEvidence
            case noMatch
            case ambiguousID
        }

        private let wrapped: Wrapped

        private init(_ wrapped: Wrapped) {
            self.wrapped = wrapped
        }

        /// The bytes are not JSON text (RFC 8259 grammar), or have trailing data after the value.
        public static var malformedJSON: Self { Self(.malformedJSON) }

        /// Invalid UTF-8, a lone surrogate, or a Unicode noncharacter (forbidden by I-JSON).
        public static var invalidUnicode: Self { Self(.invalidUnicode) }

        /// An object has two members with the same name (forbidden by I-JSON).
        public static var duplicateMemberName: Self { Self(.duplicateMemberName) }

        /// A number is not a finite IEEE-754 double (too large, NaN or infinite).
        public static var numberOutOfRange: Self { Self(.numberOutOfRange) }

        /// Arrays and objects are nested deeper than the allowed limit.
        public static var nestingTooDeep: Self { Self(.nestingTooDeep) }

        /// A Swift value could not be encoded as JSON.
        public static var unencodableValue: Self { Self(.unencodableValue) }

        /// Envelope bytes are JSON but not a well-formed Parley envelope (a missing or unknown member,
        /// a wrong type, an unknown operation, or not in canonical form).
        public static var malformedEnvelope: Self { Self(.malformedEnvelope) }

        /// An operation to sign breaks a rule of its body (e.g. an entry id with a forbidden
        /// character, or a creator who is not among the participants).
        public static var invalidOperation: Self { Self(.invalidOperation) }

        /// The signing key could not sign (libcrypto failed).
        public static var signingFailed: Self { Self(.signingFailed) }

        /// Checkpoint bytes are JSON but not a well-formed Parley checkpoint (a missing or unknown
        /// member, a wrong type, hex that is not lowercase or of the wrong length, or not in
        /// canonical form).
        public static var malformedCheckpoint: Self { Self(.malformedCheckpoint) }

        /// An evidence file (a split view or an equivocation) is not of the specified form.
        public static var malformedEvidence: Self { Self(.malformedEvidence) }

        /// What a person typed for an id (a hash, or a prefix of one) names nothing, or is not an
        /// id at all (see ``IDPrefix``).
        public static var noMatch: Self { Self(.noMatch) }

        /// A prefix a person typed names more than one thing (the message lists them).
        public static var ambiguousID: Self { Self(.ambiguousID) }

        /// The code's name, e.g. `malformedJSON`.
        public var description: String {
            switch wrapped {
            case .malformedJSON: "malformedJSON"
            case .invalidUnicode: "invalidUnicode"
            case .duplicateMemberName: "duplicateMemberName"
            case .numberOutOfRange: "numberOutOfRange"
            case .nestingTooDeep: "nestingTooDeep"
            case .unencodableValue: "unencodableValue"
            case .malformedEnvelope: "malformedEnvelope"
            case .invalidOperation: "invalidOperation"
            case .signingFailed: "signingFailed"
            case .malformedCheckpoint: "malformedCheckpoint"
            case .malformedEvidence: "malformedEvidence"
            case .noMatch: "noMatch"
            case .ambiguousID: "ambiguousID"
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

    /// The offset into the input bytes where the problem was found, for parse errors.
    public var byteOffset: Int?

    /// The error that caused this one, if any.
    public var cause: (any Error)?

    /// Where this error was thrown.
    public var location: Location

    /// Makes an error.
    ///
    /// - Parameters:
    ///   - code: The kind of failure.
    ///   - message: What went wrong; must not quote record contents.
    ///   - byteOffset: Where in the input the problem was found, if it came from bytes.
    ///   - cause: The underlying error, if any.
    ///   - function: The function that throws; defaults to the caller's.
    ///   - file: The file that throws; defaults to the caller's.
    ///   - line: The line that throws; defaults to the caller's.
    public init(
        code: Code,
        message: String,
        byteOffset: Int? = nil,
        cause: (any Error)? = nil,
        function: String = #function,
        file: String = #fileID,
        line: Int = #line
    ) {
        self.code = code
        self.message = message
        self.byteOffset = byteOffset
        self.cause = cause
        self.location = Location(function: function, file: file, line: line)
    }

    /// Compares codes only.
    public static func == (lhs: LogError, rhs: LogError) -> Bool {
        lhs.code == rhs.code
    }

    /// Hashes the code only, consistently with `==`.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
    }

    /// `LogError(code: …, message: …, at byte …)`, with the cause when there is one.
    public var description: String {
        var text = "LogError(\(code)): \(message)"
        if let byteOffset {
            text += " (at byte \(byteOffset))"
        }
        if let cause {
            text += "; caused by \(String(describing: type(of: cause)))"
        }
        return text
    }
}

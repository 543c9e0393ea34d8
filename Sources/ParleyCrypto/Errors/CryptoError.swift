/// The one error type of ParleyCrypto.
///
/// Its ``message`` is safe to show a user: it never holds key material. Two errors are equal when
/// their codes are, whatever the message, path or place they were thrown from.
public struct CryptoError: Error, CustomStringConvertible, Hashable {
    /// What went wrong, as a value to branch on.
    ///
    /// A struct over a private enum, so codes can be added without breaking a `switch`.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case invalidKey
            case openSSL
            case keyFileMissing
            case keyFilePermissions
            case keyFileUnreadable
            case keyFileExists
            case keyFileWriteFailed
            case invalidFingerprint
            case authenticationFailed
            case malformedCiphertext
            case invalidParameter
            case messageLimitReached
        }

        private let base: Base

        private init(_ base: Base) {
            self.base = base
        }

        /// Bytes or text that are not an Ed25519 key of the expected form (wrong length, bad PEM,
        /// another key type, a key file holding something else).
        public static let invalidKey = Code(.invalidKey)
        /// libcrypto failed in a way no input explains; the message carries OpenSSL's reason.
        public static let openSSL = Code(.openSSL)
        /// No key file at the path.
        public static let keyFileMissing = Code(.keyFileMissing)
        /// The key file may be read or written by group or others.
        public static let keyFilePermissions = Code(.keyFilePermissions)
        /// The key file exists but cannot be read (access denied, not a regular file, I/O error).
        public static let keyFileUnreadable = Code(.keyFileUnreadable)
        /// A key file is already at the path and was not to be replaced.
        public static let keyFileExists = Code(.keyFileExists)
        /// The key file could not be written.
        public static let keyFileWriteFailed = Code(.keyFileWriteFailed)
        /// A fingerprint that does not parse: wrong length, a character not used in fingerprints,
        /// or a check character that does not match (a mistyped character).
        public static let invalidFingerprint = Code(.invalidFingerprint)
        /// Sealed bytes that do not authenticate under the key, nonce and associated data given:
        /// a bit of the ciphertext, its tag or the associated data was changed, or the key is not
        /// the one it was sealed with. Nothing of the plaintext is released.
        public static let authenticationFailed = Code(.authenticationFailed)
        /// Sealed bytes of the wrong form before any key is tried: too short to hold a nonce and
        /// a tag, an unknown format or algorithm id, a key share of the wrong length.
        public static let malformedCiphertext = Code(.malformedCiphertext)
        /// A parameter of the wrong size for its algorithm: an AEAD key or nonce, an HKDF output
        /// longer than 255 hash lengths, an input beyond what libcrypto accepts.
        public static let invalidParameter = Code(.invalidParameter)
        /// An HPKE context has sealed or opened as many messages as its nonces allow; make a new one.
        public static let messageLimitReached = Code(.messageLimitReached)

        /// The code's name, e.g. `keyFileMissing`.
        public var description: String { base.rawValue }
    }

    /// What went wrong.
    public var code: Code
    /// One sentence safe to show a user; it never contains key material.
    public var message: String
    /// The file the error is about, if any.
    public var path: String?
    /// The source file (`#fileID`) where the error was made.
    public var file: String
    /// The source line where the error was made.
    public var line: Int

    /// Makes an error.
    ///
    /// - Parameters:
    ///   - code: What went wrong.
    ///   - message: A sentence safe to show a user, without key material.
    ///   - path: The file the error is about, if any.
    ///   - file: Where the error was made; leave the default.
    ///   - line: Where the error was made; leave the default.
    public init(
        code: Code,
        message: String,
        path: String? = nil,
        file: String = #fileID,
        line: Int = #line
    ) {
        self.code = code
        self.message = message
        self.path = path
        self.file = file
        self.line = line
    }

    /// The message, prefixed by the code: `keyFileMissing: no key file at /x/key.pem`.
    public var description: String { "\(code): \(message)" }

    /// Compares codes only.
    public static func == (lhs: CryptoError, rhs: CryptoError) -> Bool {
        lhs.code == rhs.code
    }

    /// Hashes the code only, to agree with `==`.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
    }
}

public import ParleyCrypto

/// An error response body: `{"error":{"code":"<snake_case>","message":"…", …extra}}`.
///
/// Envelope errors add `index` (the 0-based line of the push body) and, where known, `author` and
/// `seq`.
public struct ErrorBody: Codable, Hashable, Sendable {
    /// The `error` member.
    public struct Detail: Codable, Hashable, Sendable {
        /// The code.
        public var code: WireErrorCode
        /// A message safe to show a user.
        public var message: String
        /// The 0-based line of the push body the error is about, if any.
        public var index: Int?
        /// The author of the envelope the error is about, if known.
        public var author: KeyID?
        /// The `seq` of the envelope the error is about, if known.
        public var seq: Int?

        /// An error detail.
        public init(code: WireErrorCode, message: String, index: Int? = nil, author: KeyID? = nil, seq: Int? = nil) {
            self.code = code
            self.message = message
            self.index = index
            self.author = author
            self.seq = seq
        }
    }

    /// The error.
    public var error: Detail

    /// An error body.
    public init(_ error: Detail) {
        self.error = error
    }

    /// An error body from its parts.
    public init(code: WireErrorCode, message: String, index: Int? = nil, author: KeyID? = nil, seq: Int? = nil) {
        self.error = Detail(code: code, message: message, index: index, author: author, seq: seq)
    }
}

import ParleyCrypto
/// The id of an envelope: the SHA-256 of its canonical bytes, written as 64 lowercase hex digits.
///
/// Ids order by their bytes, which is also the order of their hex forms.
public struct EnvelopeID: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    // The digest as four words, not its hex text: every verifier, fold and store keys tables by
    // ids, and a word-sized id is hashed, compared and copied without touching the heap.
    private let words: DigestWords

    /// An id from its hex form.
    ///
    /// - Parameter hex: Exactly 64 lowercase hex digits.
    /// - Returns: `nil` for any other text, so each id has one spelling.
    public init?(hex: String) {
        guard let words = DigestWords(hex: hex) else { return nil }
        self.words = words
    }

    /// The id of a 32-byte digest.
    init(digest: [UInt8]) {
        guard let id = EnvelopeID(bytes: digest) else { preconditionFailure("an envelope id is a SHA-256 digest") }
        self = id
    }

    /// An id from its 32 raw bytes, as the server stores keep it.
    ///
    /// - Parameter bytes: The SHA-256 digest.
    /// - Returns: `nil` unless `bytes` has exactly 32 bytes.
    package init?(bytes: some Collection<UInt8>) {
        guard let words = DigestWords(bytes: bytes) else { return nil }
        self.words = words
    }

    /// The 64 lowercase hex digits.
    public var hex: String { words.hex }

    /// The 32 bytes.
    public var bytes: [UInt8] { words.bytes }

    /// The hex form.
    public var description: String { hex }

    /// Orders ids by their bytes.
    public static func < (lhs: EnvelopeID, rhs: EnvelopeID) -> Bool {
        lhs.words < rhs.words
    }

    /// Decodes the hex form.
    ///
    /// - Throws: `DecodingError.dataCorrupted` unless the string is 64 lowercase hex digits.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let id = EnvelopeID(hex: try container.decode(String.self)) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "an id is 64 lowercase hex digits")
        }
        self = id
    }

    /// Encodes the hex form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }
}

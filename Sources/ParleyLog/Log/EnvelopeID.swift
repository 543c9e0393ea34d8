import ParleyCrypto
/// The id of an envelope: the SHA-256 of its canonical bytes, written as 64 lowercase hex digits.
///
/// Ids order by their bytes, which is also the order of their hex forms.
public struct EnvelopeID: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    /// The 64 lowercase hex digits.
    public let hex: String

    /// An id from its hex form.
    ///
    /// - Parameter hex: Exactly 64 lowercase hex digits.
    /// - Returns: `nil` for any other text, so each id has one spelling.
    public init?(hex: String) {
        guard Hex.decode(hex, count: 32) != nil else { return nil }
        self.hex = hex
    }

    /// The id of a 32-byte digest.
    init(digest: [UInt8]) {
        precondition(digest.count == 32, "an envelope id is a SHA-256 digest")
        self.hex = Hex.encode(digest)
    }

    /// The 32 bytes.
    public var bytes: [UInt8] { Hex.decode(hex)! }

    /// The hex form.
    public var description: String { hex }

    /// Orders ids by their bytes.
    public static func < (lhs: EnvelopeID, rhs: EnvelopeID) -> Bool {
        lhs.hex.utf8.lexicographicallyPrecedes(rhs.hex.utf8)
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

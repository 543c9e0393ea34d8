/// The id of a party's key: the SHA-256 of its raw 32-byte Ed25519 public key.
///
/// Written as 64 lowercase hex digits (its ``hex``, its `description` and its `Codable` form), or
/// for reading aloud as a ``Fingerprint``. Ids order by their bytes, which is also the order of their
/// hex forms.
public struct KeyID: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    /// Bytes in a key id.
    public static let byteCount = 32

    // The 32 bytes as four words: no heap allocation, cheap hashing, ordered as the bytes.
    private let words: DigestWords

    /// A key id from its 32 bytes.
    ///
    /// - Parameter bytes: The SHA-256 digest of a public key.
    /// - Returns: `nil` unless `bytes` has exactly 32 bytes.
    public init?(bytes: some Collection<UInt8>) {
        guard let words = DigestWords(bytes: bytes) else { return nil }
        self.words = words
    }

    /// The key id of a raw 32-byte public key: its SHA-256 digest.
    ///
    /// - Parameter rawPublicKey: The public key's raw bytes.
    init(hashing rawPublicKey: [UInt8]) {
        self.init(bytes: SHA256.hash(rawPublicKey))!
    }

    /// A key id from its hex form.
    ///
    /// - Parameter hex: Exactly 64 lowercase hex digits, as ``hex`` writes them.
    /// - Returns: `nil` for any other text (upper case included, so each id has one spelling).
    public init?(hex: String) {
        guard let words = DigestWords(hex: hex) else { return nil }
        self.words = words
    }

    /// The 32 bytes.
    public var bytes: [UInt8] { words.bytes }

    /// The 64 lowercase hex digits.
    public var hex: String { words.hex }

    /// The id written for reading aloud and checking by hand.
    public var fingerprint: Fingerprint { Fingerprint(self) }

    /// The hex form.
    public var description: String { hex }

    /// Orders ids by their bytes.
    public static func < (lhs: KeyID, rhs: KeyID) -> Bool {
        lhs.words < rhs.words
    }

    /// Decodes the hex form (64 lowercase hex digits).
    ///
    /// - Throws: `DecodingError.dataCorrupted` for any other string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let id = KeyID(hex: text) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "a key id is 64 lowercase hex digits"
            )
        }
        self = id
    }

    /// Encodes the hex form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }
}

public import ParleyCrypto
public import ParleyLog

/// The chain head of each author, as the wire writes it: `{"<author hex>": {"seq": n, "id": hex}}`.
public struct ChainHeads: Hashable, Sendable, Codable, ExpressibleByDictionaryLiteral {
    /// The heads by author.
    public var heads: [KeyID: ChainHead]

    /// Heads by author.
    public init(_ heads: [KeyID: ChainHead] = [:]) {
        self.heads = heads
    }

    /// Heads from a literal.
    public init(dictionaryLiteral elements: (KeyID, ChainHead)...) {
        self.heads = Dictionary(uniqueKeysWithValues: elements)
    }

    /// The head of `author`, if it has written.
    public subscript(author: KeyID) -> ChainHead? {
        get { heads[author] }
        set { heads[author] = newValue }
    }

    /// Decodes an object keyed by author hex.
    ///
    /// - Throws: `DecodingError.dataCorrupted` if a key is not 64 lowercase hex digits or a `seq`
    ///   is below 1.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode([String: ChainHead].self)
        var heads: [KeyID: ChainHead] = [:]
        for (hex, head) in raw {
            guard let author = KeyID(hex: hex) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "a head's author is 64 lowercase hex digits")
            }
            guard head.seq >= 1 else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "a head's seq is at least 1")
            }
            heads[author] = head
        }
        self.heads = heads
    }

    /// Encodes an object keyed by author hex.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Dictionary(uniqueKeysWithValues: heads.map { ($0.key.hex, $0.value) }))
    }
}

/// `POST /v1/exchanges/{id}/envelopes`: what the push added.
///
/// `{"accepted": a, "duplicates": d, "size": N, "heads": {…}}`
public struct PushResponse: Codable, Hashable, Sendable {
    /// Envelopes appended by this push.
    public var accepted: Int
    /// Envelopes the server already held.
    public var duplicates: Int
    /// The server log's size after the push.
    public var size: Int
    /// Each author's head after the push.
    public var heads: ChainHeads

    /// Names the parts.
    public init(accepted: Int, duplicates: Int, size: Int, heads: ChainHeads) {
        self.accepted = accepted
        self.duplicates = duplicates
        self.size = size
        self.heads = heads
    }

    enum CodingKeys: String, CodingKey {
        case accepted, duplicates, size, heads
    }

    /// Decodes the response.
    ///
    /// - Throws: `DecodingError` for a missing member, a wrong type or a negative count.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.accepted = try container.decodeCount(forKey: .accepted)
        self.duplicates = try container.decodeCount(forKey: .duplicates)
        self.size = try container.decodeCount(forKey: .size)
        self.heads = try container.decode(ChainHeads.self, forKey: .heads)
    }
}

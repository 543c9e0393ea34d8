public import ParleyLog

/// `POST /v1/exchanges/{id}/envelopes`: what the push added.
///
/// `{"accepted": a, "duplicates": d, "size": N, "heads": {…}, "checkpoint": <SignedCheckpoint>,
/// "consistency": [hex…]}`: the checkpoint is of the log after the push, and the consistency proof
/// runs from the size the push named (`?checkpoint=M`), so the client can record its own
/// pushes in its checkpoint ledger without another round trip.
public struct PushResponse: Codable, Hashable, Sendable {
    /// Envelopes appended by this push.
    public var accepted: Int
    /// Envelopes the server already held.
    public var duplicates: Int
    /// The server log's size after the push.
    public var size: Int
    /// Each author's head after the push.
    public var heads: ChainHeads
    /// The server's signed checkpoint of the log after the push.
    public var checkpoint: JSONValue
    /// The consistency proof (hex digests) from the size named in the request to ``size``.
    public var consistency: [String]

    /// Names the parts.
    public init(accepted: Int, duplicates: Int, size: Int, heads: ChainHeads, checkpoint: JSONValue, consistency: [String]) {
        self.accepted = accepted
        self.duplicates = duplicates
        self.size = size
        self.heads = heads
        self.checkpoint = checkpoint
        self.consistency = consistency
    }

    enum CodingKeys: String, CodingKey {
        case accepted, duplicates, size, heads, checkpoint, consistency
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
        self.checkpoint = try container.decode(JSONValue.self, forKey: .checkpoint)
        self.consistency = try container.decode([String].self, forKey: .consistency)
    }
}

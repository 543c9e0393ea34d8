public import ParleyLog

/// The first line of a pull stream.
///
/// `{"size": N, "heads": {…}, "count": k, "checkpoint": <SignedCheckpoint>, "consistency": [hex…]}`:
/// `count` envelope lines follow, then a ``PullEnd`` line. `consistency` proves the checkpoint at
/// `size` extends the client's (empty when the client had none or the sizes are equal).
public struct PullHeader: Codable, Hashable, Sendable {
    /// The server log's size the stream is cut at.
    public var size: Int
    /// Each author's head at `size`.
    public var heads: ChainHeads
    /// How many envelope lines follow.
    public var count: Int
    /// The server's signed checkpoint at `size` (a `SignedCheckpoint` object).
    public var checkpoint: JSONValue
    /// The consistency proof from the client's checkpoint to `size`, as lowercase hex hashes.
    public var consistency: [String]

    /// Names the parts.
    public init(size: Int, heads: ChainHeads, count: Int, checkpoint: JSONValue, consistency: [String]) {
        self.size = size
        self.heads = heads
        self.count = count
        self.checkpoint = checkpoint
        self.consistency = consistency
    }

    enum CodingKeys: String, CodingKey {
        case size, heads, count, checkpoint, consistency
    }

    /// Decodes the line.
    ///
    /// - Throws: `DecodingError` for a missing member, a wrong type, a negative number or a hash
    ///   that is not 64 lowercase hex digits.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.size = try container.decodeCount(forKey: .size)
        self.heads = try container.decode(ChainHeads.self, forKey: .heads)
        self.count = try container.decodeCount(forKey: .count)
        self.checkpoint = try container.decode(JSONValue.self, forKey: .checkpoint)
        self.consistency = try container.decodeHashes(forKey: .consistency)
    }
}

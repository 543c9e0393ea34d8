public import ParleyLog

/// `GET /v1/exchanges/{id}/checkpoint?from=M`: the latest checkpoint and a consistency proof from
/// size `M`. `{"checkpoint": <SignedCheckpoint>, "consistency": [hex…]}`
public struct CheckpointResponse: Codable, Hashable, Sendable {
    /// The server's latest signed checkpoint (a `SignedCheckpoint` object).
    public var checkpoint: JSONValue
    /// The consistency proof from `M` to the checkpoint's size, as lowercase hex hashes.
    public var consistency: [String]

    /// Names the parts.
    public init(checkpoint: JSONValue, consistency: [String]) {
        self.checkpoint = checkpoint
        self.consistency = consistency
    }

    enum CodingKeys: String, CodingKey {
        case checkpoint, consistency
    }

    /// Decodes the response.
    ///
    /// - Throws: `DecodingError` for a missing member or a hash that is not 64 lowercase hex digits.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.checkpoint = try container.decode(JSONValue.self, forKey: .checkpoint)
        self.consistency = try container.decodeHashes(forKey: .consistency)
    }
}

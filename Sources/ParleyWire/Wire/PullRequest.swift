public import ParleyCrypto

/// `POST /v1/exchanges/{id}/pull` body: what the client has.
///
/// `{"have": {"<author hex>": seq, …}, "checkpoint": M|null}`; `checkpoint` is the size of the
/// last checkpoint the client verified, for a consistency proof from it.
public struct PullRequest: Codable, Hashable, Sendable {
    /// The last `seq` the client holds of each author.
    public var have: [KeyID: Int]
    /// The size of the client's last verified checkpoint, if any.
    public var checkpoint: Int?

    /// Names the parts.
    public init(have: [KeyID: Int], checkpoint: Int?) {
        self.have = have
        self.checkpoint = checkpoint
    }

    enum CodingKeys: String, CodingKey {
        case have, checkpoint
    }

    /// Decodes the body; a missing `checkpoint` reads as `null`.
    ///
    /// - Throws: `DecodingError` for a key that is not a key id, a negative seq or size.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        var have: [KeyID: Int] = [:]
        for (hex, seq) in try container.decode([String: Int].self, forKey: .have) {
            guard let author = KeyID(hex: hex), seq >= 0 else {
                throw DecodingError.dataCorruptedError(
                    forKey: .have, in: container, debugDescription: "`have` maps author hex to a seq ≥ 0"
                )
            }
            have[author] = seq
        }
        self.have = have
        self.checkpoint = try container.decodeIfPresent(Int.self, forKey: .checkpoint)
        if let checkpoint, checkpoint < 0 {
            throw DecodingError.dataCorruptedError(
                forKey: .checkpoint, in: container, debugDescription: "must not be negative"
            )
        }
    }

    /// Encodes the body, with `"checkpoint": null` when there is none.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Dictionary(uniqueKeysWithValues: have.map { ($0.key.hex, $0.value) }), forKey: .have)
        try container.encode(checkpoint, forKey: .checkpoint)
    }
}

public import ParleyLog

/// `GET /v1/exchanges/{id}/heads`: the server log's size, each author's head and the latest
/// checkpoint.
///
/// `{"exchange": hex, "size": N, "heads": {"<author hex>": {"seq": n, "id": hex}}, "checkpoint": <SignedCheckpoint>}`
public struct HeadsResponse: Codable, Hashable, Sendable {
    /// The exchange.
    public var exchange: ExchangeID
    /// How many envelopes the server log holds.
    public var size: Int
    /// Each author's head.
    public var heads: ChainHeads
    /// The server's signed checkpoint of the log at `size` (a `SignedCheckpoint` object).
    public var checkpoint: JSONValue

    /// Names the parts.
    public init(exchange: ExchangeID, size: Int, heads: ChainHeads, checkpoint: JSONValue) {
        self.exchange = exchange
        self.size = size
        self.heads = heads
        self.checkpoint = checkpoint
    }

    enum CodingKeys: String, CodingKey {
        case exchange, size, heads, checkpoint
    }

    /// Decodes the response.
    ///
    /// - Throws: `DecodingError` for a missing member, a wrong type or a negative size.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.exchange = try container.decode(ExchangeID.self, forKey: .exchange)
        self.size = try container.decodeCount(forKey: .size)
        self.heads = try container.decode(ChainHeads.self, forKey: .heads)
        self.checkpoint = try container.decode(JSONValue.self, forKey: .checkpoint)
    }
}

public import ParleyLog

/// What a replica holds of an exchange, as a file another party exports a bundle against
/// (`parley bundle heads`, then `parley bundle export --since FILE`):
/// `{"exchange": hex, "heads": {author hex: {"seq": n, "id": hex}}}`.
public struct HeadsFile: Codable, Hashable, Sendable {
    /// The exchange.
    public var exchange: ExchangeID
    /// Every author's last envelope the replica holds.
    public var heads: ChainHeads

    /// Describes a replica's heads.
    public init(exchange: ExchangeID, heads: ChainHeads) {
        self.exchange = exchange
        self.heads = heads
    }
}

/// Which party to the exchange a participant belongs to.
public enum Side: String, Sendable, Hashable, Codable, CaseIterable {
    /// One side of the exchange.
    case a = "A"
    /// The other side of the exchange.
    case b = "B"
    /// Neither side: the mediator's.
    case neutral
}

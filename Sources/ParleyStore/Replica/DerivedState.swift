/// What the replica's derived tables say about an exchange, and whether they are up to date.
public struct DerivedState: Hashable, Sendable {
    /// The exchange's title.
    public let title: String
    /// The state hash when the tables were last rebuilt.
    public let stateHash: String
    /// How many list entries the tables hold.
    public let entryCount: Int
    /// Whether envelopes of the exchange arrived after the last rebuild.
    public let isStale: Bool

    /// Describes derived tables.
    public init(title: String, stateHash: String, entryCount: Int, isStale: Bool) {
        self.title = title
        self.stateHash = stateHash
        self.entryCount = entryCount
        self.isStale = isStale
    }
}

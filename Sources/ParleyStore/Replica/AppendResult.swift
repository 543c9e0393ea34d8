/// What ``Replica/append(_:)`` did with a batch.
public struct AppendResult: Hashable, Sendable {
    /// How many envelopes were new and are now stored.
    public var added: Int
    /// How many were already stored (or came twice in the batch), and were left as they were.
    public var alreadyPresent: Int

    /// Describes an append.
    public init(added: Int, alreadyPresent: Int) {
        self.added = added
        self.alreadyPresent = alreadyPresent
    }
}

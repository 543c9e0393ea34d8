/// The last envelope of an author's chain in an exchange: where the next one attaches.
public struct ChainHead: Hashable, Sendable, Codable {
    /// The last envelope's `seq`.
    public var seq: Int
    /// The last envelope's id: the next envelope's `prev`.
    public var id: EnvelopeID

    /// Names a chain head.
    public init(seq: Int, id: EnvelopeID) {
        self.seq = seq
        self.id = id
    }
}

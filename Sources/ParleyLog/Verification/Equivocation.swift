public import ParleyCrypto

/// Proof that an author signed two or more different envelopes at the same `seq` of one exchange.
///
/// Every envelope involved is kept, since together they are the proof. The author's chain is
/// folded into the state only up to `seq - 1`: neither branch is applied.
public struct Equivocation: Hashable, Sendable {
    /// The author who forked its chain.
    public let author: KeyID
    /// The `seq` at which it did.
    public let seq: Int
    /// The conflicting envelopes (each valid on its own), ordered by id.
    public let envelopes: [SignedEnvelope]

    /// Records a fork.
    init(author: KeyID, seq: Int, envelopes: [SignedEnvelope]) {
        self.author = author
        self.seq = seq
        self.envelopes = envelopes.sorted { $0.id < $1.id }
    }

    /// The conflicting envelopes' ids, in order.
    public var ids: [EnvelopeID] { envelopes.map(\.id) }
}

public import ParleyCrypto
public import ParleyLog

/// An exchange's state as the replica keeps it, updated in the transaction of every append that
/// goes through the party's commit path, so that opening an exchange reads it instead of
/// verifying and folding the whole log again.
///
/// **What is kept, and why.** The list entries are rows of the `entry` table (one per entry,
/// put or deleted as the batch touches it: a change of k entries writes k rows, whatever the size
/// of the lists); every other operation in force (hand decisions, disputes, attestations,
/// confirmations, terms, proposals, signatures: few, next to the entries) is kept as the id of
/// its envelope in `kept_fact`, and re-applied from the stored envelope on reading; the chain
/// heads are rows of `kept_head`, the authors whose chain forks are rows of `kept_frozen`, and
/// the state hash is kept with the arrival position (`through`) it describes. A reader thus
/// reads n entry rows and a few envelopes, and checks no signature; a command that needs one
/// entry reads one row.
///
/// The kept state is a cache of what ``Verifier`` folds from the stored envelopes, never
/// evidence: `parley verify` folds the whole log again and compares. When envelopes were
/// appended without it (``through`` behind the log), the replica reports no kept state, and the
/// party folds from scratch and keeps the result.
public struct KeptState: Sendable {
    /// The state.
    public let state: ExchangeState
    /// The state hash stored with it (`parley verify` compares it with ``state``'s own hash and
    /// with the one it folds).
    public let stateHash: String
    /// Each author's chain head: where the next envelope of that author attaches.
    public let heads: [KeyID: ChainHead]
    /// The authors whose chain forks: the state holds their envelopes up to the fork only.
    public let frozen: Set<KeyID>
    /// Whether ``state`` holds every list entry (`false`: read without them, or with only some;
    /// a batch folded onto such a state gets its hash from the kept rows with its puts and
    /// removes merged in: ``Replica/stateHash(of:replacing:)``).
    public let isComplete: Bool

    /// Describes a kept state.
    public init(state: ExchangeState, stateHash: String, heads: [KeyID: ChainHead], frozen: Set<KeyID>, isComplete: Bool = true) {
        self.state = state
        self.stateHash = stateHash
        self.heads = heads
        self.frozen = frozen
        self.isComplete = isComplete
    }
}

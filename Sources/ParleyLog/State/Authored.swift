public import ParleyCrypto

/// An operation's body as the fold recorded it: with its author, place in the author's chain,
/// envelope id and the author's clock.
public struct Authored<Body: Hashable & Sendable>: Hashable, Sendable {
    /// Who wrote it.
    public let author: KeyID
    /// Its `seq` in the author's chain.
    public let seq: Int
    /// The envelope's id.
    public let envelope: EnvelopeID
    /// The author's clock (informative only).
    public let timestamp: Timestamp
    /// The body.
    public let body: Body

    /// Records a body.
    public init(author: KeyID, seq: Int, envelope: EnvelopeID, timestamp: Timestamp, body: Body) {
        self.author = author
        self.seq = seq
        self.envelope = envelope
        self.timestamp = timestamp
        self.body = body
    }

    /// Orders by author key id, then seq: the canonical order of facts in the state.
    static func canonicalOrder(_ lhs: Self, _ rhs: Self) -> Bool {
        lhs.author != rhs.author ? lhs.author < rhs.author : lhs.seq < rhs.seq
    }
}

/// A hand decision on a pair: the pair and whether it is the same person.
public struct MatchDecision: Hashable, Sendable {
    /// The pair decided.
    public let pair: MatchPair
    /// `true` for `match.assert`, `false` for `match.reject`.
    public let same: Bool

    /// Records a decision.
    public init(pair: MatchPair, same: Bool) {
        self.pair = pair
        self.same = same
    }
}

/// Where a hand decision sits in the state: one per author and pair.
public struct MatchDecisionKey: Hashable, Sendable {
    /// The decider.
    public let author: KeyID
    /// The requested entry.
    public let request: EntryRef
    /// The released entry.
    public let release: EntryRef
}

/// Where a confirmation sits in the state: one per mediator and direction.
public struct ConfirmationKey: Hashable, Sendable {
    /// The mediator.
    public let author: KeyID
    /// The direction.
    public let direction: Direction
}

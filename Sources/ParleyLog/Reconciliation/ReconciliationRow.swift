public import ParleyMatch
import ParleyCrypto

/// One line of a direction's reconciliation: a pair of entries, or one entry alone, with its
/// outcome and everything behind it.
public struct ReconciliationRow: Hashable, Sendable {
    /// The outcome, open disputes included.
    public internal(set) var outcome: ReconciliationOutcome
    /// The outcome of matching and hand decisions alone, before open disputes are considered.
    public let matchOutcome: ReconciliationOutcome
    /// The entry of the requester's `request` list, if the row has one.
    public let request: ReconciledEntry?
    /// The entry of the releaser's `release` list, if the row has one.
    public let release: ReconciledEntry?
    /// On a duplicate row, the entry of the same list it repeats.
    public let duplicateOf: EntryRef?
    /// The match score in bits (pairs and duplicates); informative, not hashed.
    public let score: Double?
    /// Field-by-field evidence (pairs and duplicates).
    public let evidence: [FieldEvidence]
    /// Short machine-readable reasons (`date_of_birth:day-month-swapped`, `hand:same`, …).
    public let reasons: [String]
    /// Other candidates that made the match ambiguous.
    public let alternatives: [EntryRef]
    /// The hand decisions on the row's pair (or on the pair a hand rejection split), one per author.
    public let decisions: [Authored<MatchDecision>]
    /// The ids of open disputes about the row's entries.
    public internal(set) var disputes: [EnvelopeID]
    /// On an unoffered row, the mediator's registry entries that hold the person.
    public internal(set) var registered: [ReconciledEntry]
    /// On an unoffered row, the release entries the engine found nearest to the request (at most
    /// three, best first), whatever their score: where a reviewer looks first. Informative, like
    /// the score: not hashed.
    public internal(set) var nearest: [NearestCandidate]

    /// The row's first entry: the request entry, else the release entry.
    public var primary: EntryRef {
        (request ?? release)!.ref
    }

    /// Whether hand decisions, rather than the engine, decided the row.
    public var isHandDecided: Bool { !decisions.isEmpty }

    init(
        outcome: ReconciliationOutcome, request: ReconciledEntry?, release: ReconciledEntry?,
        duplicateOf: EntryRef? = nil, score: Double? = nil, evidence: [FieldEvidence] = [],
        reasons: [String] = [], alternatives: [EntryRef] = [], decisions: [Authored<MatchDecision>] = []
    ) {
        precondition(request != nil || release != nil, "a row has at least one entry")
        self.outcome = outcome
        self.matchOutcome = outcome
        self.request = request
        self.release = release
        self.duplicateOf = duplicateOf
        self.score = score
        self.evidence = evidence
        self.reasons = reasons
        self.alternatives = alternatives
        self.decisions = decisions
        self.disputes = []
        self.registered = []
        self.nearest = []
    }

    /// The row's canonical form, the input of the reconciliation hashes. Scores and field weights
    /// are left out (they are floating point and informative); field values are pinned by the
    /// envelope ids of the puts.
    var canonicalForm: JSONValue {
        [
            "outcome": .string(outcome.rawValue),
            "match": .string(matchOutcome.rawValue),
            "request": request?.pinnedJSON ?? .null,
            "release": release?.pinnedJSON ?? .null,
            "duplicate_of": duplicateOf?.json ?? .null,
            "evidence": .array(evidence.map { ["field": .string($0.field.rawValue), "agreement": .string($0.agreement.rawValue)] }),
            "reasons": .array(reasons.map(JSONValue.string)),
            "alternatives": .array(alternatives.map(\.json)),
            "decisions": .array(decisions.map {
                ["author": .string($0.author.hex), "envelope": .string($0.envelope.hex), "same": .bool($0.body.same)]
            }),
            "disputes": .array(disputes.map { .string($0.hex) }),
            "registered": .array(registered.map(\.pinnedJSON)),
        ]
    }

    /// Writes ``canonicalForm``'s bytes straight into `writer`, without building its tree (a
    /// direction of 100,000 rows is hashed on every command that reconciles). Members in RFC 8785
    /// order: `alternatives`, `decisions`, `disputes`, `duplicate_of`, `evidence`, `match`,
    /// `outcome`, `reasons`, `registered`, `release`, `request`; a test checks it against
    /// ``canonicalForm``.
    func writeCanonical(into writer: inout CanonicalWriter) throws(LogError) {
        writer.punctuation("{\"alternatives\":")
        try writer.writeArray(alternatives) { writer, alternative throws(LogError) in try alternative.writeCanonical(into: &writer, envelope: nil) }
        writer.punctuation(",\"decisions\":")
        try writer.writeArray(decisions) { writer, decision throws(LogError) in
            writer.punctuation("{\"author\":")
            try writer.writeString(decision.author.hex)
            writer.punctuation(",\"envelope\":")
            try writer.writeString(decision.envelope.hex)
            writer.punctuation(decision.body.same ? ",\"same\":true}" : ",\"same\":false}")
        }
        writer.punctuation(",\"disputes\":")
        try writer.writeArray(disputes) { writer, dispute throws(LogError) in try writer.writeString(dispute.hex) }
        writer.punctuation(",\"duplicate_of\":")
        if let duplicateOf { try duplicateOf.writeCanonical(into: &writer, envelope: nil) } else { writer.punctuation("null") }
        writer.punctuation(",\"evidence\":")
        try writer.writeArray(evidence) { writer, item throws(LogError) in
            writer.punctuation("{\"agreement\":")
            try writer.writeString(item.agreement.rawValue)
            writer.punctuation(",\"field\":")
            try writer.writeString(item.field.rawValue)
            writer.punctuation("}")
        }
        writer.punctuation(",\"match\":")
        try writer.writeString(matchOutcome.rawValue)
        writer.punctuation(",\"outcome\":")
        try writer.writeString(outcome.rawValue)
        writer.punctuation(",\"reasons\":")
        try writer.writeArray(reasons) { writer, reason throws(LogError) in try writer.writeString(reason) }
        writer.punctuation(",\"registered\":")
        try writer.writeArray(registered) { writer, entry throws(LogError) in try entry.ref.writeCanonical(into: &writer, envelope: entry.envelope) }
        writer.punctuation(",\"release\":")
        if let release { try release.ref.writeCanonical(into: &writer, envelope: release.envelope) } else { writer.punctuation("null") }
        writer.punctuation(",\"request\":")
        if let request { try request.ref.writeCanonical(into: &writer, envelope: request.envelope) } else { writer.punctuation("null") }
        writer.punctuation("}")
    }
}

/// One line of a diff: an outcome for a person (a match) or a record (only-a, only-b,
/// duplicates), with the evidence behind it.
public struct DiffRow: Sendable, Hashable {
    /// Another candidate that made a match ambiguous.
    public struct Alternative: Sendable, Hashable, Codable {
        /// Which list the candidate is on (`a` or `b`).
        public var list: String
        /// Its record id.
        public var id: String
        /// Its score with the row's record, in bits.
        public var score: Double

        /// Names an alternative candidate.
        public init(list: String, id: String, score: Double) {
            self.list = list
            self.id = id
            self.score = score
        }
    }

    /// The outcome.
    public var outcome: Outcome
    /// The record of list A, if the row has one.
    public var a: Record?
    /// The record of list B, if the row has one.
    public var b: Record?
    /// On duplicate rows, the record of the same list that this one duplicates.
    public var duplicateOf: Record?
    /// The match score in bits (matches and duplicates), nil otherwise.
    public var score: Double?
    /// Short machine-readable reasons (`date_of_birth:day-month-swapped`, `ambiguous:RF-7`).
    public var reasons: [String]
    /// Field-by-field evidence (matches and duplicates).
    public var evidence: [FieldEvidence]
    /// Near-equal candidates that make the match ambiguous.
    public var alternatives: [Alternative]
    /// On an only-a row, the records of list B that came nearest to it (at most three, best
    /// first; duplicates in B are named by their group's first record): none matched it, so a
    /// person reviewing the row looks at them first. Their scores may be far below a match.
    public var nearest: [Alternative]

    /// Creates a row.
    public init(
        outcome: Outcome, a: Record? = nil, b: Record? = nil, duplicateOf: Record? = nil,
        score: Double? = nil, reasons: [String] = [], evidence: [FieldEvidence] = [],
        alternatives: [Alternative] = [], nearest: [Alternative] = []
    ) {
        self.outcome = outcome
        self.a = a
        self.b = b
        self.duplicateOf = duplicateOf
        self.score = score
        self.reasons = reasons
        self.evidence = evidence
        self.alternatives = alternatives
        self.nearest = nearest
    }
}

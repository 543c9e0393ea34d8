extension Matcher {
    /// Compares two records alone, as when a person decides by hand that they are the same:
    /// the pair's score and its field-by-field evidence (values weighed as in a two-record list).
    ///
    /// - Parameters:
    ///   - a: The first record.
    ///   - b: The second record.
    /// - Returns: The score in bits and the evidence.
    package func compare(_ a: Record, _ b: Record) -> (score: Double, evidence: [FieldEvidence]) {
        let prepared = prepare(PersonList(name: "a", records: [a]), PersonList(name: "b", records: [b]))
        let (score, comparison) = prepared.score(a: 0, b: 0)
        return (score, prepared.evidence(comparison, a, prepared.exactA[0], b, prepared.exactB[0]))
    }
}

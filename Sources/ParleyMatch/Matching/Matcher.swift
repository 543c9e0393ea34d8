/// Matches two lists of people: normalization, blocking, Fellegi–Sunter scoring and
/// one-to-one assignment, with duplicates inside each list found first.
///
/// Pure: the same lists and model give the same result, row for row. Each stage is a method
/// of its own so a benchmark can time them; `diff(_:_:)` runs them all.
public struct Matcher: Sendable {
    /// The weights and thresholds.
    public var model: ScoringModel
    /// The given-name table.
    let names: NameTable

    /// Creates a matcher with the standard name table.
    public init(model: ScoringModel = .standard) {
        self.model = model
        self.names = .standard
    }

    /// Creates a matcher with another name table (tests, extended tables).
    package init(model: ScoringModel, names: NameTable) {
        self.model = model
        self.names = names
    }

    /// Compares list A with list B.
    public func diff(_ a: PersonList, _ b: PersonList) -> DiffResult {
        let prepared = prepare(a, b)
        let candidates = prepared.candidates()
        let scored = prepared.score(candidates)
        return prepared.assign(scored)
    }

    /// Stage 1: normalizes both lists and weighs each value's frequency.
    public func prepare(_ a: PersonList, _ b: PersonList) -> PreparedLists {
        var normalizer = Normalizer(names: names)
        let na = normalizer.normalize(list: a.records)
        let nb = normalizer.normalize(list: b.records)
        return PreparedLists(listA: a, listB: b, normalizedA: na, normalizedB: nb, model: model)
    }
}

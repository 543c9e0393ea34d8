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

    /// The stages of a diff, as `diff(_:_:progress:)` announces them.
    public enum Stage: String, Sendable, CaseIterable {
        case normalizing, blocking, scoring, assigning, done
    }

    /// Compares list A with list B.
    ///
    /// - Parameters:
    ///   - a: List A.
    ///   - b: List B.
    ///   - progress: Called as each stage begins, and with `.done` at the end.
    /// - Returns: The result, row for row.
    public func diff(_ a: PersonList, _ b: PersonList, progress: ((Stage) -> Void)? = nil) -> DiffResult {
        progress?(.normalizing)
        let prepared = prepare(a, b)
        progress?(.blocking)
        let candidates = prepared.candidates()
        progress?(.scoring)
        let scored = prepared.score(candidates)
        progress?(.assigning)
        let result = prepared.assign(scored)
        progress?(.done)
        return result
    }

    /// Stage 1: normalizes both lists and weighs each value's frequency.
    public func prepare(_ a: PersonList, _ b: PersonList) -> PreparedLists {
        let (na, nb, bytes) = Normalizer.normalize(a.records, b.records, names: names)
        return PreparedLists(listA: a, listB: b, normalizedA: na, normalizedB: nb, bytes: bytes, model: model)
    }
}

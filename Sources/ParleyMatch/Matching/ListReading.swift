/// The transliteration family one list is written in, judged from all its Latin name values, so
/// that a value whose own letters fit every family (Chmara: Хмара in German, Чмара in English) is
/// read the way its list is.
///
/// A family is the list's when at least 60 % of the values that show a family show it and they are
/// at least a tenth of the list's Latin values (and three or more); a list of mixed schemes has
/// none, and each of its values is read from its own letters.
package struct ListReading: Sendable {
    /// The list's family, when one dominates.
    package private(set) var family: LatinReading.Family?
    /// What the list's values show about the family's `h` and `ch`.
    package private(set) var evidence: LatinReading.Evidence = []

    /// Judges a list from its name values (surname, given name, patronymic, in any script).
    package init(values: some Sequence<String>) {
        var counts: [LatinReading.Family: Int] = [:]
        var evidenceOf: [LatinReading.Family: LatinReading.Evidence] = [:]
        var undecided: LatinReading.Evidence = []
        var latin = 0
        for value in values where !value.isEmpty {
            guard let c = LatinReading.classify(value) else { continue }  // Cyrillic
            latin += 1
            if let f = c.family {
                counts[f, default: 0] += 1
                evidenceOf[f, default: []].formUnion(c.evidence)
            } else {
                undecided.formUnion(c.evidence)
            }
        }
        let decided = counts.values.reduce(0, +)
        // Ties broken by the family's order, so the result does not depend on dictionary order.
        guard let top = counts.max(by: { ($0.value, $1.key.rawValue) < ($1.value, $0.key.rawValue) }),
              top.value * 10 >= decided * 6, top.value * 10 >= latin, top.value >= 3
        else { return }
        family = top.key
        // The list is written in one family, so what its other values show counts too.
        evidence = evidenceOf[top.key, default: []].union(undecided)
    }

    /// The reading of the list's values: its family's, or nil when it has none (each value is
    /// then read from its own letters). The family wins over a value's own hints, which can
    /// mislead (French writes ж as `j` and х as `kh`, as DSTU 9112 B writes й and х); letters that
    /// carry their sound (č, š, ž) read the same in every family.
    package var reading: LatinReading? {
        family.map { LatinReading(family: $0, evidence: evidence) }
    }

    /// The reading of one value of this list: the list's, else the value's own.
    package func reading(for value: String) -> LatinReading {
        reading ?? LatinReading.of(value)
    }
}

internal import Foundation

/// Fellegi–Sunter weights: for each compared field and level of agreement, the log₂ of how
/// much likelier that agreement is between two records of the same person (m) than between
/// two records of different persons (u). A pair's score is the sum over its fields, in bits.
///
/// The defaults are set from how lists of captives differ (see the README's notes on
/// matching): names and dates of birth carry most of the evidence; a given name that
/// disagrees outright is strong evidence of two persons (brothers, twins), because typos and
/// Ukrainian/Russian forms are already levels of their own. Exact agreement on a surname,
/// given name or patronymic is weighed by how rare the value is in the two lists (term
/// frequency), so Коваленко counts for less than a rare name.
public struct ScoringModel: Sendable, Hashable {
    /// Weight in bits per field and agreement level (absent entries weigh 0).
    public var weights: [Field: [Agreement: Double]]
    /// Probability m that the same person's two records agree exactly, for fields whose exact
    /// weight is log₂(m / term frequency).
    public var exactM: [Field: Double]
    /// Typical frequency of one value in a large list, per field weighed by term frequency:
    /// what a small list's counts are blended with (see `priorWeight`).
    public var typicalFrequency: [Field: Double]
    /// How many records' worth of belief `typicalFrequency` carries against observed counts,
    /// so that two records of a two-record list do not make a surname look common.
    public var priorWeight: Double
    /// Upper bound on the weight of an exact agreement weighed by term frequency.
    public var maximumExactWeight: Double
    /// Pairs scoring at least this many bits are the same person.
    public var matchThreshold: Double
    /// A second candidate within this many bits of the best makes the match ambiguous.
    public var ambiguityMargin: Double
    /// Two records of one list scoring at least this many bits are a duplicate.
    public var duplicateThreshold: Double

    /// The defaults: work out of the box on lists of captives.
    public static let standard = ScoringModel(
        weights: [
            .surname: [.similar: 5, .partial: 1.5, .different: -6],
            .givenName: [.similar: 4, .partial: 1, .different: -16],
            .patronymic: [.similar: 3.5, .partial: 0.5, .different: -4.5],
            .dateOfBirth: [.exact: 13.8, .partial: 5, .dayMonthSwapped: 8.9, .yearOffByOne: 7.4, .oneDigitOff: 4.5, .different: -6.6],
            .serviceNumber: [.exact: 16, .equivalent: 14, .oneDigitOff: 8, .different: -5],
            .sex: [.different: -7],
            .unit: [.exact: 3, .different: -1],
            .rank: [.exact: 1, .similar: 1, .different: -0.5],
            .captureDate: [.exact: 3, .similar: 1, .different: -1],
            .category: [.exact: 0.2, .different: -2],
        ],
        exactM: [.surname: 0.88, .givenName: 0.9, .patronymic: 0.85, .sex: 0.99],
        typicalFrequency: [.surname: 0.002, .givenName: 0.03, .patronymic: 0.03, .sex: 0.5],
        priorWeight: 200,
        maximumExactWeight: 13,
        matchThreshold: 12,
        ambiguityMargin: 4,
        duplicateThreshold: 16
    )

    /// Creates a model.
    public init(
        weights: [Field: [Agreement: Double]], exactM: [Field: Double],
        typicalFrequency: [Field: Double], priorWeight: Double, maximumExactWeight: Double,
        matchThreshold: Double, ambiguityMargin: Double, duplicateThreshold: Double
    ) {
        self.weights = weights
        self.exactM = exactM
        self.typicalFrequency = typicalFrequency
        self.priorWeight = priorWeight
        self.maximumExactWeight = maximumExactWeight
        self.matchThreshold = matchThreshold
        self.ambiguityMargin = ambiguityMargin
        self.duplicateThreshold = duplicateThreshold
    }

    /// The weight of exact agreement on a value seen `count` times among `total` records:
    /// log₂(m / u), u the count's frequency blended with the field's typical frequency.
    func exactWeight(_ field: Field, count: Int, total: Int) -> Double {
        guard let m = exactM[field] else { return weights[field]?[.exact] ?? 0 }
        let typical = typicalFrequency[field] ?? 0.01
        let u = (Double(count) + priorWeight * typical) / (Double(total) + priorWeight)
        return min(maximumExactWeight, log2(m / max(u, 1e-9)))
    }

    /// A flat lookup table of `weights`, for the hot path.
    func table() -> WeightTable {
        var t = WeightTable()
        for (fi, field) in comparedFields.enumerated() {
            for a in Agreement.allCases {
                t.values[fi * WeightTable.levels + a.index] = weights[field]?[a] ?? 0
            }
        }
        return t
    }
}

/// `ScoringModel.weights` as a flat array indexed by compared field and agreement.
struct WeightTable: Sendable {
    static let levels = Agreement.allCases.count
    var values = [Double](repeating: 0, count: comparedFields.count * Agreement.allCases.count)

    @inline(__always)
    func callAsFunction(_ fieldIndex: Int, _ a: Agreement) -> Double {
        values[fieldIndex * WeightTable.levels + a.index]
    }
}

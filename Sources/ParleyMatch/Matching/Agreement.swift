/// How one field of two records compares: the level of agreement that matching weighs.
public enum Agreement: String, Sendable, Hashable, Codable, CaseIterable {
    /// The same value (after normalization).
    case exact
    /// Different spellings of the same name (Олександр and Aleksandr), by the name table.
    case equivalent
    /// Close: a typo apart, or dates within a month.
    case similar
    /// Somewhat alike; weak evidence either way.
    case partial
    /// Surname and given name entered in each other's columns.
    case crosswise
    /// Dates with day and month exchanged.
    case dayMonthSwapped = "day-month-swapped"
    /// Dates one year apart, same day and month.
    case yearOffByOne = "year-off-by-one"
    /// One digit (or character) apart: changed, lost, added or two exchanged.
    case oneDigitOff = "one-digit-off"
    /// Values that disagree.
    case different
    /// Absent on one side or both: no evidence.
    case missing

    /// The agreement in words, for a person reading a comparison (the raw value is the code).
    public var words: String {
        switch self {
        case .exact: "the same"
        case .equivalent: "the same, written differently"
        case .similar: "close"
        case .partial: "somewhat alike"
        case .crosswise: "names in swapped columns"
        case .dayMonthSwapped: "day and month swapped"
        case .yearOffByOne: "a year apart"
        case .oneDigitOff: "one character apart"
        case .different: "different"
        case .missing: "missing"
        }
    }

    /// Whether this agreement on a key field (date of birth, service number) is a conflict
    /// that a person must resolve before the match can be agreed.
    public var isKeyConflict: Bool {
        switch self {
        case .dayMonthSwapped, .yearOffByOne, .oneDigitOff, .different: true
        default: false
        }
    }

    var index: Int {
        switch self {
        case .exact: 0
        case .equivalent: 1
        case .similar: 2
        case .partial: 3
        case .crosswise: 4
        case .dayMonthSwapped: 5
        case .yearOffByOne: 6
        case .oneDigitOff: 7
        case .different: 8
        case .missing: 9
        }
    }
}

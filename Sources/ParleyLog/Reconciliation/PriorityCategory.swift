public import ParleyMatch

/// The priority categories of an exchange (DESIGN.md): who goes first.
///
/// A person of a row is in a category when either of the row's records says so:
/// - `seriously-wounded`, `seriously-ill`: the field holds a yes (`yes`, `y`, `true`, `1`, `x`,
///   `+`, `так`, `да`, case-insensitive);
/// - `woman`: the `sex` field starts with `f`, `w` or `ж`;
/// - `young`: under 25 years old on the reference day, by `date_of_birth`;
/// - `long-held`: held at least 2 years on the reference day, by `held_since`, else `capture_date`;
/// - `civilian`: the `category` field starts with `civ`, `цив`, `гражд` or `мирн`.
public enum PriorityCategory: String, Sendable, Hashable, Codable, CaseIterable {
    /// Seriously wounded.
    case seriouslyWounded = "seriously-wounded"
    /// Seriously ill.
    case seriouslyIll = "seriously-ill"
    /// Women.
    case woman
    /// Under ``youngUnder`` years old.
    case young
    /// Held at least ``longHeldYears`` years.
    case longHeld = "long-held"
    /// Civilians.
    case civilian

    /// The order in which phases are drawn up when the terms set none: seriously wounded,
    /// seriously ill, women, the longest held, the young, civilians.
    public static let defaultOrder: [PriorityCategory] = [.seriouslyWounded, .seriouslyIll, .woman, .longHeld, .young, .civilian]

    /// The age below which a person counts as young.
    public static let youngUnder = 25
    /// The years held from which a person counts as long held.
    public static let longHeldYears = 2

    /// The fields the categories are read from (besides `date_of_birth`), which a manifest
    /// carries for each person so that its categories can be read from what was signed.
    public static let fields: [Field] = [.seriouslyWounded, .seriouslyIll, .sex, .category, .heldSince, .captureDate]

    /// The categories of a row's person on `date`.
    static func categories(of row: ReconciliationRow, asOf date: CalendarDate) -> Set<PriorityCategory> {
        categories(of: [row.request?.fields, row.release?.fields].compactMap { $0 }, asOf: date)
    }

    /// The categories of a person whose records say `records`, on `date`; without a date, only
    /// those that do not depend on the day (all but `young` and `long-held`).
    public static func categories(of records: [[Field: String]], asOf date: CalendarDate?) -> Set<PriorityCategory> {
        var out: Set<PriorityCategory> = []
        for fields in records {
            if isYes(fields[.seriouslyWounded]) { out.insert(.seriouslyWounded) }
            if isYes(fields[.seriouslyIll]) { out.insert(.seriouslyIll) }
            if let sex = fields[.sex].map(Normalization.fold), let first = sex.unicodeScalars.first,
               ["f", "w", "ж"].contains(Character(first)) {
                out.insert(.woman)
            }
            if let date, let born = fields[.dateOfBirth].flatMap({ CalendarDate(parsingRecordValue: $0) }), years(from: born, to: date) < youngUnder {
                out.insert(.young)
            }
            if let date, let since = heldSince(fields), years(from: since, to: date) >= longHeldYears {
                out.insert(.longHeld)
            }
            if let category = fields[.category].map(Normalization.fold),
               ["civ", "цив", "гражд", "мирн"].contains(where: category.hasPrefix) {
                out.insert(.civilian)
            }
        }
        return out
    }

    /// Since when a row's person is held: the earlier of its records' `held_since` (else
    /// `capture_date`), a partial date read as its first day; `nil` when neither record says.
    static func heldSince(of row: ReconciliationRow) -> CalendarDate? {
        [row.request?.fields, row.release?.fields].compactMap { $0.flatMap(heldSince) }.min()
    }

    /// Since when one record says its person is held: `held_since`, else `capture_date`.
    private static func heldSince(_ fields: [Field: String]) -> CalendarDate? {
        fields[.heldSince].flatMap { CalendarDate(parsingRecordValue: $0) } ?? fields[.captureDate].flatMap { CalendarDate(parsingRecordValue: $0) }
    }

    private static func isYes(_ value: String?) -> Bool {
        guard let value else { return false }
        return ["yes", "y", "true", "1", "x", "+", "так", "да"].contains(Normalization.fold(value))
    }

    /// Whole years from `start` to `end` (an age on `end` for a birth on `start`).
    private static func years(from start: CalendarDate, to end: CalendarDate) -> Int {
        end.year - start.year - ((end.month, end.day) < (start.month, start.day) ? 1 : 0)
    }
}

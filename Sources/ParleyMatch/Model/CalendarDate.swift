/// A calendar date without a time zone, as lists give dates of birth and capture; possibly
/// partial (year only, or month and year), as people write a birth date they do not know whole.
public struct CalendarDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// How much of a date is known.
    public enum Precision: String, Sendable, Hashable, Codable, Comparable {
        /// Year, month and day.
        case day
        /// Year and month; `day` is 1 and means nothing.
        case month
        /// The year alone; `month` and `day` are 1 and mean nothing.
        case year

        private var rank: Int { self == .day ? 2 : self == .month ? 1 : 0 }

        /// Coarser precisions come first.
        public static func < (lhs: Precision, rhs: Precision) -> Bool { lhs.rank < rhs.rank }
    }

    public var year: Int
    public var month: Int
    public var day: Int
    /// How much of the date is known: `.day` for a whole date.
    public var precision: Precision = .day

    /// Creates a date; returns nil unless it is a real day of the proleptic Gregorian calendar
    /// between the years 1900 and 2100.
    public init?(year: Int, month: Int, day: Int) {
        guard (1900...2100).contains(year), (1...12).contains(month),
              day >= 1, day <= CalendarDate.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// A partial date: the year alone, or the year and month.
    ///
    /// - Returns: nil for a year outside 1900–2100 or a month outside 1–12.
    public init?(year: Int, month: Int?) {
        guard let whole = CalendarDate(year: year, month: month ?? 1, day: 1) else { return nil }
        self = whole
        precision = month == nil ? .year : .month
    }

    /// Whether year, month and day are all known.
    public var isWhole: Bool { precision == .day }

    /// ISO 8601 form at the date's precision: `yyyy-mm-dd`, `yyyy-mm` or `yyyy`.
    public var description: String {
        func pad(_ v: Int, _ w: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, w - s.count)) + s
        }
        switch precision {
        case .day: return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
        case .month: return "\(pad(year, 4))-\(pad(month, 2))"
        case .year: return pad(year, 4)
        }
    }

    private enum CodingKeys: String, CodingKey { case year, month, day, precision }

    /// Reads `{"year":…,"month":…,"day":…}`, with `"precision"` only for a partial date.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        year = try c.decode(Int.self, forKey: .year)
        month = try c.decode(Int.self, forKey: .month)
        day = try c.decode(Int.self, forKey: .day)
        precision = try c.decodeIfPresent(Precision.self, forKey: .precision) ?? .day
    }

    /// Writes `{"year":…,"month":…,"day":…}`, with `"precision"` only for a partial date.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(year, forKey: .year)
        try c.encode(month, forKey: .month)
        try c.encode(day, forKey: .day)
        if precision != .day { try c.encode(precision, forKey: .precision) }
    }

    /// The same date with day and month exchanged, when that is a real date and a different one.
    public var swappedDayMonth: CalendarDate? {
        guard isWhole, day != month else { return nil }
        return CalendarDate(year: year, month: day, day: month)
    }

    /// Days since 1970-01-01 (negative before it).
    public var daysSinceEpoch: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01.
    public init?(daysSinceEpoch days: Int) {
        let (year, month, day) = CalendarDate.civil(daysSinceEpoch: days)
        self.init(year: year, month: month, day: day)
    }

    /// Year, month and day of the proleptic Gregorian date `days` days after 1970-01-01, for
    /// any year (Howard Hinnant's civil_from_days); no range check.
    package static func civil(daysSinceEpoch days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

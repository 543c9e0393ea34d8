import ParleyMatch
/// An author's clock reading as RFC 3339 text in UTC: `YYYY-MM-DDTHH:MM:SSZ`, optionally with
/// 1 to 9 fraction digits before the `Z` (`2025-05-01T09:30:00.250Z`).
///
/// Parley never reads the system clock in its core: callers inject timestamps. The text is kept
/// exactly as given (it is signed); it is checked for shape and ranges only, with no leap seconds
/// (seconds 00–59) and no offsets other than `Z`. Timestamps are informative: verification does
/// not order or reject envelopes by them.
public struct Timestamp: Hashable, Sendable, CustomStringConvertible {
    /// The RFC 3339 text.
    public let rfc3339: String

    /// A timestamp from RFC 3339 UTC text.
    ///
    /// - Parameter rfc3339: Text such as `2025-05-01T09:30:00Z`.
    /// - Returns: `nil` unless the text has the shape above and a real calendar date and time.
    public init?(rfc3339: String) {
        let b = Array(rfc3339.utf8)
        guard b.count >= 20, b.last == UInt8(ascii: "Z"),
              b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), b[10] == UInt8(ascii: "T"),
              b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
              let year = Self.number(b[0..<4]), let month = Self.number(b[5..<7]),
              let day = Self.number(b[8..<10]), let hour = Self.number(b[11..<13]),
              let minute = Self.number(b[14..<16]), let second = Self.number(b[17..<19]),
              (1...12).contains(month), (1...Self.daysIn(month: month, year: year)).contains(day),
              hour < 24, minute < 60, second < 60
        else { return nil }
        if b.count > 20 {
            let fraction = b[20..<(b.count - 1)]
            guard b[19] == UInt8(ascii: "."), (1...9).contains(fraction.count), Self.number(fraction) != nil
            else { return nil }
        }
        self.rfc3339 = rfc3339
    }

    /// The whole second `secondsSince1970` after 1970-01-01T00:00:00Z, as `YYYY-MM-DDTHH:MM:SSZ`.
    ///
    /// - Parameter secondsSince1970: Seconds since the Unix epoch, for years 0000 to 9999.
    public init(secondsSince1970: Int64) {
        let days = Int(secondsSince1970.floorDiv(86_400))
        let secondOfDay = Int(secondsSince1970 - Int64(days) * 86_400)
        let (year, month, day) = CalendarDate.civil(daysSinceEpoch: days)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        self.rfc3339 = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T"
            + "\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))Z"
    }

    /// The RFC 3339 text.
    public var description: String { rfc3339 }

    private static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        guard !digits.isEmpty else { return nil }
        var value = 0
        for digit in digits {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(digit) else { return nil }
            value = value * 10 + Int(digit - UInt8(ascii: "0"))
        }
        return value
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

extension Int64 {
    /// Division rounding toward negative infinity.
    fileprivate func floorDiv(_ divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}

extension CalendarDate {
    /// The date formats `init(parsing:)` reads, as a user would be told them.
    public static let acceptedFormats = "yyyy-mm-dd, dd.mm.yyyy, dd/mm/yyyy or yyyymmdd"

    /// Reads a date as lists write them: `yyyy-mm-dd`, `dd.mm.yyyy`, `dd/mm/yyyy` or `yyyymmdd`.
    ///
    /// Day and month may have one or two digits in the dotted, slashed and ISO forms; the year
    /// always has four. Slashed dates are day first, as the lists this reads write them:
    /// `12/31/1990` is not a date here, never a guess at month first.
    ///
    /// - Parameter text: The date, with surrounding whitespace allowed.
    /// - Returns: The date, or nil when the text is in none of the forms or is no real day.
    public init?(parsing text: some StringProtocol) {
        let bytes = Array(text.utf8)
        var lo = 0
        var hi = bytes.count
        while lo < hi, bytes[lo] == 0x20 || bytes[lo] == 0x09 { lo += 1 }
        while hi > lo, bytes[hi - 1] == 0x20 || bytes[hi - 1] == 0x09 { hi -= 1 }
        let s = bytes[lo..<hi]
        guard !s.isEmpty else { return nil }

        if s.count == 8, s.allSatisfy(CalendarDate.isDigit) {
            let a = Array(s)
            guard let y = CalendarDate.number(a[0..<4]), let m = CalendarDate.number(a[4..<6]),
                  let d = CalendarDate.number(a[6..<8]) else { return nil }
            self.init(year: y, month: m, day: d)
            return
        }
        let parts = CalendarDate.split(s)
        guard parts.groups.count == 3, let sep = parts.separator else { return nil }
        let g = parts.groups
        switch sep {
        case UInt8(ascii: "-"):
            guard g[0].count == 4, (1...2).contains(g[1].count), (1...2).contains(g[2].count),
                  let y = CalendarDate.number(g[0]), let m = CalendarDate.number(g[1]),
                  let d = CalendarDate.number(g[2]) else { return nil }
            self.init(year: y, month: m, day: d)
        case UInt8(ascii: "."), UInt8(ascii: "/"):
            guard (1...2).contains(g[0].count), (1...2).contains(g[1].count), g[2].count == 4,
                  let d = CalendarDate.number(g[0]), let m = CalendarDate.number(g[1]),
                  let y = CalendarDate.number(g[2]) else { return nil }
            self.init(year: y, month: m, day: d)
        default:
            return nil
        }
    }

    /// The forms `init(parsingRecordValue:)` reads, as a user would be told them.
    public static let acceptedRecordFormats =
        "yyyy-mm-dd, dd.mm.yyyy, dd/mm/yyyy, yyyymmdd, mm.yyyy, mm/yyyy, yyyy-mm or yyyy, optionally followed by р. or г."

    /// Reads a date as a list's cell gives it: a whole date in the forms of `init(parsing:)`, or a
    /// partial one (`mm.yyyy`, `mm/yyyy`, `yyyy-mm`, `yyyy`), each optionally followed by the
    /// Ukrainian or Russian word for year (`р.`, `г.`, `року`, `года`, `р.н.`, `г.р.`).
    ///
    /// - Parameter text: The cell's text.
    /// - Returns: The date at the precision written, or nil when it is in none of the forms.
    public init?(parsingRecordValue text: some StringProtocol) {
        var value = Substring(text).trimmingCharacters(in: " \t")
        if let last = value.utf8.last, !(0x30...0x39).contains(last) {
            let lowered = value.lowercased()
            for suffix in CalendarDate.yearWords where lowered.hasSuffix(suffix) {
                value = value.dropLast(suffix.count).trimmingCharacters(in: " \t")
                break
            }
        }
        if let whole = CalendarDate(parsing: value) {
            self = whole
            return
        }
        let bytes = Array(value.utf8)
        guard !bytes.isEmpty else { return nil }
        if bytes.count == 4, let year = CalendarDate.number(bytes) {
            self.init(year: year, month: nil)
            return
        }
        let parts = CalendarDate.split(bytes[...])
        guard parts.groups.count == 2, let sep = parts.separator else { return nil }
        let g = parts.groups
        switch sep {
        case UInt8(ascii: "-"):
            guard g[0].count == 4, (1...2).contains(g[1].count),
                  let y = CalendarDate.number(g[0]), let m = CalendarDate.number(g[1]) else { return nil }
            self.init(year: y, month: m)
        default:
            guard (1...2).contains(g[0].count), g[1].count == 4,
                  let m = CalendarDate.number(g[0]), let y = CalendarDate.number(g[1]) else { return nil }
            self.init(year: y, month: m)
        }
    }

    /// The words for "year" a date may end with, longest first.
    private static let yearWords = ["р.н.", "г.р.", "року", "года", "рік", "год", "рр.", "гг.", "р.", "г.", "р", "г"]

    /// The date a spreadsheet serial number stands for (its fraction, the time, is dropped).
    ///
    /// In the 1900 date system serial 1 is 1900-01-01 and serial 60 is the 1900-02-29 that
    /// Lotus 1-2-3 invented and Excel kept, which is no real day (nil). In the 1904 system
    /// (`date1904` in the workbook) serial 0 is 1904-01-01.
    ///
    /// - Parameters:
    ///   - serial: The cell's number.
    ///   - date1904: Whether the workbook uses the 1904 date system.
    /// - Returns: The date, or nil outside the years CalendarDate holds or for serial 60 (1900).
    package init?(spreadsheetSerial serial: Double, date1904: Bool) {
        guard serial.isFinite, serial >= 0, serial < 200_000 else { return nil }
        let whole = Int(serial.rounded(.down))
        // 1899-12-31 is day -25568 since 1970-01-01; 1904-01-01 is day -24107.
        if date1904 {
            self.init(daysSinceEpoch: -24_107 + whole)
        } else if whole == 60 || whole == 0 {
            return nil
        } else if whole < 60 {
            self.init(daysSinceEpoch: -25_568 + whole)
        } else {
            self.init(daysSinceEpoch: -25_569 + whole)
        }
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    private static func number(_ digits: some Collection<UInt8>) -> Int? {
        guard !digits.isEmpty else { return nil }
        var n = 0
        for b in digits {
            guard isDigit(b) else { return nil }
            n = n * 10 + Int(b - 0x30)
        }
        return n
    }

    /// Splits `s` on its one separator (`-`, `.` or `/`); nil separator when none or mixed.
    private static func split(_ s: ArraySlice<UInt8>) -> (groups: [ArraySlice<UInt8>], separator: UInt8?) {
        var groups: [ArraySlice<UInt8>] = []
        var separator: UInt8?
        var start = s.startIndex
        for i in s.indices where !isDigit(s[i]) {
            let b = s[i]
            guard b == UInt8(ascii: "-") || b == UInt8(ascii: ".") || b == UInt8(ascii: "/") else {
                return ([], nil)
            }
            if let sep = separator, sep != b { return ([], nil) }
            separator = b
            groups.append(s[start..<i])
            start = i + 1
        }
        groups.append(s[start..<s.endIndex])
        return (groups, separator)
    }
}

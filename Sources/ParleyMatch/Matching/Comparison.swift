/// The fields that matching compares, in the order evidence lists them.
let comparedFields: [Field] = [
    .surname, .givenName, .patronymic, .dateOfBirth, .serviceNumber,
    .sex, .unit, .rank, .captureDate, .category,
]

/// Field-by-field agreement of two normalized records.
struct Comparison: Sendable {
    var surname: Agreement = .missing
    var given: Agreement = .missing
    var patronymic: Agreement = .missing
    var dateOfBirth: Agreement = .missing
    var serviceNumber: Agreement = .missing
    var sex: Agreement = .missing
    var unit: Agreement = .missing
    var rank: Agreement = .missing
    var captureDate: Agreement = .missing
    var category: Agreement = .missing

    subscript(field: Field) -> Agreement {
        switch field {
        case .surname: surname
        case .givenName: given
        case .patronymic: patronymic
        case .dateOfBirth: dateOfBirth
        case .serviceNumber: serviceNumber
        case .sex: sex
        case .unit: unit
        case .rank: rank
        case .captureDate: captureDate
        case .category: category
        default: .missing
        }
    }

    /// Key fields whose values conflict.
    var conflicts: [Field] {
        var out: [Field] = []
        if dateOfBirth.isKeyConflict { out.append(.dateOfBirth) }
        if serviceNumber.isKeyConflict { out.append(.serviceNumber) }
        return out
    }

    /// Compares two records.
    init(_ a: borrowing NormalizedRecord, _ b: borrowing NormalizedRecord) {
        surname = Comparison.names(a.surname, b.surname, byTable: false)
        given = Comparison.names(a.given, b.given, byTable: true)
        if surname.rawWeakness + given.rawWeakness >= 2, let aS = a.surname, let aG = a.given,
           let bS = b.surname, let bG = b.given {
            // Surname and given name entered in each other's columns, on one side.
            let s1 = Comparison.names(aS, bG, byTable: true)
            let s2 = Comparison.names(aG, bS, byTable: true)
            if s1.rawWeakness == 0 && s2.rawWeakness == 0 {
                surname = .crosswise
                given = .crosswise
            }
        }
        patronymic = Comparison.names(a.patronymic, b.patronymic, byTable: true)
        dateOfBirth = Comparison.dates(a.dateOfBirth, b.dateOfBirth)
        serviceNumber = Comparison.serviceNumbers(a, b)
        sex = Comparison.equal(a.sex, b.sex)
        unit = Comparison.equal(a.unit, b.unit)
        category = Comparison.equal(a.category, b.category)
        if let ar = a.rank, let br = b.rank {
            rank = ar == br ? .exact : (jaroWinkler(ar, br) >= 0.88 ? .similar : .different)
        }
        if let ac = a.captureDate, let bc = b.captureDate {
            let d = abs(ac.daysSinceEpoch - bc.daysSinceEpoch)
            captureDate = d == 0 ? .exact : (d <= 31 ? .similar : .different)
        }
    }

    static func names(_ a: NameForm?, _ b: NameForm?, byTable: Bool) -> Agreement {
        guard let a, let b else { return .missing }
        if a.skeletonID == b.skeletonID { return .exact }
        if byTable && a.nameID == b.nameID {
            return (a.isApproximate || b.isApproximate) ? .similar : .equivalent
        }
        // Two names the table knows, on different lines, are different names however alike
        // they look (Олександр and Олександра, Іван and Іванна).
        if byTable && a.isKnown && b.isKnown { return .different }
        let s = jaroWinkler(a.skeleton, b.skeleton)
        if s >= 0.92 { return .similar }
        if s >= 0.84 { return .partial }
        return .different
    }

    static func dates(_ a: CalendarDate?, _ b: CalendarDate?) -> Agreement {
        guard let a, let b else { return .missing }
        if !a.isWhole || !b.isWhole {
            // Compared at the coarser precision: agreeing there is weaker evidence than a whole
            // date (`.partial`); a different year, or month when both have one, is a conflict.
            guard a.year == b.year else { return .different }
            if a.precision != .year && b.precision != .year && a.month != b.month { return .different }
            return .partial
        }
        if a == b { return .exact }
        if a.swappedDayMonth == b { return .dayMonthSwapped }
        if a.month == b.month && a.day == b.day && abs(a.year - b.year) == 1 { return .yearOffByOne }
        let da = Array(a.description.utf8), db = Array(b.description.utf8)
        var differing = 0
        for i in 0..<min(da.count, db.count) where da[i] != db[i] { differing += 1 }
        if differing == 1 { return .oneDigitOff }
        return .different
    }

    static func serviceNumbers(_ a: borrowing NormalizedRecord, _ b: borrowing NormalizedRecord) -> Agreement {
        guard let sa = a.serviceNumber, let sb = b.serviceNumber else { return .missing }
        if sa == sb { return .exact }
        guard let da = a.serviceDigits, let db = b.serviceDigits else { return .different }
        if da == db && da.count >= 4 { return .equivalent }
        if da.count >= 4 && db.count >= 4 && withinOneEdit(da, db) { return .oneDigitOff }
        return .different
    }

    static func equal<T: Equatable>(_ a: T?, _ b: T?) -> Agreement {
        guard let a, let b else { return .missing }
        return a == b ? .exact : .different
    }

    /// Whether one substitution, insertion, deletion or exchange of neighbours turns a into b.
    static func withinOneEdit(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        if a == b { return true }
        if a.count == b.count {
            var diffs: [Int] = []
            for i in 0..<a.count where a[i] != b[i] {
                diffs.append(i)
                if diffs.count > 2 { return false }
            }
            if diffs.count == 1 { return true }
            return diffs.count == 2 && diffs[1] == diffs[0] + 1
                && a[diffs[0]] == b[diffs[1]] && a[diffs[1]] == b[diffs[0]]
        }
        let (long, short) = a.count > b.count ? (a, b) : (b, a)
        guard long.count == short.count + 1 else { return false }
        var i = 0, j = 0, skipped = false
        while i < long.count && j < short.count {
            if long[i] == short[j] { i += 1; j += 1; continue }
            if skipped { return false }
            skipped = true
            i += 1
        }
        return true
    }
}

extension Agreement {
    /// 0 for strong agreement, 1 for weak, 2 for disagreement or absence (for the crosswise test).
    var rawWeakness: Int {
        switch self {
        case .exact, .equivalent, .similar, .crosswise: 0
        case .partial: 1
        default: 2
        }
    }
}

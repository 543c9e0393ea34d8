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

    /// Compares two records whose byte strings are in `bytes`.
    @inline(__always)
    init(_ a: borrowing NormalizedRecord, _ b: borrowing NormalizedRecord, bytes: ByteArena.View) {
        surname = Comparison.names(a.surname, b.surname, byTable: false, bytes)
        given = Comparison.names(a.given, b.given, byTable: true, bytes)
        if surname.rawWeakness + given.rawWeakness >= 2, let aS = a.surname, let aG = a.given,
           let bS = b.surname, let bG = b.given {
            // Surname and given name entered in each other's columns, on one side.
            let s1 = Comparison.names(aS, bG, byTable: true, bytes)
            let s2 = Comparison.names(aG, bS, byTable: true, bytes)
            if s1.rawWeakness == 0 && s2.rawWeakness == 0 {
                surname = .crosswise
                given = .crosswise
            }
        }
        patronymic = Comparison.names(a.patronymic, b.patronymic, byTable: true, bytes)
        dateOfBirth = Comparison.dates(a.dateOfBirth, b.dateOfBirth)
        serviceNumber = Comparison.serviceNumbers(a, b, bytes)
        sex = Comparison.equal(a.sex, b.sex)
        unit = Comparison.equal(a.unit, b.unit)
        category = Comparison.equal(a.category, b.category)
        if let ar = a.rank, let br = b.rank {
            let (x, y) = (bytes[ar], bytes[br])
            rank = x.elementsEqual(y) ? .exact : (jaroWinkler(x, y) >= 0.88 ? .similar : .different)
        }
        if let ac = a.captureDate, let bc = b.captureDate {
            let d = abs(ac.daysSinceEpoch - bc.daysSinceEpoch)
            captureDate = d == 0 ? .exact : (d <= 31 ? .similar : .different)
        }
    }

    static func names(_ a: NameForm?, _ b: NameForm?, byTable: Bool, _ bytes: ByteArena.View) -> Agreement {
        guard let a, let b else { return .missing }
        if a.skeletonID == b.skeletonID { return .exact }
        if byTable && a.nameID == b.nameID {
            return (a.isApproximate || b.isApproximate) ? .similar : .equivalent
        }
        // Two names the table knows, on different lines, are different names however alike
        // they look (Олександр and Олександра, Іван and Іванна).
        if byTable && a.isKnown && b.isKnown { return .different }
        let s = jaroWinkler(bytes[a.skeleton], bytes[b.skeleton])
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
        // Digits that differ in the written form yyyy-mm-dd, counted without writing it (years
        // of four digits, as every parsed date has; others are compared as written).
        guard (1000...9999).contains(a.year), (1000...9999).contains(b.year) else {
            let differing = zip(a.description.utf8, b.description.utf8).filter { $0 != $1 }.count
            return differing == 1 ? .oneDigitOff : .different
        }
        func differingDigits(_ x: Int, _ y: Int, width: Int) -> Int {
            var x = x, y = y, n = 0
            for _ in 0..<width {
                if x % 10 != y % 10 { n += 1 }
                x /= 10
                y /= 10
            }
            return n
        }
        let differing = differingDigits(a.year, b.year, width: 4) + differingDigits(a.month, b.month, width: 2)
            + differingDigits(a.day, b.day, width: 2)
        if differing == 1 { return .oneDigitOff }
        return .different
    }

    static func serviceNumbers(_ a: borrowing NormalizedRecord, _ b: borrowing NormalizedRecord, _ bytes: ByteArena.View) -> Agreement {
        guard let ra = a.serviceNumber, let rb = b.serviceNumber else { return .missing }
        if bytes[ra].elementsEqual(bytes[rb]) { return .exact }
        guard let rda = a.serviceDigits, let rdb = b.serviceDigits else { return .different }
        let (da, db) = (bytes[rda], bytes[rdb])
        if da.count >= 4 && da.elementsEqual(db) { return .equivalent }
        if da.count >= 4 && db.count >= 4 && withinOneEdit(da, db) { return .oneDigitOff }
        return .different
    }

    static func equal<T: Equatable>(_ a: T?, _ b: T?) -> Agreement {
        guard let a, let b else { return .missing }
        return a == b ? .exact : .different
    }

    /// Whether one substitution, insertion, deletion or exchange of neighbours turns a into b
    /// (collections indexed from 0: arrays and runs of an arena).
    static func withinOneEdit<C: RandomAccessCollection<UInt8>>(_ a: C, _ b: C) -> Bool where C.Index == Int {
        if a.elementsEqual(b) { return true }
        if a.count == b.count {
            // The first two differing positions; a third difference is more than one edit.
            var first = -1, second = -1
            for i in 0..<a.count where a[i] != b[i] {
                if first < 0 { first = i } else if second < 0 { second = i } else { return false }
            }
            if second < 0 { return true }
            return second == first + 1 && a[first] == b[second] && a[second] == b[first]
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

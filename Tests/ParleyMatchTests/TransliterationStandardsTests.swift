import Testing
@testable import ParleyMatch

/// One row of `Fixtures/transliteration-standards.tsv`, written by
/// `scripts/make-translit-fixture.py`: a synthetic name in Cyrillic and under one standard.
struct StandardName: Sendable {
    var standard: String
    var language: String
    var kind: String
    var cyrillic: String
    var latin: String

    /// Every row of the fixture.
    static let all: [StandardName] = {
        guard let bytes = try? fixture("transliteration-standards.tsv") else { return [] }
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n").compactMap { line in
            if line.hasPrefix("#") { return nil }
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 5 else { return nil }
            return StandardName(standard: f[0], language: f[1], kind: f[2], cyrillic: f[3], latin: f[4])
        }
    }()

    /// The name rows (not the contrast pairs) of one standard and language, in fixture order.
    static func names(_ standard: String, _ language: String) -> [StandardName] {
        all.filter { $0.standard == standard && $0.language == language && $0.kind != "contrast" }
    }

    /// The field a row's kind stands for.
    var field: Field {
        switch kind {
        case "given": .givenName
        case "patronymic": .patronymic
        default: .surname
        }
    }

    /// Whether the standard cannot write this name apart from a neighbour: German writes з and с
    /// alike (`s`), and the standards that write ё as jo/yo/io meet lists that write it as е.
    func isKnownAmbiguity(against other: String) -> Bool {
        let writesYo: Set = ["gost779-b", "gost16876-2", "french", "german"]
        let lower = cyrillic.lowercased()
        if lower.contains("ё") && (writesYo.contains(standard) || writesYo.contains(other)) { return true }
        return (standard == "german" || other == "german") && lower.contains("з")
    }
}

@Suite struct TransliterationStandardsTests {
    /// Every standard the fixture writes, with the languages it has a table for.
    static let standards: [(String, String)] = [
        ("iso9-1954", "uk"), ("iso9-1954", "ru"), ("iso9-1968", "uk"), ("iso9-1968", "ru"),
        ("iso9-1995", "uk"), ("iso9-1995", "ru"), ("gost779-a", "uk"), ("gost779-a", "ru"),
        ("gost779-b", "uk"), ("gost779-b", "ru"), ("gost16876-1", "uk"), ("gost16876-1", "ru"),
        ("gost16876-2", "uk"), ("gost16876-2", "ru"), ("dstu9112-a", "uk"), ("dstu9112-b", "uk"),
        ("scientific", "uk"), ("scientific", "ru"), ("ungegn", "uk"), ("ungegn", "ru"),
        ("bgn-pcgn", "uk"), ("bgn-pcgn", "ru"), ("ala-lc", "uk"), ("ala-lc", "ru"),
        ("icao9303", "uk"), ("icao9303", "ru"), ("kmu2010", "uk"), ("bs2979", "uk"), ("bs2979", "ru"),
        ("french", "uk"), ("french", "ru"), ("german", "uk"), ("german", "ru"),
    ]

    /// Name forms of `values`, normalized as one list, so each is read the way its list is.
    static func forms(_ rows: [StandardName], latin: Bool, normalizer: inout Normalizer) -> [NameForm?] {
        let records = rows.enumerated().map { i, row in
            Record(id: "\(i)", line: i + 2, fields: [row.field: latin ? row.latin : row.cyrillic])
        }
        return zip(rows, normalizer.normalize(list: records)).map { row, n in
            switch row.field {
            case .givenName: n.given
            case .patronymic: n.patronymic
            default: n.surname
            }
        }
    }

    /// Whether two forms name the same: one skeleton for surnames; for given names and
    /// patronymics, one skeleton or one line of the name table, as matching compares them.
    static func same(_ a: NameForm?, _ b: NameForm?, field: Field) -> Bool {
        guard let a, let b else { return false }
        return field == .surname ? a.skeletonID == b.skeletonID : a.nameID == b.nameID
    }

    @Test func fixtureHasEveryStandard() {
        for (standard, language) in Self.standards {
            #expect(StandardName.names(standard, language).count >= 80, "\(standard) \(language)")
        }
    }

    /// A list written under each standard against its Cyrillic original: every name matches,
    /// except where the standard itself cannot tell (see `isKnownAmbiguity`).
    @Test(arguments: standards)
    func everyNameMatchesItsCyrillic(_ standard: String, _ language: String) {
        let rows = StandardName.names(standard, language)
        var normalizer = Normalizer(names: .standard)
        let cyrillic = Self.forms(rows, latin: false, normalizer: &normalizer)
        let latin = Self.forms(rows, latin: true, normalizer: &normalizer)
        var missed = 0
        for (k, row) in rows.enumerated() where !Self.same(cyrillic[k], latin[k], field: row.field) {
            missed += 1
            #expect(row.isKnownAmbiguity(against: standard), "\(standard) \(language) row \(k): \(row.kind) not matched")
        }
        #expect(Double(missed) <= 0.05 * Double(rows.count), "\(standard) \(language): \(missed) of \(rows.count) missed")
    }

    /// The same names under a standard and under the passport standard (KMU 2010 for Ukrainian,
    /// ICAO 9303 for Russian; BGN/PCGN for those two themselves), both Latin.
    @Test(arguments: standards)
    func latinMatchesLatinUnderAnotherStandard(_ standard: String, _ language: String) {
        var other = language == "uk" ? "kmu2010" : "icao9303"
        if other == standard { other = "bgn-pcgn" }
        let rows = StandardName.names(standard, language)
        let others = StandardName.names(other, language)
        #expect(rows.map(\.cyrillic) == others.map(\.cyrillic))
        var normalizer = Normalizer(names: .standard)
        let a = Self.forms(rows, latin: true, normalizer: &normalizer)
        let b = Self.forms(others, latin: true, normalizer: &normalizer)
        for (k, row) in rows.enumerated() where !Self.same(a[k], b[k], field: row.field) {
            #expect(row.isKnownAmbiguity(against: other), "\(standard)/\(other) \(language) row \(k): \(row.kind) not matched")
        }
    }

    /// Names that differ (in Cyrillic) keep different skeletons under every standard, both the
    /// fixture's names and pairs that differ only in the letters standards spell differently.
    @Test(arguments: standards)
    func distinctNamesStayDistinct(_ standard: String, _ language: String) {
        let rows = StandardName.names(standard, language)
        let list = ListReading(values: rows.map(\.latin))
        func latin(_ value: String) -> [UInt8] {
            let folded = Normalization.fold(value)
            return Skeleton.of(folded, reading: list.reading(for: folded))
        }
        func cyrillic(_ value: String) -> [UInt8] { Skeleton.of(Normalization.fold(value)) }
        var origin: [[UInt8]: [UInt8]] = [:]
        for row in rows {
            let l = latin(row.latin), c = cyrillic(row.cyrillic)
            if let seen = origin[l] {
                #expect(seen == c, "\(standard) \(language): two names share one skeleton")
            }
            origin[l] = c
        }
        let pairs = StandardName.all.filter { $0.standard == standard && $0.language == language && $0.kind == "contrast" }
        #expect(pairs.count >= 10)
        for pair in pairs {
            let c = pair.cyrillic.split(separator: "|").map(String.init)
            let l = pair.latin.split(separator: "|").map(String.init)
            guard l[0] != l[1] else { continue }  // the standard itself writes them alike
            #expect(cyrillic(c[0]) != cyrillic(c[1]))
            #expect(latin(l[0]) != latin(l[1]), "\(standard) \(language): a contrast pair merged")
        }
    }

    /// The failures issue 11 lists, each as one value read on its own (no list to help).
    @Test(arguments: [
        ("Ševčuk", "Шевчук"), ("Ščerbak", "Щербак"), ("Ŝerbak", "Щербак"), ("Šapoval", "Шаповал"),
        ("Žuk", "Жук"), ("Mihajlovič", "Михайлович"), ("Oxrimčuk", "Охримчук"), ("Xarčenko", "Харченко"),
        ("Cybulʹko", "Цибулько"), ("Andrij", "Андрій"), ("Kovalj", "Коваль"), ("Ljubčenko", "Любченко"),
        ("Ğryğorenko", "Григоренко"), ("Rȳbakov", "Рыбаков"), ("Chevtchenko", "Шевченко"),
        ("Choukhevitch", "Шухевич"), ("Joukov", "Жуков"), ("Schewtschenko", "Шевченко"),
        ("Kowaltschuk", "Ковальчук"), ("Juschtschenko", "Ющенко"), ("Szewczuk", "Шевчук"),
        ("Czvetkov", "Цветков"), ("Podieiachev", "Подъячев"), ("Zghurskyi", "Згурський"),
        ("Lulenckij", "Луленцкий"), ("Ehduard", "Эдуард"), ("Semënov", "Семёнов"), ("Âkovenko", "Яковенко"),
        ("Ûrčenko", "Юрченко"), ("Êrmolenko", "Єрмоленко"), ("I͡akovenko", "Яковенко"), ("T͡sybulʹko", "Цибулько"),
    ])
    func issueElevenSpellings(_ latin: String, _ cyrillic: String) {
        let l = Skeleton.of(Normalization.fold(latin)), c = Skeleton.of(Normalization.fold(cyrillic))
        #expect(l == c, "\(String(decoding: l, as: UTF8.self)) ≠ \(String(decoding: c, as: UTF8.self))")
    }

    /// Letters the old folding table lacked do not vanish.
    @Test func lettersOutsideTheOldTableAreKept() {
        #expect(Skeleton.of("ğ") == Array("g".utf8))
        #expect(Skeleton.of("ȳ") == Array("i".utf8))
        #expect(Skeleton.of("ǵ") == Array("g".utf8))
    }

    /// A value its own letters do not settle is read the way its list is.
    @Test func theListSettlesAmbiguousValues() {
        let german = ListReading(values: ["Schewtschenko", "Kowalenko", "Iwanow", "Chmara", "Tschornowil"])
        let english = ListReading(values: ["Shevchenko", "Kovalenko", "Ivanov", "Chmara", "Chornovil"])
        let iso = ListReading(values: ["Ševčenko", "Žuk", "Hmara", "Šapoval", "Kovalenko"])
        #expect(german.family == .german)
        #expect(english.family == nil)
        #expect(iso.family == .scholarly)
        func skeleton(_ value: String, _ list: ListReading) -> String {
            String(decoding: Skeleton.of(value, reading: list.reading(for: value)), as: UTF8.self)
        }
        #expect(skeleton("Chmara", german) == String(decoding: Skeleton.of("Хмара"), as: UTF8.self))
        #expect(skeleton("Chmara", english) == String(decoding: Skeleton.of("Чмара"), as: UTF8.self))
        #expect(skeleton("Hmara", iso) == String(decoding: Skeleton.of("Хмара"), as: UTF8.self))
    }

    /// A list of mixed schemes, with a few telling values among many plain ones, gets no family,
    /// so its plain values keep the English reading.
    @Test func aMixedListHasNoFamily() {
        let values = (0..<50).map { "Shevchenko\($0 % 7)" } + ["Kowal", "Ševčuk", "Tchoubenko", "Paraschuk"]
        #expect(ListReading(values: values).family == nil)
    }
}

import Testing
@testable import ParleyMatch

/// Dates, namesakes and reports as people write and read them (issue 11, items 4, 6 and 9).
@Suite struct PeopleAsWrittenTests {
    @Test(arguments: [
        ("1990", 1990, nil as Int?), ("1990 р.", 1990, nil), ("1990р.", 1990, nil), ("1990 г.", 1990, nil),
        ("1990 року", 1990, nil), ("05.1990", 1990, 5), ("5/1990", 1990, 5), ("1990-05", 1990, 5),
        ("05.1990 г.", 1990, 5),
    ])
    func partialDatesAreKeptPartial(_ text: String, _ year: Int, _ month: Int?) throws {
        let date = try #require(CalendarDate(parsingRecordValue: text))
        #expect(date == CalendarDate(year: year, month: month))
        #expect(date.precision == (month == nil ? .year : .month))
        #expect(date.description == (month == nil ? "\(year)" : "\(year)-0\(month ?? 0)"))
    }

    @Test func wholeDatesTakeTheYearWordToo() {
        #expect(CalendarDate(parsingRecordValue: "17.05.1990 р.") == CalendarDate(year: 1990, month: 5, day: 17))
        #expect(CalendarDate(parsingRecordValue: "17.05.1990 г.")?.isWhole == true)
    }

    @Test(arguments: ["90", "13.1990", "1990-13", "весна 1990", "1990 рік народження", "2.1.3", "р."])
    func otherFormsAreStillRefused(_ text: String) {
        #expect(CalendarDate(parsingRecordValue: text) == nil)
    }

    @Test func partialDatesCompareAtTheirPrecision() {
        let year = CalendarDate(year: 1990, month: nil)
        let month = CalendarDate(year: 1990, month: 5)
        let whole = CalendarDate(year: 1990, month: 5, day: 17)
        #expect(Comparison.dates(year, whole) == .partial)
        #expect(Comparison.dates(month, whole) == .partial)
        #expect(Comparison.dates(month, CalendarDate(year: 1990, month: 6, day: 1)) == .different)
        #expect(Comparison.dates(year, CalendarDate(year: 1991, month: 5, day: 17)) == .different)
        #expect(Comparison.dates(whole, whole) == .exact)
        let weights = ScoringModel.standard.weights[.dateOfBirth] ?? [:]
        #expect((weights[.partial] ?? 0) > 0 && (weights[.partial] ?? 0) < (weights[.exact] ?? 0), "a weaker level")
    }

    @Test func aKnownYearAgreesWithAWholeDateOfThatYear() throws {
        let a = try readCSV("id,surname,given_name,date_of_birth\nUA-1,Тестенко,Петро,1990 р.\n", file: "a.csv")
        let b = try readCSV("id,surname,given_name,date_of_birth\nRF-1,Тестенко,Петр,17.05.1990\n", file: "b.csv")
        let r = Matcher().diff(a, b)
        #expect(r.rows.map(\.outcome) == [.agreed])
        #expect(r.rows[0].evidence.first { $0.field == .dateOfBirth }?.agreement == .partial)
    }

    @Test func namesakesWithDifferentServiceNumbersAreTwoPeople() {
        let a = [
            person("A1", "Тестенко Петро Іванович", born: "1990-05-17", service: "А-583920"),
            person("A2", "Тестенко Петро Іванович", born: "1990-05-17", service: "Б-104772"),
        ]
        let r = diff(a, a)
        #expect(r.rows.allSatisfy { $0.outcome == .agreed })
        #expect(r.rows.count == 2)
        #expect(r.rows.contains { $0.reasons.contains("possible-duplicate-of:A1") }, "shown as a possible duplicate")
        let dup = diff([a[0], person("A3", "Тестенко Петро Іванович", born: "1990-05-17", service: "А-583920")], [a[0]])
        #expect(dup.counts[.duplicateA] == 1, "the same service number is still a duplicate")
    }

    /// A 20,000-row list diffed against itself gave 4 duplicates: namesakes taken for one.
    @Test func aListDiffedAgainstItselfIsAllAgreed() {
        let list = PersonList(name: "self.csv", records: Self.generated(20_000, seed: 11))
        let r = Matcher().diff(list, list)
        #expect(r.counts[.agreed] == 20_000)
        #expect(r.isAllAgreed)
    }

    /// Synthetic people from small pools of names, so that namesakes (same name and birth date)
    /// occur, each with their own service number: distinct numbers with an ISBN-10 check digit,
    /// so that no two are one digit or one exchange apart.
    static func generated(_ count: Int, seed: UInt64) -> [Record] {
        var rng = SeededGenerator(state: seed)
        let surnames = ["Тест", "Зразк", "Вигад", "Приклад", "Умов", "Шаблон", "Макет", "Проб"]
            .flatMap { stem in ["енко", "ук", "ович", "ич", "ко"].map { stem + $0 } }
        let given = ["Петро", "Іван", "Олег", "Роман", "Тарас", "Андрій", "Юрій", "Сергій", "Богдан", "Максим", "Денис", "Артем"]
        let patronymics = ["Іванович", "Петрович", "Олегович", "Романович", "Тарасович", "Юрійович"]
        var base = 100_000
        return (0..<count).map { i in
            var check = 10
            var digits: [Int] = []
            while check == 10 {
                base += 1
                digits = String(base).compactMap(\.wholeNumberValue)
                check = digits.enumerated().reduce(0) { $0 + ($1.offset + 1) * $1.element } % 11
            }
            let born = CalendarDate(daysSinceEpoch: -3650 + Int.random(in: 0..<3000, using: &rng))!
            let name = [surnames.randomElement(using: &rng)!, given.randomElement(using: &rng)!,
                        patronymics.randomElement(using: &rng)!].joined(separator: " ")
            return person("ID-\(i)", name, born: born.description, service: "А-\(base)\(check)")
        }
    }

    @Test func theCSVReportCanBeginWithAByteOrderMark() {
        let r = diff([person("A1", "Тестенко Петро")], [])
        #expect(r.rendered(as: .csv, options: ReportOptions(byteOrderMark: true)).hasPrefix("\u{FEFF}outcome,"))
        #expect(r.rendered(as: .csv).hasPrefix("outcome,"), "the contract's default is unchanged")
    }

    @Test func theTextReportShowsConflictingValues() {
        let r = diff(
            [person("A1", "Тестенко Петро Іванович", born: "1990-05-17", service: "А-583920")],
            [person("B1", "Тестенко Петр Иванович", born: "1990-05-17", service: "А-58392")])
        #expect(r.rows.first?.outcome == .disputed)
        #expect(r.rendered(as: .text).contains("service number А-583920 ≠ А-58392 (one-digit-off)"))
    }
}

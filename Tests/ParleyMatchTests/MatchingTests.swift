import Testing
@testable import ParleyMatch

/// Builds a record from `surname given patronymic` and optional fields (synthetic people only).
func person(
    _ id: String, _ name: String, born: String? = nil, service: String? = nil, sex: String? = nil
) -> Record {
    let parts = name.split(separator: " ").map(String.init)
    var fields: [Field: String] = [:]
    if parts.count > 0 { fields[.surname] = parts[0] }
    if parts.count > 1 { fields[.givenName] = parts[1] }
    if parts.count > 2 { fields[.patronymic] = parts[2] }
    var dob: CalendarDate?
    if let born {
        fields[.dateOfBirth] = born
        let p = born.split(separator: "-").compactMap { Int($0) }
        dob = CalendarDate(year: p[0], month: p[1], day: p[2])
    }
    if let service { fields[.serviceNumber] = service }
    if let sex { fields[.sex] = sex }
    return Record(id: id, line: 0, fields: fields, dateOfBirth: dob)
}

func diff(_ a: [Record], _ b: [Record]) -> DiffResult {
    Matcher().diff(PersonList(name: "a.csv", records: a), PersonList(name: "b.csv", records: b))
}

@Suite struct MatchingTests {
    @Test func sameManAcrossUkrainianAndRussianFormsIsAgreed() {
        let r = diff(
            [person("A1", "Коваленко Олександр Сергійович", born: "1990-05-12", service: "С-212578")],
            [person("B1", "Коваленко Александр Сергеевич", born: "1990-05-12", service: "С212578")])
        #expect(r.rows.count == 1)
        let row = r.rows[0]
        #expect(row.outcome == .agreed)
        #expect(row.a?.id == "A1" && row.b?.id == "B1")
        let given = row.evidence.first { $0.field == .givenName }
        #expect(given?.agreement == .equivalent)
        #expect(given?.a == "Олександр" && given?.b == "Александр")
        #expect(row.evidence.first { $0.field == .dateOfBirth }?.agreement == .exact)
        #expect(row.evidence.first { $0.field == .serviceNumber }?.agreement == .exact)
        #expect((row.score ?? 0) > Matcher().model.matchThreshold)
        #expect(r.isAllAgreed)
    }

    @Test func latinListMatchesCyrillicList() {
        let r = diff(
            [person("A1", "Шевчук Вʼячеслав Григорович", born: "1985-11-02")],
            [person("M1", "Shevchuk Vyacheslav Hryhorovych", born: "1985-11-02")])
        #expect(r.rows.map(\.outcome) == [.agreed])
    }

    @Test func dayAndMonthSwappedIsDisputedWithItsReason() {
        let r = diff(
            [person("A1", "Бондар Ігор Петрович", born: "1988-03-07", service: "К-123456")],
            [person("B1", "Бондарь Игорь Петрович", born: "1988-07-03", service: "К-123456")])
        #expect(r.rows.map(\.outcome) == [.disputed])
        #expect(r.rows[0].reasons.contains("date_of_birth:day-month-swapped"))
    }

    @Test func serviceNumberOneDigitOffIsDisputed() {
        let r = diff(
            [person("A1", "Ткачук Роман Іванович", born: "1979-01-15", service: "А-583920")],
            [person("B1", "Ткачук Роман Иванович", born: "1979-01-15", service: "А-58392")])
        #expect(r.rows.map(\.outcome) == [.disputed])
        #expect(r.rows[0].reasons.contains("service_number:one-digit-off"))
    }

    @Test func missingDateOfBirthOnOneSideStillMatches() {
        let r = diff(
            [person("A1", "Литвиненко Тарас Богданович", born: "1993-09-30")],
            [person("B1", "Литвиненко Тарас Богданович")])
        #expect(r.rows.map(\.outcome) == [.agreed])
        #expect(r.rows[0].evidence.first { $0.field == .dateOfBirth }?.agreement == .missing)
    }

    @Test func surnameAndGivenNameInEachOthersColumnsMatchCrosswise() {
        let r = diff(
            [person("A1", "Пушкар Микита Едуардович", born: "1995-10-23")],
            [person("B1", "Никита Пушкарь Эдуардович", born: "1995-10-23")])
        #expect(r.rows.map(\.outcome) == [.agreed])
        #expect(r.rows[0].evidence.first { $0.field == .surname }?.agreement == .crosswise)
    }

    @Test func twinsAreNotMatchedToEachOther() {
        // Same surname, patronymic and date of birth; different given names: two persons.
        let r = diff(
            [person("A1", "Мазур Дмитро Федорович", born: "1978-04-27")],
            [person("B1", "Мазур Артем Федорович", born: "1978-04-27")])
        #expect(r.rows.map(\.outcome) == [.onlyA, .onlyB])
    }

    @Test func twoNearEqualCandidatesMakeTheMatchDisputed() {
        // A gives no date of birth; B has two namesakes: the engine must not pick one silently.
        let r = diff(
            [person("A1", "Петренко Іван Іванович")],
            [person("B1", "Петренко Иван Иванович", born: "1980-02-02"),
             person("B2", "Петренко Иван Иванович", born: "1991-06-06")])
        let match = r.rows.first { $0.a?.id == "A1" }
        #expect(match?.outcome == .disputed)
        #expect(match?.alternatives.map(\.id).count == 1)
        #expect(match?.reasons.contains { $0.hasPrefix("ambiguous:") } == true)
    }

    @Test func duplicatesInsideOneListAreReported() {
        let r = diff(
            [person("A1", "Кравець Олег Васильович", born: "1970-12-01", service: "Н-417156"),
             person("A2", "Гуменюк Андрій Миколайович", born: "1999-01-01"),
             person("A3", "Кравец Олег Васильович", born: "1970-12-01", service: "Н-417156")],
            [person("B1", "Кравец Олег Васильевич", born: "1970-12-01")])
        let dup = r.rows.first { $0.outcome == .duplicateA }
        #expect(dup?.a?.id == "A3")
        #expect(dup?.duplicateOf?.id == "A1")
        #expect(r.rows.first { $0.a?.id == "A1" }?.outcome == .agreed)
        #expect(r.counts[.onlyA] == 1)
    }

    @Test func differentSexIsNotAMatch() {
        let r = diff(
            [person("A1", "Савчук Олександр Іванович", born: "1990-01-01", sex: "M")],
            [person("B1", "Савчук Александра Ивановна", born: "1990-01-01", sex: "Ж")])
        #expect(r.rows.map(\.outcome) == [.onlyA, .onlyB])
    }

    @Test func resultIsDeterministic() {
        let a = (0..<40).map { person("A\($0)", "Коваль Іван Петрович", born: "19\(50 + $0)-01-0\($0 % 9 + 1)") }
        let b = (0..<40).map { person("B\($0)", "Коваль Иван Петрович", born: "19\(50 + $0)-01-0\($0 % 9 + 1)") }
        #expect(diff(a, b) == diff(a, b))
        #expect(diff(a, b).counts[.agreed] == 40)
    }

    @Test func emptyListsGiveEmptyResult() {
        let r = diff([], [])
        #expect(r.rows.isEmpty)
        #expect(r.isAllAgreed)
    }
}

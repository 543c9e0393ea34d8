@testable import ParleyMatch

/// A small hand-made diff result with every outcome, for the report tests. All names are invented.
enum ReportFixture {
    /// A record with a name, a date of birth and optionally a service number.
    static func record(
        _ id: String, line: Int, _ surname: String, _ given: String, _ patronymic: String? = nil,
        born: CalendarDate? = nil, bornAsGiven: String? = nil, service: String? = nil
    ) -> Record {
        var fields: [Field: String] = [.surname: surname, .givenName: given]
        fields[.patronymic] = patronymic
        fields[.dateOfBirth] = bornAsGiven ?? born?.description
        fields[.serviceNumber] = service
        return Record(id: id, line: line, fields: fields, dateOfBirth: born)
    }

    static let a1 = record("UA-001", line: 2, "Коваленко", "Олександр", "Сергійович",
                           born: CalendarDate(year: 1991, month: 4, day: 7), bornAsGiven: "07.04.1991", service: "А123456")
    static let b1 = record("RF-17", line: 5, "Коваленко", "Александр", "Сергеевич",
                           born: CalendarDate(year: 1991, month: 7, day: 4), service: "А123456")
    static let a2 = record("UA-002", line: 3, "Шевчук", "Іван", born: CalendarDate(year: 1988, month: 1, day: 30))
    static let b2 = record("RF-18", line: 6, "Shevchuk", "Ivan", born: CalendarDate(year: 1988, month: 1, day: 30))
    /// An id with a comma and a double quote, which CSV must quote and give back exactly.
    static let a3 = record("UA-\"7\",b", line: 4, "Бондар, мол.", "Петро \"Петя\"", "Іванович",
                           born: CalendarDate(year: 1979, month: 12, day: 1))
    static let b3 = record(" RF 19 ", line: 7, "Bondar", "Petro", "Ivanovych", born: CalendarDate(year: 1979, month: 12, day: 1))
    static let a4 = record("UA-004", line: 5, "Мельник", "Тарас", "Богданович")
    static let b4 = record("RF-20", line: 8, "<script>alert('x')</script>", "Дмитрий", "Олегович",
                           born: CalendarDate(year: 2001, month: 2, day: 3))
    static let a5 = record("UA-009", line: 10, "Коваленко", "Олександр", "Сергійович",
                           born: CalendarDate(year: 1991, month: 4, day: 7))
    static let b5 = record("RF-30", line: 12, "Kovalenko", "Alexander", born: CalendarDate(year: 1991, month: 7, day: 4))

    static func evidence(_ a: Record, _ b: Record, dateAgreement: Agreement = .exact) -> [FieldEvidence] {
        [
            FieldEvidence(field: .surname, agreement: .equivalent, weight: 4.25, a: a[.surname], b: b[.surname]),
            FieldEvidence(field: .givenName, agreement: .equivalent, weight: 3.5, a: a[.givenName], b: b[.givenName]),
            FieldEvidence(field: .dateOfBirth, agreement: dateAgreement, weight: dateAgreement == .exact ? 6.1 : -1.333,
                          a: a[.dateOfBirth], b: b[.dateOfBirth]),
        ]
    }

    /// Every outcome, in the order the matcher would give them (not the report's order).
    static let result = DiffResult(
        listA: "ua-request.csv", listB: "ru-release \"final\".xlsx", recordCounts: (a: 5, b: 5),
        rows: [
            DiffRow(outcome: .disputed, a: a1, b: b1, score: 11.876, reasons: ["date_of_birth:day-month-swapped"],
                    evidence: evidence(a1, b1, dateAgreement: .dayMonthSwapped)),
            DiffRow(outcome: .disputed, a: a2, b: b2, score: 14.2, reasons: ["ambiguous:RF-19"],
                    evidence: evidence(a2, b2),
                    alternatives: [DiffRow.Alternative(list: "b", id: " RF 19 ", score: 13.9)]),
            DiffRow(outcome: .agreed, a: a3, b: b3, score: 20.004, evidence: evidence(a3, b3)),
            DiffRow(outcome: .onlyA, a: a4),
            DiffRow(outcome: .duplicateA, a: a5, duplicateOf: a1, score: 22.5, reasons: ["duplicate-of:UA-001"],
                    evidence: evidence(a1, a5)),
            DiffRow(outcome: .onlyB, b: b4),
            DiffRow(outcome: .duplicateB, b: b5, duplicateOf: b1, score: -0.004, reasons: ["duplicate-of:RF-17"],
                    evidence: evidence(b1, b5)),
        ])
}

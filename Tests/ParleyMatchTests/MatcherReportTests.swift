import Testing
import ParleyMatch

/// The renderers on a result the matcher made, not one made by hand.
@Suite struct MatcherReportTests {
    static func record(_ id: String, _ line: Int, _ surname: String, _ given: String, _ patronymic: String?, _ born: String) -> Record {
        var fields: [Field: String] = [.surname: surname, .givenName: given, .dateOfBirth: born]
        fields[.patronymic] = patronymic
        let parts = born.split(separator: "-").compactMap { Int($0) }
        return Record(id: id, line: line, fields: fields,
                      dateOfBirth: CalendarDate(year: parts[0], month: parts[1], day: parts[2]))
    }

    let result = Matcher().diff(
        PersonList(name: "side-a.csv", records: [
            record("A1", 2, "Коваленко", "Олександр", "Сергійович", "1991-04-07"),
            record("A2", 3, "Мельник", "Тарас", nil, "1985-11-23"),
            record("A3", 4, "Коваленко", "Олександр", "Сергійович", "1991-04-07"),
        ]),
        PersonList(name: "side-b.csv", records: [
            record("B1", 2, "Коваленко", "Александр", "Сергеевич", "1991-04-07"),
            record("B2", 3, "Petrenko", "Yuliia", nil, "2000-01-02"),
        ]))

    @Test(arguments: ReportFormat.allCases)
    func everyFormatRendersEveryRow(format: ReportFormat) {
        let text = result.rendered(as: format)
        #expect(!text.isEmpty)
        for row in result.rows {
            for id in [row.a?.id, row.b?.id].compactMap({ $0 }) {
                #expect(text.contains(id))
            }
        }
        #expect(text == result.rendered(as: format))
    }
}

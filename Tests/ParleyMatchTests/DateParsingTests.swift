import Testing
@testable import ParleyMatch

@Suite struct DateParsingTests {
    @Test(arguments: [
        ("1990-05-17", 1990, 5, 17),
        ("1990-5-7", 1990, 5, 7),
        ("17.05.1990", 1990, 5, 17),
        ("7.5.1990", 1990, 5, 7),
        ("17/05/1990", 1990, 5, 17),
        ("31/12/1990", 1990, 12, 31),
        ("19900517", 1990, 5, 17),
        (" 29.02.2000 ", 2000, 2, 29),
    ])
    func acceptedForms(_ text: String, _ year: Int, _ month: Int, _ day: Int) {
        #expect(CalendarDate(parsing: text) == CalendarDate(year: year, month: month, day: day))
    }

    @Test(arguments: [
        "12/31/1990", "31.13.1990", "29.02.2001", "1990/05/17", "17-05-1990", "17.05.90", "1990-05-17 00:00",
        "17.05/1990", "", "May 17, 1990", "199005170", "1990-005-17", "00.00.0000", "1890-01-01", "٢٠٢٠-٠١-٠١",
    ])
    func rejectedForms(_ text: String) {
        #expect(CalendarDate(parsing: text) == nil)
    }

    @Test(arguments: [
        (1.0, false, "1900-01-01"), (59.0, false, "1900-02-28"), (61.0, false, "1900-03-01"),
        (33010.0, false, "1990-05-17"), (33010.75, false, "1990-05-17"), (45292.0, false, "2024-01-01"),
        (0.0, true, "1904-01-01"), (27758.0, true, "1979-12-31"),
    ])
    func spreadsheetSerials(_ serial: Double, _ date1904: Bool, _ expected: String) {
        #expect(CalendarDate(spreadsheetSerial: serial, date1904: date1904)?.description == expected)
    }

    @Test func lotusLeapDayAndNonsenseAreNotDates() {
        #expect(CalendarDate(spreadsheetSerial: 60, date1904: false) == nil)
        #expect(CalendarDate(spreadsheetSerial: -1, date1904: false) == nil)
        #expect(CalendarDate(spreadsheetSerial: .nan, date1904: false) == nil)
        #expect(CalendarDate(spreadsheetSerial: 1e300, date1904: false) == nil)
    }

    @Test func listDatesInEveryFormKeepTheSourceText() throws {
        let csv = "surname;given_name;date_of_birth;capture_date;held_since\n"
            + "A;B;1990-05-17;03.04.2022;20220405\n"
            + "C;D;17/05/1990;;\n"
        let list = try readCSV(csv)
        #expect(list.records[0].dateOfBirth == CalendarDate(year: 1990, month: 5, day: 17))
        #expect(list.records[0].captureDate == CalendarDate(year: 2022, month: 4, day: 3))
        #expect(list.records[0].heldSince == CalendarDate(year: 2022, month: 4, day: 5))
        #expect(list.records[0][.captureDate] == "03.04.2022")
        #expect(list.records[1].dateOfBirth == CalendarDate(year: 1990, month: 5, day: 17))
        #expect(list.records[1].captureDate == nil)
        #expect(list.records[1][.captureDate] == nil)
    }

    @Test func unreadableDateNamesLineAndColumn() throws {
        let csv = "Прізвище,Ім'я,Дата народження\nA,B,17.05.1990\nC,D,12/31/1990\n"
        let error = try #require(listError { try readCSV(csv, file: "req.csv") })
        #expect(error.code == .unreadableDate)
        #expect(error.line == 3)
        #expect(error.column == "Дата народження")
        #expect(error.description.hasPrefix("req.csv:3: column \"Дата народження\": unreadable date (expected "))
        #expect(!error.description.contains("12/31/1990"), "errors name the cell, never its contents")
    }
}

import Testing
@testable import ParleyMatch

@Suite struct XLSXTests {
    @Test func readsSharedInlineRichAndDateCells() throws {
        let list = try ListReader.read(try fixture("basic.xlsx"), file: "basic.xlsx")
        #expect(list.records.map(\.line) == [2, 3, 5, 6])
        #expect(list.records.map(\.id) == ["1", "2", "3", "4"])

        let first = list.records[0]
        #expect(first[.surname] == "Тестенко", "rich-text runs are joined")
        #expect(first[.givenName] == "Петро")
        #expect(first[.patronymic] == "Іванович")
        #expect(first.dateOfBirth == CalendarDate(year: 1990, month: 5, day: 17))
        #expect(first[.dateOfBirth] == "1990-05-17")
        #expect(first[.serviceNumber] == "1234567")
        #expect(first.captureDate == CalendarDate(year: 2022, month: 4, day: 3), "custom dd.mm.yyyy style")

        let second = list.records[1]
        #expect(second[.surname] == "Вигаденко", "inline string")
        #expect(second[.patronymic] == nil)
        #expect(second.dateOfBirth == CalendarDate(year: 1985, month: 2, day: 1), "date written as text")
        #expect(second[.dateOfBirth] == "01.02.1985")

        let third = list.records[2]
        #expect(third[.givenName] == "Олег")
        #expect(third.captureDate == CalendarDate(year: 2023, month: 1, day: 9), "cell placed by its reference")
        #expect(third[.serviceNumber] == nil)

        #expect(list.records[3][.serviceNumber] == "98765.5")
    }

    @Test func gapCellsAndCellsWithoutReferences() throws {
        let list = try ListReader.read(try fixture("gap.xlsx"), file: "gap.xlsx")
        #expect(list.records.count == 2)
        #expect(list.records[0][.givenName] == "Ivan", "C1 and C2 line up across the gap in B")
        #expect(list.records[1][.surname] == "Sampleby")
        #expect(list.records[1][.givenName] == "Olena")
    }

    @Test func firstSheetIsFoundThroughTheWorkbookAnd1904Dates() throws {
        let list = try ListReader.read(try fixture("first-sheet-1904.xlsx"), file: "b.xlsx")
        let record = try #require(list.records.first)
        #expect(record[.surname] == "Выдумкин")
        #expect(record[.givenName] == "Семён")
        #expect(record.dateOfBirth == CalendarDate(year: 1979, month: 12, day: 31), "a number in a date column")
        #expect(record[.dateOfBirth] == "1979-12-31")
    }

    @Test func withoutWorkbookTheDefaultSheetIsRead() throws {
        let list = try ListReader.read(try fixture("no-workbook.xlsx"), file: "n.xlsx",
                                       options: .init(nameOrder: .surnameFirst))
        #expect(list.records[0][.surname] == "Коваленко")
        #expect(list.records[0][.patronymic] == "Петрович")
    }

    @Test func missingSheetIsAnInvalidWorkbook() throws {
        let error = listError { try ListReader.read(try fixture("no-sheet.xlsx"), file: "x.xlsx") }
        #expect(error?.code == .invalidWorkbook)
    }

    @Test func rowsAndDatesAreCheckedAsInCSV() throws {
        let ragged = try #require(listError { try ListReader.read(try fixture("ragged.xlsx"), file: "r.xlsx") })
        #expect(ragged.code == .raggedRow)
        #expect(ragged.line == 3)
        let date = try #require(listError { try ListReader.read(try fixture("bad-date.xlsx"), file: "d.xlsx") })
        #expect(date.code == .unreadableDate)
        #expect(date.line == 4)
        #expect(date.column == "Date of birth")
    }

    @Test func corruptArchivesAreInvalidWorkbooks() throws {
        let bytes = try fixture("basic.xlsx")
        for cut in [4, 30, bytes.count / 2, bytes.count - 10] {
            let error = listError { try ListReader.read(Array(bytes.prefix(cut)), file: "c.xlsx") }
            #expect(error?.code == .invalidWorkbook, "cut at \(cut)")
        }
        let text = listError { try ListReader.read(Array("surname,given_name\n".utf8), file: "looks.xlsx") }
        #expect(text?.code == .invalidWorkbook)
    }

    @Test func formatDetection() throws {
        let zip = try fixture("gap.xlsx")
        #expect(try ListReader.format(of: zip, file: "list.csv") == .xlsx, "magic wins over the name")
        #expect(try ListReader.format(of: [0x41], file: "LIST.XLSX") == .xlsx)
        #expect(try ListReader.format(of: [0x41], file: "list.txt") == .csv)
        #expect(try ListReader.format(of: zip, file: "a", options: .init(format: .csv)) == .csv)
        let legacy = listError { try ListReader.read([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0], file: "old") }
        #expect(legacy?.code == .unsupportedFormat)
    }

    @Test func dateFormatCodes() {
        #expect(CellStyles.isDateFormat(id: 14, code: nil))
        #expect(!CellStyles.isDateFormat(id: 2, code: nil))
        #expect(CellStyles.isDateFormat(id: 164, code: "dd\\.mm\\.yyyy;@"))
        #expect(CellStyles.isDateFormat(id: 165, code: "[$-419]d mmmm yyyy"))
        #expect(!CellStyles.isDateFormat(id: 166, code: "[Red]0.00\"d\""))
        #expect(!CellStyles.isDateFormat(id: 167, code: "h:mm:ss"))
        #expect(WorksheetParser.column(ofReference: "A1") == 0)
        #expect(WorksheetParser.column(ofReference: "AB12") == 27)
        #expect(WorksheetParser.column(ofReference: "XFD1") == 16_383)
        #expect(WorksheetParser.column(ofReference: "XFE1") == nil)
        #expect(WorksheetParser.column(ofReference: "12") == nil)
    }
}

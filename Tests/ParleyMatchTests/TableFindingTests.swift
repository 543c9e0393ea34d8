import Testing
@testable import ParleyMatch

/// Lists as offices export them (issue 11, items 1, 2 and 5): titles above the table, signatures
/// under it, Ukrainian and Russian headers, several sheets, and every bad row in one read.
@Suite struct TableFindingTests {
    static let ukrainian = """
        Список осіб, звільнених з полону;;;;;;
        станом на 01.03.2024;;;;;;
        ;;;;;;
        № запису;Прізвище;Ім'я;По батькові;Дата народження;Особовий номер;Примітка
        UA-1;Тестенко;Петро;Іванович;17.05.1990;А-583920;
        UA-2;Зразкова;Олена;Петрівна;1988 р.;;поранена
        ;;;;;;
        Підготував: начальник відділу;;;;;;
        ;Іваненко І.І.;;;;;
        Всього: 2;;;;;;
        """

    @Test func titleRowsAboveAndAFooterBelowAreSkippedAndReported() throws {
        let read = try ListReader.readWithReport(Array(Self.ukrainian.utf8), file: "ua.csv")
        #expect(read.list.records.map(\.id) == ["UA-1", "UA-2"])
        #expect(read.list.records[0][.serviceNumber] == "А-583920", "Особовий номер is the service number")
        #expect(read.report.headerLine == 4)
        #expect(read.report.titleLines == [1, 2])
        #expect(read.report.footerLines == [8, 9, 10])
        #expect(read.report.skippedSummary == "title lines 1–2 skipped; footer lines 8–10 skipped (not people)")
    }

    @Test func theColumnReportSaysWhatWasReadAsWhat() throws {
        let report = try ListReader.readWithReport(Array(Self.ukrainian.utf8), file: "ua.csv").report
        let readAs = Dictionary(uniqueKeysWithValues: report.columns.map { ($0.header, $0.readAs) })
        #expect(readAs["№ запису"] == "id")
        #expect(readAs["Прізвище"] == "surname")
        #expect(readAs["Особовий номер"] == "service_number")
        #expect(readAs["Примітка"] == .some("notes"))
        #expect(report.columnSummary.hasPrefix("columns: \"№ запису\" → id, \"Прізвище\" → surname"))
        let unread = try ListReader.readWithReport(Array("surname,given_name,Колір очей\nA,B,x\n".utf8), file: "u.csv").report
        #expect(unread.columns.last?.readAs == nil)
        #expect(unread.columnSummary.hasSuffix("; not read: \"Колір очей\"; ids are line numbers"))
    }

    @Test(arguments: [
        ("№", "id"), ("№ з/п", "id"), ("№ п/п", "id"), ("№ запису", "id"), ("№ записи", "id"),
        ("Номер запису", "id"), ("  № З/П. ", "id"), ("№з/п:", "id"), ("Номер записи", "id"),
        ("Особовий номер", "service_number"), ("ОСОБИСТИЙ   НОМЕР", "service_number"), ("Личный номер", "service_number"),
        ("Жетон", "service_number"), ("Личный №", "service_number"),
        ("Дата народж.", "date_of_birth"), ("Год рождения", "date_of_birth"),
        ("ПІБ", "full_name"), ("Ф.И.О.", "full_name"), ("Прізвище, ім'я та по батькові", "full_name"),
    ])
    func headersAreRecognisedAfterNormalising(header: String, field: String) throws {
        let other = field == "full_name" ? "Примітка" : "ПІБ"
        let csv = "\"\(header)\";\(other)\n1990;Тестенко Петро\n"
        let report = try ListReader.readWithReport(Array(csv.utf8), file: "h.csv").report
        #expect(report.columns.first?.readAs == field, "\(header)")
    }

    @Test func aRussianListWithItsOwnIDHeader() throws {
        let csv = "№ записи;Фамилия;Имя;Отчество;Дата рождения;Личный номер\nРФ-101;Выдумкин;Семён;Петрович;03.1979 г.;Б-1\n"
        let list = try ListReader.read(Array(csv.utf8), file: "ru.csv")
        #expect(list.records[0].id == "РФ-101", "ids are kept exactly as written")
        #expect(list.records[0].dateOfBirth == CalendarDate(year: 1979, month: 3))
        #expect(list.records[0][.dateOfBirth] == "03.1979 г.")
    }

    @Test func idsAreKeptAsWrittenAndNeverMerged() throws {
        let list = try readCSV("id,surname,given_name\n1/15,A,B\n1-15,C,D\n1 15,E,F\n")
        #expect(list.records.map(\.id) == ["1/15", "1-15", "1 15"])
    }

    @Test func everyBadRowIsReportedInOneRead() throws {
        let csv = "id,surname,given_name,date_of_birth\n1,A,B,1990-13-01\n2,C,D,x\n2,E,F,1990-01-01\n3,G,H,1990-01-01,extra\n4,I,J,1990\n"
        let error = try #require(listError { try readCSV(csv) })
        let all = [error] + error.more
        #expect(all.map(\.line) == [2, 3, 4, 5])
        #expect(all.map(\.code) == [.unreadableDate, .unreadableDate, .duplicateID, .raggedRow])
        #expect(all[0].column == "date_of_birth")
        #expect(error.lines.count == 4)
        #expect(!error.lines.joined().contains("1990-13-01"), "no record contents in errors")
        #expect(error.description.hasSuffix("(and 3 more problems)"))
    }

    @Test func problemsBeyondTheCapAreCounted() throws {
        var csv = "surname,given_name,date_of_birth\n"
        for i in 0..<150 { csv += "S\(i),G,not a date\n" }
        let error = try #require(listError { try readCSV(csv) })
        #expect(error.more.count == ListError.maxProblems - 1)
        #expect(error.omitted == 50)
        #expect(error.lines.last?.hasSuffix("50 more problems not shown") == true)
    }

    static func twoSheets() -> [UInt8] {
        func inline(_ r: String, _ t: String) -> String { "<c r=\"\(r)\" t=\"inlineStr\"><is><t>\(t)</t></is></c>" }
        let cover = "<worksheet><sheetData><row r=\"1\">" + inline("A1", "Супровідний лист") + "</row></sheetData></worksheet>"
        let people = "<worksheet><sheetData>"
            + "<row r=\"1\">" + inline("A1", "Список осіб") + "</row>"
            + "<row r=\"3\">" + inline("A3", "№ з/п") + inline("B3", "Прізвище") + inline("C3", "Ім'я") + "</row>"
            + "<row r=\"4\">" + inline("A4", "1") + inline("B4", "Тестенко") + inline("C4", "Петро") + "</row>"
            + "<row r=\"6\">" + inline("B6", "Підготував: Іваненко") + "</row>"
            + "</sheetData></worksheet>"
        return StoredZip.make([
            ("xl/workbook.xml", Array("""
                <workbook xmlns:r="r"><sheets><sheet name="Лист" sheetId="1" r:id="rId1"/>\
                <sheet name="Список" sheetId="2" r:id="rId2"/></sheets></workbook>
                """.utf8)),
            ("xl/_rels/workbook.xml.rels", Array("""
                <Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/>\
                <Relationship Id="rId2" Target="worksheets/sheet2.xml"/></Relationships>
                """.utf8)),
            ("xl/worksheets/sheet1.xml", Array(cover.utf8)),
            ("xl/worksheets/sheet2.xml", Array(people.utf8)),
        ])
    }

    @Test func theSheetWithATableOfPeopleIsReadByDefault() throws {
        let read = try ListReader.readWithReport(Self.twoSheets(), file: "two.xlsx")
        #expect(read.report.sheet == "Список")
        #expect(read.report.sheetNumber == 2)
        #expect(read.report.sheetSummary == "sheet \"Список\" (2 of 2)")
        #expect(read.report.titleLines == [1])
        #expect(read.report.footerLines == [6])
        #expect(read.list.records.map(\.id) == ["1"])
    }

    @Test func aSheetIsChosenByNameOrNumber() throws {
        for choice in ["Список", "список", "2"] {
            let read = try ListReader.readWithReport(Self.twoSheets(), file: "two.xlsx", options: ImportOptions(sheet: choice))
            #expect(read.report.sheetNumber == 2)
        }
        let first = listError { try ListReader.read(Self.twoSheets(), file: "two.xlsx", options: ImportOptions(sheet: "1")) }
        #expect(first?.code == .missingColumns)
        let none = listError { try ListReader.read(Self.twoSheets(), file: "two.xlsx", options: ImportOptions(sheet: "Інший")) }
        #expect(none?.code == .unknownSheet)
        #expect(none?.message.contains("\"Список\"") == true)
    }
}

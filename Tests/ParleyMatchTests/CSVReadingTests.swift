import Testing
@testable import ParleyMatch

@Suite struct CSVReadingTests {
    @Test func readsASimpleList() throws {
        let list = try readCSV("surname,given_name,patronymic\nTestenko,Petro,Ivanovych\nSampleby,Olena,\n")
        #expect(list.name == "list.csv")
        #expect(list.records.count == 2)
        #expect(list.records[0].fields == [.surname: "Testenko", .givenName: "Petro", .patronymic: "Ivanovych"])
        #expect(list.records[0].line == 2)
        #expect(list.records[0].id == "2")
        #expect(list.records[1].fields[.patronymic] == nil, "empty cells are absent")
    }

    @Test func quotedCellsWithDelimitersAndDoubledQuotes() throws {
        let list = try readCSV("surname,given_name,notes\n\"Testenko, Jr\",Petro,\"said \"\"hello\"\"\"\n")
        #expect(list.records[0][.surname] == "Testenko, Jr")
        #expect(list.records[0][.notes] == "said \"hello\"")
    }

    @Test func embeddedNewlinesKeepLineNumbers() throws {
        let csv = "surname,given_name,notes\nA,B,\"two\nlines\"\nC,D,\"three\r\nmore\nlines\"\nE,F,x\n"
        let list = try readCSV(csv)
        #expect(list.records.map(\.line) == [2, 4, 7])
        #expect(list.records[0][.notes] == "two\nlines")
        #expect(list.records[1][.notes] == "three\r\nmore\nlines")
    }

    @Test func crlfAndLoneCR() throws {
        let crlf = try readCSV("surname,given_name\r\nA,B\r\nC,D\r\n")
        #expect(crlf.records.map(\.line) == [2, 3])
        #expect(crlf.records[1][.givenName] == "D")
        let cr = try readCSV("surname,given_name\rA,B\rC,D")
        #expect(cr.records.map(\.line) == [2, 3])
    }

    @Test func byteOrderMarkIsStripped() throws {
        let list = try ListReader.read([0xEF, 0xBB, 0xBF] + Array("surname,given_name\nA,B\n".utf8), file: "bom.csv")
        #expect(list.records[0][.surname] == "A")
    }

    @Test(arguments: [",", ";", "\t"])
    func delimiterIsDetected(_ delimiter: String) throws {
        let csv = ["surname", "given_name", "notes"].joined(separator: delimiter) + "\n"
            + ["A", "B", "\"x, y; z\tw\""].joined(separator: delimiter) + "\n"
        let list = try readCSV(csv)
        #expect(list.records[0][.givenName] == "B")
        #expect(list.records[0][.notes] == "x, y; z\tw")
    }

    @Test func delimiterInsideQuotedHeaderDoesNotCount() throws {
        let list = try readCSV("\"Ім'я, по батькові; тощо\";Прізвище;Ім'я\nx;A;B\n")
        #expect(list.records[0][.surname] == "A")
    }

    @Test func trailingEmptyLinesAndEmptyRowsAreSkipped() throws {
        let list = try readCSV("surname,given_name\n\nA,B\n,\n  ,  \nC,D\n\n\n\r\n")
        #expect(list.records.map(\.line) == [3, 6])
    }

    @Test func valuesAreTrimmedButOtherwiseKept() throws {
        let list = try readCSV("surname,given_name\n  Testenko \u{00A0}, \" Petro  Jr \"\n")
        #expect(list.records[0][.surname] == "Testenko")
        #expect(list.records[0][.givenName] == "Petro  Jr")
    }

    @Test func lastLineWithoutNewlineAndTrailingEmptyCell() throws {
        let list = try readCSV("surname,given_name,notes\nA,B,")
        #expect(list.records.count == 1)
        #expect(list.records[0][.notes] == nil)
    }

    @Test func unterminatedQuoteNamesTheLineWhereItOpened() throws {
        let error = try #require(listError { try readCSV("surname,given_name\nA,B\nC,\"D\nE,F\n") })
        #expect(error.code == .unterminatedQuote)
        #expect(error.line == 3)
        #expect(error.description.hasPrefix("list.csv:3: "))
    }

    @Test func raggedRowsAreErrors() throws {
        let more = try #require(listError { try readCSV("surname,given_name\nA,B\nC,D,E\n") })
        #expect(more.code == .raggedRow)
        #expect(more.line == 3)
        #expect(more.message.contains("3 cells") && more.message.contains("has 2"))
        let fewer = try #require(listError { try readCSV("surname,given_name,notes\nA,B\n") })
        #expect(fewer.code == .raggedRow)
        #expect(fewer.line == 2)
    }

    @Test(arguments: ["", "   \n\r\n\t", "\u{FEFF}"])
    func emptyFilesAreErrors(_ text: String) throws {
        let error = try #require(listError { try readCSV(text) })
        #expect(error.code == .emptyFile)
    }

    @Test func headerOnlyIsAnEmptyList() throws {
        let list = try readCSV("surname,given_name\n")
        #expect(list.records.isEmpty)
    }

    @Test func aQuoteInsideAnUnquotedCellIsLiteral() throws {
        let list = try readCSV("surname,given_name\nO\"Brien,B\n\"Ab\"cd,E\n")
        #expect(list.records[0][.surname] == "O\"Brien")
        #expect(list.records[1][.surname] == "Abcd")
    }
}

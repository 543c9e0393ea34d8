import Testing
@testable import ParleyMatch

@Suite struct IDColumnTests {
    @Test(arguments: ["id", "ID", "record_id", "Record ID", "№", "No.", "#", "Номер", "ID запису", "№ з/п"])
    func idColumnIsDetected(_ header: String) throws {
        let list = try readCSV("\"\(header)\",Surname,Name\nA-17,X,Y\nA-18,Z,W\n")
        #expect(list.records.map(\.id) == ["A-17", "A-18"])
    }

    @Test func withoutAnIDColumnIdsAreLineNumbers() throws {
        let list = try readCSV("Surname,Name\nX,Y\n\"Z\nZ\",W\nV,U\n")
        #expect(list.records.map(\.id) == ["2", "3", "5"])
    }

    @Test func idColumnCanBeChosen() throws {
        let csv = "Surname,Name,Personal number\nX,Y,111\nZ,W,222\n"
        let byName = try readCSV(csv, options: .init(idColumn: "personal number"))
        #expect(byName.records.map(\.id) == ["111", "222"])
        #expect(byName.records[0][.serviceNumber] == "111", "the id column keeps its field")
        let byNumber = try readCSV(csv, options: .init(idColumn: "1"))
        #expect(byNumber.records.map(\.id) == ["X", "Z"])
        #expect(listError { try readCSV(csv, options: .init(idColumn: "nope")) }?.code == .unknownColumn)
    }

    @Test func emptyIDCellFallsBackToTheLine() throws {
        let list = try readCSV("id,Surname,Name\n,X,Y\n7,Z,W\n")
        #expect(list.records.map(\.id) == ["2", "7"])
    }

    @Test func duplicateIDsNameBothLines() throws {
        let error = try #require(listError { try readCSV("№;Прізвище;Ім'я\n1;A;B\n2;C;D\n1;E;F\n") })
        #expect(error.code == .duplicateID)
        #expect(error.line == 4)
        #expect(error.message.contains("lines 2 and 4"))
    }
}

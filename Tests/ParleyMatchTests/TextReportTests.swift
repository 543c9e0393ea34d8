import Foundation
import Testing
@testable import ParleyMatch

@Suite struct TextReportTests {
    let plain = ReportFixture.result.rendered(as: .text)

    @Test func summaryComesFirstWithCountsAndListSizes() throws {
        let lines = plain.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0].hasPrefix("A  ua-request.csv"))
        #expect(lines[0].hasSuffix("(5 records)"))
        #expect(lines[1].hasPrefix("B  ru-release \"final\".xlsx"))
        #expect(plain.contains("agreed 1  disputed 2  only-a 1  only-b 1  duplicate-a 1  duplicate-b 1"))
    }

    /// The table's lines: everything from the header row on.
    var tableLines: [String] {
        let lines = plain.split(separator: "\n").map(String.init)
        return Array(lines.drop { !$0.hasPrefix("outcome ") })
    }

    @Test func groupsRowsDisputedFirstAgreedLast() {
        let outcomes = tableLines.dropFirst().map { String($0.prefix { $0 != " " }) }
        #expect(outcomes == ["disputed", "disputed", "only-a", "only-b", "duplicate-a", "duplicate-b", "agreed"])
        #expect(plain.contains("\n\nonly-a "))  // a blank line between groups
    }

    @Test func noEscapesWithoutColour() {
        #expect(!plain.contains("\u{1B}"))
    }

    @Test func escapesWithColour() {
        let coloured = ReportFixture.result.rendered(as: .text, options: .init(color: true))
        #expect(coloured.contains("\u{1B}[31m"))  // key conflict
        #expect(coloured.contains("\u{1B}[33m"))  // ambiguous only
        #expect(coloured.contains("\u{1B}[32m"))  // agreed
        #expect(coloured.contains("\u{1B}[0m"))
    }

    @Test func columnsAlignByCharactersNotBytes() throws {
        let header = try #require(tableLines.first)
        let nameColumn = header.distance(from: header.startIndex, to: try #require(header.range(of: "A name")).lowerBound)
        let scoreEnd = header.distance(from: header.startIndex, to: try #require(header.range(of: "score")).upperBound)
        for (line, name) in zip(tableLines[1...2] + [tableLines.last!], ["Коваленко", "Шевчук", "Бондар"]) {
            let start = try #require(line.range(of: name)).lowerBound
            #expect(line.distance(from: line.startIndex, to: start) == nameColumn)
            let score = try #require(line.range(of: ".", options: .backwards, range: line.startIndex..<line.index(line.startIndex, offsetBy: scoreEnd)))
            #expect(line.distance(from: line.startIndex, to: score.upperBound) == scoreEnd - 2)
        }
    }

    @Test func showsNamesDatesAndScores() {
        #expect(plain.contains("Коваленко Олександр Сергійович"))
        #expect(plain.contains("1991-04-07"))   // parsed date, not "07.04.1991"
        #expect(plain.contains("11.88"))
        #expect(plain.contains("date of birth 07.04.1991 ≠ 1991-07-04 (day-month-swapped)"), "the values, not only the code")
    }

    @Test func cutsLongValuesAndNeutralisesControlCharacters() {
        let long = String(repeating: "Щ", count: 80)
        let record = Record(id: "X\u{1B}[2J", line: 1, fields: [.surname: long, .givenName: "\u{202E}Анна"])
        let result = DiffResult(listA: "a", listB: "b", recordCounts: (1, 0), rows: [DiffRow(outcome: .onlyA, a: record)])
        let text = result.rendered(as: .text)
        #expect(!text.contains("\u{1B}"))
        #expect(!text.contains("\u{202E}"))
        #expect(text.contains(String(repeating: "Щ", count: 35) + "…"))
        #expect(!text.contains(String(repeating: "Щ", count: 36)))
    }

    @Test func emptyResultSaysSo() {
        let empty = DiffResult(listA: "a", listB: "b", recordCounts: (0, 0), rows: [])
        #expect(empty.rendered(as: .text).contains("No records on either list."))
    }
}

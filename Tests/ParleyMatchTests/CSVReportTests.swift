import Testing
@testable import ParleyMatch

@Suite struct CSVReportTests {
    let csv = ReportFixture.result.rendered(as: .csv)

    /// A tiny RFC 4180 reader: records of fields, quoted fields with doubled quotes, LF or CRLF.
    static func parse(_ text: String) -> [[String]] {
        let s = Array(text.unicodeScalars)
        var records: [[String]] = [], fields: [String] = [], field = String.UnicodeScalarView()
        var i = 0
        while i < s.count {
            let c = s[i]
            if c == "\"" && field.isEmpty {
                i += 1
                while i < s.count {
                    if s[i] == "\"" {
                        if i + 1 < s.count && s[i + 1] == "\"" { field.append("\""); i += 2; continue }
                        break
                    }
                    field.append(s[i]); i += 1
                }
            } else if c == "," {
                fields.append(String(field)); field = .init()
            } else if c == "\n" {
                fields.append(String(field)); records.append(fields); fields = []; field = .init()
            } else if c != "\r" {
                field.append(c)
            }
            i += 1
        }
        if !field.isEmpty || !fields.isEmpty { fields.append(String(field)); records.append(fields) }
        return records
    }

    @Test func headerStartsWithTheContractColumns() {
        let header = csv.split(separator: "\n", omittingEmptySubsequences: false)[0]
        #expect(header.hasPrefix("outcome,a_id,b_id,duplicate_of,score,reasons,"))
        #expect(String(header) == CSVReport.columns.joined(separator: ","))
    }

    @Test func quotesFieldsWithCommasAndQuotes() {
        #expect(CSVReport.quoted("plain") == "plain")
        #expect(CSVReport.quoted("a,b") == "\"a,b\"")
        #expect(CSVReport.quoted("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVReport.quoted("two\nlines") == "\"two\nlines\"")
        #expect(CSVReport.quoted("cr\r\nlf") == "\"cr\r\nlf\"")
        #expect(csv.contains("\"UA-\"\"7\"\",b\""))
        #expect(csv.contains("\"Бондар, мол.\""))
    }

    @Test func endsRecordsInLFWithoutBOMOrCR() {
        #expect(!csv.contains("\r"))
        #expect(csv.hasSuffix("\n"))
        #expect(!csv.hasPrefix("\u{FEFF}"))
    }

    @Test func parsesBackToOneRecordPerRowWithExactIds() throws {
        let records = Self.parse(csv)
        let rows = ReportFixture.result.rows
        try #require(records.count == rows.count + 1)
        #expect(records.allSatisfy { $0.count == CSVReport.columns.count })
        for (row, record) in zip(rows, records.dropFirst()) {
            #expect(record[0] == row.outcome.rawValue)
            #expect(record[1] == (row.a?.id ?? ""))
            #expect(record[2] == (row.b?.id ?? ""))
            #expect(record[3] == (row.duplicateOf?.id ?? ""))
            #expect(record[5] == row.reasons.joined(separator: ";"))
        }
    }

    @Test func onlyRowsLeaveTheOtherIdEmptyAndDuplicatesNameTheirOriginal() {
        let records = Self.parse(csv).dropFirst()
        let onlyA = records.first { $0[0] == "only-a" }
        let onlyB = records.first { $0[0] == "only-b" }
        let duplicateA = records.first { $0[0] == "duplicate-a" }
        let duplicateB = records.first { $0[0] == "duplicate-b" }
        #expect(onlyA?[1] == "UA-004" && onlyA?[2] == "" && onlyA?[4] == "")
        #expect(onlyB?[1] == "" && onlyB?[2] == "RF-20")
        #expect(duplicateA?[1] == "UA-009" && duplicateA?[3] == "UA-001")
        #expect(duplicateB?[2] == "RF-30" && duplicateB?[3] == "RF-17")
    }

    @Test func scoresHaveTwoDecimals() {
        let scores = Self.parse(csv).dropFirst().map { $0[4] }
        #expect(scores == ["11.88", "14.20", "20.00", "", "22.50", "", "0.00"])
    }

    @Test(arguments: [
        (12.345, "12.35"), (-3.1, "-3.10"), (-0.004, "0.00"), (0, "0.00"), (7, "7.00"), (0.05, "0.05"),
    ])
    func decimalFormatting(value: Double, expected: String) {
        #expect(ReportFormatting.decimal(value) == expected)
    }

    @Test func emptyResultIsJustTheHeader() {
        let empty = DiffResult(listA: "a", listB: "b", recordCounts: (0, 0), rows: [])
        #expect(empty.rendered(as: .csv) == CSVReport.columns.joined(separator: ",") + "\n")
    }
}

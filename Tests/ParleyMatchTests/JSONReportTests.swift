import Foundation
import Testing
@testable import ParleyMatch

@Suite struct JSONReportTests {
    let json = ReportFixture.result.rendered(as: .json)

    func object(_ text: String) throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(value as? [String: Any])
    }

    @Test func decodesWithListsAndEveryCount() throws {
        let root = try object(json)
        let lists = try #require(root["lists"] as? [String: [String: Any]])
        #expect(lists["a"]?["name"] as? String == "ua-request.csv")
        #expect(lists["b"]?["name"] as? String == "ru-release \"final\".xlsx")
        #expect(lists["a"]?["records"] as? Int == 5)
        let counts = try #require(root["counts"] as? [String: Int])
        #expect(counts == ["agreed": 1, "disputed": 2, "only-a": 1, "only-b": 1, "duplicate-a": 1, "duplicate-b": 1])
        #expect(root["version"] as? Int == 1)
        #expect(root["generated_at"] == nil)
    }

    @Test func rowsKeepOrderRecordsNullsAndEvidence() throws {
        let rows = try #require(try object(json)["rows"] as? [[String: Any]])
        #expect(rows.count == ReportFixture.result.rows.count)
        #expect(rows.map { $0["outcome"] as? String } == ReportFixture.result.rows.map(\.outcome.rawValue))

        let disputed = rows[0]
        let a = try #require(disputed["a"] as? [String: Any])
        #expect(a["id"] as? String == "UA-001")
        #expect(a["line"] as? Int == 2)
        #expect((a["fields"] as? [String: String])?["date_of_birth"] == "07.04.1991")
        #expect(disputed["duplicate_of"] is NSNull)
        #expect(disputed["score"] as? Double == 11.88)
        #expect(disputed["reasons"] as? [String] == ["date_of_birth:day-month-swapped"])
        let evidence = try #require(disputed["evidence"] as? [[String: Any]])
        #expect(evidence.count == 3)
        #expect(evidence[2]["field"] as? String == "date_of_birth")
        #expect(evidence[2]["agreement"] as? String == "day-month-swapped")
        #expect(evidence[2]["weight"] as? Double == -1.33)
        #expect(evidence[2]["b"] as? String == "1991-07-04")

        let ambiguous = rows[1]
        let alternatives = try #require(ambiguous["alternatives"] as? [[String: Any]])
        #expect(alternatives.first?["id"] as? String == " RF 19 ")
        #expect(alternatives.first?["list"] as? String == "b")
        #expect(alternatives.first?["score"] as? Double == 13.9)

        let onlyA = rows[3]
        #expect(onlyA["b"] is NSNull)
        #expect(onlyA["score"] is NSNull)
        #expect(onlyA["alternatives"] as? [Any] != nil)

        let duplicate = rows[4]
        #expect(duplicate["duplicate_of"] as? String == "UA-001")
        #expect((rows[2]["a"] as? [String: Any])?["id"] as? String == "UA-\"7\",b")
    }

    @Test func isDeterministicWithSortedKeys() {
        let again = ReportFixture.result.rendered(as: .json)
        #expect(json == again)
        let counts = json.range(of: "\"counts\"")!.lowerBound
        let lists = json.range(of: "\"lists\"")!.lowerBound
        let rows = json.range(of: "\"rows\"")!.lowerBound
        #expect(counts < lists && lists < rows)
        #expect(json.hasSuffix("}\n"))
    }

    @Test func showsGeneratedAtOnlyWhenGiven() throws {
        let stamped = ReportFixture.result.rendered(as: .json, options: .init(generatedAt: "2025-03-01T12:00:00Z"))
        #expect(try object(stamped)["generated_at"] as? String == "2025-03-01T12:00:00Z")
        #expect(!json.contains("generated_at"))
    }
}

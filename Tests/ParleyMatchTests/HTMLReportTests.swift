import Foundation
import Testing
@testable import ParleyMatch

@Suite struct HTMLReportTests {
    let html = ReportFixture.result.rendered(as: .html, options: .init(color: true, generatedAt: "2025-03-01T12:00:00Z"))

    @Test func isSelfContainedWithoutScriptsOrLinks() {
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
        #expect(html.contains("<html lang=\"en\">"))
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("http"))
        #expect(!html.contains("src="))
        #expect(!html.contains("\u{1B}"))
    }

    @Test func escapesEveryValue() {
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        #expect(html.contains("ru-release &quot;final&quot;.xlsx"))
        #expect(html.contains("UA-&quot;7&quot;,b"))
        #expect(HTMLReport.escaped("a & b < c > d \" e ' f") == "a &amp; b &lt; c &gt; d &quot; e &#39; f")
    }

    @Test func titleNamesBothLists() throws {
        let title = try #require(html.range(of: "<title>").flatMap { start in
            html.range(of: "</title>").map { html[start.upperBound..<$0.lowerBound] }
        })
        #expect(title.contains("ua-request.csv"))
        #expect(title.contains("ru-release &quot;final&quot;.xlsx"))
    }

    @Test func sectionsPutDisputedFirstAndCarryEvidence() throws {
        func position(_ text: String) throws -> String.Index {
            try #require(html.range(of: text)).lowerBound
        }
        #expect(try position("id=\"disputed\"") < position("id=\"only-a\""))
        #expect(try position("id=\"only-b\"") < position("id=\"agreed\""))
        #expect(html.contains("<details><summary>3 fields</summary>"))
        #expect(html.contains("<td title=\"day-month-swapped\">day and month swapped (conflict)</td>"))
        #expect(html.contains("also possible: list B"))
        #expect(html.contains(">2</td>"))  // disputed count in the summary
    }

    @Test func printsReadably() {
        #expect(html.contains("@media print"))
        #expect(html.contains("display: table-header-group"))
        #expect(html.contains("break-before: page"))
        #expect(html.contains("class=\"print-only evidence-print\""))
    }

    @Test func footerShowsGeneratedAtOnlyWhenGiven() {
        #expect(html.contains("generated 2025-03-01T12:00:00Z"))
        let plain = ReportFixture.result.rendered(as: .html)
        #expect(!plain.contains("generated "))
        #expect(plain == ReportFixture.result.rendered(as: .html))
    }
}

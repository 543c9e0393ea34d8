import Foundation
import ParleyCrypto
import ParleyLog
import ParleyMatch
import Testing

/// The exchange report in every format: what it shows, in which order, escaped and guarded, and
/// the same bytes for the same envelopes.
@Suite struct ExchangeReportTests {
    typealias S = ExchangeScenario

    /// The day the terms measure priorities on.
    static let termsDay = CalendarDate(year: 2025, month: 5, day: 1)!
    /// The day a caller passes as today.
    static let today = CalendarDate(year: 2026, month: 1, day: 15)!

    /// The standard lists with hostile synthetic values, an open dispute with a comment, a hand
    /// decision, terms that to-A misses and to-B meets, an attestation and a confirmation of to-B.
    ///
    /// Expected to-A: A-1/B-1 disputed (by the dispute), A-2/B-2 agreed by hand, A-3, A-4 and A-5
    /// unoffered (A-3 registered), B-3 unrequested, B-4 a duplicate. To-B: BR-1/AR-1 agreed.
    static func busy() throws -> (scenario: S, dispute: SignedEnvelope) {
        var create = LogFixture.create
        create.title = "Exchange <b>\"one\"</b> & co"
        create.participants[2].name = "Side B <HQ>"
        var scenario = try S.standard(create: create)
        try scenario.put(S.hqA, .request, "A-5", S.person("<script>alert('x')</script>", "=SUM(A1:A9)", born: "1991-01-01", [.serviceNumber: "@77"]))
        let a1 = S.ref(S.hqA, .request, "A-1"), a2 = S.ref(S.hqA, .request, "A-2"), b2 = S.ref(S.hqB, .release, "B-2")
        let dispute = try scenario.sign(S.hqB, .openDispute(OpenDispute(about: [a1], reason: .statusContested, note: "Says <civilian>\u{1B}[2J")))
        try scenario.sign(S.mediator, .commentDispute(CommentDispute(dispute: dispute.id, note: "asked both sides")))
        try scenario.sign(S.hqB, .assertMatch(MatchPair(request: a2, release: b2, note: "birth date typo")))
        try scenario.sign(S.mediator, .setTerms(Terms(counts: [.toA: 2, .toB: 1], asOf: termsDay)))
        let visit = CalendarDate(year: 2025, month: 3, day: 3)!
        try scenario.sign(S.mediator, .attest(Attest(entry: S.ref(S.mediator, .registry, "M-1"), kind: .registered, date: visit)))
        let toB = Reconciliation(state: scenario.state()).report(.toB).hash
        try scenario.sign(S.mediator, .confirm(Confirm(direction: .toB, reconciliation: toB)))
        return (scenario, dispute)
    }

    /// The report of a scenario's state, with `today` as the caller's day.
    static func report(_ scenario: S) -> ExchangeReport {
        let state = scenario.state()
        return ExchangeReport(reconciliation: Reconciliation(state: state), state: state, asOf: today)
    }

    /// Where `needle` first stands in `text`, as a character offset.
    private func offset(of needle: String, in text: String) throws -> Int {
        let range = try #require(text.range(of: needle), "missing: \(needle)")
        return text.distance(from: text.startIndex, to: range.lowerBound)
    }

    @Test func htmlShowsOpenDisputesBeforeTheDirectionsAndOutcomesInOrder() throws {
        let (scenario, dispute) = try Self.busy()
        let html = Self.report(scenario).rendered(as: .html)
        let disputes = try offset(of: "<h2>Open disputes (1)</h2>", in: html)
        let toA = try offset(of: "<section class=\"direction\" id=\"to-A\">", in: html)
        let toB = try offset(of: "<section class=\"direction\" id=\"to-B\">", in: html)
        #expect(disputes < toA && toA < toB)
        let order = try ["disputed", "unoffered", "unrequested", "duplicate", "agreed"].map {
            try offset(of: "id=\"to-A-\($0)\"", in: html)
        }
        #expect(order == order.sorted() && order.first! > toA && order.last! < toB)

        let row = "<tr><td class=\"id\">\(dispute.id.hex.prefix(8))</td><td><code>status-contested</code></td><td>Side B &lt;HQ&gt;</td>"
        #expect(html.contains(row))
        #expect(html.contains("A/request/\(S.hqA.publicKey.keyID.hex.prefix(8))/A-1 (Koval Ivan)"))
        #expect(html.contains("<td>Says &lt;civilian&gt;\u{FFFD}[2J</td><td class=\"num\">1</td></tr>"))
    }

    @Test func htmlEscapesEveryValueAndStaysSelfContained() throws {
        let html = Self.report(try Self.busy().scenario).rendered(as: .html)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        #expect(html.contains("<title>Parley exchange: Exchange &lt;b&gt;&quot;one&quot;&lt;/b&gt; &amp; co</title>"))
        #expect(html.contains("<th scope=\"row\">Side B &lt;HQ&gt;</th>"))
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("<b>"))
        #expect(!html.contains("http"))
        #expect(!html.contains("src="))
        #expect(!html.contains("\u{1B}"))
        #expect(html.hasSuffix("</html>\n"))
    }

    @Test func htmlShowsCountsAgainstTermsPrioritiesAndConfirmations() throws {
        let html = Self.report(try Self.busy().scenario).rendered(as: .html)
        #expect(html.contains("<td class=\"misses\">agreed 1 of 2 by the terms (short by 1)</td>"))
        #expect(html.contains("<td class=\"meets\">agreed 1 of 1 by the terms (meets the terms)</td>"))
        #expect(html.contains("Terms: agreed, set by Mediator: to-A 2, to-B 1; as of 2025-05-01. Priorities as of 2025-05-01."))
        let toB = String(html[try #require(html.range(of: "id=\"to-B\">")).lowerBound...])
        #expect(toB.contains("<p>confirmed by Mediator · hash"))
        #expect(toB.contains("<tr><th scope=\"row\">woman</th><td class=\"num\">1</td></tr>"))
        #expect(toB.contains("<tr><th scope=\"row\">seriously-wounded</th><td class=\"num\">0</td></tr>"))
        let toA = String(html[try #require(html.range(of: "id=\"to-A\">")).lowerBound...]).components(separatedBy: "id=\"to-B\">")[0]
        #expect(toA.contains("<p>not confirmed · hash"))
        #expect(toA.contains("<tr><th scope=\"row\"><a href=\"#to-A-unoffered\">unoffered</a></th><td class=\"num\">3</td></tr>"))
    }

    @Test func htmlRowsCarryDecisionsRegistryAttestationsAndEvidence() throws {
        let (scenario, dispute) = try Self.busy()
        let html = Self.report(scenario).rendered(as: .html)
        #expect(html.contains("<code>hand:same</code><br>same person, by Side B &lt;HQ&gt;: birth date typo"))
        #expect(html.contains("held according to the mediator&#39;s registry: neutral/registry/"))
        #expect(html.contains("registered 2025-03-03, attested by Mediator (neutral/registry/M-1)"))
        #expect(html.contains("<td>agreed before open disputes<br>open dispute \(dispute.id.hex.prefix(8)) (status-contested)</td>"))
        #expect(html.contains("<small>A/request, by Side A headquarters</small>"))
        // Evidence one click away on the 2 pairs and the duplicate, and written out for print.
        #expect(html.components(separatedBy: "<details><summary>").count - 1 == 4)
        #expect(html.contains("<th scope=\"col\">This entry</th><th scope=\"col\">Duplicate of</th>"))
        #expect(html.contains("@media print") && html.contains("class=\"print-only evidence-print\""))
    }

    @Test func textShowsDisputesFirstCountsAndNoEscapesWithoutColour() throws {
        let (scenario, dispute) = try Self.busy()
        let report = Self.report(scenario)
        let text = report.rendered(as: .text)
        let disputes = try offset(of: "open disputes (1)\n  \(dispute.id.hex.prefix(8)) status-contested, opened by Side B <HQ>; 1 comment", in: text)
        let toA = try offset(of: "\nto-A: side A's request against side B's release\n", in: text)
        let toB = try offset(of: "\nto-B: side B's request against side A's release\n", in: text)
        #expect(disputes < toA && toA < toB)
        #expect(text.contains("  agreed 1 of 2 by the terms (short by 1)\n  disputed 1  unoffered 3  unrequested 1  duplicate 1  agreed 1\n"))
        #expect(text.contains("  agreed 1 of 1 by the terms (meets the terms)\n"))
        #expect(text.contains("  priorities: seriously-wounded 0  seriously-ill 0  woman 1  young 1  long-held 0  civilian 1\n"))
        #expect(text.contains("    note: Says <civilian>\u{FFFD}[2J\n"))
        let table = String(text[try #require(text.range(of: "\n  outcome ")).lowerBound...])
        let order = try ["disputed", "unoffered", "unrequested", "duplicate", "agreed"].map { try offset(of: "\n  \($0) ", in: table) }
        #expect(order == order.sorted())
        #expect(!text.contains("\u{1B}"))
        let coloured = report.rendered(as: .text, options: ReportOptions(color: true))
        #expect(coloured.contains("\u{1B}[31mopen disputes (1)\u{1B}[0m"))
        #expect(coloured.contains("  \u{1B}[32magreed 1 of 1 by the terms (meets the terms)\u{1B}[0m"))
    }

    @Test func jsonParsesWithCountsAndOutcomesPerDirection() throws {
        let (scenario, dispute) = try Self.busy()
        let report = Self.report(scenario)
        let json = report.rendered(as: .json, options: ReportOptions(generatedAt: "2026-01-15T10:00:00Z"))
        #expect(json.hasSuffix("}\n"))
        let root = try JSONValue(parsing: Array(json.utf8))
        #expect(root["version"]?.intValue == 1)
        #expect(root["generated_at"]?.stringValue == "2026-01-15T10:00:00Z")
        #expect(root["exchange"]?["title"]?.stringValue == "Exchange <b>\"one\"</b> & co")
        #expect(root["reconciliation"]?.stringValue == report.reconciliation.hash)
        #expect(root["participants"]?.arrayValue?.count == 4)
        #expect(root["terms"]?["status"]?.stringValue == "agreed")
        #expect(root["priorities_as_of"]?.stringValue == "2025-05-01")
        let open = try #require(root["open_disputes"]?.arrayValue)
        #expect(open.count == 1)
        #expect(open.first?["id"]?.stringValue == dispute.id.hex)
        #expect(open.first?["reason"]?.stringValue == "status-contested")
        #expect(open.first?["opener"]?["name"]?.stringValue == "Side B <HQ>")
        #expect(open.first?["comments"]?.intValue == 1)

        let directions = try #require(root["directions"]?.arrayValue)
        #expect(directions.map { $0["direction"]?.stringValue } == ["to-A", "to-B"])
        let toA = directions[0], toB = directions[1]
        let counts = try #require(toA["counts"]?.objectValue).mapValues(\.intValue)
        #expect(counts == ["agreed": 1, "disputed": 1, "unoffered": 3, "unrequested": 1, "duplicate": 1])
        #expect(toA["terms_count"]?.intValue == 2 && toA["meets_terms"]?.boolValue == false)
        #expect(toB["terms_count"]?.intValue == 1 && toB["meets_terms"]?.boolValue == true)
        #expect(toB["confirmed_by"]?[0]?["name"]?.stringValue == "Mediator")
        #expect(toB["priorities"]?["woman"]?.intValue == 1)
        for (document, direction) in zip(directions, report.reconciliation.directions) {
            let rows = try #require(document["rows"]?.arrayValue)
            #expect(rows.map { $0["outcome"]?.stringValue } == direction.rows.map(\.outcome.rawValue))
        }
        let disputed = try #require(toA["rows"]?.arrayValue?.first { $0["outcome"]?.stringValue == "disputed" })
        #expect(disputed["match_outcome"]?.stringValue == "agreed")
        #expect(disputed["disputes"]?[0]?.stringValue == dispute.id.hex)
        #expect(disputed["request"]?["fields"]?["surname"]?.stringValue == "Koval")
        #expect(disputed["evidence"]?.arrayValue?.isEmpty == false)
        let registered = try #require(toA["rows"]?.arrayValue?.first { $0["registered"]?.arrayValue?.isEmpty == false })
        #expect(registered["attestations"]?[0]?["kind"]?.stringValue == "registered")
        #expect(Set(registered["attestations"]?[0]?.objectValue?.keys ?? [:].keys) == ["entry", "kind", "date", "unopened", "author", "envelope"])
        // Every row, entry, reference and decision has its documented members, and no others.
        let rows = directions.flatMap { $0["rows"]?.arrayValue ?? [] }
        let rowKeys: Set = [
            "outcome", "match_outcome", "request", "release", "duplicate_of", "score", "reasons", "evidence", "alternatives",
            "decisions", "disputes", "registered", "attestations",
        ]
        #expect(rows.allSatisfy { Set($0.objectValue?.keys ?? [:].keys) == rowKeys })
        let entries = rows.flatMap { [$0["request"], $0["release"]].compactMap { $0 }.filter { !$0.isNull } + ($0["registered"]?.arrayValue ?? []) }
        #expect(!entries.isEmpty)
        #expect(entries.allSatisfy { Set($0.objectValue?.keys ?? [:].keys) == ["ref", "record", "envelope", "fields", "unopened"] })
        #expect(entries.allSatisfy { Set($0["ref"]?.objectValue?.keys ?? [:].keys) == ["side", "list", "author", "entry"] })
        #expect(entries.allSatisfy { $0["unopened"]?.boolValue == false && $0["fields"]?.objectValue?.isEmpty == false })
        let duplicate = try #require(rows.first { $0["outcome"]?.stringValue == "duplicate" })
        #expect(Set(duplicate["duplicate_of"]?.objectValue?.keys ?? [:].keys) == ["side", "list", "author", "entry"])
        let decided = try #require(rows.first { $0["decisions"]?.arrayValue?.isEmpty == false })
        let decision = try #require(decided["decisions"]?[0])
        #expect(Set(decision.objectValue?.keys ?? [:].keys) == ["same", "author", "envelope", "note", "note_unopened"])
        #expect(decision["same"]?.boolValue == true && decision["note_unopened"]?.boolValue == false)
        #expect(Set(decision["author"]?.objectValue?.keys ?? [:].keys) == ["key_id", "name"])
        #expect(decision["author"]?["key_id"]?.stringValue?.count == 64)
    }

    @Test func csvHasOneLinePerRowAndGuardsFormulas() throws {
        let report = Self.report(try Self.busy().scenario)
        let csv = report.rendered(as: .csv)
        var lines = csv.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.removeLast() == "")
        let header = "direction,outcome,match_outcome,request_list,request_author,request_entry,release_list,release_author,"
            + "release_entry,duplicate_of,score,reasons,disputes,registered,decisions,request_surname,request_given_name,"
            + "request_patronymic,request_date_of_birth,request_service_number,release_surname,release_given_name,"
            + "release_patronymic,release_date_of_birth,release_service_number,priorities,request_record,release_record"
        #expect(lines.first == header)
        let rows = report.reconciliation.directions.flatMap { direction in direction.rows.map { (direction.direction, $0) } }
        #expect(lines.count == 1 + rows.count)
        #expect(rows.count == 8)
        let fields = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(fields.allSatisfy { $0.count == 28 })
        #expect(fields.map { "\($0[0]) \($0[1])" } == rows.map { "\($0.0.rawValue) \($0.1.outcome.rawValue)" })
        let hostile = try #require(fields.first { $0[5] == "A-5" })
        #expect(hostile[15] == "<script>alert('x')</script>")
        #expect(hostile[16] == "'=SUM(A1:A9)")
        #expect(hostile[19] == "'@77")
        let unguarded = fields.flatMap { row in row.enumerated().filter { $0.offset != 10 }.map(\.element) }
        #expect(!unguarded.contains { ["=", "+", "-", "@"].contains($0.first) })
        let agreedByHand = try #require(fields.first { $0[5] == "A-2" })
        #expect(agreedByHand[14] == "same:\(S.hqB.publicKey.keyID.hex)")
    }

    @Test func renderingIsDeterministicWhateverTheEnvelopeOrder() throws {
        let scenario = try Self.busy().scenario
        let report = Self.report(scenario)
        let expected = ReportFormat.allCases.map { report.rendered(as: $0) }
        #expect(ReportFormat.allCases.map { report.rendered(as: $0) } == expected)
        let verifier = Verifier(exchange: scenario.exchange)
        var generator = SplitMix64(state: 0x5EED_0F_4E90)
        for _ in 0..<5 {
            var input = scenario.envelopes
            input.shuffle(using: &generator)
            #expect(input != scenario.envelopes)
            let state = try #require(verifier.verify(input).state)
            let again = ExchangeReport(reconciliation: Reconciliation(state: state), state: state, asOf: Self.today)
            #expect(ReportFormat.allCases.map { again.rendered(as: $0) } == expected)
        }
    }

    /// The encoder's text of `value`, with the reports' settings: what ``PrettyJSON`` is held to.
    static func encoderText(_ value: JSONValue) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }

    /// The JSON report writes its rows one at a time, on every core: the text is the encoder's
    /// text of the whole tree, byte for byte, with and without rows, terms, disputes.
    @Test func theJSONReportIsTheEncodersTextOfItsWholeTree() throws {
        for report in [Self.report(try Self.busy().scenario), Self.report(try S.standard())] {
            let json = report.rendered(as: .json, options: ReportOptions(generatedAt: "2026-01-15T10:00:00Z"))
            #expect(json == (try Self.encoderText(try JSONValue(parsing: Array(json.utf8)))))
        }
    }

    /// Any JSON value (nested, escaped, empty arrays and objects among full ones) is written as
    /// the encoder writes it.
    @Test func anyValueIsWrittenAsTheEncoderWritesIt() throws {
        var rng = SplitMix64(state: 51)
        func value(_ depth: Int) -> JSONValue {
            switch Int.random(in: 0..<(depth > 2 ? 4 : 6), using: &rng) {
            case 0: .string(["", "a/b", "Шевчук \"q\"\n\t", "\u{1F600}", "x\\y", "\u{1}\u{7F}"].randomElement(using: &rng)!)
            case 1: .number(Double(Int.random(in: -1000...1000, using: &rng)) / 4)
            case 2: .bool(Bool.random(using: &rng))
            case 3: .null
            case 4: .array((0..<Int.random(in: 0..<3, using: &rng)).map { _ in value(depth + 1) })
            default: .object(Dictionary(uniqueKeysWithValues: (0..<Int.random(in: 0..<4, using: &rng)).map { (["k\($0)", "K", "_", "k10"][$0], value(depth + 1)) }))
            }
        }
        for _ in 0..<200 {
            let tree = value(0)
            var json = PrettyJSON()
            tree.write(to: &json)
            #expect(json.text + "\n" == (try Self.encoderText(tree)))
        }
    }

    @Test func withoutTermsOrDisputesTheReportSaysSoAndMeasuresOnTheCallersDay() throws {
        let report = Self.report(try S.standard())
        #expect(report.prioritiesAsOf == Self.today)
        let text = report.rendered(as: .text)
        #expect(text.contains("\nterms: no terms agreed\npriorities as of 2026-01-15\n\nno open disputes\n"))
        #expect(text.contains("  agreed 1, no terms to count against\n"))
        let html = report.rendered(as: .html)
        #expect(try offset(of: "<p>No open disputes.</p>", in: html) < offset(of: "id=\"to-A\"", in: html))
        let root = try JSONValue(parsing: Array(report.rendered(as: .json).utf8))
        #expect(root["terms"]?["status"]?.stringValue == "none")
        #expect(root["directions"]?[0]?["meets_terms"]?.isNull == true)
        #expect(root["priorities_as_of"]?.stringValue == "2026-01-15")
        #expect(root["open_disputes"]?.arrayValue?.isEmpty == true)
        #expect(try Self.report(Self.busy().scenario).prioritiesAsOf == Self.termsDay)
    }
}

/// Entries whose ids the list wrote in another script, and partial dates: the reports show the id
/// as the list wrote it, and an exchange reads a year of birth as `list import` and `diff` do.
@Suite struct ExchangeReportRecordIDTests {
    typealias S = ExchangeScenario

    /// Side A asks back `РФ-101` born in 1990 (year only) and side B offers the same name born in
    /// 1990 and a namesake born in 1975, both written with the Ukrainian word for year.
    static func scenario() throws -> (scenario: S, entry: String) {
        let entry = try #require(ListImportPlan.entryID(forRecordID: "РФ-101"))
        var scenario = try S()
        try scenario.put(S.hqA, .request, entry, S.person("Koval", "Ivan", born: "1990"))
        try scenario.put(S.hqB, .release, "B-1", S.person("Коваль", "Іван", born: "1975 р."))
        try scenario.put(S.hqB, .release, "B-2", S.person("Коваль", "Іван", born: "1990 р."))
        return (scenario, entry)
    }

    @Test func aYearOfBirthDecidesBetweenNamesakesAsInTheDiff() throws {
        let (scenario, entry) = try Self.scenario()
        let rows = Reconciliation(state: scenario.state()).report(.toA).rows
        let row = try #require(rows.first { $0.request?.ref.entry == entry })
        #expect(row.release?.ref.entry == "B-2")
        let born = try #require(row.evidence.first { $0.field == .dateOfBirth })
        #expect(born.a != nil && born.b != nil)
    }

    @Test func reportsShowTheIDAsTheListWroteIt() throws {
        let (scenario, entry) = try Self.scenario()
        #expect(entry != "РФ-101")
        let state = scenario.state()
        let report = ExchangeReport(reconciliation: Reconciliation(state: state), state: state, asOf: ExchangeReportTests.today)
        for format in ReportFormat.allCases {
            let rendered = report.rendered(as: format)
            #expect(rendered.contains("РФ-101"), "\(format)")
        }
        let csv = report.rendered(as: .csv).split(separator: "\n").map(String.init)
        #expect(csv[0].hasSuffix(",request_record,release_record"))
        #expect(csv.contains { $0.hasSuffix(",РФ-101,B-2") })
    }
}

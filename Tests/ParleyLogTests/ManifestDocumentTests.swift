import ParleyCrypto
import ParleyLog
import ParleyMatch
import Testing

/// The manifest as a document: every person who crosses, by name, the participants and their
/// signatures, and a status that never calls an unsigned or altered file final.
@Suite struct ManifestDocumentTests {
    typealias S = ExchangeScenario

    @Test func theDocumentListsEveryPersonWhoCrossesNumberedPerDirection() throws {
        let (_, manifest, file) = try S.finalized()
        let document = try ManifestDocument(file: file)
        #expect(document.isFinal)
        #expect(document.statusLine == "Final: signed by all 4 participants.")
        let html = document.html()
        for direction in Direction.allCases {
            #expect(html.contains("<section class=\"direction\" id=\"\(direction.rawValue)\">"))
        }
        // One numbered row per person, each with both sides' entries as written.
        let rows = html.ranges(of: "<tr><td class=\"num\">").count
        #expect(rows == manifest.count(.toA) + manifest.count(.toB))
        for person in manifest.people.values.joined() {
            for entry in [person.request, person.release] {
                #expect(html.contains(HTMLReport.escaped(entry.ref.entry)))
                #expect(html.contains(HTMLReport.escaped(ReportFormatting.name(of: entry.fields))))
            }
        }
        #expect(html.contains("Коваль Іван"))
        #expect(html.contains("AA100001"))
        // Each person's priority categories, read from the signed fields, in their own column.
        #expect(html.contains("<th scope=\"col\" rowspan=\"2\">Priority</th>"))
        #expect(html.contains("<td>woman, civilian</td></tr>"))
        #expect(html.contains("young and long held depend on a day, and the terms set no as_of"))
        // The hash stands in the header and in every printed page's margin.
        #expect(html.contains("<td class=\"id\">\(manifest.hash)</td>"))
        #expect(html.contains("@bottom-left { content: \"Manifest \(manifest.hash)\""))
        #expect(html.contains("counter(pages)"))
        // Every participant with its fingerprint, each signed.
        for key in S.everyone {
            #expect(html.contains(Fingerprint(key.publicKey.keyID).text))
        }
        #expect(!html.contains("not signed"))
        #expect(document.signedAt.count == 4)
        #expect(document.proposedAt != nil)
    }

    @Test func aMissingSignatureIsShownAndTheDocumentIsNotFinal() throws {
        let (_, _, file) = try S.finalized(signers: [S.hqA, S.hqB, S.mediator])
        let document = try ManifestDocument(file: file)
        #expect(!document.isFinal)
        #expect(document.statusLine == "NOT FINAL: 3 of 4 participants have signed.")
        let html = document.html()
        #expect(html.ranges(of: "<strong>not signed</strong>").count == 1)
        #expect(html.contains("class=\"status not-final\""))
    }

    @Test func anAlteredManifestSaysItDoesNotVerify() throws {
        let (_, _, file) = try S.finalized()
        // A person's name changed after everyone signed.
        guard case var .object(members) = file.manifest, case var .array(directions) = members["directions"],
              case var .object(toA) = directions[0], case var .array(people) = toA["people"],
              case var .object(person) = people[0], case var .object(request) = person["request"],
              case var .object(fields) = request["fields"]
        else { Issue.record("unexpected manifest form"); return }
        fields["surname"] = "Someone Else"
        request["fields"] = .object(fields)
        person["request"] = .object(request)
        people[0] = .object(person)
        toA["people"] = .array(people)
        directions[0] = .object(toA)
        members["directions"] = .array(directions)
        let altered = FinalizedManifest(manifest: .object(members), genesis: file.genesis, proposals: file.proposals, signatures: file.signatures)
        let document = try ManifestDocument(file: altered)
        #expect(!document.isFinal)
        #expect(document.statusLine.hasPrefix("DOES NOT VERIFY"))
        #expect(document.html().contains("class=\"status not-final\""))
        // Nobody validly signed what the altered file says.
        #expect(document.signedAt.isEmpty)
    }

    @Test func aProposalByANonMediatorDoesNotDateTheDocument() throws {
        let (_, manifest, file) = try S.finalized()
        let real = try #require(try ManifestDocument(file: file).proposedAt)
        // Side A's headquarters slips in an earlier "proposal" of the same hash.
        guard case let .proposeManifest(proposal) = try #require(file.proposals.first).envelope.operation else {
            Issue.record("the file's proposal is not a manifest.propose")
            return
        }
        var signer = EnvelopeSigner(key: S.hqA, exchange: ExchangeID(genesis: file.genesis.id), head: nil)
        let forged = try signer.sign(
            .proposeManifest(ProposeManifest(manifest: manifest.hash, basis: proposal.basis)), at: Timestamp(secondsSince1970: 0)
        )
        let tampered = FinalizedManifest(manifest: file.manifest, genesis: file.genesis, proposals: [forged] + file.proposals, signatures: file.signatures)
        #expect(try ManifestDocument(file: tampered).proposedAt == real)
    }

    @Test func peopleTextNumbersEachDirectionAndKeepsTheTerminalSafe() throws {
        let (_, manifest, file) = try S.finalized()
        let text = try ManifestDocument(file: file).peopleText()
        let lines = text.split(separator: "\n")
        #expect(lines.first == "to-A: \(manifest.count(.toA)) people")
        #expect(lines.contains { $0.hasPrefix("  1. A/request A-1 Koval Ivan 1990-01-02 AA100001  =  B/release B-1 Коваль Іван") })
        #expect(text.contains("to-B: \(manifest.count(.toB)) person"))
        #expect(text.contains("Petrenko Olena 2003-02-03  [woman, civilian]"))
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }

    @Test func hostileValuesAreEscaped() throws {
        var scenario = try S.standard()
        try scenario.put(S.hqA, .request, "A-1", S.person("<script>alert(1)</script>", "Ivan\u{1B}[31m", born: "1990-01-02", [.serviceNumber: "AA100001"]))
        try scenario.sign(S.hqA, .assertMatch(MatchPair(request: S.ref(S.hqA, .request, "A-1"), release: S.ref(S.hqB, .release, "B-1"))))
        let manifest = S.manifest(scenario)
        try scenario.sign(S.mediator, .proposeManifest(ProposeManifest(manifest: manifest.hash, basis: scenario.report().heads)))
        let report = scenario.report()
        let file = try #require(FinalizedManifest(manifest: manifest, state: report.state!, envelopes: report.envelopes))
        let document = try ManifestDocument(file: file)
        let html = document.html()
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;"))
        #expect(!html.contains("\u{1B}"))
        #expect(!document.peopleText().contains("\u{1B}"))
    }
}

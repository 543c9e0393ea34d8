import Foundation
import Testing

/// The exchange workflow end to end with the built binary: disputes, hand matches, attestations,
/// terms, confirmation, finalization and the offline check of the exported manifest, with the
/// rights each step enforces. Envelopes travel between the three homes by bundle. Synthetic data.
@Suite struct WorkflowCommandTests {
    typealias Party = ReplicaCommandTests.Party
    let helper = ReplicaCommandTests()

    /// Three parties with their lists imported and shared: to-A has R1/S1 and R2/S2 agreeing and
    /// R3 unoffered; to-B has Q1/T1 agreeing.
    struct Story {
        let dir: URL
        let a: Party
        let b: Party
        let m: Party
        let exchange: String
        var all: [Party] { [a, b, m] }
    }

    func story() async throws -> Story {
        let dir = try temporaryDirectory()
        let a = try await helper.makeParty("a", in: dir)
        let b = try await helper.makeParty("b", in: dir)
        let m = try await helper.makeParty("m", in: dir)
        let exchange = try await helper.createExchange(by: a, [
            "\(a.publicKeyFile):headquarters:A:Side A", "\(b.publicKeyFile):headquarters:B:Side B", "\(m.publicKeyFile):mediator:neutral:Mediator",
        ])
        let story = Story(dir: dir, a: a, b: b, m: m, exchange: exchange)
        try await share(story, from: [a])
        try await importList(story, a, "request", """
            id,surname,given_name,date_of_birth,service_number
            R1,Testenko,Ivan,1990-01-01,A-100001
            R2,Probko,Petro,1985-02-03,A-100002
            R3,Zrazko,Oleh,1979-12-31,A-100003

            """)
        try await importList(story, b, "release", """
            id,surname,given_name,date_of_birth,service_number
            S1,Testenko,Ivan,1990-01-01,A-100001
            S2,Probko,Petro,1985-02-03,A-100002

            """)
        try await importList(story, b, "request", """
            id,surname,given_name,date_of_birth
            Q1,Primerov,Sergei,1992-04-05

            """)
        try await importList(story, a, "release", """
            id,surname,given_name,date_of_birth
            T1,Primerov,Serhii,1992-04-05

            """)
        try await share(story)
        // Each party signed its content key shares to the others on receiving their
        // announcements: a second round carries them, so every party reads every list.
        try await share(story)
        return story
    }

    private func importList(_ story: Story, _ party: Party, _ list: String, _ csv: String) async throws {
        let file = try write(csv, "\(party.keyID.prefix(6))-\(list).csv", in: story.dir)
        let run = try await parley(["list", "import", file, "--exchange", story.exchange, "--list", list] + party.flags)
        #expect(run.status == 0, "\(run.stderr)")
    }

    /// Every party gets every other party's envelopes, by bundle.
    func share(_ story: Story, from senders: [Party]? = nil) async throws {
        for from in senders ?? story.all {
            let bundle = story.dir.appendingPathComponent("\(from.keyID.prefix(6)).bundle").path
            let export = try await parley(["bundle", "export", "--exchange", story.exchange, "-o", bundle] + from.flags)
            #expect(export.status == 0, "\(export.stderr)")
            for to in story.all where to.home != from.home {
                let imported = try await parley(["bundle", "import", bundle] + to.flags)
                #expect(imported.status == 0, "\(imported.stderr)")
            }
        }
    }

    func run(_ arguments: [String], as party: Party) async throws -> Run {
        try await parley(arguments + party.flags)
    }

    @Test func theWholeWorkflowWithItsRights() async throws {
        let s = try await story()
        defer { try? FileManager.default.removeItem(at: s.dir) }

        // Only a mediator sets terms, attests and confirms.
        let termsBySide = try await run(["terms", "set", "--to-a", "2", "--to-b", "1"], as: s.a)
        #expect(termsBySide.status == 2)
        #expect(termsBySide.stderr.contains("only a mediator may terms.set"))
        #expect(try await run(["terms", "set", "--to-a", "2", "--to-b", "1"], as: s.m).status == 0)
        let attestBySide = try await run(["attest", "A/request/R3", "--kind", "visited", "--date", "2025-04-01"], as: s.b)
        #expect(attestBySide.stderr.contains("only a mediator may attest"))
        #expect(try await run(["attest", "A/request/R3", "--kind", "visited", "--date", "2025-04-01"], as: s.m).status == 0)
        let confirmBySide = try await run(["confirm", "--direction", "to-A"], as: s.a)
        #expect(confirmBySide.status == 2)
        #expect(confirmBySide.stderr.contains("only a mediator may confirm"))

        // A side edits only its own lists.
        let registry = try write("id,surname\nX1,Synthetic\n", "registry.csv", in: s.dir)
        #expect(try await run(["list", "import", registry, "--list", "registry"], as: s.a).status == 2)

        // B doubts R2/S2; A may not close B's dispute, the mediator may.
        let open = try await run(["dispute", "open", "--about", "B/release/S2", "--reason", "identity-conflict", "--note", "other unit"], as: s.b)
        #expect(open.status == 0, "\(open.stderr)")
        let dispute = try #require(firstMatch(of: "dispute ([0-9a-f]{64}) opened", in: open.stdout))
        try await share(s)
        let listed = try await run(["dispute", "list"], as: s.a)
        #expect(listed.stdout.contains(dispute) && listed.stdout.contains("identity-conflict") && listed.stdout.contains("B/release/"))
        #expect(try await run(["dispute", "comment", String(dispute.prefix(8)), "--note", "checking"], as: s.a).status == 0)
        let closeByA = try await run(["dispute", "close", String(dispute.prefix(8)), "--resolution", "no"], as: s.a)
        #expect(closeByA.status == 2)
        #expect(closeByA.stderr.contains("only the party that opened dispute"))

        // While the dispute is open the manifest (which includes S2) cannot be proposed.
        try await share(s)
        let blocked = try await run(["finalize", "propose"], as: s.m)
        #expect(blocked.status == 2)
        #expect(blocked.stderr.contains("blocker: dispute:\(dispute)"))
        #expect(try await run(["dispute", "close", String(dispute.prefix(8)), "--resolution", "same unit, typo"], as: s.m).status == 0)
        #expect(try await run(["dispute", "list"], as: s.m).stdout.contains("no open disputes"))

        // A manifest is proposed only from directions the mediator confirmed as they are.
        let unconfirmed = try await run(["finalize", "propose"], as: s.m)
        #expect(unconfirmed.status == 2)
        #expect(unconfirmed.stderr.contains("you have not confirmed to-A and to-B"), "\(unconfirmed.stderr)")
        #expect(unconfirmed.stderr.contains("(refusal: notConfirmed)"))
        let confirm = try await run(["confirm", "--direction", "to-A"], as: s.m)
        #expect(confirm.status == 0, "\(confirm.stderr)")
        #expect(confirm.stdout.contains("2 agreed, 0 disputed, 1 unoffered"))
        // The hash reviewed, given by a prefix of 12 digits, confirms; a prefix too short names nothing.
        let reviewed = try #require(firstMatch(of: "reconciliation ([0-9a-f]{64})", in: confirm.stdout))
        #expect(try await run(["confirm", "--direction", "to-A", "--expect", String(reviewed.prefix(12))], as: s.m).status == 0)
        let short = try await run(["confirm", "--direction", "to-A", "--expect", String(reviewed.prefix(6))], as: s.m)
        #expect(short.status == 2 && short.stderr.contains("give at least 8 hex digits"), "\(short.stderr)")
        let stale = try await run(["confirm", "--direction", "to-B", "--expect", String(repeating: "0", count: 64)], as: s.m)
        #expect(stale.status == 2 && stale.stderr.contains("review it again"))
        #expect(try await run(["finalize", "propose"], as: s.m).stderr.contains("you have not confirmed to-B"))
        #expect(try await run(["confirm", "--direction", "to-B"], as: s.m).status == 0)
        let proposed = try await run(["finalize", "propose"], as: s.m)
        #expect(proposed.status == 0, "\(proposed.stderr)")
        #expect(proposed.stdout.contains("2 to A, 1 to B"))
        let manifest = try #require(firstMatch(of: "manifest ([0-9a-f]{64}) proposed", in: proposed.stdout))
        try await share(s)

        // Every party builds the same manifest from the same envelopes.
        var views: [String] = []
        for party in s.all { views.append(try await run(["finalize", "status"], as: party).stdout) }
        for view in views {
            #expect(view.contains("this replica's manifest: \(manifest)"))
            #expect(view.contains("(the same as this replica's)"))
        }
        for party in s.all {
            let sign = try await run(["finalize", "sign"], as: party)
            #expect(sign.status == 0, "\(sign.stderr)")
        }
        #expect(try await run(["finalize", "sign"], as: s.a).stderr.contains("already signed"))
        try await share(s)
        let final = try await run(["finalize", "status"], as: s.b).stdout
        #expect(final.contains("final: signed by every participant") && final.contains("the exchange is final"), "\(final)")

        // Final stays final: what would touch its people is refused, and the status does not change.
        let late = try await run(["dispute", "open", "--about", "B/release/S2", "--reason", "identity-conflict", "--note", "late"], as: s.b)
        #expect(late.status == 2)
        #expect(late.stderr.contains("the exchange is final") && late.stderr.contains("(refusal: finalized)"), "\(late.stderr)")
        #expect(try await run(["match", "different", "A/request/R1", "B/release/S1"], as: s.a).stderr.contains("(refusal: finalized)"))
        #expect(try await run(["finalize", "status"], as: s.b).stdout == final)

        // The exported file verifies offline, with nothing else.
        let file = s.dir.appendingPathComponent("manifest.json").path
        let export = try await run(["finalize", "export", "-o", file], as: s.b)
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stdout.contains("3 of 3 signatures"))
        let verified = try await parley(["verify", file], in: s.dir)
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        #expect(verified.stdout.contains("ok: every participant signed this manifest"))
        #expect(verified.stdout.contains("signed by Side B"))
        #expect(verified.stdout.contains("exchange \(s.exchange)"))
        #expect(verified.stdout.contains("key fingerprint"))
        // Pinned to the exchange the parties know, it passes; pinned to another, it fails.
        #expect(try await parley(["verify", file, "--exchange", s.exchange], in: s.dir).status == 0)
        let other = try await parley(["verify", file, "--exchange", String(repeating: "0", count: 64)], in: s.dir)
        #expect(other.status == 1)
        #expect(other.stdout.contains("the file is of exchange \(s.exchange), which --exchange"))
        // A prefix too short to name an exchange is a mistake in the command, not a forged file.
        let shortPin = try await parley(["verify", file, "--exchange", String(s.exchange.prefix(4))], in: s.dir)
        #expect(shortPin.status == 2 && shortPin.stderr.contains("no exchange matches") && !shortPin.stdout.contains("FAILED"))
        #expect(try await parley(["verify", file, "--exchange", String(s.exchange.prefix(8))], in: s.dir).status == 0)
        let garbage = try write("{\"format\": \"something else\"}", "garbage.json", in: s.dir)
        let unreadable = try await parley(["verify", garbage], in: s.dir)
        #expect(unreadable.status == 1)
        #expect(unreadable.stdout.contains("FAILED: not a finalized manifest"))
        try await tamperings(of: file, in: s.dir)
    }

    /// A manifest file with a signature removed, a participant added, a person added or a field
    /// changed fails `parley verify` with the exact reason.
    private func tamperings(of file: String, in dir: URL) async throws {
        let original = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as! [String: Any]
        func check(_ name: String, expecting reason: String, _ change: (inout [String: Any]) -> Void) async throws {
            var object = original
            change(&object)
            let path = dir.appendingPathComponent("\(name).json").path
            try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: path))
            let run = try await parley(["verify", path], in: dir)
            #expect(run.status == 1, "\(name): \(run.stdout)\(run.stderr)")
            #expect(run.stdout.contains(reason), "\(name): \(run.stdout)")
        }
        try await check("signature-removed", expecting: "the signature of Side A") { object in
            var signatures = object["signatures"] as! [[String: Any]]
            let genesis = object["genesis"] as! [String: Any]
            let creator = (genesis["envelope"] as! [String: Any])["author"] as! String
            signatures.removeAll { ($0["envelope"] as! [String: Any])["author"] as! String == creator }
            object["signatures"] = signatures
        }
        try await check("participant-added", expecting: "the manifest's participants are not the exchange's") { object in
            var manifest = object["manifest"] as! [String: Any]
            var participants = manifest["participants"] as! [[String: Any]]
            participants.append(["key": String(repeating: "1", count: 64), "role": "mediator", "side": "neutral", "name": "Intruder"])
            manifest["participants"] = participants
            object["manifest"] = manifest
        }
        func editPeople(_ object: inout [String: Any], _ edit: (inout [[String: Any]]) -> Void) {
            var manifest = object["manifest"] as! [String: Any]
            var directions = manifest["directions"] as! [[String: Any]]
            var people = directions[0]["people"] as! [[String: Any]]
            edit(&people)
            directions[0]["people"] = people
            directions[0]["count"] = people.count
            manifest["directions"] = directions
            object["manifest"] = manifest
        }
        try await check("person-added", expecting: "the manifest was changed after signing") { object in
            editPeople(&object) { people in people.append(people[0]) }
        }
        try await check("field-changed", expecting: "the manifest was changed after signing") { object in
            editPeople(&object) { people in
                var request = people[0]["request"] as! [String: Any]
                var fields = request["fields"] as! [String: Any]
                fields["surname"] = "Altered"
                request["fields"] = fields
                people[0]["request"] = request
            }
        }
    }

    @Test func signingAManifestYourReplicaDoesNotBuildShowsTheDifference() async throws {
        let s = try await story()
        defer { try? FileManager.default.removeItem(at: s.dir) }
        for direction in ["to-A", "to-B"] {
            #expect(try await run(["confirm", "--direction", direction], as: s.m).status == 0)
        }
        let proposed = try await run(["finalize", "propose"], as: s.m)
        #expect(proposed.status == 0, "\(proposed.stderr)")
        try await share(s)
        // B withdraws S1 before signing: its own manifest no longer has R1/S1.
        try await importList(s, s.b, "release", """
            id,surname,given_name,date_of_birth,service_number
            S2,Probko,Petro,1985-02-03,A-100002

            """)
        let sign = try await run(["finalize", "sign"], as: s.b)
        #expect(sign.status == 2)
        #expect(sign.stderr.contains("differs: added to-A A/request/"), "\(sign.stderr)")
        #expect(sign.stderr.contains("/R1 + B/release/"))
        #expect(sign.stderr.contains(": it differs from the one this replica builds in 2 places (added: "), "\(sign.stderr)")
        #expect(sign.stderr.contains("nothing was signed"))
        #expect(try await run(["finalize", "status"], as: s.b).stdout.contains("(differs from this replica's)"))
        // A, which has not seen the withdrawal, builds the proposed manifest and may sign.
        #expect(try await run(["finalize", "sign"], as: s.a).status == 0)
    }

    @Test func handDecisionsOverrideTheEngineAndNameTheirAuthor() async throws {
        let s = try await story()
        defer { try? FileManager.default.removeItem(at: s.dir) }
        let different = try await run(["match", "different", "A/request/R1", "B/release/S1", "--note", "different unit"], as: s.m)
        #expect(different.status == 0, "\(different.stderr)")
        #expect(different.stdout.contains("different persons"))
        let crossed = try await run(["match", "same", "A/request/R1", "A/release/T1"], as: s.m)
        #expect(crossed.status == 2)
        #expect(crossed.stderr.contains("do not face each other"))
        let unknown = try await run(["match", "same", "A/request/R9", "B/release/S1"], as: s.m)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no entry `R9`"))
        let terms = try await run(["terms", "show"], as: s.m)
        #expect(terms.stdout.contains("no terms set"))
        try await share(s)
        let status = try await run(["finalize", "status"], as: s.a)
        #expect(status.stdout.contains("(1 to A, 1 to B)"), "the rejected pair leaves one agreed to A: \(status.stdout)")
    }
}

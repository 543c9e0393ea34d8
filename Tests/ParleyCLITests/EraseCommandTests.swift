import Foundation
import Testing

/// `parley exchange erase` end to end with the built binary, on the exchange of
/// ``WorkflowCommandTests``: refused before the exchange is final; after, it leaves no name in the
/// erased home's files, the log still verifies, ids and counts still show, the commands that need
/// the records say the exchange is erased, and the other parties read everything until they erase
/// too. Synthetic data.
@Suite struct EraseCommandTests {
    let workflow = WorkflowCommandTests()

    /// Every byte of the files in `home`.
    private func files(_ home: String) -> Data {
        var bytes = Data()
        for name in (try? FileManager.default.contentsOfDirectory(atPath: home)) ?? [] {
            bytes += FileManager.default.contents(atPath: home + "/" + name) ?? Data()
        }
        return bytes
    }

    /// The record values of the story's lists found in `home`'s files.
    private func names(in home: String) -> [String] {
        let haystack = files(home)
        return ["Testenko", "Probko", "Zrazko", "Primerov", "A-100001", "A-100003", "1979-12-31", "1992-04-05"]
            .filter { haystack.range(of: Data($0.utf8)) != nil }
    }

    @Test func eraseIsRefusedBeforeFinalThenLeavesNoNameAndTheLogStillVerifies() async throws {
        let s = try await workflow.story()
        defer { try? FileManager.default.removeItem(at: s.dir) }
        let early = try await workflow.run(["exchange", "erase"], as: s.a)
        #expect(early.status != 0)
        #expect(early.stderr.contains("is not final") && early.stderr.contains("nothing was erased"), "\(early.stderr)")
        #expect(!names(in: s.a.home).isEmpty, "a replica holds what it opened")

        // Final: terms, both directions confirmed, a manifest every party signs.
        #expect(try await workflow.run(["terms", "set", "--to-a", "2", "--to-b", "1"], as: s.m).status == 0)
        #expect(try await workflow.run(["confirm", "--direction", "to-A"], as: s.m).status == 0)
        #expect(try await workflow.run(["confirm", "--direction", "to-B"], as: s.m).status == 0)
        let proposed = try await workflow.run(["finalize", "propose"], as: s.m)
        #expect(proposed.status == 0, "\(proposed.stderr)")
        let manifest = try #require(firstMatch(of: "manifest ([0-9a-f]{64}) proposed", in: proposed.stdout))
        try await workflow.share(s)
        for party in s.all { #expect(try await workflow.run(["finalize", "sign"], as: party).status == 0) }
        try await workflow.share(s)

        let erase = try await workflow.run(["exchange", "erase"], as: s.a)
        #expect(erase.status == 0, "\(erase.stderr)")
        #expect(erase.stdout.contains("erased in this replica") && erase.stdout.contains("erased so far by 1 of 3"), "\(erase.stdout)")
        #expect(names(in: s.a.home).isEmpty, "the erased home keeps no name, number or date")

        let verify = try await workflow.run(["verify"], as: s.a)
        #expect(verify.status == 0 && verify.stdout.contains(": ok,"), "\(verify.stdout)\(verify.stderr)")
        let shown = try await workflow.run(["list", "show", "--exchange", s.exchange], as: s.a)
        #expect(shown.status == 0)
        #expect(shown.stdout.contains("is erased in this replica") && shown.stdout.contains("R1") && shown.stdout.contains("(erased)"))
        #expect(!shown.stdout.contains("Testenko"))
        #expect(try await workflow.run(["exchange", "list"], as: s.a).stdout.contains("(erased here)"))
        #expect(try await workflow.run(["log"], as: s.a).stdout.contains("exchange.erase"))
        let reconcile = try await workflow.run(["reconcile"], as: s.a)
        #expect(reconcile.status != 0 && reconcile.stderr.contains("is erased in this replica"), "\(reconcile.stderr)")
        // The signed manifest still shows: its hash, who signed, final.
        let status = try await workflow.run(["finalize", "status"], as: s.a)
        #expect(status.status == 0 && status.stdout.contains("manifest \(manifest)") && status.stdout.contains("final: signed by every participant"))
        #expect(status.stdout.contains("this replica's manifest: none (the exchange is erased here"), "\(status.stdout)")
        #expect(try await workflow.run(["ui"], as: s.a).stderr.contains("is erased in this replica"))

        // The others are unaffected, and learn that A erased; B erases in turn.
        try await workflow.share(s)
        let b = try await workflow.run(["reconcile"], as: s.b)
        #expect(b.stdout.contains("Testenko"), "\(b.stderr)")
        #expect(try await workflow.run(["finalize", "status"], as: s.b).stdout.contains(manifest))
        let second = try await workflow.run(["exchange", "erase"], as: s.b)
        #expect(second.stdout.contains("erased so far by 2 of 3"), "\(second.stdout)\(second.stderr)")
        #expect(names(in: s.b.home).isEmpty)
        #expect(!names(in: s.m.home).isEmpty)
        let again = try await workflow.run(["exchange", "erase"], as: s.a)
        #expect(again.status == 0 && again.stdout.contains("was already erased"), "\(again.stdout)")

        // Through a server: it keeps everything while the mediator has not erased, then drops
        // what is sealed, and every later sync says why there is nothing left to sync.
        let server = try await SyncCommandTests.Server(data: s.dir.appendingPathComponent("server").path, admit: [s.a.publicKeyFile])
        defer { _ = server.stop() }
        #expect(try await workflow.run(["sync", "--server", server.url], as: s.a).status == 0)
        for party in [s.b, s.m] {
            let fetched = try await workflow.run(["sync", "--server", server.url, "--exchange", s.exchange], as: party)
            #expect(fetched.status == 0, "\(fetched.stderr)")
        }
        let last = try await workflow.run(["exchange", "erase"], as: s.m)
        #expect(last.stdout.contains("erased so far by 3 of 3"), "\(last.stdout)\(last.stderr)")
        #expect(try await workflow.run(["sync"], as: s.m).status == 0)
        var told: Run?
        for _ in 0..<100 {
            let sync = try await workflow.run(["sync"], as: s.a)
            if sync.stdout.contains("has dropped its records") {
                told = sync
                break
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        let dropped = try #require(told, "the server drops the exchange once every participant erased it")
        #expect(dropped.status == 0 && dropped.stdout.contains("every participant has erased this exchange"), "\(dropped.stdout)\(dropped.stderr)")
        let other = try await workflow.run(["sync"], as: s.b)
        #expect(other.status == 0 && other.stdout.contains("has dropped its records"), "\(other.stdout)\(other.stderr)")
        // The replicas keep the signed skeleton: the log still verifies.
        #expect(try await workflow.run(["verify"], as: s.b).status == 0)
    }
}

import Foundation
import Testing

/// `parley terms set --priorities` and `parley terms plan` with the built binary: three homes, the
/// lists shared by bundle, a mediator's phases and priority order, the plan as text and JSON (ids,
/// never names), and the refusals. Synthetic data.
///
/// Written for the async `parley(...)` helper.
@Suite struct PhasePlanCommandTests {
    typealias Home = BundleHome

    private func run(_ arguments: [String], as home: Home) async throws -> Run {
        try await home.run(arguments)
    }

    private func home(_ name: String, in dir: URL) async throws -> Home {
        try await BundleHome.make(name, in: dir)
    }

    private func share(_ homes: [Home], exchange: String, in dir: URL) async throws {
        try await BundleHome.share(homes, exchange: exchange, in: dir)
    }

    /// Three homes with an exchange whose side A requests R1–R4 and side B releases S1–S4 (the
    /// same four people), shared by bundle.
    private func listsShared(in dir: URL) async throws -> (a: Home, b: Home, m: Home, exchange: String) {
        let a = try await home("a", in: dir), b = try await home("b", in: dir), m = try await home("m", in: dir)
        let created = try await run([
            "exchange", "create", "--title", "Phases (synthetic)",
            "--participant", "\(a.pem):headquarters:A:Side A", "--participant", "\(b.pem):headquarters:B:Side B",
            "--participant", "\(m.pem):mediator:neutral:Mediator",
        ], as: m)
        #expect(created.status == 0, "\(created.stderr)")
        let exchange = String(created.stdout.prefix { $0 != "\n" })
        try await share([m, a, b], exchange: exchange, in: dir)
        let request = try write("""
            id,surname,given_name,date_of_birth,sex,seriously_wounded,category
            R1,Testenko,Ivan,1990-01-01,m,,
            R2,Probko,Olena,1985-02-03,f,,
            R3,Zrazko,Oleh,1979-12-31,m,yes,
            R4,Primerov,Serhii,1992-04-05,m,,civilian

            """, "a-request.csv", in: dir)
        let release = try write("""
            id,surname,given_name,date_of_birth
            S1,Testenko,Ivan,1990-01-01
            S2,Probko,Olena,1985-02-03
            S3,Zrazko,Oleh,1979-12-31
            S4,Primerov,Serhii,1992-04-05

            """, "b-release.csv", in: dir)
        #expect(try await run(["list", "import", request, "--exchange", exchange, "--list", "request"], as: a).status == 0)
        #expect(try await run(["list", "import", release, "--exchange", exchange, "--list", "release"], as: b).status == 0)
        try await share([a, b, m], exchange: exchange, in: dir)
        return (a, b, m, exchange)
    }

    @Test func aMediatorDrawsUpPhasesInItsPriorityOrder() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (a, _, m, _) = try await listsShared(in: dir)

        // No phases yet: the plan says how to set them.
        let early = try await run(["terms", "plan"], as: m)
        #expect(early.status == 2)
        #expect(early.stderr.contains("no terms"))

        // A side may not set terms; a bad category is named.
        let terms = ["terms", "set", "--to-a", "5", "--to-b", "0", "--phase", "first:2:0", "--phase", "second:3:0", "--as-of", "2025-05-01"]
        let bySide = try await run(terms + ["--priorities", "civilian"], as: a)
        #expect(bySide.status == 2)
        #expect(bySide.stderr.contains("only a mediator may terms.set"))
        let misspelt = try await run(terms + ["--priorities", "women"], as: m)
        #expect(misspelt.status == 2)
        #expect(misspelt.stderr.contains("\"women\" is not a priority category"))
        #expect(try await run(terms + ["--priorities", "civilian,woman"], as: m).status == 0)
        #expect(try await run(["terms", "show"], as: m).stdout.contains("priority order: civilian, woman\n"))

        let first = try await run(["terms", "plan", "first"], as: m)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("to-A: 2 of 2\n    1. R4 = S4  civilian\n    2. R2 = S2  woman\n"))
        #expect(!first.stdout.contains("phase 2 of 2"))
        let second = try await run(["terms", "plan", "second", "--format", "json"], as: m)
        #expect(second.status == 0, "\(second.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(second.stdout.utf8)) as? [String: Any])
        let phase = try #require((json["phases"] as? [[String: Any]])?.first)
        let toA = try #require((phase["directions"] as? [[String: Any]])?.first)
        #expect(toA["missing"] as? Int == 1)
        let people = try #require(toA["people"] as? [[String: Any]])
        #expect(people.compactMap { ($0["request"] as? [String: Any])?["record_id"] as? String } == ["R1", "R3"])
        #expect(people.compactMap { $0["reason"] as? String } == ["remaining", "remaining"])
        for output in [first.stdout, second.stdout] {
            #expect(!["Testenko", "Probko", "Zrazko", "Primerov", "1990-01-01"].contains { output.contains($0) })
        }

        let unknown = try await run(["terms", "plan", "third"], as: m)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("phase \"third\" is not in the terms"))
    }

    @Test func eachPhaseHasItsManifestAndASealedPhaseStaysFinal() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (a, b, m, exchange) = try await listsShared(in: dir)
        let terms = ["terms", "set", "--to-a", "4", "--to-b", "0", "--phase", "first:2:0", "--phase", "second:2:0", "--as-of", "2025-05-01"]
        #expect(try await run(terms + ["--priorities", "civilian,woman"], as: m).status == 0)
        for direction in ["to-A", "to-B"] {
            #expect(try await run(["confirm", "--direction", direction], as: m).status == 0)
        }
        let proposed = try await run(["finalize", "propose", "--phase", "1"], as: m)
        #expect(proposed.status == 0, "\(proposed.stderr)")
        #expect(proposed.stdout.contains("proposed for phase 1 \"first\": 2 to A, 0 to B"))
        try await share([m, a, b], exchange: exchange, in: dir)
        for party in [a, b, m] {
            let signed = try await run(["finalize", "sign"], as: party)
            #expect(signed.status == 0, "\(signed.stderr)")
            try await share([party, a, b, m], exchange: exchange, in: dir)
        }

        let status = try await run(["finalize", "status"], as: a)
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stdout.contains("1. first: sealed by manifest "))
        #expect(status.stdout.contains("2. second: open"))
        #expect(status.stdout.contains("of phase \"first\""))
        #expect(status.stdout.contains("final: signed by every participant"))
        #expect(!status.stdout.contains("the exchange is final"), "only a phase is final")
        let plan = try await run(["terms", "plan"], as: b)
        #expect(plan.stdout.contains("phase 1 of 2: first (sealed: its manifest's people)\n  to-A: 2 of 2\n    1. R4 = S4  civilian\n    2. R2 = S2  woman\n"))
        #expect(plan.stdout.contains("phase 2 of 2: second\n  to-A: 2 of 2\n    1. R1 = S1  remaining\n    2. R3 = S3  remaining (also seriously-wounded)\n"))

        // The sealed phase's manifest exports and verifies offline, and reads as a phase.
        let hash = try #require(firstMatch(of: "manifest ([0-9a-f]{64}) proposed", in: proposed.stdout))
        let file = dir.appendingPathComponent("phase-1.json").path, page = dir.appendingPathComponent("phase-1.html").path
        #expect(try await run(["finalize", "export", "--manifest", hash, "-o", file], as: b).status == 0)
        let verified = try await parley(["verify", file])
        #expect(verified.status == 0, "\(verified.stderr)")
        #expect(try await run(["finalize", "export", "--manifest", hash, "--format", "html", "-o", page], as: b).status == 0)
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(html.contains("<th scope=\"row\">Phase</th><td>1 of 2: first"))
        #expect(html.contains("<small>civilian</small>") && html.contains("<small>woman</small>"))

        // A person of the sealed phase: refused by the signer; of the open one: accepted.
        let sealed = try await run(["dispute", "open", "--about", "A/request/R4", "--reason", "other"], as: b)
        #expect(sealed.status != 0)
        #expect(sealed.stderr.contains("phase `first` is sealed"), "\(sealed.stderr)")
        let open = try await run(["dispute", "open", "--about", "A/request/R1", "--reason", "other"], as: b)
        #expect(open.status == 0, "\(open.stderr)")
        let again = try await run(["finalize", "propose", "--phase", "first"], as: m)
        #expect(again.status != 0)
        #expect(again.stderr.contains("phase `first` is sealed"), "\(again.stderr)")
        let unknown = try await run(["finalize", "propose", "--phase", "third"], as: m)
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("no phase `third`"))
    }
}

import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ParleyCrypto
import ParleyLog
import ParleyMatch
import ParleyParty
@testable import ParleyWorkspace
import Testing

/// Proposing the manifest of one phase from the workspace's manifest page: the phase choice, who
/// would cross and why, the proposal in the replica's log, and the library's refusals.
///
/// The fixture's agreed people: none to A (A-1 is under dispute, A-2 conflicts), BR-1/AR-1 to B.
/// The terms here: phase `first` takes the one to B, phase `second` one to A (short by one).
@Suite struct WorkspacePhaseProposalTests {
    static let asOf = CalendarDate(year: 2025, month: 5, day: 1)!
    static let terms = Terms(
        counts: [.toA: 1, .toB: 1],
        phases: [Terms.Phase(name: "first", counts: [.toA: 0, .toB: 1]), Terms.Phase(name: "second", counts: [.toA: 1, .toB: 0])],
        asOf: asOf
    )

    /// Sets the phased terms and confirms both directions as the mediator, through the library.
    private func phasedAndConfirmed(_ fixture: WorkspaceFixture) throws {
        let mediator = try Party.open(home: fixture.mediator, signing: true)
        try mediator.sign([.setTerms(Self.terms)], in: try mediator.open(fixture.exchange), at: WorkspaceFixture.time(20))
        try fixture.confirmBothDirections(at: 21)
    }

    /// The entries of the people the library's plan draws into `phase` in `home`'s replica.
    private func planned(_ phase: String, in fixture: WorkspaceFixture, home: PartyHome) throws -> Set<EntryRef> {
        let open = try Party.open(home: home, signing: false).open(fixture.exchange)
        let drawUp = PhaseDrawUp(reconciliation: try open.reconciliation, terms: Self.terms, sealed: open.state.sealedPhases, today: Self.asOf)
        let plan = try require_(drawUp.plan(named: phase), "phase \(phase) in the plan")
        return Set(plan.directions.flatMap(\.people).flatMap { [$0.candidate.request, $0.candidate.release] })
    }

    /// The `manifest.propose` bodies in `home`'s replica.
    private func proposals(in fixture: WorkspaceFixture, home: PartyHome) throws -> [ProposeManifest] {
        try fixture.envelopes(in: home).compactMap { envelope in
            if case let .proposeManifest(body) = envelope.envelope.operation { return body }
            return nil
        }
    }

    /// The value of the hidden field `name` of the page's first form that has one.
    private static func hidden(_ name: String, in html: String) throws -> String {
        let start = try #require(html.range(of: "name=\"\(name)\" value=\""))
        return String(html[start.upperBound...].prefix { $0 != "\"" })
    }

    @Test func aMediatorSeesThePhasesPicksOneAndProposesItsManifest() async throws {
        let fixture = try WorkspaceFixture()
        defer { fixture.remove() }
        try phasedAndConfirmed(fixture)
        let expected = try planned("first", in: fixture, home: fixture.mediator)
        #expect(expected.count == 2, "the plan draws BR-1/AR-1 into the first phase")
        try await withWorkspace(fixture, home: fixture.mediator) { client, cookie, _ in
            try await client.execute(uri: "/manifest", method: .get, headers: [.cookie: cookie]) { response in
                let body = String(buffer: response.body)
                #expect(body.contains("<option value=\"first\" >phase 1 of 2: first — to-A: 0 of 0, to-B: 1 of 1</option>"))
                #expect(body.contains("phase 2 of 2: second — to-A: 0 of 1 (short by 1), to-B: 0 of 0"))
                #expect(!body.contains("id=\"propose-phase\""), "nothing is proposed before a phase is shown")
            }
            let hash = try await client.execute(uri: "/manifest?phase=first", method: .get, headers: [.cookie: cookie]) { response in
                let body = String(buffer: response.body)
                #expect(body.contains("<option value=\"first\" selected>"))
                #expect(body.contains("<h4>to-B: 1 of 1</h4>"))
                // Each person links to their pair.
                #expect(body.contains(
                    "<td><a href=\"/pair?direction=to-B&amp;entry=B/request/\(fixture.keyB.publicKey.keyID.hex.prefix(8))/BR-1\">BR-1 Bondar Oleh</a></td>"
                        + "<td>AR-1 Bondar Oleh</td><td><span class=\"tag priority\">remaining</span></td>"
                ))
                #expect(body.contains("id=\"propose-phase\""))
                let phasePart = body.components(separatedBy: "id=\"phases\"").last ?? ""
                #expect(body.contains("name=\"waive:dispute:"), "the whole exchange is blocked by side A's dispute")
                #expect(!phasePart.contains("name=\"waive:"), "the phase has no blocker of its own")
                return try Self.hidden("hash", in: phasePart)
            }
            try await client.execute(uri: "/manifest/propose", method: .post, headers: post(cookie), body: form([
                "phase": "first", "hash": hash, "back": "/manifest?phase=first",
            ])) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/manifest?phase=first")
            }
            try await client.execute(uri: "/manifest?phase=first", method: .get, headers: [.cookie: cookie]) { response in
                let body = String(buffer: response.body)
                #expect(body.contains("class=\"flash done\""))
                #expect(body.contains("proposed for phase 1 first: 0 to A, 1 to B"))
                #expect(body.contains("Proposing: this manifest has been proposed (below)"))
                #expect(!body.contains("id=\"propose-phase\""))
            }
        }
        let proposed = try #require(try proposals(in: fixture, home: fixture.mediator).first)
        #expect(proposed.phase?.phase.name == "first")
        #expect(proposed.phase?.entries == expected, "the proposal names exactly the people the plan draws")
        let state = try fixture.verifiedState(in: fixture.mediator)
        #expect(state.manifestStatus(proposed.manifest) != nil, "the proposal verifies and counts")
    }

    @Test func aBlockedPhaseIsRefusedUntilItsBlockerIsWaivedWithAReason() async throws {
        let fixture = try WorkspaceFixture()
        defer { fixture.remove() }
        try phasedAndConfirmed(fixture)
        try await withWorkspace(fixture, home: fixture.mediator) { client, cookie, _ in
            let hash = try await client.execute(uri: "/manifest?phase=2", method: .get, headers: [.cookie: cookie]) { response in
                let body = String(buffer: response.body)
                #expect(body.contains("<option value=\"second\" selected>"), "a phase may be named by its number")
                #expect(body.contains("<li>terms:to-A (expected 1, manifest has 0)</li>"))
                #expect(body.contains("name=\"waive:terms:to-A\""))
                return try Self.hidden("hash", in: body.components(separatedBy: "id=\"phases\"").last ?? "")
            }
            try await client.execute(uri: "/manifest/propose", method: .post, headers: post(cookie), body: form([
                "phase": "second", "hash": hash, "back": "/manifest?phase=second", "waive:terms:to-A": "",
            ])) { #expect($0.status == .seeOther) }
            try await client.execute(uri: "/manifest?phase=second", method: .get, headers: [.cookie: cookie]) { response in
                let body = String(buffer: response.body)
                #expect(body.contains("class=\"flash refused\""))
                #expect(body.contains("is blocked by terms:to-A; settle it, or waive it with a reason; nothing was signed"))
            }
            #expect(try proposals(in: fixture, home: fixture.mediator).isEmpty)
            try await client.execute(uri: "/manifest/propose", method: .post, headers: post(cookie), body: form([
                "phase": "second", "hash": hash, "back": "/manifest?phase=second", "waive:terms:to-A": "the third person follows",
            ])) { #expect($0.status == .seeOther) }
        }
        let proposed = try #require(try proposals(in: fixture, home: fixture.mediator).first)
        #expect(proposed.phase?.phase.name == "second")
        #expect(proposed.waivers == [Waiver(blocker: "terms:to-A", reason: "the third person follows")])
    }

    @Test func theWholeExchangesBlockersAreWaivedTheSameWay() async throws {
        let fixture = try WorkspaceFixture()
        defer { fixture.remove() }
        try phasedAndConfirmed(fixture)
        let state = try Party.open(home: fixture.mediator, signing: false).open(fixture.exchange).state
        let dispute = try #require(state.openDisputes.first)
        try await withWorkspace(fixture, home: fixture.mediator) { client, cookie, _ in
            let hash = try await client.execute(uri: "/manifest", method: .get, headers: [.cookie: cookie]) { response in
                let body = String(buffer: response.body)
                #expect(body.contains("name=\"waive:dispute:\(dispute.id.hex)\""))
                return try Self.hidden("hash", in: body)
            }
            try await client.execute(uri: "/manifest/propose", method: .post, headers: post(cookie), body: form([
                "hash": hash, "waive:terms:to-B": "not a blocker",
            ])) { #expect($0.headers[.location] == "/manifest") }
            try await client.execute(uri: "/manifest", method: .get, headers: [.cookie: cookie]) { response in
                #expect(String(buffer: response.body).contains("waiving terms:to-B: not a blocker of this manifest (blockers: dispute:"))
            }
            #expect(try proposals(in: fixture, home: fixture.mediator).isEmpty)
            try await client.execute(uri: "/manifest/propose", method: .post, headers: post(cookie), body: form([
                "hash": hash, "waive:dispute:\(dispute.id.hex)": "settled at the crossing",
            ])) { #expect($0.headers[.location] == "/manifest") }
        }
        let proposed = try #require(try proposals(in: fixture, home: fixture.mediator).first)
        #expect(proposed.phase == nil)
        #expect(proposed.waivers == [Waiver(blocker: "dispute:\(dispute.id.hex)", reason: "settled at the crossing")])
    }

    @Test func aSideIsNotOfferedThePhasesAndIsRefusedAsTheLibraryWordsIt() async throws {
        let fixture = try WorkspaceFixture()
        defer { fixture.remove() }
        try phasedAndConfirmed(fixture)
        let partyA = try Party.open(home: fixture.sideA, signing: true)
        _ = try partyA.ingest(try fixture.envelopes(in: fixture.mediator).map(\.wireBytes), exchange: fixture.exchange)
        let before = try fixture.envelopes(in: fixture.sideA).count
        let openA = try partyA.open(fixture.exchange)
        let hash = try ManifestProposal(phase: "first", reconciliation: openA.reconciliation, state: openA.state).hash
        try await withWorkspace(fixture, home: fixture.sideA) { client, cookie, _ in
            try await client.execute(uri: "/manifest?phase=first", method: .get, headers: [.cookie: cookie]) { response in
                let body = String(buffer: response.body)
                #expect(!body.contains("id=\"phases\""), "a side is offered no phase to propose")
                #expect(!body.contains("id=\"propose-phase\""))
            }
            try await client.execute(uri: "/manifest/propose", method: .post, headers: post(cookie), body: form([
                "phase": "first", "hash": hash, "back": "/manifest",
            ])) { #expect($0.status == .seeOther) }
            try await client.execute(uri: "/manifest", method: .get, headers: [.cookie: cookie]) { response in
                let body = String(buffer: response.body)
                #expect(body.contains("class=\"flash refused\""))
                #expect(body.contains("only a mediator may manifest.propose; you are headquarters; nothing was signed"))
            }
        }
        #expect(try fixture.envelopes(in: fixture.sideA).count == before)
    }

    @Test func proposingASealedPhaseAgainIsRefusedWithTheLibrarysWords() async throws {
        let fixture = try WorkspaceFixture()
        defer { fixture.remove() }
        try phasedAndConfirmed(fixture)
        // The mediator proposes phase `first`; side A, side B and the mediator sign it: it is sealed.
        let mediator = try Party.open(home: fixture.mediator, signing: true)
        let open = try mediator.open(fixture.exchange)
        let proposal = try ManifestProposal(phase: "first", reconciliation: open.reconciliation, state: open.state)
        try mediator.sign([proposal.operation(basis: open.heads)], in: open, at: WorkspaceFixture.time(22))
        try fixture.signByEveryone(proposal.hash, from: 23)
        #expect(try fixture.verifiedState(in: fixture.mediator).sealedPhases.map(\.name) == ["first"])
        let before = try fixture.envelopes(in: fixture.mediator).count

        try await withWorkspace(fixture, home: fixture.mediator) { client, cookie, _ in
            try await client.execute(uri: "/manifest", method: .get, headers: [.cookie: cookie]) { response in
                let body = String(buffer: response.body)
                #expect(!body.contains("<option value=\"first\""), "a sealed phase is not offered")
                #expect(body.contains("<option value=\"second\""))
                #expect(body.contains("Sealed, their people final: phase 1 first."))
            }
            try await client.execute(uri: "/manifest/propose", method: .post, headers: post(cookie), body: form([
                "phase": "first", "hash": proposal.hash, "back": "/manifest",
            ])) { #expect($0.status == .seeOther) }
            try await client.execute(uri: "/manifest", method: .get, headers: [.cookie: cookie]) { response in
                let body = String(buffer: response.body)
                #expect(body.contains("class=\"flash refused\""))
                // The library's refusal (ExchangeState.refusal), as `finalize propose --phase first` prints it.
                let state = try Party.open(home: fixture.mediator, signing: false).open(fixture.exchange).state
                let key = try #require(state.participants.first { $0.role == .mediator }?.keyID)
                let refusal = try #require(state.refusal(of: proposal.operation(basis: [:]), by: key))
                #expect(refusal.code == .finalized)
                #expect(body.contains(refusal.message + "; nothing was signed"))
                #expect(body.contains("phase `first` is sealed"))
            }
        }
        #expect(try fixture.envelopes(in: fixture.mediator).count == before)
    }

    @Test func anExchangeWithoutPhasesShowsNoPhaseChoice() async throws {
        let fixture = try WorkspaceFixture()
        defer { fixture.remove() }
        try await withWorkspace(fixture, home: fixture.mediator) { client, cookie, _ in
            try await client.execute(uri: "/manifest?phase=first", method: .get, headers: [.cookie: cookie]) { response in
                #expect(!String(buffer: response.body).contains("id=\"phases\""), "no terms at all")
            }
        }
        let mediator = try Party.open(home: fixture.mediator, signing: true)
        try mediator.sign([.setTerms(Terms(counts: [.toA: 1, .toB: 1], asOf: Self.asOf))], in: try mediator.open(fixture.exchange), at: WorkspaceFixture.time(20))
        try await withWorkspace(fixture, home: fixture.mediator) { client, cookie, _ in
            try await client.execute(uri: "/manifest?phase=first", method: .get, headers: [.cookie: cookie]) { response in
                let body = String(buffer: response.body)
                #expect(!body.contains("id=\"phases\""), "terms without phases")
                #expect(!body.contains("name=\"phase\""))
                #expect(body.contains("Propose this manifest") || body.contains("Proposing: blocked"), "the whole exchange is still proposed here")
            }
        }
    }
}

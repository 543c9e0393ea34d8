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

/// Every route of the workspace in process, over an exchange made through the library: the
/// token, the session, Host and Origin, the CSP, the pages, and actions that become signed
/// operations or are refused as the library words it.
@Suite struct WorkspaceRouteTests {
    /// The printed manifest's style blocks are admitted by their hashes, found as bytes in a
    /// page of any size and script, each block once, in order.
    @Test func eachStyleBlockIsAdmittedByItsHash() {
        let blocks = ["body { color: black; }", "@page { @bottom-left { content: \"Маніфест <1>\"; } }"]
        let page = "<html><head><style>\(blocks[0])</style></head><body><p>Коваль &lt;style&gt; </p>"
            + String(repeating: "<tr><td>Шевчук Олена</td></tr>\n", count: 20_000) + "<style>\(blocks[1])</style><style>unclosed"
        let expected = blocks.map { "'sha256-" + Data(SHA256.hash(Array($0.utf8))).base64EncodedString() + "'" }
        #expect(WorkspaceRoutes.styleHashes(in: page) == expected)
        #expect(WorkspaceRoutes.styleHashes(in: "no style here").isEmpty)
        #expect(WorkspaceRoutes.styleHashes(in: "<style></style>") == ["'sha256-" + Data(SHA256.hash([UInt8]())).base64EncodedString() + "'"])
    }

    @Test func theTokenIsExchangedOnceForAStrictSessionCookie() async throws {
        let fixture = try WorkspaceFixture()
        defer { fixture.remove() }
        try await withWorkspace(fixture, home: fixture.mediator, login: false) { client, _, _ in
            let cookie = try await client.execute(uri: "/queue?token=one-time-token", method: .get) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/queue")
                let set = try #require(response.headers[.setCookie])
                #expect(set.contains("HttpOnly"))
                #expect(set.contains("SameSite=Strict"))
                #expect(set.contains("Path=/"))
                return String(set.prefix { $0 != ";" })
            }
            try await client.execute(uri: "/?token=one-time-token", method: .get) { response in
                #expect(response.status == .forbidden, "a used token opens nothing")
                #expect(response.headers[.setCookie] == nil)
            }
            try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("Synthetic exchange"))
            }
        }
    }

    @Test func aMissingOrWrongTokenOrSessionIsRefused() async throws {
        let fixture = try WorkspaceFixture()
        defer { fixture.remove() }
        try await withWorkspace(fixture, home: fixture.mediator, login: false) { client, _, _ in
            for (uri, headers) in [
                ("/", HTTPFields()), ("/?token=not-the-token", HTTPFields()), ("/queue", [.cookie: "parley_session=forged"]),
            ] as [(String, HTTPFields)] {
                try await client.execute(uri: uri, method: .get, headers: headers) { response in
                    #expect(response.status == .forbidden, "\(uri)")
                    #expect(!String(buffer: response.body).contains("Synthetic exchange"))
                }
            }
        }
    }

    @Test func anotherHostIsRefusedEvenWithTheSession() async throws {
        let fixture = try WorkspaceFixture()
        defer { fixture.remove() }
        try await withWorkspace(fixture, home: fixture.mediator) { client, cookie, _ in
            try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie, HTTPField.Name("Host")!: "rebound.example:80"]) { response in
                #expect(response.status == .misdirectedRequest)
            }
        }
    }

    /// The style sheet, the script and the icon are compiled in and served without a session
    /// (they hold nothing of the exchange), each with its type and the strict policy, and only to
    /// the workspace's own host.
    @Test func theStyleSheetScriptAndIconNeedNoSessionButTheRightHost() async throws {
        let fixture = try WorkspaceFixture()
        defer { fixture.remove() }
        try await withWorkspace(fixture, home: fixture.mediator, login: false) { client, _, _ in
            for (uri, type, sample) in [
                ("/static/workspace.css", "text/css; charset=utf-8", ".flash .line"),
                ("/static/workspace.js", "text/javascript; charset=utf-8", "/live"),
            ] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .ok, "\(uri)")
                    #expect(response.headers[.contentType] == type)
                    #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
                    #expect(String(buffer: response.body).contains(sample))
                    #expect(!String(buffer: response.body).contains("Koval"), "no record in an asset")
                }
                try await client.execute(uri: uri, method: .get, headers: [HTTPField.Name("Host")!: "rebound.example:80"]) {
                    #expect($0.status == .misdirectedRequest, "\(uri)")
                }
            }
            try await client.execute(uri: "/favicon.ico", method: .get) { #expect($0.status == .noContent) }
            try await client.execute(uri: "/", method: .get) { #expect($0.status == .forbidden, "a page needs the session") }
        }
    }

    @Test func aCrossSitePostIsRefusedAndSignsNothing() async throws {
        let fixture = try WorkspaceFixture()
        defer { fixture.remove() }
        let before = try fixture.envelopes(in: fixture.mediator).count
        try await withWorkspace(fixture, home: fixture.mediator) { client, cookie, _ in
            let decision = form(["direction": "to-A", "request": "A/request/A-2", "release": "B/release/B-2", "same": "yes"])
            var headers = post(cookie)
            headers[.origin] = "http://evil.example"
            try await client.execute(uri: "/decide", method: .post, headers: headers, body: decision) { response in
                #expect(response.status == .forbidden)
            }
            headers[.origin] = nil
            try await client.execute(uri: "/decide", method: .post, headers: headers, body: decision) { response in
                #expect(response.status == .forbidden, "a post with neither Origin nor Sec-Fetch-Site is refused")
            }
            headers[HTTPField.Name("Sec-Fetch-Site")!] = "cross-site"
            try await client.execute(uri: "/decide", method: .post, headers: headers, body: decision) { response in
                #expect(response.status == .forbidden)
            }
        }
        #expect(try fixture.envelopes(in: fixture.mediator).count == before)
    }

    @Test func everyAnswerCarriesAStrictContentSecurityPolicy() async throws {
        let fixture = try WorkspaceFixture()
        defer { fixture.remove() }
        try await withWorkspace(fixture, home: fixture.mediator) { client, cookie, _ in
            for uri in ["/", "/queue", "/queue?show=all&kind=disputed", "/pair?direction=to-A&entry=A/request/A-2", "/confirm", "/manifest",
                        "/static/workspace.css", "/static/workspace.js", "/pair?direction=to-A&entry=A/request/nobody"] {
                try await client.execute(uri: uri, method: .get, headers: [.cookie: cookie]) { response in
                    #expect(response.status == (uri.hasSuffix("nobody") ? .notFound : .ok), "\(uri)")
                    let policy = try #require(response.headers[.contentSecurityPolicy], "\(uri)")
                    #expect(policy.hasPrefix("default-src 'none'; style-src 'self'"))
                    #expect(policy.contains("script-src 'self'"))
                    #expect(policy.contains("connect-src 'self'"), "the script may ask only this server whether the page is out of date")
                    #expect(!policy.contains("unsafe"))
                    let body = String(buffer: response.body)
                    #expect(!body.contains("http://") && !body.contains("https://"), "nothing external on \(uri)")
                }
            }
        }
    }

    @Test func aDecisionPostedBecomesASignedOperationInTheReplica() async throws {
        let fixture = try WorkspaceFixture()
        defer { fixture.remove() }
        try await withWorkspace(fixture, home: fixture.mediator) { client, cookie, _ in
            let back = "/pair?direction=to-A&entry=A/request/A-2"
            try await client.execute(uri: "/decide", method: .post, headers: post(cookie), body: form([
                "direction": "to-A", "request": "A/request/A-2", "release": "B/release/B-2", "same": "yes", "note": "seen", "back": back,
            ])) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == back)
            }
            try await client.execute(uri: back, method: .get, headers: [.cookie: cookie]) { response in
                let body = String(buffer: response.body)
                #expect(body.contains("are the same person, by your hand"))
                #expect(body.contains("same person (A-2 / B-2): seen"), "the history names the decision")
            }
        }
        let state = try fixture.verifiedState(in: fixture.mediator)
        let decisions = state.matchDecisions.values.filter { $0.body.pair.request.entry == "A-2" && $0.body.pair.release.entry == "B-2" }
        #expect(decisions.count == 1)
        #expect(decisions.first?.body.same == true)
        #expect(decisions.first.map { state.participant($0.author)?.role } == .mediator)
    }

    @Test func aPersonRequestedButNotOfferedShowsTheNearestOfferedEntriesAndPairsWithOne() async throws {
        let fixture = try WorkspaceFixture()
        defer { fixture.remove() }
        try await withWorkspace(fixture, home: fixture.mediator) { client, cookie, _ in
            let page = "/pair?direction=to-A&entry=A/request/A-3"
            try await client.execute(uri: page, method: .get, headers: [.cookie: cookie]) { response in
                let body = String(buffer: response.body)
                #expect(body.contains("Nearest offered entries"))
                let table = try #require(body.range(of: "<table id=\"nearest\">").map { String(body[$0.lowerBound...].prefix(2_000)) })
                #expect(table.contains("B-3 Hnatiuk Roman"), "the man born the same day is the nearest offered entry")
                #expect(table.contains("name=\"release\" value=\"B/release/") && table.contains("/B-3\">"), "and can be paired by hand")
            }
            try await client.execute(uri: "/decide", method: .post, headers: post(cookie), body: form([
                "direction": "to-A", "request": "A/request/A-3", "release": "B/release/B-3", "same": "yes", "back": page,
            ])) { response in
                #expect(response.status == .seeOther)
            }
            try await client.execute(uri: page, method: .get, headers: [.cookie: cookie]) { response in
                let body = String(buffer: response.body)
                #expect(body.contains("are the same person, by your hand"))
                #expect(!body.contains("Nearest offered entries"), "paired now, so no longer unoffered")
            }
        }
    }

    @Test func prioritiesAreShownInTheOrderTheTermsSet() async throws {
        let fixture = try WorkspaceFixture()
        defer { fixture.remove() }
        let mediator = try Party.open(home: fixture.mediator, signing: true)
        let terms = Terms(counts: [.toA: 3, .toB: 1], priorities: [.civilian, .young])
        try mediator.sign([.setTerms(terms)], in: try mediator.open(fixture.exchange), at: WorkspaceFixture.time(20))
        try await withWorkspace(fixture, home: fixture.mediator) { client, cookie, _ in
            try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie]) { response in
                let body = String(buffer: response.body)
                let rows = ["civilian", "young", "seriously-wounded", "seriously-ill", "woman", "long-held"].map {
                    body.range(of: "<th scope=\"row\">\($0)</th>")?.lowerBound
                }
                #expect(rows.allSatisfy { $0 != nil }, "every category has a row")
                let found = rows.compactMap { $0 }
                #expect(found == found.sorted(), "the terms' order first, then the categories they leave out")
            }
        }
    }

    /// Terms with one phase, "first" (the one pair to B), both directions confirmed and that
    /// phase's manifest proposed by the mediator, through the library.
    private static func proposeFirstPhase(in fixture: WorkspaceFixture) throws -> Manifest {
        let mediator = try Party.open(home: fixture.mediator, signing: true)
        let terms = Terms(
            counts: [.toA: 0, .toB: 1], phases: [Terms.Phase(name: "first", counts: [.toA: 0, .toB: 1])],
            asOf: CalendarDate(year: 2025, month: 5, day: 1)!
        )
        try mediator.sign([.setTerms(terms)], in: try mediator.open(fixture.exchange), at: WorkspaceFixture.time(20))
        let confirmed = try fixture.confirmBothDirections(at: 21)
        let manifest = try Manifest(phase: "first", reconciliation: confirmed.reconciliation, state: confirmed.state)
        #expect(manifest.count(.toB) == 1)
        try mediator.sign([.proposeManifest(ProposeManifest(
            manifest: manifest.hash, basis: confirmed.heads, phase: ProposedPhase(manifest: manifest)
        ))], in: confirmed, at: WorkspaceFixture.time(22))
        return manifest
    }

    @Test func theManifestsOfEachPhaseAreListedWithWhoSigned() async throws {
        let fixture = try WorkspaceFixture()
        defer { fixture.remove() }
        let manifest = try Self.proposeFirstPhase(in: fixture)
        try await withWorkspace(fixture, home: fixture.mediator) { client, cookie, _ in
            try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie]) { response in
                let body = String(buffer: response.body)
                #expect(body.contains("of phase first: proposed; 0 of 3 signed"))
                // The terms' phases, each with where it stands (the library's words, as `finalize status` prints them).
                #expect(body.contains("<td>first</td><td class=\"num\">0</td><td class=\"num\">1</td><td>open; proposed: manifest \(manifest.hash.prefix(12)), 0 of 3 signed</td>"))
                #expect(body.contains("Mediator: not signed"))
            }
            try await client.execute(uri: "/manifest", method: .get, headers: [.cookie: cookie]) { response in
                let body = String(buffer: response.body)
                #expect(body.contains("Of phase first: the same as this replica builds"))
                #expect(body.contains("id=\"sign\""), "the mediator may sign the phase manifest it builds")
            }
            try await client.execute(uri: "/manifest/sign", method: .post, headers: post(cookie), body: form(["hash": manifest.hash])) {
                #expect($0.status == .seeOther)
            }
        }
        let state = try fixture.verifiedState(in: fixture.mediator)
        #expect(state.manifestStatus(manifest.hash)?.signatures.count == 1)
    }

    @Test func syncWithNoServerKnownIsRefusedWithTheWayOut() async throws {
        let fixture = try WorkspaceFixture()
        defer { fixture.remove() }
        try await withWorkspace(fixture, home: fixture.mediator) { client, cookie, _ in
            try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie]) { response in
                #expect(String(buffer: response.body).contains("No server is known for this exchange"))
            }
            try await client.execute(uri: "/sync", method: .post, headers: post(cookie), body: form(["back": "/"])) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/")
            }
            try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie]) { response in
                let body = String(buffer: response.body)
                #expect(body.contains("sync it once with `parley sync --server URL`"))
                #expect(body.contains("id=\"last-sync\""), "the exchange page keeps what the last sync came to")
                #expect(body.contains("<strong>failed</strong>: no server is known for this exchange"))
            }
        }
    }

    @Test func anOpenPageLearnsFromLiveThatSomethingNewArrived() async throws {
        let fixture = try WorkspaceFixture()
        defer { fixture.remove() }
        try await withWorkspace(fixture, home: fixture.mediator) { client, cookie, _ in
            let drawn = try await client.execute(uri: "/queue", method: .get, headers: [.cookie: cookie]) { response in
                try Self.drawnState(String(buffer: response.body))
            }
            let before = try await client.execute(uri: "/live", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/plain; charset=utf-8")
                return String(buffer: response.body).trimmingCharacters(in: .whitespacesAndNewlines)
            }
            #expect(before == drawn, "nothing arrived yet")
            try await client.execute(uri: "/live", method: .get) { response in
                #expect(response.status == .forbidden, "the state is for the session only")
            }

            // Side A opens a dispute, and its envelope reaches the mediator's replica through another
            // handle on it, as `parley sync` or `bundle import` in another process would.
            let partyA = try Party.open(home: fixture.sideA, signing: true)
            let openA = try partyA.open(fixture.exchange)
            let entry = try openA.state.entryRef(named: "A/request/A-3")
            try partyA.sign([.openDispute(OpenDispute(about: [entry], reason: .identityConflict, note: "seen elsewhere"))],
                            in: openA, at: WorkspaceFixture.time(30))
            let elsewhere = try Party.open(home: fixture.mediator, signing: false)
            _ = try elsewhere.ingest(try fixture.envelopes(in: fixture.sideA).map(\.wireBytes), exchange: fixture.exchange)

            let after = try await client.execute(uri: "/live", method: .get, headers: [.cookie: cookie]) { response in
                String(buffer: response.body).trimmingCharacters(in: .whitespacesAndNewlines)
            }
            #expect(after != drawn, "the page drawn before is out of date")
            // The full check of the replica (every envelope verified, sealed records opened, folded again).
            let checked = try Party.open(home: fixture.mediator, signing: false).verify(fixture.exchange)
            #expect(after == checked.stateHash, "the live state is the replica's state")
            let redrawn = try await client.execute(uri: "/queue", method: .get, headers: [.cookie: cookie]) { response in
                try Self.drawnState(String(buffer: response.body))
            }
            #expect(redrawn == after, "a page drawn now is drawn from what arrived")
        }
    }

    /// The state hash a page says it was drawn from.
    private static func drawnState(_ html: String) throws -> String {
        let start = try #require(html.range(of: "<body data-state=\""))
        return String(html[start.upperBound...].prefix { $0 != "\"" })
    }

    @Test func aSideMayNotConfirmAndIsToldWhyAsTheLibraryWordsIt() async throws {
        let fixture = try WorkspaceFixture()
        defer { fixture.remove() }
        let before = try fixture.envelopes(in: fixture.sideA).count
        try await withWorkspace(fixture, home: fixture.sideA) { client, cookie, _ in
            try await client.execute(uri: "/confirm", method: .get, headers: [.cookie: cookie]) { response in
                let body = String(buffer: response.body)
                #expect(!body.contains("id=\"confirm-to-A\""), "a side is not offered the action")
                #expect(body.contains("only a mediator may confirm; you are headquarters"))
            }
            let hash = try Party.open(home: fixture.sideA, signing: false).open(fixture.exchange).reconciliation.report(.toA).hash
            try await client.execute(uri: "/confirm", method: .post, headers: post(cookie), body: form(["direction": "to-A", "hash": hash])) { response in
                #expect(response.status == .seeOther)
            }
            try await client.execute(uri: "/confirm", method: .get, headers: [.cookie: cookie]) { response in
                let body = String(buffer: response.body)
                #expect(body.contains("class=\"flash refused\""))
                #expect(body.contains("only a mediator may confirm; you are headquarters; nothing was signed"))
            }
            try await client.execute(uri: "/manifest/propose", method: .post, headers: post(cookie), body: form([:])) { response in
                #expect(response.status == .seeOther)
            }
        }
        #expect(try fixture.envelopes(in: fixture.sideA).count == before)
    }

    /// A refusal with blockers shows every blocker and the refusal's code, line for line as
    /// `parley finalize propose` prints them (``Refusal/lines``, the library's one wording).
    @Test func aBlockedProposalShowsEachBlockerAndTheCodeAsTheCommandLinePrintsThem() async throws {
        let fixture = try WorkspaceFixture()
        defer { fixture.remove() }
        let mediator = try Party.open(home: fixture.mediator, signing: true)
        // Five people to A, and the lists offer fewer: the terms block the manifest.
        let terms = Terms(counts: [.toA: 5, .toB: 1], asOf: CalendarDate(year: 2025, month: 5, day: 1)!)
        try mediator.sign([.setTerms(terms)], in: try mediator.open(fixture.exchange), at: WorkspaceFixture.time(20))
        let open = try mediator.open(fixture.exchange)
        let proposal = try ManifestProposal(phase: nil, reconciliation: open.reconciliation, state: open.state)
        let key = try #require(open.state.participants.first { $0.role == .mediator }?.keyID)
        let refusal = try #require(open.state.refusal(of: proposal.operation(basis: open.heads), by: key))
        #expect(refusal.code == .blocked)
        #expect(refusal.lines.count == refusal.blockers.count + 1 && refusal.lines.count >= 2)
        try await withWorkspace(fixture, home: fixture.mediator) { client, cookie, _ in
            try await client.execute(uri: "/manifest/propose", method: .post, headers: post(cookie), body: form(["back": "/manifest"])) {
                #expect($0.status == .seeOther)
            }
            try await client.execute(uri: "/manifest", method: .get, headers: [.cookie: cookie]) { response in
                let body = String(buffer: response.body)
                let shown = try #require(body.range(of: "<p class=\"flash refused\" role=\"status\" id=\"flash\">"))
                let flash = body[shown.upperBound...].prefix { $0 != "\n" }
                let lines = refusal.lines.map { "<span class=\"line\">\($0)</span>" }
                #expect(flash.hasPrefix(lines.joined() + "</p>"), "\(flash.prefix(400))")
                #expect(lines.last?.contains("nothing was signed (refusal: blocked)") == true)
            }
        }
        #expect(try fixture.verifiedState(in: fixture.mediator).manifests.isEmpty)
    }

    /// Once every participant signed a phase's manifest, its people are closed: the pair page of
    /// one offers no decision, dispute or comment and says why in the library's words, and a
    /// decision posted anyway is refused with the code `finalized`, nothing signed.
    @Test func thePeopleOfASealedPhaseAreOfferedNoChange() async throws {
        let fixture = try WorkspaceFixture()
        defer { fixture.remove() }
        let manifest = try Self.proposeFirstPhase(in: fixture)
        try fixture.signByEveryone(manifest.hash, from: 23)
        let sealed = try fixture.verifiedState(in: fixture.mediator)
        #expect(sealed.manifestStatus(manifest.hash)?.signatures.count == 3)
        let before = try fixture.envelopes(in: fixture.mediator).count
        try await withWorkspace(fixture, home: fixture.mediator) { client, cookie, _ in
            try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie]) { response in
                #expect(String(buffer: response.body).contains("<td>sealed by manifest \(manifest.hash): its people are final</td>"))
            }
            // BR-1 / AR-1, the one pair to B, crosses in the sealed phase.
            try await client.execute(uri: "/pair?direction=to-B&entry=B/request/BR-1", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok)
                let body = String(buffer: response.body)
                #expect(body.contains("id=\"final\""))
                #expect(body.contains("set aside by every verifier"))
                #expect(!body.contains("action=\"/decide\""))
                #expect(!body.contains("action=\"/dispute/open\""))
            }
            // A person in no final manifest can still be decided on.
            try await client.execute(uri: "/pair?direction=to-A&entry=A/request/A-2", method: .get, headers: [.cookie: cookie]) { response in
                let body = String(buffer: response.body)
                #expect(!body.contains("id=\"final\""))
                #expect(body.contains("action=\"/decide\""))
            }
            try await client.execute(uri: "/decide", method: .post, headers: post(cookie), body: form([
                "direction": "to-B", "request": "B/request/BR-1", "release": "A/release/AR-1", "same": "no", "back": "/",
            ])) { #expect($0.status == .seeOther) }
            try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie]) { response in
                let body = String(buffer: response.body)
                #expect(body.contains("class=\"flash refused\""))
                #expect(body.contains("nothing was signed (refusal: finalized)"))
            }
        }
        #expect(try fixture.envelopes(in: fixture.mediator).count == before)
    }

    /// A side whose replica builds another manifest than the one proposed is not offered to sign
    /// it, and the review page says how it differs, each person a link to the pair (the same
    /// review as `parley finalize sign`).
    @Test func aProposalThatDiffersFromThisReplicasIsReviewedPersonByPerson() async throws {
        let fixture = try WorkspaceFixture()
        defer { fixture.remove() }
        let mediator = try Party.open(home: fixture.mediator, signing: true)
        let confirmed = try fixture.confirmBothDirections(at: 20)
        let proposal = try ManifestProposal(phase: nil, reconciliation: confirmed.reconciliation, state: confirmed.state)
        let waivers = try proposal.blockers.map { try proposal.waiver(of: $0.key, reason: "reviewed by hand") }
        try mediator.sign([proposal.operation(basis: confirmed.heads, waivers: waivers)], in: confirmed, at: WorkspaceFixture.time(21))
        #expect(proposal.manifest.count(.toA) >= 1)
        // Side A decides, in its replica alone, that the agreed pair A-1 / B-1 are two persons.
        let sideA = try Party.open(home: fixture.sideA, signing: true)
        _ = try sideA.ingest(try fixture.envelopes(in: fixture.mediator).map(\.wireBytes), exchange: fixture.exchange)
        let openA = try sideA.open(fixture.exchange)
        let (a1, b1) = (try openA.state.entryRef(named: "A/request/A-1"), try openA.state.entryRef(named: "B/release/B-1"))
        try sideA.sign([.rejectMatch(MatchPair(request: a1, release: b1))], in: openA, at: WorkspaceFixture.time(22))
        try await withWorkspace(fixture, home: fixture.sideA) { client, cookie, _ in
            try await client.execute(uri: "/manifest", method: .get, headers: [.cookie: cookie]) { response in
                let body = String(buffer: response.body)
                #expect(!body.contains("id=\"sign\""))
                #expect(body.contains("<a href=\"/manifest/review?hash=\(proposal.hash)\">how it differs</a>"))
            }
            try await client.execute(uri: "/manifest/review?hash=\(proposal.hash)", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok)
                let body = String(buffer: response.body)
                // The reconciliation it was built on, and the pair side A split.
                #expect(body.contains("It differs from the one this replica builds in 2 places ("))
                #expect(body.contains("<li>reconciliation</li>"))
                #expect(body.contains("<a href=\"/pair?direction=to-A&amp;entry=\(a1.description)\">added to-A \(a1) + \(b1)</a>"))
            }
            try await client.execute(uri: "/manifest/review?hash=\(String(repeating: "0", count: 64))", method: .get, headers: [.cookie: cookie]) {
                #expect($0.status == .notFound)
            }
        }
        // The review opens the whole log (seconds at the size of a register): once per state.
        let snapshot = try Workspace(home: fixture.sideA, exchange: fixture.exchange, clock: { WorkspaceFixture.time(60) }).snapshot()
        let status = try #require(snapshot.state.manifestStatus(proposal.hash))
        var reads = 0
        for _ in 0..<2 {
            let review = try snapshot.review(of: status) {
                reads += 1
                return try sideA.openedEnvelopes(of: fixture.exchange)
            }
            if case .differs = review.verdict {} else { Issue.record("expected differences, got \(review.verdict)") }
        }
        #expect(reads == 1)
    }

    /// Opening a dispute about both entries of a pair and attesting a visit become signed
    /// operations with what the forms named; a side may not attest, nor name an entry no list
    /// holds, and is told so, nothing signed.
    @Test func aDisputeOpenedAndAVisitAttestedFromThePairPageAreSigned() async throws {
        let fixture = try WorkspaceFixture()
        defer { fixture.remove() }
        let state = try fixture.verifiedState(in: fixture.mediator)
        let (a2, b2) = (try state.entryRef(named: "A/request/A-2"), try state.entryRef(named: "B/release/B-2"))
        try await withWorkspace(fixture, home: fixture.mediator) { client, cookie, _ in
            try await client.execute(uri: "/pair?direction=to-A&entry=A/request/A-2", method: .get, headers: [.cookie: cookie]) { response in
                let body = String(buffer: response.body)
                #expect(body.contains("action=\"/dispute/open\"") && body.contains("action=\"/attest\""))
                // The birth dates compared in words, the code kept as the cell's title, the row a conflict.
                #expect(body.contains("<tr class=\"conflict\"><th scope=\"row\">date of birth</th>"))
                #expect(body.contains("<td title=\"day-month-swapped\">day and month swapped</td>"))
            }
            try await client.execute(uri: "/dispute/open", method: .post, headers: post(cookie), body: form([
                "about": a2.description, "about2": b2.description, "reason": "identity-conflict", "note": "two birth dates", "back": "/",
            ])) { #expect($0.status == .seeOther) }
            try await client.execute(uri: "/attest", method: .post, headers: post(cookie), body: form([
                "entry": a2.description, "kind": "visited", "date": "2025-04-30", "back": "/",
            ])) { #expect($0.status == .seeOther) }
            try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie]) { response in
                #expect(String(buffer: response.body).contains("class=\"flash done\""))
            }
        }
        // The replica's state, its sealed note and attestation opened.
        let after = try Party.open(home: fixture.mediator, signing: false).open(fixture.exchange).state
        let opened = try #require(after.openDisputes.first { Set($0.about) == [a2, b2] })
        #expect(opened.open.body.reason == .identityConflict && opened.open.body.remark.readable == "two birth dates")
        let attested = try #require(after.attestations(about: a2).first)
        #expect(attested.body.kind == .visited && attested.body.date == CalendarDate(year: 2025, month: 4, day: 30))

        let before = try fixture.envelopes(in: fixture.sideA).count
        try await withWorkspace(fixture, home: fixture.sideA) { client, cookie, _ in
            try await client.execute(uri: "/attest", method: .post, headers: post(cookie), body: form([
                "entry": a2.description, "kind": "visited", "date": "2025-04-30", "back": "/",
            ])) { #expect($0.status == .seeOther) }
            try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie]) { response in
                #expect(String(buffer: response.body).contains("only a mediator may attest; you are headquarters; nothing was signed (refusal: roleNotAllowed)"))
            }
            try await client.execute(uri: "/dispute/open", method: .post, headers: post(cookie), body: form([
                "about": "A/request/A-404", "reason": "identity-conflict", "back": "/",
            ])) { #expect($0.status == .seeOther) }
            try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie]) { response in
                let body = String(buffer: response.body)
                #expect(body.contains("class=\"flash refused\"") && body.contains("A-404"))
            }
        }
        #expect(try fixture.envelopes(in: fixture.sideA).count == before)
    }

    /// The confirm page links each direction's rows, all or of one outcome: exactly the rows
    /// its hash covers, each a link to its pair.
    @Test func whatConfirmingSignsIsListedRowByRow() async throws {
        let fixture = try WorkspaceFixture()
        defer { fixture.remove() }
        let report = try Party.open(home: fixture.mediator, signing: false).open(fixture.exchange).reconciliation.report(.toA)
        try await withWorkspace(fixture, home: fixture.mediator) { client, cookie, _ in
            try await client.execute(uri: "/confirm", method: .get, headers: [.cookie: cookie]) { response in
                let body = String(buffer: response.body)
                #expect(body.contains("<a href=\"/rows?direction=to-A&amp;outcome=unoffered\">1 requested but not offered</a>"))
            }
            try await client.execute(uri: "/rows?direction=to-A", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok)
                let body = String(buffer: response.body)
                #expect(body.contains(report.hash) && body.contains("\(report.rows.count) rows"))
                #expect(body.components(separatedBy: "<tr><td class=\"num\">").count - 1 == report.rows.count)
            }
            try await client.execute(uri: "/rows?direction=to-A&outcome=unoffered", method: .get, headers: [.cookie: cookie]) { response in
                let body = String(buffer: response.body)
                #expect(body.contains("1 match; showing 1–1."))
                #expect(body.contains("A-3 Shevchuk Taras"))
                #expect(!body.contains("A-1 Koval Ivan"))
            }
            try await client.execute(uri: "/rows?direction=sideways", method: .get, headers: [.cookie: cookie]) {
                #expect($0.status == .notFound)
            }
            // A page number from the query never overflows: past the end is the last page.
            for uri in ["/rows?direction=to-A&page=99999999999999999", "/queue?show=all&page=9223372036854775807", "/rows?direction=to-A&page=-5"] {
                try await client.execute(uri: uri, method: .get, headers: [.cookie: cookie]) { response in
                    #expect(response.status == .ok, "\(uri)")
                    #expect(String(buffer: response.body).contains("<tr><td class=\"num\">1</td>"), "\(uri)")
                }
            }
        }
    }

    @Test func theMediatorClosesTheDisputeConfirmsProposesAndSigns() async throws {
        let fixture = try WorkspaceFixture()
        defer { fixture.remove() }
        try await withWorkspace(fixture, home: fixture.mediator) { client, cookie, _ in
            let state = try Party.open(home: fixture.mediator, signing: false).open(fixture.exchange).state
            let dispute = try #require(state.openDisputes.first)
            try await client.execute(uri: "/dispute/comment", method: .post, headers: post(cookie), body: form([
                "dispute": dispute.id.hex, "note": "visited", "back": "/",
            ])) { #expect($0.status == .seeOther) }
            try await client.execute(uri: "/dispute/close", method: .post, headers: post(cookie), body: form([
                "dispute": dispute.id.hex, "resolution": "confirmed on visit", "back": "/",
            ])) { #expect($0.status == .seeOther) }
            try await client.execute(uri: "/decide", method: .post, headers: post(cookie), body: form([
                "direction": "to-A", "request": "A/request/A-2", "release": "B/release/B-2", "same": "yes",
            ])) { #expect($0.status == .seeOther) }
            for direction in Direction.allCases {
                let hash = try Party.open(home: fixture.mediator, signing: false).open(fixture.exchange).reconciliation.report(direction).hash
                try await client.execute(uri: "/confirm", method: .post, headers: post(cookie), body: form([
                    "direction": direction.rawValue, "hash": hash,
                ])) { #expect($0.headers[.location] == "/confirm") }
            }
            try await client.execute(uri: "/manifest/propose", method: .post, headers: post(cookie), body: form([:])) { #expect($0.status == .seeOther) }
            let proposed = try #require(try fixture.verifiedState(in: fixture.mediator).manifests.first)
            try await client.execute(uri: "/manifest/sign", method: .post, headers: post(cookie), body: form(["hash": proposed.manifest])) {
                #expect($0.status == .seeOther)
            }
            try await client.execute(uri: "/manifest", method: .get, headers: [.cookie: cookie]) { response in
                let body = String(buffer: response.body)
                #expect(body.contains("class=\"flash done\""))
                #expect(body.contains("1 of 3 signed"))
            }
            try await client.execute(uri: "/manifest/document?hash=\(proposed.manifest)", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok)
                let policy = try #require(response.headers[.contentSecurityPolicy])
                #expect(policy.contains("'sha256-"), "the document's own style block is admitted by its hash")
                #expect(String(buffer: response.body).contains(proposed.manifest))
            }
        }
        let state = try fixture.verifiedState(in: fixture.mediator)
        #expect(state.openDisputes.isEmpty)
        #expect(state.confirmations.count == 2)
        let manifest = try #require(state.manifests.first)
        #expect(manifest.signatures.map { state.participant($0.author)?.role } == [.mediator])
    }

    @Test func reviewMarksSurviveARestart() async throws {
        let fixture = try WorkspaceFixture()
        defer { fixture.remove() }
        let key = "to-A:" + (try Party.open(home: fixture.mediator, signing: false).open(fixture.exchange).state.entryRef(named: "A/request/A-3")).description
        try await withWorkspace(fixture, home: fixture.mediator) { client, cookie, _ in
            try await client.execute(uri: "/queue?show=all", method: .get, headers: [.cookie: cookie]) { response in
                #expect(String(buffer: response.body).contains("0 of 3 reviewed"))
            }
            try await client.execute(uri: "/review", method: .post, headers: post(cookie), body: form([
                "key": key, "reviewed": "yes", "back": "/queue", "next": "/queue?show=reviewed",
            ])) { response in
                #expect(response.headers[.location] == "/queue?show=reviewed")
            }
        }
        let again = try Workspace(home: fixture.mediator, exchange: fixture.exchange)
        #expect(again.isReviewed(key))
        let page = again.queuePage(.init(show: "reviewed"), flash: nil)
        #expect(page["reviewed"] as? Int == 1)
    }

    @Test func aRedirectLeavesTheSiteNever() {
        #expect(WorkspaceRoutes.local("//evil.example/") == nil)
        #expect(WorkspaceRoutes.local("http://evil.example/") == nil)
        #expect(WorkspaceRoutes.local("/\\evil.example") == nil)
        #expect(WorkspaceRoutes.local("/queue?show=all") == "/queue?show=all")
    }
}

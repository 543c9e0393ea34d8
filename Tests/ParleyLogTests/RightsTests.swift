import ParleyCrypto
import ParleyLog
import ParleyMatch
import Testing

/// Who may do what: the stateless rules of the verifier and the stateful rules of the fold.
@Suite struct RightsTests {
    typealias S = ExchangeScenario

    static let mediatorOnly: [Operation] = [
        .attest(Attest(entry: S.ref(S.hqA, .request, "A-1"), kind: .visited, date: CalendarDate(year: 2025, month: 4, day: 1)!)),
        .confirm(Confirm(direction: .toA, reconciliation: String(repeating: "0", count: 64))),
        .setTerms(Terms(counts: [.toA: 1, .toB: 1])),
        .proposeManifest(ProposeManifest(manifest: String(repeating: "0", count: 64), basis: LogFixture.someBasis)),
    ]

    @Test(arguments: mediatorOnly)
    func onlyAMediatorAttestsConfirmsSetsTermsAndProposes(operation: Operation) throws {
        var scenario = try S()
        let bySideA = try scenario.sign(S.hqA, operation)
        let byOmbudsman = try scenario.sign(S.ombudsmanA, operation)
        let bySideB = try scenario.sign(S.hqB, operation)
        let byMediator = try scenario.sign(S.mediator, operation)
        let report = scenario.report()
        #expect(report.verdict(for: bySideA.id) == .invalid([.roleNotAllowed]))
        #expect(report.verdict(for: byOmbudsman.id) == .invalid([.roleNotAllowed]))
        #expect(report.verdict(for: bySideB.id) == .invalid([.roleNotAllowed]))
        #expect(report.verdict(for: byMediator.id) == .valid)
        #expect(report.state?.canonicalForm["facts"]?.arrayValue?.count == 1)
    }

    @Test func anyoneDecidesMatchesOpensCommentsAndSigns() throws {
        var scenario = try S()
        let pair = MatchPair(request: S.ref(S.hqA, .request, "A-1"), release: S.ref(S.hqB, .release, "B-1"))
        for key in S.everyone {
            try scenario.sign(key, .assertMatch(pair))
            let open = try scenario.sign(key, .openDispute(OpenDispute(about: [pair.request], reason: .other, note: "")))
            try scenario.sign(key, .commentDispute(CommentDispute(dispute: open.id, note: "")))
            try scenario.sign(key, .signManifest(SignManifest(manifest: String(repeating: "1", count: 64))))
        }
        #expect(scenario.report().isClean)
    }

    @Test func aSideWritesOnlyItsOwnLists() throws {
        var scenario = try S()
        let registry = try scenario.sign(S.hqB, LogFixture.put(.registry, "M-1", surname: "Koval"))
        let mediatorRequest = try scenario.sign(S.mediator, LogFixture.put(.request, "X-1", surname: "Koval"))
        let own = try scenario.sign(S.hqB, LogFixture.put(.release, "B-1", surname: "Koval"))
        let report = scenario.report()
        #expect(report.verdict(for: registry.id) == .invalid([.roleNotAllowed]))
        #expect(report.verdict(for: mediatorRequest.id) == .invalid([.roleNotAllowed]))
        #expect(report.verdict(for: own.id) == .valid)
        // The put lands on B's own release list, whatever side the writer might wish.
        #expect(report.state?.entries(of: ListKey(side: .b, kind: .release)).map(\.entry) == ["B-1"])
        #expect(report.state?.entries(of: ListKey(side: .a, kind: .release)).isEmpty == true)
    }

    @Test func closingSomeoneElsesDisputeIsIgnoredUnlessMediator() throws {
        var scenario = try S()
        let about = [S.ref(S.hqA, .request, "A-1")]
        let open = try scenario.sign(S.hqA, .openDispute(OpenDispute(about: about, reason: .identityConflict, note: "")))
        let byOtherSide = try scenario.sign(S.hqB, .closeDispute(CloseDispute(dispute: open.id, resolution: "not ours to close")))
        let bySameSide = try scenario.sign(S.ombudsmanA, .closeDispute(CloseDispute(dispute: open.id, resolution: "also not")))
        #expect(scenario.report().isClean)
        var state = scenario.state()
        #expect(state.openDisputes.map(\.id) == [open.id])
        #expect(Set(state.ignored.map(\.envelope)) == [byOtherSide.id, bySameSide.id])
        #expect(state.ignored.allSatisfy { $0.reason == .notOpenerOrMediator && $0.operation == .closeDispute })

        let byMediator = try scenario.sign(S.mediator, .closeDispute(CloseDispute(dispute: open.id, resolution: "visited")))
        state = scenario.state()
        #expect(state.openDisputes.isEmpty)
        #expect(state.disputes.first?.closes.map(\.envelope) == [byMediator.id])

        // The opener may close its own.
        var other = try S()
        let own = try other.sign(S.hqB, .openDispute(OpenDispute(about: about, reason: .notHeld, note: "")))
        try other.sign(S.hqB, .closeDispute(CloseDispute(dispute: own.id, resolution: "found")))
        #expect(other.state().openDisputes.isEmpty)
        #expect(other.state().ignored.isEmpty)
    }

    @Test func commentsAndClosesOfUnknownDisputesAndSignsOfUnknownManifestsAreIgnored() throws {
        var scenario = try S()
        let nowhere = EnvelopeID(hex: String(repeating: "9", count: 64))!
        let put = try scenario.sign(S.hqA, LogFixture.put(.request, "A-1", surname: "Koval"))
        let onAPut = try scenario.sign(S.hqB, .commentDispute(CommentDispute(dispute: put.id, note: "a put is no dispute")))
        let comment = try scenario.sign(S.hqB, .commentDispute(CommentDispute(dispute: nowhere, note: "")))
        let close = try scenario.sign(S.mediator, .closeDispute(CloseDispute(dispute: nowhere, resolution: "")))
        let sign = try scenario.sign(S.hqA, .signManifest(SignManifest(manifest: String(repeating: "2", count: 64))))
        #expect(scenario.report().isClean)
        let ignored = scenario.state().ignored
        let byEnvelope = Dictionary(uniqueKeysWithValues: ignored.map { ($0.envelope, $0.reason) })
        #expect(byEnvelope == [onAPut.id: .unknownDispute, comment.id: .unknownDispute, close.id: .unknownDispute, sign.id: .unknownManifest])
    }

    @Test func eachKeyCountsOnceAndStatefulRulesDoNotDependOnAuthorOrder() throws {
        var scenario = try S()
        let hash = String(repeating: "3", count: 64)
        // The comment's author (hq B) folds before or after the opener depending on key ids; the
        // rule is applied after the fold either way.
        let open = try scenario.sign(S.mediator, .openDispute(OpenDispute(about: [S.ref(S.hqA, .request, "A-1")], reason: .other, note: "")))
        try scenario.sign(S.hqB, .commentDispute(CommentDispute(dispute: open.id, note: "seen")))
        try scenario.sign(S.hqA, .commentDispute(CommentDispute(dispute: open.id, note: "seen too")))
        try scenario.sign(S.mediator, .proposeManifest(ProposeManifest(manifest: hash, basis: scenario.report().heads)))
        let first = try scenario.sign(S.hqB, .signManifest(SignManifest(manifest: hash)))
        let second = try scenario.sign(S.hqB, .signManifest(SignManifest(manifest: hash)))
        let state = scenario.state()
        #expect(state.disputes.first?.comments.count == 2)
        let status = try #require(state.manifestStatus(hash))
        #expect(status.signatures.map(\.envelope) == [first.id])
        #expect(Set(status.missing) == Set([S.hqA, S.ombudsmanA, S.mediator].map(\.publicKey.keyID)))
        #expect(state.ignored.map(\.envelope) == [second.id])
        #expect(state.ignored.first?.reason == .duplicateSignature)
    }
}

import ParleyCrypto
import ParleyLog
import ParleyMatch
import Testing

/// Reconciliation of small synthetic lists: outcomes, hand decisions, registry corroboration,
/// disputes, terms and priorities.
@Suite struct ReconciliationTests {
    typealias S = ExchangeScenario

    /// The row of `ref` in `report`.
    private func row(_ ref: EntryRef, in report: DirectionReport) throws -> ReconciliationRow {
        try #require(report.rows.first { $0.request?.ref == ref || $0.release?.ref == ref })
    }

    @Test func outcomesOfTheStandardLists() throws {
        let scenario = try S.standard()
        let reconciliation = Reconciliation(state: scenario.state())
        let toA = reconciliation.report(.toA)
        let a1 = try row(S.ref(S.hqA, .request, "A-1"), in: toA)
        #expect(a1.outcome == .agreed)
        #expect(a1.release?.ref == S.ref(S.hqB, .release, "B-1"))
        #expect(a1.evidence.contains { $0.field == .dateOfBirth && $0.agreement == .exact })
        #expect(!a1.isHandDecided)
        let a2 = try row(S.ref(S.hqA, .request, "A-2"), in: toA)
        #expect(a2.outcome == .disputed)
        #expect(a2.reasons.contains("date_of_birth:day-month-swapped"))
        #expect(try row(S.ref(S.hqA, .request, "A-3"), in: toA).outcome == .unoffered)
        #expect(try row(S.ref(S.hqA, .request, "A-4"), in: toA).outcome == .unoffered)
        let b3 = try row(S.ref(S.hqB, .release, "B-3"), in: toA)
        let b4 = try row(S.ref(S.hqB, .release, "B-4"), in: toA)
        #expect(Set([b3.outcome, b4.outcome]) == [.unrequested, .duplicate])
        #expect([b3, b4].first { $0.outcome == .duplicate }?.duplicateOf != nil)
        #expect(toA.counts == [.agreed: 1, .disputed: 1, .unoffered: 2, .unrequested: 1, .duplicate: 1])
        #expect(toA.rows.count == 6)

        let toB = reconciliation.report(.toB)
        #expect(toB.counts[.agreed] == 1)
        #expect(toB.rows.count == 1)
        #expect(toA.hash.count == 64 && toB.hash.count == 64 && reconciliation.hash.count == 64)
        #expect(Set([toA.hash, toB.hash, reconciliation.hash]).count == 3)
    }

    @Test func theRegistryCorroboratesUnofferedPeople() throws {
        let reconciliation = Reconciliation(state: try S.standard().state())
        let toA = reconciliation.report(.toA)
        let a3 = try row(S.ref(S.hqA, .request, "A-3"), in: toA)
        #expect(a3.outcome == .unoffered)
        #expect(a3.registered.map(\.ref) == [S.ref(S.mediator, .registry, "M-1")])
        #expect(try row(S.ref(S.hqA, .request, "A-4"), in: toA).registered.isEmpty)
    }

    @Test func handDecisionsOverrideTheEngine() throws {
        var scenario = try S.standard()
        let a1 = S.ref(S.hqA, .request, "A-1"), b1 = S.ref(S.hqB, .release, "B-1")
        let a2 = S.ref(S.hqA, .request, "A-2"), b2 = S.ref(S.hqB, .release, "B-2")
        let a4 = S.ref(S.hqA, .request, "A-4"), b3 = S.ref(S.hqB, .release, "B-3")
        // Same: the disputed A-2/B-2 becomes agreed, shown with its author.
        let same = try scenario.sign(S.hqB, .assertMatch(MatchPair(request: a2, release: b2, note: "birth date typo")))
        // Different: the agreed A-1/B-1 is split.
        try scenario.sign(S.hqA, .rejectMatch(MatchPair(request: a1, release: b1, note: "namesakes")))
        // Same on a pair the engine never matched.
        try scenario.sign(S.mediator, .assertMatch(MatchPair(request: a4, release: b3)))
        let toA = Reconciliation(state: scenario.state()).report(.toA)

        let row2 = try row(a2, in: toA)
        #expect(row2.outcome == .agreed)
        #expect(row2.release?.ref == b2)
        #expect(row2.decisions.map(\.author) == [S.hqB.publicKey.keyID])
        #expect(row2.decisions.first?.envelope == same.id)
        #expect(row2.reasons == ["hand:same"])

        let row1 = try row(a1, in: toA)
        #expect(row1.outcome == .unoffered)
        #expect(row1.reasons == ["hand:different"])
        #expect(row1.decisions.map(\.author) == [S.hqA.publicKey.keyID])
        #expect(try row(b1, in: toA).outcome == .unrequested)
        #expect(try row(b1, in: toA).decisions.map(\.author) == [S.hqA.publicKey.keyID])

        let row4 = try row(a4, in: toA)
        #expect(row4.outcome == .agreed)
        #expect(row4.release?.ref == b3)
        #expect(!row4.evidence.isEmpty)
        // B-4 repeats B-3, which is now paired by hand.
        #expect(try row(S.ref(S.hqB, .release, "B-4"), in: toA).outcome == .duplicate)
    }

    @Test func latestDecisionPerAuthorWinsAndDisagreeingAuthorsDispute() throws {
        var scenario = try S.standard()
        let pair = MatchPair(request: S.ref(S.hqA, .request, "A-2"), release: S.ref(S.hqB, .release, "B-2"))
        try scenario.sign(S.hqA, .rejectMatch(pair))
        try scenario.sign(S.hqA, .assertMatch(pair))
        var toA = Reconciliation(state: scenario.state()).report(.toA)
        #expect(try row(pair.request, in: toA).outcome == .agreed)
        #expect(try row(pair.request, in: toA).decisions.count == 1)

        try scenario.sign(S.hqB, .rejectMatch(pair))
        toA = Reconciliation(state: scenario.state()).report(.toA)
        let contested = try row(pair.request, in: toA)
        #expect(contested.outcome == .disputed)
        #expect(contested.reasons == ["hand:conflicting"])
        #expect(contested.decisions.map(\.body.same) == (S.hqA.publicKey.keyID < S.hqB.publicKey.keyID ? [true, false] : [false, true]))
    }

    @Test func anOpenDisputeMakesARowDisputedUntilClosed() throws {
        var scenario = try S.standard()
        let a1 = S.ref(S.hqA, .request, "A-1")
        let before = Reconciliation(state: scenario.state()).report(.toA)
        let open = try scenario.sign(S.hqB, .openDispute(OpenDispute(about: [a1], reason: .statusContested, note: "")))
        var toA = Reconciliation(state: scenario.state()).report(.toA)
        var row1 = try row(a1, in: toA)
        #expect(row1.outcome == .disputed)
        #expect(row1.matchOutcome == .agreed)
        #expect(row1.disputes == [open.id])
        #expect(toA.hash != before.hash)

        try scenario.sign(S.hqB, .closeDispute(CloseDispute(dispute: open.id, resolution: "combatant")))
        toA = Reconciliation(state: scenario.state()).report(.toA)
        row1 = try row(a1, in: toA)
        #expect(row1.outcome == .agreed)
        #expect(toA.hash == before.hash)
    }

    @Test func confirmationsCountWhileTheHashIsCurrent() throws {
        var scenario = try S.standard()
        let hash = Reconciliation(state: scenario.state()).report(.toB).hash
        try scenario.sign(S.mediator, .confirm(Confirm(direction: .toB, reconciliation: hash)))
        var reconciliation = Reconciliation(state: scenario.state())
        #expect(reconciliation.report(.toB).confirmedBy == [S.mediator.publicKey.keyID])
        #expect(reconciliation.report(.toB).hash == hash)
        #expect(reconciliation.report(.toA).confirmedBy.isEmpty)

        try scenario.put(S.hqB, .request, "BR-2", S.person("Savchenko", "Mykola", born: "1970-10-10"))
        reconciliation = Reconciliation(state: scenario.state())
        #expect(reconciliation.report(.toB).confirmedBy.isEmpty)
    }

    @Test func countsAgainstTermsAndPriorities() throws {
        var scenario = try S.standard()
        var reconciliation = Reconciliation(state: scenario.state())
        #expect(reconciliation.terms == .none)
        #expect(reconciliation.report(.toA).termsCount == nil)

        let asOf = CalendarDate(year: 2025, month: 5, day: 1)!
        let terms = Terms(counts: [.toA: 1, .toB: 1], asOf: asOf)
        try scenario.sign(S.mediator, .setTerms(terms))
        reconciliation = Reconciliation(state: scenario.state())
        #expect(reconciliation.terms == .agreed(terms, setBy: [S.mediator.publicKey.keyID]))
        #expect(reconciliation.report(.toA).meetsTerms == true)
        #expect(reconciliation.report(.toB).termsCount == 1)

        let toB = reconciliation.report(.toB).priorities(asOf: asOf)
        #expect(toB == [.seriouslyWounded: 0, .seriouslyIll: 0, .woman: 1, .young: 1, .longHeld: 0, .civilian: 1])
        let unrequested = reconciliation.report(.toA).priorities(asOf: asOf, outcomes: [.unrequested, .duplicate])
        #expect(unrequested[.seriouslyWounded] == 1)
        #expect(unrequested[.young] == 0)
    }

    @Test func genesisTermsInTheTypedFormApplyAndMediatorsMayDisagree() throws {
        var create = LogFixture.create
        create.terms = ["counts": ["to-A": 5, "to-B": 4], "phases": [], "as_of": .null]
        let scenario = try S(create: create)
        #expect(scenario.state().currentTerms == .agreed(Terms(counts: [.toA: 5, .toB: 4]), setBy: []))

        let second = try SigningKey(seed: [UInt8](repeating: 0x06, count: 32))
        create.participants.append(Participant(publicKey: second.publicKey, role: .mediator, side: .neutral, name: "Second mediator"))
        var two = try S(create: create)
        try two.sign(S.mediator, .setTerms(Terms(counts: [.toA: 1, .toB: 1])))
        try two.sign(second, .setTerms(Terms(counts: [.toA: 2, .toB: 2])))
        guard case let .conflicting(set) = two.state().currentTerms else {
            Issue.record("expected conflicting terms")
            return
        }
        #expect(set.count == 2)
    }
}

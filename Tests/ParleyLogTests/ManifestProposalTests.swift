import ParleyCrypto
import ParleyLog
import ParleyMatch
import Testing

/// The one way a manifest is proposed (`finalize propose [--phase]`, the workspace): the phase
/// resolved by name or number, the people the draw-up places in it, the blockers and their
/// waivers, and a typed refusal when no phase can be drawn.
@Suite struct ManifestProposalTests {
    typealias S = ExchangeScenario

    static let asOf = CalendarDate(year: 2025, month: 5, day: 1)!

    /// ``ExchangeScenario/agreed()`` with two phases: `first` takes one to A and one to B, `second` one to A.
    static func phased() throws -> ExchangeScenario {
        var scenario = try S.agreed()
        try scenario.sign(S.mediator, .setTerms(Terms(counts: [.toA: 2, .toB: 1], phases: [
            Terms.Phase(name: "first", counts: [.toA: 1, .toB: 1]), Terms.Phase(name: "second", counts: [.toA: 1, .toB: 0]),
        ], asOf: asOf)))
        return scenario
    }

    static func proposal(_ phase: String?, _ state: ExchangeState) throws(Refusal) -> ManifestProposal {
        try ManifestProposal(phase: phase, reconciliation: Reconciliation(state: state), state: state)
    }

    @Test func aPhaseNamedByNameOrNumberProposesThePeopleItsPlanDraws() throws {
        let state = try Self.phased().state()
        let byName = try Self.proposal("second", state)
        #expect(try Self.proposal("2", state) == byName)
        guard case let .agreed(terms, _) = state.currentTerms else { Issue.record("terms in force"); return }
        let plan = try #require(PhaseDrawUp(reconciliation: Reconciliation(state: state), terms: terms, today: Self.asOf).plan(named: "second"))
        let drawn = Set(plan.directions.flatMap(\.people).flatMap { [$0.candidate.request, $0.candidate.release] })
        #expect(drawn.count == 2)
        guard case let .proposeManifest(body) = byName.operation(basis: [:]) else { Issue.record("a manifest.propose"); return }
        #expect(body.manifest == byName.hash)
        #expect(body.phase?.phase.name == "second")
        #expect(body.phase?.entries == drawn)
        guard case let .proposeManifest(whole) = try Self.proposal(nil, state).operation(basis: [:]) else { Issue.record("a manifest.propose"); return }
        #expect(whole.phase == nil)
        #expect(whole.manifest == S.manifest(try Self.phased()).hash)
    }

    @Test(arguments: ["third", "3", "0"]) func aPhaseTheTermsDoNotHaveIsATypedRefusal(_ name: String) throws {
        let state = try Self.phased().state()
        let refusal = try #require(throws: Refusal.self) { try Self.proposal(name, state) }
        #expect(refusal.code == .noSuchPhase)
        #expect(refusal.message.contains("1 `first`, 2 `second`"), "the refusal lists the phases")
    }

    @Test func withoutPhasesOrAnAsOfDayNoPhaseIsDrawn() throws {
        var scenario = try S.agreed()
        #expect(throws: Refusal(.noSuchPhase, "")) { try Self.proposal("first", scenario.state()) }
        try scenario.sign(S.mediator, .setTerms(Terms(counts: [.toA: 2, .toB: 1], phases: [Terms.Phase(name: "first", counts: [.toA: 2, .toB: 1])])))
        let refusal = try #require(throws: Refusal.self) { try Self.proposal("first", scenario.state()) }
        #expect(refusal.code == .noSuchPhase)
        #expect(refusal.message.contains("as_of"))
    }

    @Test func aBlockerIsWaivedByItsKeyOrADisputePrefixAndNothingElseIs() throws {
        var scenario = try Self.phased()
        let opened = try scenario.sign(S.hqB, .openDispute(OpenDispute(about: [S.ref(S.hqA, .request, "A-1")], reason: .other, note: "")))
        let proposal = try Self.proposal(nil, scenario.state())
        let key = "dispute:\(opened.id.hex)"
        #expect(proposal.blockers.map(\.key) == [key])
        #expect(try proposal.waiver(of: key, reason: "checked").blocker == key)
        #expect(try proposal.waiver(of: "dispute:" + opened.id.hex.prefix(8), reason: "checked") == Waiver(blocker: key, reason: "checked"))
        let notOne = try #require(throws: LogError.self) { try proposal.waiver(of: "terms:to-B", reason: "no") }
        #expect(notOne.message.contains("blockers: \(key)"))
        #expect(throws: LogError.self) { try proposal.waiver(of: "dispute:1234", reason: "too short a prefix") }
    }
}

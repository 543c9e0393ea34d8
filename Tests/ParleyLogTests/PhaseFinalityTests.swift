import ParleyCrypto
import ParleyLog
import ParleyMatch
import Testing

/// Finality per phase (PROTOCOL.md §7.1): once every participant has signed the manifest of a
/// phase, every verifier sets aside (and every signer refuses) what would touch its people or the
/// phase in the terms, while the people of later phases stay open until their own manifest is final.
@Suite struct PhaseFinalityTests {
    typealias S = ExchangeScenario

    private static func id(_ key: SigningKey) -> KeyID { key.publicKey.keyID }

    static let first = Terms.Phase(name: "first", counts: [.toA: 1, .toB: 1])
    static let second = Terms.Phase(name: "second", counts: [.toA: 1, .toB: 0])
    static let terms = Terms(counts: [.toA: 2, .toB: 1], phases: [first, second], asOf: PhaseManifestTests.asOf, priorities: [])

    /// ``ExchangeScenario/agreed()`` in two phases (with no priority order, by entry: A-1/B-1 and
    /// BR-1/AR-1 in the first, A-2/B-2 in the second); a dispute about A-1 opened and closed
    /// before the first phase is sealed.
    private func sealed() throws -> (scenario: ExchangeScenario, manifest: Manifest, dispute: EnvelopeID) {
        var scenario = try S.agreed()
        try scenario.sign(S.mediator, .setTerms(Self.terms))
        let dispute = try scenario.sign(S.hqB, .openDispute(OpenDispute(about: [S.ref(S.hqA, .request, "A-1")], reason: .other, note: "")))
        try scenario.sign(S.hqB, .closeDispute(CloseDispute(dispute: dispute.id, resolution: "")))
        let manifest = try PhaseManifestTests.manifest("first", scenario.state())
        #expect(manifest.includedEntries == [
            S.ref(S.hqA, .request, "A-1"), S.ref(S.hqB, .release, "B-1"), S.ref(S.hqB, .request, "BR-1"), S.ref(S.hqA, .release, "AR-1"),
        ])
        try PhaseManifestTests.seal(manifest, in: &scenario)
        return (scenario, manifest, dispute.id)
    }

    /// Every kind of operation about the first phase's people (set aside) and the second's (kept).
    private static func attempts(dispute: EnvelopeID) -> [(key: SigningKey, operation: Operation, setAside: Bool)] {
        let sealedPair = MatchPair(request: S.ref(S.hqA, .request, "A-1"), release: S.ref(S.hqB, .release, "B-1"))
        let day = CalendarDate(year: 2025, month: 5, day: 2)!
        var changedFirst = terms
        changedFirst.phases[0].counts = [.toA: 2, .toB: 1]
        changedFirst.phases[1].counts = [.toA: 0, .toB: 0]
        var reordered = terms
        reordered.priorities = [.seriouslyWounded]
        let otherOfFirst = ProposedPhase(phase: first, entries: [S.ref(S.hqA, .request, "A-2")])
        return [
            // The first phase's people, and the first phase itself.
            (S.hqB, .putEntry(PutEntry(list: .release, entry: "B-1", fields: S.person("Koval", "Petro", born: "1990-01-02"))), true),
            (S.hqA, .removeEntry(RemoveEntry(list: .release, entry: "AR-1", reason: "")), true),
            (S.hqB, .rejectMatch(sealedPair), true),
            (S.hqB, .openDispute(OpenDispute(about: [S.ref(S.hqB, .request, "BR-1")], reason: .notHeld, note: "")), true),
            (S.hqA, .commentDispute(CommentDispute(dispute: dispute, note: "")), true),
            (S.mediator, .closeDispute(CloseDispute(dispute: dispute, resolution: "again")), true),
            (S.mediator, .attest(Attest(entry: S.ref(S.hqA, .release, "AR-1"), kind: .visited, date: day)), true),
            (S.mediator, .setTerms(changedFirst), true),
            (S.mediator, .proposeManifest(ProposeManifest(manifest: String(repeating: "0", count: 64), basis: LogFixture.someBasis, phase: otherOfFirst)), true),
            // The second phase's people stay open; so do new people and the later phases' terms.
            (S.hqB, .putEntry(PutEntry(list: .release, entry: "B-2", fields: S.person("Melnyk", "Petro", born: "1985-06-05", [.seriouslyWounded: "yes"]))), false),
            (S.hqA, .putEntry(PutEntry(list: .request, entry: "A-9", fields: S.person("Synthetic", "New", born: "1999-09-09"))), false),
            (S.ombudsmanA, .assertMatch(MatchPair(request: S.ref(S.hqA, .request, "A-2"), release: S.ref(S.hqB, .release, "B-2"))), false),
            (S.mediator, .attest(Attest(entry: S.ref(S.hqA, .request, "A-2"), kind: .visited, date: day)), false),
            (S.mediator, .setTerms(reordered), false),
        ]
    }

    @Test func everyVerifierSetsAsideWhatTouchesASealedPhaseAndKeepsTheLaterPhasesOpen() throws {
        var (scenario, manifest, dispute) = try sealed()
        let before = scenario.report()
        let stateBefore = try #require(before.state)
        let fileBefore = try #require(FinalizedManifest(manifest: manifest, state: stateBefore, envelopes: before.envelopes))
        #expect(fileBefore.verify().isValid)
        #expect(stateBefore.sealedPhases.map(\.name) == ["first"])
        #expect(!stateBefore.finality.isWholeExchangeFinal)

        var signed: [(SignedEnvelope, Bool)] = []
        for attempt in Self.attempts(dispute: dispute) {
            signed.append((try scenario.sign(attempt.key, attempt.operation), attempt.setAside))
        }
        // A dispute about a second-phase person: opened and closed, both in effect.
        let later = try scenario.sign(S.hqA, .openDispute(OpenDispute(about: [S.ref(S.hqA, .request, "A-2")], reason: .other, note: "")))
        let closed = try scenario.sign(S.hqA, .closeDispute(CloseDispute(dispute: later.id, resolution: "")))
        signed += [(later, false), (closed, false)]

        let after = scenario.report()
        let state = try #require(after.state)
        #expect(after.entries.allSatisfy { $0.verdict.isValid }, "set aside is not invalid")
        let finalized = Set(state.ignored.filter { $0.reason == .finalized }.map(\.envelope))
        for (envelope, setAside) in signed {
            #expect(finalized.contains(envelope.id) == setAside, "\(envelope.envelope.operation.name.rawValue) by seq \(envelope.envelope.seq)")
        }
        #expect(state.ignored.allSatisfy { $0.reason == .finalized })

        // The first phase: its people and what is said of them as signed.
        #expect(state.entry(S.ref(S.hqB, .release, "B-1")) == stateBefore.entry(S.ref(S.hqB, .release, "B-1")))
        #expect(state.entry(S.ref(S.hqA, .release, "AR-1")) != nil)
        #expect(state.attestations(about: S.ref(S.hqA, .release, "AR-1")).isEmpty)
        #expect(state.disputes.first { $0.id == dispute }?.closes.count == 1 && state.disputes.first { $0.id == dispute }?.comments.isEmpty == true)
        #expect(state.sealedPhases == stateBefore.sealedPhases)
        #expect(state.manifestStatus(manifest.hash)?.isFinal == true)
        // The second phase: every change in effect.
        #expect(state.entry(S.ref(S.hqB, .release, "B-2"))?.fields[.seriouslyWounded] == "yes")
        #expect(state.entry(S.ref(S.hqA, .request, "A-9")) != nil)
        #expect(state.attestations(about: S.ref(S.hqA, .request, "A-2")).count == 1)
        #expect(state.disputes.first { $0.id == later.id }?.isOpen == false)
        #expect(state.currentTerms.terms?.priorities == [.seriouslyWounded])

        // The sealed phase's file is as signed; the next phase's manifest excludes its people and can be sealed in turn.
        let fileAfter = try #require(FinalizedManifest(manifest: manifest, state: state, envelopes: after.envelopes))
        #expect(fileAfter.verify().isValid && fileAfter.fileBytes == fileBefore.fileBytes)
        let next = try PhaseManifestTests.manifest("second", state)
        #expect(next.includedEntries == [S.ref(S.hqA, .request, "A-2"), S.ref(S.hqB, .release, "B-2")])
        #expect(next.people[.toA]?.first?.reason == .priority(.seriouslyWounded))
        try PhaseManifestTests.seal(next, in: &scenario)
        let both = scenario.state()
        #expect(both.sealedPhases.map(\.name).sorted() == ["first", "second"])
        #expect(both.finalManifests.count == 2)

        // Every verifier: the same for every order of the same envelopes.
        var rng = SplitMix64(state: 0x9A5E_F1A1)
        for _ in 0..<6 {
            let shuffled = Verifier(exchange: scenario.exchange).verify(scenario.envelopes.shuffled(using: &rng))
            #expect(shuffled.state?.stateHash == both.stateHash)
            #expect(shuffled.state?.ignored == both.ignored)
        }
    }

    @Test func theSignerRefusesWhatTouchesASealedPhaseAndAllowsTheRest() throws {
        let (scenario, _, dispute) = try sealed()
        let state = scenario.state()
        for attempt in Self.attempts(dispute: dispute) {
            let refusal = state.refusal(of: attempt.operation, by: Self.id(attempt.key))
            if attempt.setAside {
                #expect(refusal?.code == .finalized, "\(attempt.operation.name.rawValue)")
                #expect(refusal?.message.contains("phase `first` is sealed") == true)
            } else {
                #expect(refusal == nil, "\(attempt.operation.name.rawValue): \(refusal?.message ?? "")")
            }
        }
    }

    @Test func aSignerChecksTheProposedPhaseAgainstItsManifest() throws {
        var scenario = try S.agreed()
        try scenario.sign(S.mediator, .setTerms(Self.terms))
        let manifest = try PhaseManifestTests.manifest("first", scenario.state())
        let wrong = ProposedPhase(phase: Self.first, entries: [S.ref(S.hqA, .request, "A-2")])
        try scenario.sign(S.mediator, .proposeManifest(ProposeManifest(manifest: manifest.hash, basis: scenario.report().heads, phase: wrong)))
        let refusal = scenario.state().refusal(of: .signManifest(SignManifest(manifest: manifest.hash)), by: Self.id(S.hqB))
        #expect(refusal?.code == .notThisStatesManifest)
    }
}

import ParleyCrypto
import ParleyLog
import ParleyMatch
import Testing

/// Every party that has synced the same envelopes computes the same reconciliation and manifest,
/// whatever order the envelopes arrived in.
@Suite struct DeterminismTests {
    typealias S = ExchangeScenario

    @Test func sameReconciliationAndManifestInEveryOrder() throws {
        var scenario = try S.standard()
        let a1 = S.ref(S.hqA, .request, "A-1"), a2 = S.ref(S.hqA, .request, "A-2"), b2 = S.ref(S.hqB, .release, "B-2")
        try scenario.sign(S.hqB, .assertMatch(MatchPair(request: a2, release: b2)))
        try scenario.sign(S.hqA, .rejectMatch(MatchPair(request: a2, release: b2)))
        let open = try scenario.sign(S.hqB, .openDispute(OpenDispute(about: [a1], reason: .other, note: "")))
        try scenario.sign(S.mediator, .commentDispute(CommentDispute(dispute: open.id, note: "")))
        try scenario.sign(S.mediator, .setTerms(Terms(counts: [.toA: 1, .toB: 1])))
        try scenario.sign(S.mediator, .attest(Attest(entry: S.ref(S.mediator, .registry, "M-1"), kind: .registered, date: CalendarDate(year: 2025, month: 3, day: 3)!)))
        let all = scenario.envelopes
        let verifier = Verifier(exchange: scenario.exchange)
        let state = try #require(verifier.verify(all).state)
        let reconciliation = Reconciliation(state: state)
        let manifest = Manifest(reconciliation: reconciliation, state: state)
        #expect(reconciliation.report(.toA).rows(.disputed).count == 2)

        var generator = SplitMix64(state: 0xC0FF_EE00_0D15)
        for _ in 0..<100 {
            var input = all + (0..<Int.random(in: 0...4, using: &generator)).map { _ in all.randomElement(using: &generator)! }
            input.shuffle(using: &generator)
            let shuffled = try #require(verifier.verify(input).state)
            #expect(shuffled.stateHash == state.stateHash)
            let again = Reconciliation(state: shuffled)
            #expect(again.hash == reconciliation.hash)
            #expect(again == reconciliation)
            #expect(Manifest(reconciliation: again, state: shuffled).hash == manifest.hash)
        }
    }
}

extension DeterminismTests {
    /// A state with lists only has no `facts` member, so it hashes as it did before the other
    /// operations existed (the first five vector envelopes, as published before them).
    @Test func listOnlyStatesHashAsBefore() throws {
        let (vectors, signed) = try EnvelopeVectors.compute()
        let exchange = try #require(ExchangeID(hex: vectors.exchange))
        let state = try #require(Verifier(exchange: exchange).verify(Array(signed.prefix(5))).state)
        #expect(state.canonicalForm["facts"] == nil)
        #expect(state.stateHash == "3a44f69bbd2efe5d36d0c0e78c5806d21c538c54b9356f44dd4b690e64632969")
    }
}

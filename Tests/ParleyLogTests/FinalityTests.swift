import ParleyCrypto
import ParleyLog
import ParleyMatch
import Testing

/// Finalization that stays final (PROTOCOL.md §7.1): once every participant has signed a manifest,
/// what its signers write after signing about people is set aside by every verifier and refused by
/// every signer, so neither what the manifest says nor its status changes, and the exported file
/// verifies offline before and after.
@Suite struct FinalityTests {
    typealias S = ExchangeScenario

    private static func id(_ key: SigningKey) -> KeyID { key.publicKey.keyID }

    /// Every kind of operation a participant could sign about the people of the final manifest
    /// (A-1/B-1 and A-2/B-2 to A, BR-1/AR-1 to B), by whom, and whether it is set aside.
    private static func attempts(dispute: EnvelopeID, other: String) -> [(key: SigningKey, operation: Operation, setAside: Bool)] {
        let pair = MatchPair(request: S.ref(S.hqA, .request, "A-1"), release: S.ref(S.hqB, .release, "B-1"))
        return [
            (S.hqB, .putEntry(PutEntry(list: .release, entry: "B-1", fields: S.person("Koval", "Petro", born: "1990-01-02"))), true),
            (S.hqB, .removeEntry(RemoveEntry(list: .release, entry: "B-2", reason: "")), true),
            (S.hqA, .putEntry(PutEntry(list: .request, entry: "A-9", fields: S.person("Synthetic", "New", born: "1999-09-09"))), true),
            (S.hqB, .rejectMatch(pair), true),
            (S.hqA, .assertMatch(MatchPair(request: S.ref(S.hqA, .request, "A-4"), release: S.ref(S.hqB, .release, "B-3"))), true),
            (S.hqB, .openDispute(OpenDispute(about: [S.ref(S.hqA, .request, "A-1")], reason: .notHeld, note: "")), true),
            (S.hqB, .commentDispute(CommentDispute(dispute: dispute, note: "")), true),
            (S.mediator, .attest(Attest(entry: S.ref(S.hqA, .request, "A-2"), kind: .visited, date: CalendarDate(year: 2025, month: 5, day: 1)!)), true),
            (S.mediator, .proposeManifest(ProposeManifest(manifest: other, basis: [Self.id(S.mediator): ChainHead(seq: 1, id: dispute)])), true),
            (S.hqB, .signManifest(SignManifest(manifest: other)), true),
            // A close or new terms would change the reconciliation or the terms the manifest names.
            (S.hqB, .closeDispute(CloseDispute(dispute: dispute, resolution: "settled")), true),
            (S.mediator, .setTerms(Terms(counts: [.toA: 3, .toB: 1])), true),
            // A confirmation changes nothing a manifest says and keeps its effect.
            (S.mediator, .confirm(Confirm(direction: .toA, reconciliation: other)), false),
        ]
    }

    /// ``ExchangeScenario/agreed()`` with a dispute about a person the manifest leaves out,
    /// proposed, and signed by every participant; side A writes after signing, before the others.
    private func finalized() throws -> (scenario: ExchangeScenario, manifest: Manifest, dispute: EnvelopeID, early: SignedEnvelope) {
        var scenario = try S.agreed()
        let dispute = try scenario.sign(S.hqB, .openDispute(OpenDispute(about: [S.ref(S.hqA, .request, "A-4")], reason: .other, note: "")))
        let manifest = S.manifest(scenario)
        try scenario.sign(S.mediator, .proposeManifest(ProposeManifest(manifest: manifest.hash, basis: scenario.report().heads)))
        try scenario.sign(S.hqA, .signManifest(SignManifest(manifest: manifest.hash)))
        // Signed after side A's signature, while the manifest is not final yet: once it is, set aside.
        let early = try scenario.sign(S.hqA, .removeEntry(RemoveEntry(list: .request, entry: "A-1", reason: "")))
        for key in [S.ombudsmanA, S.hqB, S.mediator] {
            try scenario.sign(key, .signManifest(SignManifest(manifest: manifest.hash)))
        }
        return (scenario, manifest, dispute.id, early)
    }

    @Test func everyVerifierSetsAsideWhatWouldTouchTheFinalManifest() throws {
        var (scenario, manifest, dispute, early) = try finalized()
        let before = scenario.report()
        let stateBefore = try #require(before.state)
        let fileBefore = try #require(FinalizedManifest(manifest: manifest, state: stateBefore, envelopes: before.envelopes))
        #expect(fileBefore.verify().isValid)
        #expect(stateBefore.finalManifests.map(\.manifest) == [manifest.hash])
        #expect(stateBefore.ignored.map(\.envelope) == [early.id])
        #expect(S.manifest(scenario).hash == manifest.hash, "side A's later removal of A-1 changed nothing")

        let other = String(repeating: "0", count: 64)
        var signed: [(SignedEnvelope, Bool)] = []
        for attempt in Self.attempts(dispute: dispute, other: other) {
            signed.append((try scenario.sign(attempt.key, attempt.operation), attempt.setAside))
        }
        let after = scenario.report()
        let state = try #require(after.state)
        #expect(after.entries.allSatisfy { $0.verdict.isValid }, "set aside is not invalid: every envelope verifies")
        let finalized = Set(state.ignored.filter { $0.reason == .finalized }.map(\.envelope))
        for (envelope, setAside) in signed {
            #expect(finalized.contains(envelope.id) == setAside, "\(envelope.envelope.operation.name.rawValue)")
        }
        #expect(finalized.contains(early.id))

        // What the manifest says and its status are as they were.
        #expect(S.manifest(scenario).hash == manifest.hash)
        #expect(state.finalManifests.map(\.manifest) == [manifest.hash])
        #expect(state.manifests.map(\.manifest) == [manifest.hash], "the later proposal is set aside")
        #expect(state.manifestStatus(manifest.hash)?.signatures == stateBefore.manifestStatus(manifest.hash)?.signatures)
        #expect(state.entries(of: ListKey(side: .b, kind: .release)) == stateBefore.entries(of: ListKey(side: .b, kind: .release)))
        #expect(state.attestations(about: S.ref(S.hqA, .request, "A-2")).isEmpty)
        // The dispute about a person left out stays as it was: no comment, no close after finality.
        let kept = try #require(state.disputes.first { $0.id == dispute })
        #expect(kept.isOpen && kept.comments.isEmpty)
        #expect(state.openDisputes.map(\.id) == [dispute])
        #expect(state.confirmations.values.map(\.body.reconciliation) == [other], "a confirmation keeps its effect")

        let fileAfter = try #require(FinalizedManifest(manifest: manifest, state: state, envelopes: after.envelopes))
        #expect(fileAfter.verify().isValid)
        #expect(fileAfter.fileBytes == fileBefore.fileBytes)

        // The fold does not depend on the order the envelopes come in.
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<5 {
            let shuffled = Verifier(exchange: scenario.exchange).verify(scenario.envelopes.shuffled(using: &rng))
            #expect(shuffled.state?.stateHash == state.stateHash)
        }
    }

    @Test func theSignerRefusesWhatTheVerifiersWouldSetAside() throws {
        let (scenario, _, dispute, _) = try finalized()
        let state = scenario.state()
        for attempt in Self.attempts(dispute: dispute, other: String(repeating: "0", count: 64)) {
            let refusal = state.refusal(of: attempt.operation, by: Self.id(attempt.key))
            if attempt.setAside {
                #expect(refusal?.code == .finalized, "\(attempt.operation.name.rawValue)")
                #expect(refusal?.message.contains("the exchange is final") == true)
            } else {
                #expect(refusal?.code != .finalized, "\(attempt.operation.name.rawValue)")
            }
        }
    }

    @Test func beforeEveryoneSignedNothingIsSetAside() throws {
        var scenario = try S.agreed()
        let manifest = S.manifest(scenario)
        try scenario.sign(S.mediator, .proposeManifest(ProposeManifest(manifest: manifest.hash, basis: scenario.report().heads)))
        for key in [S.hqA, S.hqB, S.mediator] {
            try scenario.sign(key, .signManifest(SignManifest(manifest: manifest.hash)))
        }
        // The ombudsman of side A has not signed: the manifest is not final, side B may still withdraw.
        try scenario.sign(S.hqB, .removeEntry(RemoveEntry(list: .release, entry: "B-1", reason: "")))
        let state = scenario.state()
        #expect(!state.finality.isFinal && state.finalManifests.isEmpty)
        #expect(state.ignored.isEmpty)
        #expect(S.manifest(scenario).hash != manifest.hash)
        #expect(state.manifestStatus(manifest.hash)?.missing == [Self.id(S.ombudsmanA)])
    }
}

import ParleyCrypto
import ParleyLog
import Testing

/// A revocation and a final manifest (PROTOCOL.md §5.16, §7.1): a `key.revoke` whose `from` is at
/// or below what a final manifest rests on in its chain sets aside nothing up to there, so the
/// manifest stays final in every replica; the signer refuses such a `from`.
@Suite struct RevocationFinalityTests {
    typealias S = ExchangeScenario
    static let recovery = LogFixture.key(0x31)
    static let newKey = LogFixture.key(0x32)
    static let sideB = S.hqB.publicKey.keyID

    /// The agreed scenario with side B's recovery key named, finalized by everyone; then side B's
    /// (stolen) key signs a put after its signature.
    static func finalizedWithRecovery() throws -> (scenario: S, manifest: Manifest, named: Int, sign: SignedEnvelope, late: SignedEnvelope) {
        var scenario = try S.agreed()
        let named = try scenario.sign(S.hqB, .nameRecoveryKey(NameRecoveryKey(key: recovery.publicKey)))
        let manifest = S.manifest(scenario)
        try scenario.sign(S.mediator, .proposeManifest(ProposeManifest(manifest: manifest.hash, basis: scenario.report().heads)))
        var sign: SignedEnvelope?
        for key in S.everyone {
            let envelope = try scenario.sign(key, .signManifest(SignManifest(manifest: manifest.hash)))
            if key.publicKey == S.hqB.publicKey { sign = envelope }
        }
        let late = try scenario.sign(S.hqB, .putEntry(PutEntry(list: .release, entry: "B-9", fields: S.person("Forged", "Ivan", born: "1990-01-01"))))
        return (scenario, manifest, named.envelope.seq, try #require(sign), late)
    }

    /// A revocation of side B's key signed by the recovery key at side B's head.
    static func revocation(of scenario: S, from: Int) throws -> SignedEnvelope {
        let head = scenario.report().heads[sideB]
        let signer = EnvelopeSigner(key: recovery, exchange: scenario.exchange, head: head, author: sideB)
        return try signer.revoking(sideB, from: from, newKey: newKey, at: LogFixture.time(900)).0
    }

    @Test func aRevocationBeforeTheSignatureLeavesTheManifestFinal() throws {
        let (scenario, manifest, named, sign, late) = try Self.finalizedWithRecovery()
        #expect(scenario.state().finality.manifests == [manifest.hash])
        let before = scenario.state()
        // The revocation point right after the key.recovery: at or before side B's signature.
        let revoke = try Self.revocation(of: scenario, from: named + 1)
        #expect(revoke.envelope.seq > sign.envelope.seq)
        let all = scenario.envelopes + [revoke]
        let report = Verifier(exchange: scenario.exchange).verify(all)
        #expect(report.isClean)
        let state = try #require(report.state)
        #expect(state.finality.manifests == [manifest.hash], "the manifest every participant signed stays final")
        #expect(state.finalityFloor(of: Self.sideB) == sign.envelope.seq)
        #expect(report.setAside.map(\.id) == [late.id], "only what follows the signature is set aside")
        #expect(state.keys(of: Self.sideB)?.identity == Self.newKey.publicKey, "the revocation still installs the new key")
        #expect(Manifest(reconciliation: Reconciliation(state: state), state: state).hash == manifest.hash, "the state still builds the final manifest")
        #expect(state.lists == before.lists)
        // The same for every order of the same envelopes.
        var rng = SplitMix64(state: 14)
        for _ in 0..<8 {
            #expect(Verifier(exchange: scenario.exchange).verify(all.shuffled(using: &rng)).state?.stateHash == state.stateHash)
        }
    }

    @Test func theSignerRefusesARevocationPointAtOrBelowTheFinalSignature() throws {
        let (scenario, _, named, sign, _) = try Self.finalizedWithRecovery()
        let state = scenario.state()
        for from in [named + 1, sign.envelope.seq] {
            let revoke = try Self.revocation(of: scenario, from: from)
            let refusal = try #require(state.refusal(of: revoke.envelope.operation, by: Self.sideB))
            #expect(refusal.code == .keyRule)
            #expect(refusal.message.contains("\(sign.envelope.seq + 1) or later"))
        }
        let allowed = try Self.revocation(of: scenario, from: sign.envelope.seq + 1)
        #expect(state.refusal(of: allowed.envelope.operation, by: Self.sideB) == nil)
    }

    @Test func beforeFinalityARevocationSetsTheSignatureAside() throws {
        // Without every signature, nothing is final and the revocation point stands as given.
        var scenario = try S.agreed()
        let named = try scenario.sign(S.hqB, .nameRecoveryKey(NameRecoveryKey(key: Self.recovery.publicKey)))
        let manifest = S.manifest(scenario)
        try scenario.sign(S.mediator, .proposeManifest(ProposeManifest(manifest: manifest.hash, basis: scenario.report().heads)))
        let sign = try scenario.sign(S.hqB, .signManifest(SignManifest(manifest: manifest.hash)))
        let revoke = try Self.revocation(of: scenario, from: named.envelope.seq + 1)
        let report = Verifier(exchange: scenario.exchange).verify(scenario.envelopes + [revoke])
        #expect(report.setAside.map(\.id) == [sign.id])
        #expect(report.state?.finalityFloor(of: Self.sideB) == nil)
    }

    /// A revocation signed before side B's final signature (the new key signs it): the floor is
    /// above the revocation, which then sets nothing aside. Folding this once stopped every
    /// verifier on an empty range (found by `IncrementalStateTests` once its random logs became final).
    @Test func aRevocationBeforeTheFinalSignatureSetsNothingAside() throws {
        var scenario = try S.agreed()
        let named = try scenario.sign(S.hqB, .nameRecoveryKey(NameRecoveryKey(key: Self.recovery.publicKey)))
        let revoker = EnvelopeSigner(key: Self.recovery, exchange: scenario.exchange, head: scenario.report().heads[Self.sideB], author: Self.sideB)
        var (revoke, signerB) = try revoker.revoking(Self.sideB, from: named.envelope.seq + 1, newKey: Self.newKey, at: LogFixture.time(900))
        let revoked = Verifier(exchange: scenario.exchange).verify(scenario.envelopes + [revoke])
        let before = try #require(revoked.state)
        let manifest = Manifest(reconciliation: Reconciliation(state: before), state: before)
        try scenario.sign(S.mediator, .proposeManifest(ProposeManifest(manifest: manifest.hash, basis: revoked.heads)))
        for key in [S.hqA, S.ombudsmanA, S.mediator] {
            try scenario.sign(key, .signManifest(SignManifest(manifest: manifest.hash)))
        }
        let sign = try signerB.sign(.signManifest(SignManifest(manifest: manifest.hash)), at: LogFixture.time(901))
        let all = scenario.envelopes + [revoke, sign]
        let report = Verifier(exchange: scenario.exchange).verify(all)
        #expect(report.isClean)
        let state = try #require(report.state)
        #expect(state.finality.manifests == [manifest.hash])
        #expect(state.finalityFloor(of: Self.sideB) == sign.envelope.seq)
        #expect(report.setAside.isEmpty)
        var rng = SplitMix64(state: 15)
        for _ in 0..<4 {
            #expect(Verifier(exchange: scenario.exchange).verify(all.shuffled(using: &rng)).state?.stateHash == state.stateHash)
        }
    }
}

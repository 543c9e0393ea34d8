import Foundation
import ParleyCrypto
import ParleyLog
import Testing

/// `key.rotate`: the new key takes over a participant's chain from the next seq on; every
/// verifier (the fold from scratch and the extension against kept heads) accepts the new key and
/// refuses the old one after the rotation; the participant's id, role and side stay.
@Suite struct KeyRotationTests {
    static let newKey = LogFixture.key(0x21)
    static let thirdKey = LogFixture.key(0x22)

    /// The genesis, side B's put at seq 1, its rotation at seq 2 and a put by the new key at 3.
    static func rotatedLog() throws -> (log: [SignedEnvelope], after: EnvelopeSigner, rotation: SignedEnvelope) {
        let (genesis, creator) = LogFixture.genesis()
        var sideB = EnvelopeSigner(key: LogFixture.headquartersB, exchange: creator.exchange, head: nil)
        let first = try sideB.sign(LogFixture.put(.request, "B-1", surname: "Melnyk"), at: LogFixture.time(1))
        let (rotation, rotated) = try sideB.rotating(to: newKey, at: LogFixture.time(2))
        var after = rotated
        let third = try after.sign(LogFixture.put(.request, "B-2", surname: "Tkachenko"), at: LogFixture.time(3))
        return ([genesis, first, rotation, third], after, rotation)
    }

    static let sideB = LogFixture.headquartersB.publicKey.keyID

    @Test func theNewKeySignsAfterTheRotationAndTheParticipantStaysTheSame() throws {
        let (log, _, rotation) = try Self.rotatedLog()
        let report = Verifier(exchange: log[0].exchangeOfLog).verify(log)
        #expect(report.isClean)
        let state = try #require(report.state)
        #expect(state.entries(of: ListKey(side: .b, kind: .request)).map(\.entry) == ["B-1", "B-2"])
        #expect(state.keys(of: Self.sideB)?.identity == Self.newKey.publicKey)
        #expect(state.participantID(signingWith: Self.newKey.publicKey.keyID) == Self.sideB)
        #expect(state.participantID(signingWith: Self.sideB) == nil, "the old key speaks for no one")
        #expect(state.participant(Self.sideB)?.role == .headquarters && state.participant(Self.sideB)?.side == .b)
        #expect(state.keyOperations[rotation.id] != nil)
        #expect(report.heads[Self.sideB]?.seq == 3)
    }

    @Test func theOldKeyIsRefusedAfterTheRotationByEveryVerifier() throws {
        let (log, after, _) = try Self.rotatedLog()
        // The thief (or the owner by mistake) signs seq 4 with the old key.
        let stale = EnvelopeSigner(key: LogFixture.headquartersB, exchange: after.exchange, head: after.head, author: Self.sideB)
        var staleSigner = stale
        let old = try staleSigner.sign(LogFixture.put(.request, "B-3", surname: "Stale"), at: LogFixture.time(4))
        let report = Verifier(exchange: after.exchange).verify(log + [old])
        #expect(report.verdict(for: old.id) == .invalid([.badSignature]))

        let kept = try #require(Verifier(exchange: after.exchange).verify(log).state)
        let extension_ = ChainExtension(exchange: after.exchange, participants: kept.participants)
        let heads = Verifier(exchange: after.exchange).verify(log).heads
        #expect(extension_.verify([old], heads: heads, keys: kept.chainKeys).verdicts[old.id] == .invalid([.badSignature]))
        // The same check with the signatures checked ahead (as the server does).
        let check = extension_.signatures(of: [old], keys: kept.chainKeys)
        #expect(extension_.verify([old], signatures: check, heads: heads, keys: kept.chainKeys).verdicts[old.id] == .invalid([.badSignature]))

        var newSigner = after
        let fresh = try newSigner.sign(LogFixture.put(.request, "B-3", surname: "Fresh"), at: LogFixture.time(4))
        #expect(extension_.verify([fresh], heads: heads, keys: kept.chainKeys).isClean)
        let staleCheck = extension_.signatures(of: [fresh], keys: [:])
        #expect(extension_.verify([fresh], signatures: staleCheck, heads: heads, keys: kept.chainKeys).isClean,
                "a check made with keys that have moved on since is redone with the keys in force")
    }

    @Test func theExtensionAcceptsARotationAndWhatFollowsInOneBatch() throws {
        let (log, _, _) = try Self.rotatedLog()
        let exchange = log[0].exchangeOfLog
        let prefix = Verifier(exchange: exchange).verify(Array(log.prefix(2)))
        let state = try #require(prefix.state)
        let report = ChainExtension(exchange: exchange, participants: state.participants)
            .verify(Array(log.suffix(2)), heads: prefix.heads, keys: state.chainKeys)
        #expect(report.isClean)
        var incremental = state
        _ = incremental.apply(report.batch)
        #expect(incremental == Verifier(exchange: exchange).verify(log).state)
    }

    @Test func aRotationWithABadCountersignatureOrTheWrongOldKeyIsRefused() throws {
        let (genesis, creator) = LogFixture.genesis()
        let exchange = creator.exchange
        let sideB = EnvelopeSigner(key: LogFixture.headquartersB, exchange: exchange, head: nil)
        // Countersigned for another seq: the statement does not match.
        let elsewhere = KeyStatement(exchange: exchange, participant: Self.sideB, seq: 7, op: .rotateKey, replaces: Self.sideB, key: Self.newKey.publicKey)
        var signer = sideB
        let replayed = try signer.sign(
            .rotateKey(RotateKey(key: Self.newKey.publicKey, replaces: Self.sideB, signature: try elsewhere.countersign(Self.newKey))),
            at: LogFixture.time(1)
        )
        // Naming a key that is not the one in force.
        let here = KeyStatement(exchange: exchange, participant: Self.sideB, seq: 1, op: .rotateKey, replaces: Self.thirdKey.publicKey.keyID, key: Self.newKey.publicKey)
        var other = sideB
        let wrongOld = try other.sign(
            .rotateKey(RotateKey(key: Self.newKey.publicKey, replaces: Self.thirdKey.publicKey.keyID, signature: try here.countersign(Self.newKey))),
            at: LogFixture.time(1)
        )
        for bad in [replayed, wrongOld] {
            let report = Verifier(exchange: exchange).verify([genesis, bad])
            #expect(report.verdict(for: bad.id) == .invalid([.badSignature]))
            let state = try #require(report.state)
            #expect(state.keys(of: Self.sideB)?.identity == LogFixture.headquartersB.publicKey)
            let extended = ChainExtension(exchange: exchange, participants: state.participants).verify([bad], heads: [:])
            #expect(extended.verdicts[bad.id] == .invalid([.badSignature]))
        }
    }

    @Test func everyKeyOperationSurvivesTheWireAndABadOneIsMalformed() throws {
        let (log, after, rotation) = try Self.rotatedLog()
        var signer = after
        let named = try signer.sign(.nameRecoveryKey(NameRecoveryKey(key: Self.thirdKey.publicKey)), at: LogFixture.time(5))
        let revoker = EnvelopeSigner(key: Self.thirdKey, exchange: after.exchange, head: signer.head, author: Self.sideB)
        let (revoke, _) = try revoker.revoking(Self.newKey.publicKey.keyID, from: 5, newKey: LogFixture.key(0x23), at: LogFixture.time(6))
        for envelope in [rotation, named, revoke] {
            let parsed = try SignedEnvelope(parsing: envelope.wireBytes)
            #expect(parsed == envelope)
        }
        #expect(Verifier(exchange: after.exchange).verify(log + [named, revoke]).isClean)
        // A revocation point after its own seq, or a rotation to the key it replaces, does not parse.
        let tooLate = try? revoker.revoking(Self.newKey.publicKey.keyID, from: 6, newKey: LogFixture.key(0x23), at: LogFixture.time(6))
        #expect(tooLate == nil)
        #expect((try? after.rotating(to: Self.newKey, at: LogFixture.time(6))) == nil)
        let wire = String(decoding: rotation.wireBytes, as: UTF8.self)
            .replacingOccurrences(of: #""replaces":""#, with: #""replaces":"x"#)
        #expect(throws: LogError.self) { try SignedEnvelope(parsing: Array(wire.utf8)) }
    }

    @Test func rotatingTwiceAndInAnyOrderGivesOneState() throws {
        let (log, after, _) = try Self.rotatedLog()
        let (second, last) = try after.rotating(to: Self.thirdKey, at: LogFixture.time(5))
        var final = last
        let put = try final.sign(LogFixture.put(.release, "B-9", surname: "Later"), at: LogFixture.time(6))
        let all = log + [second, put]
        let exchange = after.exchange
        let reference = try #require(Verifier(exchange: exchange).verify(all).state)
        #expect(reference.keys(of: Self.sideB)?.identity == Self.thirdKey.publicKey)
        var rng = SplitMix64(state: 5)
        for _ in 0..<10 {
            let report = Verifier(exchange: exchange).verify(all.shuffled(using: &rng))
            #expect(report.isClean)
            #expect(report.state?.stateHash == reference.stateHash)
        }
    }
}

extension SignedEnvelope {
    /// The exchange a genesis creates.
    var exchangeOfLog: ExchangeID { ExchangeID(genesis: id) }
}

import ParleyCrypto
import ParleyLog
import Testing

/// `key.recovery` and `key.revoke`: with the recovery key named early, the owner revokes a stolen
/// identity key without it; what the stolen key signs after the revocation is refused; what it
/// signed before stays unless the revocation names an earlier point (then it is set aside, not
/// folded); a race between the thief's rotation and the owner's revocation goes to the recovery key.
@Suite struct KeyRecoveryTests {
    static let recovery = LogFixture.key(0x31)
    static let owner2 = LogFixture.key(0x32)
    static let thiefKey = LogFixture.key(0x33)
    static let stolen = LogFixture.headquartersB
    static let sideB = LogFixture.headquartersB.publicKey.keyID

    /// Genesis; side B: seq 1 names the recovery key, seq 2 the owner's put, seq 3 and 4 the
    /// thief's puts with the stolen key.
    static func stolenLog() throws -> (log: [SignedEnvelope], thief: EnvelopeSigner) {
        let (genesis, creator) = LogFixture.genesis()
        var sideB = EnvelopeSigner(key: stolen, exchange: creator.exchange, head: nil)
        let named = try sideB.sign(.nameRecoveryKey(NameRecoveryKey(key: recovery.publicKey)), at: LogFixture.time(1))
        let own = try sideB.sign(LogFixture.put(.request, "B-1", surname: "Melnyk"), at: LogFixture.time(2))
        let forged1 = try sideB.sign(LogFixture.put(.request, "B-666", surname: "Forged"), at: LogFixture.time(3))
        let forged2 = try sideB.sign(.removeEntry(RemoveEntry(list: .request, entry: "B-1", reason: "")), at: LogFixture.time(4))
        return ([genesis, named, own, forged1, forged2], sideB)
    }

    /// The recovery key's signer at the thief's head.
    static func revoker(after thief: EnvelopeSigner) -> EnvelopeSigner {
        EnvelopeSigner(key: recovery, exchange: thief.exchange, head: thief.head, author: sideB)
    }

    @Test func aRevocationWithAnEarlierPointSetsAsideWhatTheThiefSigned() throws {
        let (log, thief) = try Self.stolenLog()
        let exchange = thief.exchange
        let (revoke, owner) = try Self.revoker(after: thief).revoking(Self.sideB, from: 3, newKey: Self.owner2, at: LogFixture.time(5))
        let report = Verifier(exchange: exchange).verify(log + [revoke])
        #expect(report.isClean)
        #expect(Set(report.setAside.map(\.id)) == [log[3].id, log[4].id])
        let state = try #require(report.state)
        #expect(state.entries(of: ListKey(side: .b, kind: .request)).map(\.entry) == ["B-1"], "the thief's put and remove are not folded")
        #expect(state.keys(of: Self.sideB)?.identity == Self.owner2.publicKey)
        #expect(report.heads[Self.sideB] == ChainHead(seq: 5, id: revoke.id))

        // After the revocation the stolen key is refused; the new key signs.
        var thiefAfter = EnvelopeSigner(key: Self.stolen, exchange: exchange, head: owner.head, author: Self.sideB)
        let late = try thiefAfter.sign(LogFixture.put(.request, "B-667", surname: "Forged"), at: LogFixture.time(6))
        var ownerNext = owner
        let next = try ownerNext.sign(LogFixture.put(.request, "B-2", surname: "Shevchuk"), at: LogFixture.time(6))
        let after = Verifier(exchange: exchange).verify(log + [revoke, late, next])
        #expect(after.verdict(for: late.id) == .invalid([.badSignature]))
        #expect(after.verdict(for: next.id) == .valid)

        // The extension path: the revocation after the stored thief's envelopes needs a refold.
        let stored = Verifier(exchange: exchange).verify(log)
        let keptState = try #require(stored.state)
        let extension_ = ChainExtension(exchange: exchange, participants: keptState.participants)
        let batch = extension_.verify([revoke], heads: stored.heads, keys: keptState.chainKeys)
        #expect(batch.isClean && batch.batch.refoldsState)
        let later = extension_.verify([late], heads: after.heads, keys: try #require(after.state).chainKeys)
        #expect(later.verdicts[late.id] == .invalid([.badSignature]))
    }

    @Test func aRevocationAtItsOwnSeqKeepsWhatTheStolenKeySignedBefore() throws {
        let (log, thief) = try Self.stolenLog()
        let (revoke, _) = try Self.revoker(after: thief).revoking(Self.sideB, from: 5, newKey: Self.owner2, at: LogFixture.time(5))
        let report = Verifier(exchange: thief.exchange).verify(log + [revoke])
        #expect(report.isClean && report.setAside.isEmpty)
        let state = try #require(report.state)
        #expect(state.entries(of: ListKey(side: .b, kind: .request)).map(\.entry) == ["B-666"])
    }

    @Test func theRaceBetweenTheThiefsRotationAndTheRecoveryGoesToTheRecovery() throws {
        let (log, thief) = try Self.stolenLog()
        let exchange = thief.exchange
        // Both sign seq 5 on top of seq 4: the thief rotates to its own key and goes on with it.
        let (rotation, thiefRotated) = try thief.rotating(to: Self.thiefKey, at: LogFixture.time(5))
        var thiefNext = thiefRotated
        let thiefPut = try thiefNext.sign(LogFixture.put(.request, "B-668", surname: "Forged"), at: LogFixture.time(6))
        let (revoke, owner) = try Self.revoker(after: thief).revoking(Self.sideB, from: 5, newKey: Self.owner2, at: LogFixture.time(5))
        let all = log + [rotation, thiefPut, revoke]
        let report = Verifier(exchange: exchange).verify(all)
        #expect(report.equivocations.isEmpty, "a race the recovery wins is no equivocation")
        #expect(Set(report.setAside.map(\.id)) == [rotation.id, thiefPut.id])
        let state = try #require(report.state)
        #expect(state.keys(of: Self.sideB)?.identity == Self.owner2.publicKey)
        #expect(state.participantID(signingWith: Self.thiefKey.publicKey.keyID) == nil)
        #expect(report.heads[Self.sideB] == ChainHead(seq: 5, id: revoke.id))
        var rng = SplitMix64(state: 9)
        for _ in 0..<10 {
            #expect(Verifier(exchange: exchange).verify(all.shuffled(using: &rng)).state?.stateHash == state.stateHash)
        }
        // The thief's key cannot continue the recovered chain.
        var thiefOnTop = EnvelopeSigner(key: Self.thiefKey, exchange: exchange, head: owner.head, author: Self.sideB)
        let attempt = try thiefOnTop.sign(LogFixture.put(.request, "B-669", surname: "Forged"), at: LogFixture.time(7))
        #expect(Verifier(exchange: exchange).verify(all + [attempt]).verdict(for: attempt.id) == .invalid([.badSignature]))

        // Where the thief's rotation is stored first (a server), the revocation at seq 5 is
        // refused; signed again at seq 7 with `from` 5 it is accepted and wins.
        let storedReport = Verifier(exchange: exchange).verify(log + [rotation, thiefPut])
        let stored = try #require(storedReport.state)
        let extension_ = ChainExtension(exchange: exchange, participants: stored.participants)
        // (Checked with the keys in force at the head, the thief's, it does not even hold there.)
        #expect(extension_.verify([revoke], heads: storedReport.heads, keys: stored.chainKeys).verdicts[revoke.id]?.isValid == false)
        let retry = EnvelopeSigner(key: Self.recovery, exchange: exchange, head: storedReport.heads[Self.sideB], author: Self.sideB)
        let (revokeAgain, _) = try retry.revoking(Self.thiefKey.publicKey.keyID, from: 5, newKey: Self.owner2, at: LogFixture.time(8))
        let accepted = extension_.verify([revokeAgain], heads: storedReport.heads, keys: stored.chainKeys)
        #expect(accepted.isClean && accepted.batch.refoldsState)
        let final = Verifier(exchange: exchange).verify(log + [rotation, thiefPut, revokeAgain])
        #expect(Set(final.setAside.map(\.id)) == [rotation.id, thiefPut.id])
        #expect(final.state?.keys(of: Self.sideB)?.identity == Self.owner2.publicKey)
    }

    @Test func onlyTheRecoveryKeyNamedBeforeThePointRevokes() throws {
        let (log, thief) = try Self.stolenLog()
        let exchange = thief.exchange
        // Signed by the stolen identity key instead of the recovery key.
        let byThief = EnvelopeSigner(key: Self.stolen, exchange: exchange, head: thief.head, author: Self.sideB)
        let (forged, _) = try byThief.revoking(Self.sideB, from: 3, newKey: Self.thiefKey, at: LogFixture.time(5))
        // The earliest revocation point: right after the key.recovery (seq 1).
        let (earliest, _) = try Self.revoker(after: thief).revoking(Self.sideB, from: 2, newKey: Self.owner2, at: LogFixture.time(5))
        #expect(Verifier(exchange: exchange).verify(log + [forged]).verdict(for: forged.id) == .invalid([.badSignature]))
        let fromTwo = Verifier(exchange: exchange).verify(log + [earliest])
        #expect(fromTwo.verdict(for: earliest.id) == .valid)
        #expect(fromTwo.setAside.count == 3)

        // The thief names its own recovery key: only the first key.recovery counts.
        var thiefSigner = thief
        let renamed = try thiefSigner.sign(.nameRecoveryKey(NameRecoveryKey(key: Self.thiefKey.publicKey)), at: LogFixture.time(5))
        let report = Verifier(exchange: exchange).verify(log + [renamed])
        #expect(report.state?.keys(of: Self.sideB)?.recovery == Self.recovery.publicKey)
        let thiefRevoker = EnvelopeSigner(key: Self.thiefKey, exchange: exchange, head: thiefSigner.head, author: Self.sideB)
        let (thiefRevoke, _) = try thiefRevoker.revoking(Self.sideB, from: 6, newKey: Self.owner2, at: LogFixture.time(6))
        #expect(Verifier(exchange: exchange).verify(log + [renamed, thiefRevoke]).verdict(for: thiefRevoke.id) == .invalid([.badSignature]))

        // A chain without a recovery key cannot be revoked.
        let (genesis, creator) = LogFixture.genesis()
        let mediatorID = LogFixture.mediator.publicKey.keyID
        var mediator = EnvelopeSigner(key: LogFixture.mediator, exchange: creator.exchange, head: nil)
        let put = try mediator.sign(LogFixture.put(.registry, "M-1", surname: "Registered"), at: LogFixture.time(1))
        let bare = EnvelopeSigner(key: Self.recovery, exchange: creator.exchange, head: mediator.head, author: mediatorID)
        let (orphan, _) = try bare.revoking(mediatorID, from: 2, newKey: Self.owner2, at: LogFixture.time(2))
        #expect(Verifier(exchange: creator.exchange).verify([genesis, put, orphan]).verdict(for: orphan.id) == .invalid([.badSignature]))
    }
}

import ParleyCrypto
import ParleyLog
import ParleyMatch
import Testing

@Suite struct VerifierTests {
    /// The genesis plus one put by side A's headquarters.
    private func base() throws -> (genesis: SignedEnvelope, put: SignedEnvelope, signer: EnvelopeSigner) {
        var (genesis, signer) = LogFixture.genesis()
        let put = try signer.sign(LogFixture.put(.request, "A-1", surname: "Koval"), at: LogFixture.time(1))
        return (genesis, put, signer)
    }

    private func verdict(of target: SignedEnvelope, among envelopes: [SignedEnvelope], exchange: ExchangeID) -> Verdict? {
        Verifier(exchange: exchange).verify(envelopes).verdict(for: target.id)
    }

    @Test func flippedBitInTheBodyIsABadSignature() throws {
        let (genesis, put, signer) = try base()
        var bytes = put.wireBytes
        let surname = try #require(bytes.firstRange(of: Array(#""surname":"Koval""#.utf8)))
        bytes[surname.upperBound - 2] ^= 0x02 // "Koval" -> "Kovan"
        let tampered = try SignedEnvelope(parsing: bytes)
        #expect(tampered.id != put.id)
        let report = Verifier(exchange: signer.exchange).verify([genesis, tampered])
        #expect(report.verdict(for: tampered.id) == .invalid([.badSignature]))
        #expect(report.state?.lists.isEmpty == true)
    }

    @Test func nonParticipant() throws {
        let (genesis, _, signer) = try base()
        var outsider = EnvelopeSigner(key: LogFixture.outsider, exchange: signer.exchange, head: nil)
        let put = try outsider.sign(LogFixture.put(.request, "X-1", surname: "Nobody"), at: LogFixture.time(2))
        #expect(verdict(of: put, among: [genesis, put], exchange: signer.exchange) == .invalid([.notAParticipant]))
    }

    @Test func unknownAuthorWithoutTheGenesis() throws {
        let (_, put, signer) = try base()
        let report = Verifier(exchange: signer.exchange).verify([put])
        #expect(report.verdict(for: put.id) == .invalid([.unknownAuthor]))
        #expect(report.state == nil)
    }

    @Test func seqGap() throws {
        var (genesis, put, signer) = try base()
        _ = put
        let third = try signer.sign(LogFixture.put(.request, "A-2", surname: "Shevchuk"), at: LogFixture.time(2))
        let fourth = try signer.sign(LogFixture.put(.request, "A-3", surname: "Bondar"), at: LogFixture.time(3))
        let report = Verifier(exchange: signer.exchange).verify([genesis, third, fourth])
        #expect(report.verdict(for: third.id) == .invalid([.seqGap]))
        #expect(report.verdict(for: fourth.id) == .invalid([.seqGap]))
        #expect(report.heads[LogFixture.headquartersA.publicKey.keyID]?.seq == 1)
    }

    @Test func prevMismatch() throws {
        let (genesis, put, signer) = try base()
        let wrong = Envelope(
            exchange: signer.exchange, author: LogFixture.headquartersA.publicKey.keyID, seq: 3, prev: genesis.id,
            timestamp: LogFixture.time(3), operation: LogFixture.put(.request, "A-2", surname: "Shevchuk")
        )
        let signed = try EnvelopeSigner.sign(wrong, with: LogFixture.headquartersA)
        #expect(verdict(of: signed, among: [genesis, put, signed], exchange: signer.exchange) == .invalid([.prevMismatch]))

        let notFirst = Envelope(
            exchange: signer.exchange, author: LogFixture.headquartersB.publicKey.keyID, seq: 1, prev: put.id,
            timestamp: LogFixture.time(3), operation: LogFixture.put(.request, "B-1", surname: "Melnyk")
        )
        let signedB = try EnvelopeSigner.sign(notFirst, with: LogFixture.headquartersB)
        #expect(verdict(of: signedB, among: [genesis, signedB], exchange: signer.exchange) == .invalid([.prevMismatch]))
    }

    @Test func wrongExchange() throws {
        let (genesis, _, signer) = try base()
        var other = LogFixture.create
        other.nonce = "ffffffffffffffffffffffffffffffff"
        var (otherGenesis, otherSigner) = try EnvelopeSigner.createExchange(other, key: LogFixture.headquartersA, at: LogFixture.time(0))
        let put = try otherSigner.sign(LogFixture.put(.request, "A-1", surname: "Koval"), at: LogFixture.time(1))
        let report = Verifier(exchange: signer.exchange).verify([genesis, otherGenesis, put])
        #expect(report.verdict(for: genesis.id) == .valid)
        #expect(report.verdict(for: otherGenesis.id) == .invalid([.wrongExchange]))
        #expect(report.verdict(for: put.id) == .invalid([.wrongExchange]))
    }

    @Test func roleNotAllowed() throws {
        let (genesis, _, signer) = try base()
        var mediator = EnvelopeSigner(key: LogFixture.mediator, exchange: signer.exchange, head: nil)
        let mediatorRequest = try mediator.sign(LogFixture.put(.request, "M-1", surname: "Koval"), at: LogFixture.time(2))
        let mediatorRegistry = try mediator.sign(LogFixture.put(.registry, "M-2", surname: "Koval"), at: LogFixture.time(3))
        var sideB = EnvelopeSigner(key: LogFixture.headquartersB, exchange: signer.exchange, head: nil)
        let sideBRegistry = try sideB.sign(LogFixture.put(.registry, "B-1", surname: "Melnyk"), at: LogFixture.time(2))
        let sideBRelease = try sideB.sign(LogFixture.put(.release, "B-2", surname: "Melnyk"), at: LogFixture.time(3))

        let report = Verifier(exchange: signer.exchange).verify([genesis, mediatorRequest, mediatorRegistry, sideBRegistry, sideBRelease])
        #expect(report.verdict(for: mediatorRequest.id) == .invalid([.roleNotAllowed]))
        #expect(report.verdict(for: sideBRegistry.id) == .invalid([.roleNotAllowed]))
        // A rejected operation is still a link: the chain continues through it.
        #expect(report.verdict(for: mediatorRegistry.id) == .valid)
        #expect(report.verdict(for: sideBRelease.id) == .valid)
        let state = try #require(report.state)
        #expect(state.entries(of: ListKey(side: .neutral, kind: .registry)).map(\.entry) == ["M-2"])
        #expect(state.entries(of: ListKey(side: .b, kind: .release)).map(\.entry) == ["B-2"])
        #expect(state.lists.count == 2)
    }

    @Test func duplicatesAreCountedOnce() throws {
        let (genesis, put, signer) = try base()
        let report = Verifier(exchange: signer.exchange).verify([put, genesis, put, genesis, put])
        #expect(report.isClean)
        #expect(report.entries.map(\.isDuplicate) == [false, false, true, true, true])
        #expect(report.envelopes.count == 2)
        #expect(report.folded.map(\.id) == [genesis.id, put.id])
    }

    @Test func removeDeletesTheEntry() throws {
        var (genesis, put, signer) = try base()
        let remove = try signer.sign(.removeEntry(RemoveEntry(list: .request, entry: "A-1", reason: "entered twice")), at: LogFixture.time(2))
        let before = try #require(Verifier(exchange: signer.exchange).verify([genesis, put]).state)
        let after = try #require(Verifier(exchange: signer.exchange).verify([genesis, put, remove]).state)
        let empty = try #require(Verifier(exchange: signer.exchange).verify([genesis]).state)
        #expect(before.lists.count == 1)
        #expect(after.lists.isEmpty)
        #expect(after.stateHash == empty.stateHash)
    }
}

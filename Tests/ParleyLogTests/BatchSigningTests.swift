import ParleyCrypto
import ParleyLog
import Testing

@Suite struct BatchSigningTests {
    /// `count` synthetic list puts.
    static func puts(_ count: Int) -> [Operation] {
        (0..<count).map { LogFixture.put(.request, "E-\($0)", surname: "Synthetic\($0 % 97)") }
    }

    @Test(arguments: [1, 2, 511, 512, 513, 1_300])
    func signingABatchOnEveryCoreGivesTheEnvelopesSigningOneByOneGives(count: Int) throws {
        let (_, creator) = LogFixture.genesis()
        let operations = Self.puts(count)
        var one = creator
        let sequential = try operations.map { try one.sign($0, at: LogFixture.time(9)) }
        let batch = try creator.signing(operations, at: LogFixture.time(9))
        // Ed25519 is deterministic: the same bytes, the same chain.
        #expect(batch.envelopes.map(\.wireBytes) == sequential.map(\.wireBytes))
        #expect(creator.head?.seq == 1)
    }

    @Test func theChainCheckTakesTheSignerRecordAndAcceptsWhatFullVerificationAccepts() throws {
        let (genesis, creator) = LogFixture.genesis()
        let batch = try creator.signing(Self.puts(700), at: LogFixture.time(3))
        let heads = [genesis.envelope.author: ChainHead(seq: 1, id: genesis.id)]
        let chain = ChainExtension(exchange: creator.exchange, create: LogFixture.create)
        let recorded = chain.verify(batch.envelopes, signatures: batch.signatures, heads: heads)
        let verified = chain.verify(batch.envelopes, heads: heads)
        #expect(recorded.isClean && verified.isClean)
        #expect(recorded.batch.envelopes.map(\.id) == verified.batch.envelopes.map(\.id))
        #expect(recorded.batch.heads == verified.batch.heads)
    }

    @Test func aRecordOfAKeyThatIsNotTheChainsKeyIsNotTakenForASignature() throws {
        let (genesis, creator) = LogFixture.genesis()
        // Signed by another participant's key in the creator's chain: the record names that key,
        // which is not the chain's key in force, so the signatures are verified, and fail.
        let wrong = EnvelopeSigner(key: LogFixture.ombudsmanA, exchange: creator.exchange, head: creator.head, author: creator.author)
        let batch = try wrong.signing(Self.puts(3), at: LogFixture.time(4))
        let heads = [genesis.envelope.author: ChainHead(seq: 1, id: genesis.id)]
        let report = ChainExtension(exchange: creator.exchange, create: LogFixture.create)
            .verify(batch.envelopes, signatures: batch.signatures, heads: heads)
        #expect(!report.isClean)
        #expect(report.batch.envelopes.isEmpty)
        #expect(report.entries.allSatisfy { $0.verdict.reasons.contains(.badSignature) || $0.verdict.reasons.contains(.seqGap) })
    }
}

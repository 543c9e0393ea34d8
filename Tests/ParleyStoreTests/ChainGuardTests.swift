import Foundation
import ParleyCrypto
import ParleyLog
import ParleyStore
import Testing

/// Two writers verifying against the same heads must not both store: the second would fork the
/// author's chain, or keep a state that misses the first's envelopes.
@Suite struct ChainGuardTests {
    @Test(arguments: Backend.allCases)
    func secondBatchFromTheSameHeadIsRefusedAndStoresNothing(backend: Backend) throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let replica = try backend.replica(in: directory)
        var exchange = StoreFixture.exchange(puts: 1)
        try replica.appendUnchecked(exchange.envelopes)
        let author = StoreFixture.headquartersA.publicKey.keyID
        let head = try replica.head(exchange: exchange.id, author: author)
        #expect(head == exchange.signerA.head)
        let heads = try replica.heads(exchange: exchange.id)
        let check = ChainExtension(exchange: exchange.id, participants: StoreFixture.participants)

        // Two "processes" sign their next envelope from the same head, and verify it.
        var first = exchange.signerA
        var second = exchange.signerA
        let one = try first.sign(StoreFixture.put(.request, "x-1", surname: "Bondar"), at: StoreFixture.time(90))
        let other = try second.sign(StoreFixture.put(.request, "x-2", surname: "Shevchuk"), at: StoreFixture.time(91))
        let oneBatch = check.verify([one], heads: heads).batch
        let otherBatch = check.verify([other], heads: heads).batch
        #expect(oneBatch.envelopes == [one] && otherBatch.envelopes == [other])

        #expect(try replica.append(oneBatch).added == 1)
        let countBefore = try replica.envelopeCount()
        #expect(throws: StoreError(code: .chainMoved, message: "")) {
            try replica.append(otherBatch)
        }
        #expect(try replica.envelopeCount() == countBefore)
        #expect(try replica.verifyStored(exchange: exchange.id).isClean)

        // Signed again from the new head and verified against it, it is accepted.
        exchange.signerA = first
        let retried = try exchange.signerA.sign(StoreFixture.put(.request, "x-2", surname: "Shevchuk"), at: StoreFixture.time(92))
        let batch = check.verify([retried], heads: try replica.heads(exchange: exchange.id)).batch
        #expect(try replica.append(batch).added == 1)
    }

    @Test(arguments: Backend.allCases)
    func aRejectedLinkAndWhatFollowsItAreNotInTheBatch(backend: Backend) throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let replica = try backend.replica(in: directory)
        var exchange = StoreFixture.exchange(puts: 1)
        try replica.appendUnchecked(exchange.envelopes)
        // Side A's headquarters may not write a registry list: that link is refused, and the
        // valid one after it does not attach.
        let good = try exchange.signerA.sign(StoreFixture.put(.request, "ok", surname: "Moroz"), at: StoreFixture.time(80))
        let forbidden = try exchange.signerA.sign(StoreFixture.put(.registry, "no", surname: "Moroz"), at: StoreFixture.time(81))
        let after = try exchange.signerA.sign(StoreFixture.put(.request, "late", surname: "Moroz"), at: StoreFixture.time(82))
        let report = ChainExtension(exchange: exchange.id, participants: StoreFixture.participants)
            .verify([after, forbidden, good], heads: try replica.heads(exchange: exchange.id))
        #expect(report.batch.envelopes == [good])
        #expect(report.batch.heads[StoreFixture.headquartersA.publicKey.keyID] == ChainHead(seq: good.envelope.seq, id: good.id))
        #expect(try replica.append(report.batch).added == 1)
        #expect(try replica.verifyStored(exchange: exchange.id).isClean)
    }

    /// A whole state folded before another writer stored (a refold that a batch making a
    /// manifest final needs, while a sync stores another author's envelopes) is not kept with
    /// the batch: the count it was folded from no longer holds.
    @Test(arguments: Backend.allCases)
    func aWholeStateFoldedBeforeAnotherWriteIsNotKept(backend: Backend) throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let replica = try backend.replica(in: directory)
        var exchange = StoreFixture.exchange(puts: 1)
        try replica.appendUnchecked(exchange.envelopes)
        let check = ChainExtension(exchange: exchange.id, participants: StoreFixture.participants)
        let folded = try replica.envelopeCount()
        // Side B's batch is verified and its state folded from what is stored now.
        let fromB = try exchange.signerB.sign(StoreFixture.put(.release, "b-1", surname: "Lysenko"), at: StoreFixture.time(70))
        let batchB = check.verify([fromB], heads: try replica.heads(exchange: exchange.id)).batch
        let stale = try #require(Verifier(exchange: exchange.id).verify(try replica.envelopes(exchange: exchange.id) + [fromB]).state)
        let staleKept = KeptState(state: stale, stateHash: stale.stateHash, heads: [:], frozen: [])
        // Meanwhile another writer stores side A's next envelope.
        let fromA = try exchange.signerA.sign(StoreFixture.put(.request, "a-9", surname: "Hrytsenko"), at: StoreFixture.time(71))
        #expect(try replica.append(check.verify([fromA], heads: try replica.heads(exchange: exchange.id)).batch).added == 1)
        #expect(throws: StoreError(code: .chainMoved, message: "")) {
            try replica.append(batchB, keeping: (staleKept, nil), foldedFrom: folded)
        }
        #expect(try replica.envelopeCount() == folded + 1)
        // Folded again from what is stored, it is kept.
        let fresh = try #require(Verifier(exchange: exchange.id).verify(try replica.envelopes(exchange: exchange.id) + [fromB]).state)
        let report = Verifier(exchange: exchange.id).verify(try replica.envelopes(exchange: exchange.id) + [fromB])
        #expect(try replica.append(
            batchB, keeping: (KeptState(state: fresh, stateHash: fresh.stateHash, heads: report.heads, frozen: []), nil), foldedFrom: folded + 1
        ).added == 1)
        #expect(try replica.keptState(exchange: exchange.id)?.stateHash == fresh.stateHash)
    }
}

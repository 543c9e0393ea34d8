import Foundation
import ParleyCrypto
import ParleyLog
import ParleyStore
import Testing

/// Two writers signing from the same head must not fork the author's own chain.
@Suite struct ChainGuardTests {
    @Test(arguments: Backend.allCases)
    func secondWriterFromTheSameHeadIsRefusedAndStoresNothing(backend: Backend) throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let replica = try backend.replica(in: directory)
        var exchange = StoreFixture.exchange(puts: 1)
        _ = try replica.append(exchange.envelopes)
        let author = StoreFixture.headquartersA.publicKey.keyID
        let head = try replica.head(exchange: exchange.id, author: author)
        #expect(head == exchange.signerA.head)

        // Two "processes" sign their next envelope from the same head.
        var first = exchange.signerA
        var second = exchange.signerA
        let one = try first.sign(StoreFixture.put(.request, "x-1", surname: "Bondar"), at: StoreFixture.time(90))
        let other = try second.sign(StoreFixture.put(.request, "x-2", surname: "Shevchuk"), at: StoreFixture.time(91))
        #expect(one.envelope.seq == other.envelope.seq)

        let stored = try replica.append([one], extendingChainOf: author, in: exchange.id, from: head)
        #expect(stored.added == 1)
        let countBefore = try replica.envelopeCount()
        #expect(throws: StoreError(code: .chainMoved, message: "")) {
            try replica.append([other], extendingChainOf: author, in: exchange.id, from: head)
        }
        #expect(try replica.envelopeCount() == countBefore)
        #expect(try replica.storedVerificationIsClean(exchange.id))

        // Signed again from the new head, it is accepted.
        exchange.signerA = first
        let retried = try exchange.signerA.sign(StoreFixture.put(.request, "x-2", surname: "Shevchuk"), at: StoreFixture.time(92))
        let newHead = try replica.head(exchange: exchange.id, author: author)
        #expect(try replica.append([retried], extendingChainOf: author, in: exchange.id, from: newHead).added == 1)
    }
}

extension Replica {
    fileprivate func storedVerificationIsClean(_ exchange: ExchangeID) throws -> Bool {
        try verifyStored(exchange: exchange).isClean
    }
}

/// Rebuilding the derived tables from a report the writer already holds.
@Suite struct DerivedFromReportTests {
    @Test(arguments: Backend.allCases)
    func aReportOverExactlyTheStoredEnvelopesIsUsedAndAStaleOneIsNot(backend: Backend) throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let replica = try backend.replica(in: directory)
        var exchange = StoreFixture.exchange(puts: 2)
        _ = try replica.append(exchange.envelopes)
        let report = Verifier(exchange: exchange.id).verify(exchange.envelopes)
        let expected = try #require(report.state)

        try replica.rebuildDerived(exchange: exchange.id, verified: report)
        var derived = try #require(try replica.derivedState(exchange: exchange.id))
        #expect(derived.stateHash == expected.stateHash)
        #expect(!derived.isStale)

        // Another envelope is stored that the report does not cover: the rebuild must not
        // write the report's (older) state.
        let later = try exchange.signerA.sign(StoreFixture.put(.request, "late", surname: "Hrytsenko"), at: StoreFixture.time(95))
        _ = try replica.append([later])
        try replica.rebuildDerived(exchange: exchange.id, verified: report)
        derived = try #require(try replica.derivedState(exchange: exchange.id))
        let full = try #require(Verifier(exchange: exchange.id).verify(exchange.envelopes + [later]).state)
        #expect(derived.stateHash == full.stateHash)
        #expect(derived.stateHash != expected.stateHash)
        #expect(!derived.isStale)
        #expect(try replica.entries(exchange: exchange.id).contains { $0.entry.entry == "late" })
    }
}

import Foundation
import ParleyCrypto
import ParleyLog
import ParleyStore
import Testing

/// The replica's behaviour, run against every backend.
@Suite struct ReplicaTests {
    @Test(arguments: Backend.allCases)
    func appendsAndReadsBackTheExactBytes(backend: Backend) throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let replica = try backend.replica(in: directory)
        let exchange = StoreFixture.exchange()

        let result = try replica.appendUnchecked(exchange.envelopes)

        #expect(result == AppendResult(added: exchange.envelopes.count, alreadyPresent: 0))
        let stored = try replica.storedEnvelopes(exchange: exchange.id)
        #expect(stored.map(\.id) == exchange.envelopes.map(\.id))
        #expect(stored.map(\.wireBytes) == exchange.envelopes.map(\.wireBytes))
        #expect(stored.map(\.receivedAt) == stored.map(\.receivedAt).sorted())
        #expect(try replica.envelopes(exchange: exchange.id) == exchange.envelopes)
        #expect(try replica.exchanges() == [exchange.id])
        #expect(try replica.envelopeCount() == exchange.envelopes.count)
    }

    @Test(arguments: Backend.allCases)
    func keepsArrivalOrderAndSeparatesExchanges(backend: Backend) throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let replica = try backend.replica(in: directory)
        let first = StoreFixture.exchange(nonce: 1)
        let second = StoreFixture.exchange(nonce: 2, puts: 1)

        _ = try replica.appendUnchecked(Array(first.envelopes.reversed()))
        _ = try replica.appendUnchecked(second.envelopes)

        #expect(try replica.envelopes(exchange: first.id) == first.envelopes.reversed())
        #expect(try replica.envelopes(exchange: second.id) == second.envelopes)
        #expect(try replica.exchanges() == [first.id, second.id])
        let unknown = ExchangeID(genesis: first.envelopes[1].id)
        #expect(try replica.envelopes(exchange: unknown).isEmpty)

        // One author's chain is read alone, by seq, whatever the arrival order.
        let authorA = first.envelopes[0].envelope.author, authorB = first.envelopes.last!.envelope.author
        #expect(authorA != authorB)
        for (exchange, author) in [(first, authorA), (first, authorB), (second, authorB)] {
            let chain = exchange.envelopes.filter { $0.envelope.author == author }.sorted { $0.envelope.seq < $1.envelope.seq }
            #expect(try replica.envelopes(exchange: exchange.id, author: author) == chain)
        }
        #expect(try replica.envelopes(exchange: unknown, author: authorA).isEmpty)
    }

    @Test(arguments: Backend.allCases)
    func reappendingIsIdempotent(backend: Backend) throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let replica = try backend.replica(in: directory)
        let exchange = StoreFixture.exchange()
        _ = try replica.appendUnchecked(Array(exchange.envelopes.prefix(2)))

        let again = try replica.appendUnchecked(exchange.envelopes + [exchange.envelopes[3]])

        #expect(again == AppendResult(added: exchange.envelopes.count - 2, alreadyPresent: 3))
        #expect(try replica.appendUnchecked(exchange.envelopes) == AppendResult(added: 0, alreadyPresent: exchange.envelopes.count))
        #expect(try replica.appendUnchecked([]) == AppendResult(added: 0, alreadyPresent: 0))
        #expect(try replica.envelopes(exchange: exchange.id) == exchange.envelopes)
    }

    @Test(arguments: Backend.allCases)
    func keepsBothEnvelopesOfAnEquivocation(backend: Backend) throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let replica = try backend.replica(in: directory)
        let exchange = StoreFixture.exchange(puts: 1)
        var fork = exchange.signerA
        var other = exchange.signerA
        let left = try fork.sign(StoreFixture.put(.request, "x", surname: "Left"), at: StoreFixture.time(10))
        let right = try other.sign(StoreFixture.put(.request, "x", surname: "Right"), at: StoreFixture.time(10))
        #expect(left.envelope.seq == right.envelope.seq && left.id != right.id)

        let result = try replica.appendUnchecked(exchange.envelopes + [left, right])

        #expect(result.added == exchange.envelopes.count + 2)
        let stored = try replica.envelopes(exchange: exchange.id)
        #expect(stored.contains(left) && stored.contains(right))
        let verification = try replica.verifyStored(exchange: exchange.id)
        #expect(verification.damaged.isEmpty)
        #expect(verification.report.equivocations.map(\.ids) == [[left.id, right.id].sorted()])
        // The fork stops the head where the chain last had one link.
        let author = StoreFixture.headquartersA.publicKey.keyID
        #expect(try replica.head(exchange: exchange.id, author: author) == exchange.signerA.head)
    }

    @Test(arguments: Backend.allCases)
    func headsFollowTheChain(backend: Backend) throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let replica = try backend.replica(in: directory)
        var exchange = StoreFixture.exchange(puts: 3)
        let a = StoreFixture.headquartersA.publicKey.keyID
        let b = StoreFixture.headquartersB.publicKey.keyID
        let mediator = StoreFixture.mediator.publicKey.keyID
        // A gap: side B's seq 3 arrives without its seq 2.
        _ = try exchange.signerB.sign(StoreFixture.put(.release, "b-1", surname: "Gap"), at: StoreFixture.time(70))
        let afterGap = try exchange.signerB.sign(StoreFixture.put(.release, "b-2", surname: "Gap"), at: StoreFixture.time(71))

        _ = try replica.appendUnchecked(exchange.envelopes + [afterGap])

        let expectedB = ChainHead(seq: 1, id: exchange.envelopes.last!.id)
        #expect(try replica.head(exchange: exchange.id, author: a) == exchange.signerA.head)
        #expect(try replica.head(exchange: exchange.id, author: b) == expectedB)
        #expect(try replica.head(exchange: exchange.id, author: mediator) == nil)
        #expect(try replica.heads(exchange: exchange.id) == [a: exchange.signerA.head!, b: expectedB])
        // The head is where a signer continues.
        let verifier = Verifier(exchange: exchange.id)
        var signer = EnvelopeSigner(
            key: StoreFixture.headquartersA, exchange: exchange.id,
            head: try replica.head(exchange: exchange.id, author: a)
        )
        let next = try signer.sign(StoreFixture.put(.release, "a-r", surname: "Next"), at: StoreFixture.time(80))
        #expect(verifier.verify(exchange.envelopes + [next]).verdict(for: next.id) == .valid)
    }

    @Test(arguments: Backend.allCases)
    func keepsTheStateItIsHandedWithABatchUntilAnAppendWithoutOne(backend: Backend) throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let replica = try backend.replica(in: directory)
        var exchange = StoreFixture.exchange(puts: 3)
        let report = Verifier(exchange: exchange.id).verify(exchange.envelopes)
        let batch = try #require(report.creatingBatch)
        let state = try #require(report.state)
        let kept = KeptState(state: state, stateHash: state.stateHash, heads: report.heads, frozen: [])
        #expect(try replica.keptState(exchange: exchange.id) == nil)

        try replica.append(batch, keeping: (kept, nil))

        let read = try #require(try replica.keptState(exchange: exchange.id))
        #expect(read.state == state)
        #expect(read.stateHash == state.stateHash)
        #expect(read.heads == report.heads)
        #expect(read.frozen.isEmpty)

        // Stored without a state, the kept one no longer describes the log and is not read.
        let remove = try exchange.signerA.sign(.removeEntry(RemoveEntry(list: .request, entry: "a-0", reason: "released earlier")), at: StoreFixture.time(90))
        try replica.appendUnchecked([remove])
        #expect(try replica.keptState(exchange: exchange.id) == nil)
    }

    @Test(arguments: Backend.allCases)
    func keepsSettings(backend: Backend) throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let replica = try backend.replica(in: directory)
        let own = StoreFixture.headquartersA.publicKey.keyID.hex
        let exchange = StoreFixture.exchange().id

        #expect(try replica.meta(.ownKeyID) == nil)
        try replica.setMeta(.ownKeyID, to: own)
        try replica.setMeta(.server(for: exchange), to: "https://sync.example.org")
        #expect(try replica.meta(.ownKeyID) == own)
        try replica.setMeta(.server(for: exchange), to: "https://other.example.org")
        #expect(try replica.meta(.server(for: exchange)) == "https://other.example.org")
        try replica.setMeta(.ownKeyID, to: nil)
        #expect(try replica.meta(.ownKeyID) == nil)
    }
}

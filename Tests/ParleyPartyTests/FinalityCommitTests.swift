import ParleyCrypto
import ParleyLog
import ParleyMatch
import ParleyParty
import ParleyStore
import Testing

/// Finality through the commit path: a log where every participant signs a manifest, with each
/// participant's later writes (some signed before the last signature), delivered in random
/// batches and orders, keeps after every batch the state a fold from scratch gives; what was
/// folded before the manifest became final is set aside once it is, and the party's own signer
/// refuses what every verifier would set aside. Erasures in the log count once the manifest is
/// final, in the kept state as in the fold.
@Suite struct FinalityCommitTests {
    typealias F = PartyFixture

    /// The log: puts, a proposal of a manifest hash, every participant's signature, and writes
    /// after each signer's signature (the first before the last signature is in).
    private static func log() throws -> (exchange: ExchangeID, envelopes: [SignedEnvelope], late: Set<EnvelopeID>) {
        let (genesis, first) = try EnvelopeSigner.createExchange(F.create(nonce: 77), key: F.headquartersA, at: F.time(0))
        var a = first
        var b = EnvelopeSigner(key: F.headquartersB, exchange: a.exchange, head: nil)
        var m = EnvelopeSigner(key: F.mediator, exchange: a.exchange, head: nil)
        var minute = 0
        var envelopes = [genesis]
        var late: Set<EnvelopeID> = []
        func sign(_ signer: inout EnvelopeSigner, _ operation: ParleyLog.Operation, late isLate: Bool = false) throws {
            minute += 1
            let envelope = try signer.sign(operation, at: F.time(minute))
            envelopes.append(envelope)
            if isLate { late.insert(envelope.id) }
        }
        try sign(&a, F.put(.request, "A-1", surname: "Koval"))
        try sign(&b, F.put(.release, "B-1", surname: "Koval"))
        // Too early: ignored as `notClosed`, wherever it lands in a batch.
        try sign(&a, .eraseExchange(EraseExchange()))
        let hash = String(repeating: "ab", count: 32)
        let heads = Verifier(exchange: a.exchange).verify(envelopes).heads
        try sign(&m, .proposeManifest(ProposeManifest(manifest: hash, basis: heads)))
        try sign(&a, .signManifest(SignManifest(manifest: hash)))
        try sign(&a, .removeEntry(RemoveEntry(list: .request, entry: "A-1", reason: "")), late: true)
        try sign(&b, .signManifest(SignManifest(manifest: hash)))
        try sign(&b, F.put(.release, "B-1", surname: "Kovalenko"), late: true)
        let ref = EntryRef(list: ListKey(side: .a, kind: .request), author: F.headquartersA.publicKey.keyID, entry: "A-1")
        try sign(&b, .openDispute(OpenDispute(about: [ref], reason: .other, note: "")), late: true)
        try sign(&m, .signManifest(SignManifest(manifest: hash)))
        try sign(&m, .attest(Attest(entry: ref, kind: .visited, date: CalendarDate(year: 2025, month: 5, day: 1)!)), late: true)
        try sign(&a, F.put(.request, "A-2", surname: "Melnyk"), late: true)
        // After the manifest is final: these count, whatever batches they arrive in.
        try sign(&m, .eraseExchange(EraseExchange()))
        try sign(&b, .eraseExchange(EraseExchange()))
        return (a.exchange, envelopes, late)
    }

    @Test(arguments: 0..<12)
    func keptStateSetsAsideWhatTheFoldSetsAside(seed: UInt64) throws {
        let (exchange, envelopes, late) = try Self.log()
        let whole = try #require(Verifier(exchange: exchange).verify(envelopes).state)
        #expect(Set(whole.ignored.filter { $0.reason == .finalized }.map(\.envelope)) == late)
        var rng = Seeded(state: seed &+ 11)
        let replica = try Replica.inMemory()
        let party = Party(replica: replica, key: nil)
        // The genesis first, then the rest in random batches (each author's chain in order, so
        // nothing waits for a gap).
        _ = try party.ingest([envelopes[0].wireBytes], exchange: exchange)
        var queues = Dictionary(grouping: envelopes.dropFirst(), by: \.envelope.author).mapValues { $0.sorted { $0.envelope.seq < $1.envelope.seq } }
        while !queues.isEmpty {
            var batch: [SignedEnvelope] = []
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                guard let author = queues.keys.sorted().randomElement(using: &rng), var queue = queues[author] else { break }
                batch.append(queue.removeFirst())
                queues[author] = queue.isEmpty ? nil : queue
            }
            _ = try party.ingest(batch.map(\.wireBytes), exchange: exchange)
            let kept = try #require(try replica.keptState(exchange: exchange))
            let fold = try #require(Verifier(exchange: exchange).verify(try replica.envelopes(exchange: exchange)).state)
            #expect(kept.state == fold)
            #expect(kept.stateHash == fold.stateHash)
        }
        #expect(try replica.keptState(exchange: exchange)?.stateHash == whole.stateHash)
        #expect(try replica.keptState(exchange: exchange)?.state.erasedBy == [F.headquartersB.publicKey.keyID, F.mediator.publicKey.keyID].sorted())
    }

    @Test func thePartysSignerRefusesOnceFinal() throws {
        let (exchange, envelopes, _) = try Self.log()
        let replica = try Replica.inMemory()
        _ = try Party(replica: replica, key: nil).ingest(envelopes.map(\.wireBytes), exchange: exchange)
        let party = Party(replica: replica, key: F.headquartersB)
        let open = try party.open(exchange)
        #expect(open.state.finality.isFinal)
        do {
            try party.sign([F.put(.release, "B-9", surname: "Synthetic")], in: open, at: F.time(99))
            Issue.record("a put after a final manifest was signed")
        } catch {
            #expect(error.code == .notAllowed)
            #expect((error.cause as? Refusal)?.code == .finalized)
        }
    }
}

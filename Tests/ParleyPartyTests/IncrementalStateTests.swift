import ParleyCrypto
import ParleyLog
import ParleyMatch
import ParleyParty
import ParleyStore
import Testing

/// The kept state is a pure function of the stored set: random logs (forks, ignored operations,
/// an outsider's envelope) delivered in random batches and orders, through the commit path, give
/// after every batch the state, hash, heads and forks that a fold of the stored envelopes from
/// scratch gives; and a log without forks ends in the fold of the whole log, whatever the order.
@Suite struct IncrementalStateTests {
    @Test(arguments: 0..<24)
    func keptStateEqualsTheFoldOfWhatIsStored(seed: UInt64) throws {
        try deliverInRandomBatches(RandomLog(seed: seed, length: 30 + Int(seed % 15), forks: seed % 3 == 0), seed: seed)
    }

    /// The same with manifests proposed and signed often: more than half of these logs become
    /// final, and what a signer wrote after its signature is set aside however the envelopes
    /// arrive (a batch that makes a manifest final folds the whole log again).
    @Test(arguments: 0..<24)
    func keptStateEqualsTheFoldOfWhatIsStoredOnceFinal(seed: UInt64) throws {
        try deliverInRandomBatches(RandomLog(seed: 500 + seed, length: 30 + Int(seed % 15), forks: seed % 3 == 0, finality: true), seed: seed)
    }

    /// Delivers `log` in random batches, with repeats, checking the kept state after each.
    private func deliverInRandomBatches(_ log: RandomLog, seed: UInt64) throws {
        var rng = Seeded(state: seed &* 7 &+ 1)
        let replica = try Replica.inMemory()
        let party = Party(replica: replica, key: nil)
        var pending = log.envelopes.shuffled(using: &rng)
        var rounds = 0
        while !pending.isEmpty, rounds < 80 {
            rounds += 1
            let size = Int.random(in: 1...max(1, min(pending.count, 12)), using: &rng)
            let batch = Array(pending.prefix(size))
            // Sometimes a copy of something delivered before comes again.
            let extra = Int.random(in: 0..<4, using: &rng) == 0 ? [log.envelopes.randomElement(using: &rng)!] : []
            _ = try party.ingest((batch + extra).map(\.wireBytes), exchange: log.exchange)
            let stored = try replica.storedIDs(among: pending.map(\.id))
            pending = Array(pending.dropFirst(size)).filter { !stored.contains($0.id) } + batch.filter { !stored.contains($0.id) }
            pending.shuffle(using: &rng)
            try expectKeptIsTheFold(replica, log.exchange)
        }
        if !log.forked, !log.envelopes.contains(where: { $0.envelope.author == PartyFixture.outsider.publicKey.keyID }) {
            #expect(pending.isEmpty, "every envelope of a log without forks is stored in the end")
        }
        if !log.forked {
            let whole = try #require(Verifier(exchange: log.exchange).verify(log.envelopes).state)
            #expect(try replica.keptState(exchange: log.exchange)?.stateHash == whole.stateHash)
        }
    }

    @Test(arguments: 0..<8)
    func oneBatchAndOneByOneGiveTheSameState(seed: UInt64) throws {
        let log = try RandomLog(seed: 1_000 + seed, length: 50, forks: false)
        let whole = try Replica.inMemory(), single = try Replica.inMemory()
        _ = try Party(replica: whole, key: nil).ingest(log.envelopes.map(\.wireBytes), exchange: log.exchange)
        for envelope in log.envelopes {
            _ = try Party(replica: single, key: nil).ingest([envelope.wireBytes], exchange: log.exchange)
        }
        let a = try #require(try whole.keptState(exchange: log.exchange))
        let b = try #require(try single.keptState(exchange: log.exchange))
        #expect(a.state == b.state)
        #expect(a.stateHash == b.stateHash && a.heads == b.heads)
    }

    /// The kept state equals the fold of the stored envelopes, and reads back as it was written.
    /// A large ingest is committed in parts, each author's envelopes in seq order, the next
    /// part's signatures checked while this part is stored: whatever the size of the parts and
    /// the order the envelopes come in, it stores, refuses and keeps what one batch does, and
    /// keeps the fold of what it stored.
    @Test(arguments: 0..<24)
    func anIngestInPartsIsOneBatch(seed: UInt64) throws {
        let log = try RandomLog(seed: 3_000 + seed, length: 40 + Int(seed % 12), forks: seed % 3 == 0, finality: seed % 2 == 0)
        var rng = Seeded(state: seed &+ 11)
        // With copies of some envelopes, which a part never separates from the first.
        let copies = (0..<3).map { _ in log.envelopes.randomElement(using: &rng)! }
        let wire = (log.envelopes + copies).shuffled(using: &rng).map(\.wireBytes)
        let whole = try Replica.inMemory(), inParts = try Replica.inMemory()
        let one = try Party(replica: whole, key: nil).ingest(wire, exchange: log.exchange, partSize: .max)
        let parted = try Party(replica: inParts, key: nil).ingest(wire, exchange: log.exchange, partSize: Int.random(in: 1...7, using: &rng))
        try expectKeptIsTheFold(inParts, log.exchange)
        #expect(Set(try inParts.storedEnvelopes(exchange: log.exchange).map(\.id)) == Set(try whole.storedEnvelopes(exchange: log.exchange).map(\.id)))
        #expect(try inParts.keptState(exchange: log.exchange)?.stateHash == whole.keptState(exchange: log.exchange)?.stateHash)
        #expect(parted.added == one.added && parted.alreadyPresent == one.alreadyPresent && parted.forked == one.forked)
        #expect(Set(parted.refused.keys) == Set(one.refused.keys))
        // The same envelopes are refused; after a fork, for a reason that may name the fork
        // rather than the gap it leaves.
        if !log.forked {
            #expect(parted == one)
        }
    }

    /// The order a pull sends (authors in key id order, each chain in seq order), cut into
    /// batches of random size, each its own ingest: the kept state is the fold after every
    /// batch. (In this order a chain's `key.revoke` arrives before the other parties' signatures
    /// that make a manifest final, which counts the signatures the revocation set aside.)
    @Test(arguments: 0..<24)
    func keptStateEqualsTheFoldInTheOrderAPullSends(seed: UInt64) throws {
        let log = try RandomLog(seed: 3_000 + seed, length: 40 + Int(seed % 12), forks: seed % 3 == 0, finality: seed % 2 == 0)
        var rng = Seeded(state: seed &+ 5)
        let ordered = log.envelopes.sorted { ($0.envelope.author, $0.envelope.seq) < ($1.envelope.author, $1.envelope.seq) }
        let replica = try Replica.inMemory()
        let party = Party(replica: replica, key: nil)
        var start = 0
        while start < ordered.count {
            let end = min(ordered.count, start + Int.random(in: 1...8, using: &rng))
            _ = try party.ingest(([log.genesis] + ordered[start..<end]).map(\.wireBytes), exchange: log.exchange)
            try expectKeptIsTheFold(replica, log.exchange)
            start = end
        }
    }

    /// A kept state of lists longer than the chunks its rows are read in (on other cores while
    /// the next chunk is copied) reads back as the fold: every entry, in list order.
    @Test func aKeptStateOfManyEntriesReadsBackAsTheFold() throws {
        let replica = try Replica.inMemory()
        let sideA = Party(replica: replica, key: PartyFixture.headquartersA)
        let sideB = Party(replica: replica, key: PartyFixture.headquartersB)
        let exchange = try sideA.create(PartyFixture.create(nonce: 4_242), at: PartyFixture.time(0))
        // Ids that sort otherwise as text than as numbers, and names outside ASCII.
        let puts = { (list: ListKind, count: Int) in
            (0..<count).map { n in
                ParleyLog.Operation.putEntry(PutEntry(list: list, entry: "p\(count - n)", fields: [.surname: "Коваль\(n)", .givenName: "Ivan"]))
            }
        }
        try sideA.sign(puts(.request, 6_000), in: try sideA.open(exchange), at: PartyFixture.time(1))
        try sideB.sign(puts(.release, 4_100), in: try sideB.open(exchange), at: PartyFixture.time(2))
        try expectKeptIsTheFold(replica, exchange)
        let opened = try sideA.open(exchange).state
        let fold = try #require(Verifier(exchange: exchange).verify(try replica.envelopes(exchange: exchange)).state)
        #expect(opened.lists.values.map(\.count).sorted() == [4_100, 6_000])
        for list in fold.lists.keys {
            #expect(opened.entries(of: list) == fold.entries(of: list))
        }
    }

    private func expectKeptIsTheFold(_ replica: Replica, _ exchange: ExchangeID) throws {
        guard let kept = try replica.keptState(exchange: exchange) else {
            #expect(try replica.storedEnvelopes(exchange: exchange).isEmpty, "a replica that holds envelopes keeps a state")
            return
        }
        let report = Verifier(exchange: exchange).verify(try replica.envelopes(exchange: exchange))
        let fold = try #require(report.state)
        #expect(kept.state == fold)
        #expect(kept.stateHash == fold.stateHash)
        #expect(kept.state.stateHash == fold.stateHash)
        #expect(kept.heads == report.heads)
        #expect(kept.frozen == Set(report.equivocations.map(\.author)))
    }
}

import ParleyCrypto
import ParleyLog
import ParleyMatch
import ParleyParty
import ParleyStore
import Testing

/// The reconciliation a party computes from its kept state and kept diffs equals a reconciliation
/// from scratch of the fold of its log, after every step of random puts, changes, removals, hand
/// decisions and disputes (each step through the commit path).
@Suite struct KeptReconciliationTests {
    @Test(arguments: 0..<6)
    func keptReconciliationEqualsOneFromScratch(seed: UInt64) throws {
        var rng = Seeded(state: seed &+ 77)
        let replica = try Replica.inMemory()
        let keys = [PartyFixture.headquartersA, PartyFixture.headquartersB, PartyFixture.mediator]
        let creator = Party(replica: replica, key: keys[0])
        let exchange = try creator.create(PartyFixture.create(nonce: seed), at: PartyFixture.time(0))
        let surnames = ["Koval", "Kovalenko", "Melnyk", "Shevchuk", "Bondar", "Tkachuk"]
        var minute = 1
        for _ in 0..<20 {
            let who = Int.random(in: 0..<3, using: &rng)
            let party = Party(replica: replica, key: keys[who])
            let open = try party.open(exchange)
            let state = open.state
            let own = keys[who].publicKey.keyID
            let mine = state.lists.flatMap { list, entries in entries.values.filter { $0.author == own }.map { (list, $0) } }
            var operation: ParleyLog.Operation
            switch Int.random(in: 0..<6, using: &rng) {
            case 0...2:
                let kind: ListKind = who == 2 ? .registry : (who == 0 ? .request : .release)
                let id = "p\(Int.random(in: 0..<8, using: &rng))"
                let born = "19\(80 + Int.random(in: 0..<3, using: &rng))-0\(1 + Int.random(in: 0..<3, using: &rng))-12"
                operation = .putEntry(PutEntry(list: kind, entry: id, fields: [
                    .surname: surnames.randomElement(using: &rng)!, .givenName: "Ivan", .dateOfBirth: born,
                ]))
            case 3:
                guard let pick = mine.randomElement(using: &rng) else { continue }
                operation = .removeEntry(RemoveEntry(list: pick.0.kind, entry: pick.1.entry, reason: "released"))
            case 4:
                let requests = state.entries(of: ListKey(side: .a, kind: .request))
                let releases = state.entries(of: ListKey(side: .b, kind: .release))
                guard let request = requests.randomElement(using: &rng), let release = releases.randomElement(using: &rng) else { continue }
                let pair = MatchPair(
                    request: EntryRef(list: ListKey(side: .a, kind: .request), author: request.author, entry: request.entry),
                    release: EntryRef(list: ListKey(side: .b, kind: .release), author: release.author, entry: release.entry)
                )
                operation = Bool.random(using: &rng) ? .assertMatch(pair) : .rejectMatch(pair)
            default:
                if let open = state.openDisputes.first, Bool.random(using: &rng), open.opener == own || who == 2 {
                    operation = .closeDispute(CloseDispute(dispute: open.id, resolution: "settled"))
                } else {
                    let all = state.lists.flatMap { list, entries in entries.values.map { EntryRef(list: list, author: $0.author, entry: $0.entry) } }
                    guard let ref = all.randomElement(using: &rng) else { continue }
                    operation = .openDispute(OpenDispute(about: [ref], reason: .identityConflict, note: "check"))
                }
            }
            guard state.refusal(of: operation, by: own) == nil else { continue }
            try party.sign([operation], in: open, at: PartyFixture.time(minute))
            minute += 1

            let after = try party.open(exchange)
            let fold = try #require(Verifier(exchange: exchange).verify(try replica.envelopes(exchange: exchange)).state)
            let scratch = Reconciliation(state: fold)
            #expect(after.reconciliation == scratch)
            #expect(after.summary == ReconciliationSummary(scratch))
            // A second opening of the same state reads the kept summary and diffs: the same.
            #expect(try party.open(exchange).summary.hash == scratch.hash)
            #expect(try party.open(exchange).reconciliation.hash == scratch.hash)
        }
    }
}

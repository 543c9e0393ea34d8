import ParleyCrypto
import ParleyLog
import ParleyMatch
import ParleyParty
import ParleyStore
import Testing

/// The reconciliation a party computes from its kept state and kept diffs, and the summaries it
/// keeps per direction (``DirectionInputs``), equal a reconciliation from scratch of the fold of
/// its log, after every step of random puts, changes, removals, hand decisions, disputes,
/// confirmations, terms and manifests proposed and signed (each step through the commit path):
/// a summary kept for one state is read for a later one only when the direction's rows are the
/// same. So does the kept summary of the whole exchange's manifest (``ManifestInputs``).
@Suite struct KeptReconciliationTests {
    @Test(arguments: 0..<8)
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
            if who == 2, Int.random(in: 0..<6, using: &rng) == 0 {
                // The mediator confirms both directions and proposes the whole exchange's manifest
                // on a state opened without entries, as the CLI does: checked from the kept
                // summaries, it is refused or signed exactly as the check from scratch decides.
                let confirms = try Direction.allCases.map { direction in
                    ParleyLog.Operation.confirm(Confirm(direction: direction, reconciliation: try open.summary.hash(direction)))
                }
                if confirms.allSatisfy({ state.refusal(of: $0, by: own) == nil }) {
                    try party.sign(confirms, in: party.open(exchange, withEntries: false), at: PartyFixture.time(minute))
                    minute += 1
                }
                let confirmed = try party.open(exchange).state
                let facts = ManifestFacts(Manifest(reconciliation: Reconciliation(state: confirmed), state: confirmed), in: confirmed)
                let waivers = facts.blockers.filter { _ in Bool.random(using: &rng) }.map { Waiver(blocker: $0.key, reason: "test") }
                let bare = try party.open(exchange, withEntries: false)
                let propose = ManifestProposal.wholeExchange(hash: facts.hash, basis: bare.heads, waivers: waivers)
                try Self.sign(propose, by: party, in: bare, expecting: confirmed.refusal(of: propose, by: own), minute: &minute)
                continue
            }
            if who != 2, let status = state.manifests.randomElement(using: &rng), Bool.random(using: &rng) {
                // A side signs a proposed manifest on a state opened without entries, as
                // `finalize sign` does when its kept summary has the proposed hash: checked from
                // the kept summary, it is refused or signed exactly as the check from scratch decides.
                let sign = ParleyLog.Operation.signManifest(SignManifest(manifest: status.manifest))
                let bare = try party.open(exchange, withEntries: false)
                try Self.sign(sign, by: party, in: bare, expecting: state.refusal(of: sign, by: own), minute: &minute)
                continue
            }
            var operation: ParleyLog.Operation
            switch Int.random(in: 0..<8, using: &rng) {
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
            case 6:
                // Named by the kept summary: a stale one would be refused below.
                guard who == 2 else { continue }
                let direction = Direction.allCases.randomElement(using: &rng)!
                operation = .confirm(Confirm(direction: direction, reconciliation: try open.summary.hash(direction)))
                #expect(state.refusal(of: operation, by: own) == nil)
            case 7:
                guard who == 2 else { continue }
                operation = .setTerms(Terms(counts: [.toA: Int.random(in: 0..<4, using: &rng), .toB: Int.random(in: 0..<4, using: &rng)]))
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
            // Terms and confirmations are signed on a state opened without entries, as the CLI
            // does, or on the whole state, as the workspace does: it then moves its open exchange
            // on (`after`) and takes the directions the operation left alone from the reconciliation before.
            let bare = operation.isSignableWithoutEntries && Bool.random(using: &rng)
            let before = try open.reconciliation
            let signed = try party.sign([operation], in: bare ? party.open(exchange, withEntries: false) : open, at: PartyFixture.time(minute))
            minute += 1

            let after = try party.open(exchange)
            let fold = try #require(Verifier(exchange: exchange).verify(try replica.envelopes(exchange: exchange)).state)
            let scratch = Reconciliation(state: fold)
            #expect(after.stateHash == fold.stateHash)
            // The kept rows come back in list order, which the restored state keeps.
            for list in fold.lists.keys {
                #expect(after.state.entries(of: list) == fold.entries(of: list))
            }
            #expect(try after.reconciliation == scratch)
            // Having reconciled, the party kept the manifest's summary too, as one built from
            // scratch: `finalize status` after a command that reconciled does not reconcile again.
            let manifest = ManifestSummary(Manifest(reconciliation: scratch, state: fold), state: fold)
            let manifestInputs = ManifestInputs(reconciliation: scratch.hash, state: fold, unopened: fold.unopenedEntryCount)
            #expect(try replica.manifestSummary(exchange: exchange, inputs: manifestInputs) == manifest)
            if !bare {
                let moved = open.after(signed)
                #expect(try moved.reconciliation == scratch)
                let unchanged = Direction.allCases.filter { DirectionInputs($0, of: state) == DirectionInputs($0, of: fold) }
                for direction in unchanged {
                    #expect(try moved.reconciliation.report(direction).rows == before.report(direction).rows)
                }
            }
            #expect(try after.summary == ReconciliationSummary(scratch))
            // A second opening of the same state reads the kept summary and diffs: the same.
            #expect(try party.open(exchange).summary.hash == scratch.hash)
            #expect(try party.open(exchange, withEntries: false).summary == ReconciliationSummary(scratch))
            // The manifest's summary, built or kept, is the one built from scratch; read twice,
            // the second time from what the first kept.
            #expect(try party.open(exchange, withEntries: false).manifestSummary == manifest)
            #expect(try party.open(exchange, withEntries: false).manifestSummary == manifest)
            #expect(try party.open(exchange).reconciliation.hash == scratch.hash)
        }
    }

    /// Signs `operation` in `open` (a state opened without entries), which must be refused
    /// exactly as `expected` says (the check from scratch), or signed when it says nothing.
    private static func sign(
        _ operation: ParleyLog.Operation, by party: Party, in open: OpenExchange, expecting expected: Refusal?, minute: inout Int
    ) throws {
        do {
            try party.sign([operation], in: open, at: PartyFixture.time(minute))
            minute += 1
            #expect(expected == nil)
        } catch {
            #expect(expected != nil, "\(error.message)")
            #expect(error.cause as? Refusal == expected, "\(error.message)")
        }
    }

    /// A direction's key pins what the party can read: an entry it opens later (its author's
    /// content key arrives) keys a new summary, though its envelope is the same; facts the rows do
    /// not read (terms, confirmations, the other direction's disputes) key the same one.
    @Test func directionKeysFollowWhatTheRowsRead() throws {
        let replica = try Replica.inMemory()
        let side = Party(replica: replica, key: PartyFixture.headquartersA)
        let exchange = try side.create(PartyFixture.create(nonce: 99), at: PartyFixture.time(0))
        let put = PutEntry(list: .request, entry: "p1", fields: [.surname: "Koval", .givenName: "Ivan", .dateOfBirth: "1980-01-12"])
        try side.sign([.putEntry(put)], in: try side.open(exchange), at: PartyFixture.time(1))
        let open = try side.open(exchange)
        let state = open.state
        let pins = { (unopened: Bool) in
            { (list: ListKey) in state.entries(of: list).map { EntryPin(envelope: $0.envelope, isUnopened: unopened) } }
        }
        let opened = DirectionInputs(.toA, of: state, pins: pins(false))
        #expect(opened == DirectionInputs(.toA, of: state))
        #expect(DirectionInputs(.toA, of: state, pins: pins(true)).key != opened.key)
        #expect(DirectionInputs(.toB, of: state).key != opened.key)

        let ref = EntryRef(list: ListKey(side: .a, kind: .request), author: PartyFixture.headquartersA.publicKey.keyID, entry: "p1")
        let mediator = Party(replica: replica, key: PartyFixture.mediator)
        let termed = try mediator.sign([.setTerms(Terms(counts: [.toA: 1, .toB: 0]))], in: open, at: PartyFixture.time(2)).kept.state
        #expect(DirectionInputs(.toA, of: termed) == opened)
        let disputed = try side.sign(
            [.openDispute(OpenDispute(about: [ref], reason: .identityConflict, note: "check"))], in: try side.open(exchange), at: PartyFixture.time(3)
        ).kept.state
        #expect(DirectionInputs(.toB, of: disputed) == DirectionInputs(.toB, of: state))
        #expect(DirectionInputs(.toA, of: disputed).key != opened.key)
    }
}

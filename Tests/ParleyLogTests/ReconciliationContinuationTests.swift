import ParleyCrypto
@testable import ParleyLog
import ParleyMatch
import Testing

/// A reconciliation continued from an earlier state with the very same lists (the workspace's
/// path: one decision after another) remakes only the rows its changed hand decisions and
/// disputes reach; after every step of random decisions (same, different, by several authors,
/// replacing earlier ones), disputes opened and closed, and now and then a list change (the
/// mediator's registry too, on half the seeds), it must equal a reconciliation from scratch, row
/// for row and hash for hash.
@Suite struct ReconciliationContinuationTests {
    private static let surnames = ["Koval", "Kovalenko", "Melnyk", "Melnik", "Shevchuk", "Bondar", "Bondarenko", "Tkachuk"]
    private static let births = ["1990-01-02", "1990-02-01", "1985-07-30", "1985-07-03"]

    private static func person(_ rng: inout SplitMix64) -> (String, String) {
        (surnames.randomElement(using: &rng)!, births.randomElement(using: &rng)!)
    }

    @Test(arguments: 0..<10)
    func aContinuedReconciliationEqualsOneFromScratch(seed: UInt64) throws {
        var rng = SplitMix64(state: 0xC0_0000 &+ seed)
        var (genesis, sideA) = LogFixture.genesis()
        var sideB = EnvelopeSigner(key: LogFixture.headquartersB, exchange: sideA.exchange, head: nil)
        var mediator = EnvelopeSigner(key: LogFixture.mediator, exchange: sideA.exchange, head: nil)
        var all = [genesis]
        var minute = 1
        func time() -> Timestamp {
            minute += 1
            return LogFixture.time(minute)
        }
        // Two small registers of look-alike people: engine pairs, ambiguous rivals, duplicates
        // and unoffered people, both ways.
        for index in 0..<14 {
            let (surname, born) = Self.person(&rng)
            all.append(try sideA.sign(LogFixture.put(.request, "a\(index)", surname: surname, born: born), at: time()))
            let (other, otherBorn) = Self.person(&rng)
            all.append(try sideB.sign(LogFixture.put(.release, "b\(index)", surname: other, born: otherBorn), at: time()))
            if index % 3 == 0 {
                all.append(try sideB.sign(LogFixture.put(.request, "c\(index)", surname: surname, born: born), at: time()))
                all.append(try sideA.sign(LogFixture.put(.release, "d\(index)", surname: other, born: otherBorn), at: time()))
            }
        }
        let withRegistry = seed % 2 == 1
        if withRegistry {
            // The mediator's registry of look-alikes: a decision that makes a person unoffered (or
            // no longer) can move a registry entry to or from rows it does not reach.
            for index in 0..<6 {
                let (surname, born) = Self.person(&rng)
                all.append(try mediator.sign(LogFixture.put(.registry, "r\(index)", surname: surname, born: born), at: time()))
            }
        }
        let report = Verifier(exchange: sideA.exchange).verify(all)
        var state = try #require(report.state)
        var heads = report.heads
        let chain = ChainExtension(exchange: sideA.exchange, participants: state.participants)
        var continuation = Reconciliation.continuing(state: state, after: nil)
        var patched = 0, corroborated = 0

        for step in 0..<40 {
            let signer = Int.random(in: 0..<3, using: &rng)
            let toA = Bool.random(using: &rng)
            let direction: Direction = toA ? .toA : .toB
            let requests = state.entries(of: direction.requestList), releases = state.entries(of: direction.releaseList)
            func ref(_ list: ListKey, _ entry: ListEntry) -> EntryRef { EntryRef(list: list, author: entry.author, entry: entry.entry) }
            let operation: ParleyLog.Operation
            // Every entry of both directions, for disputes about several at once.
            let everyone = Direction.allCases.flatMap { d in
                state.entries(of: d.requestList).map { ref(d.requestList, $0) } + state.entries(of: d.releaseList).map { ref(d.releaseList, $0) }
            }
            switch Int.random(in: 0..<14, using: &rng) {
            case 0...4:
                guard let request = requests.randomElement(using: &rng), let release = releases.randomElement(using: &rng) else { continue }
                let pair = MatchPair(request: ref(direction.requestList, request), release: ref(direction.releaseList, release))
                operation = Bool.random(using: &rng) ? .assertMatch(pair) : .rejectMatch(pair)
            case 5:
                // A decision about an entry no list holds has no row.
                guard let request = requests.randomElement(using: &rng), let author = releases.first?.author else { continue }
                let ghost = EntryRef(list: direction.releaseList, author: author, entry: "ghost\(step % 3)")
                operation = .assertMatch(MatchPair(request: ref(direction.requestList, request), release: ghost))
            case 6, 7:
                guard let entry = (requests + releases).randomElement(using: &rng) else { continue }
                let list = requests.contains(entry) ? direction.requestList : direction.releaseList
                operation = .openDispute(OpenDispute(about: [ref(list, entry)], reason: .identityConflict, note: "step \(step)"))
            case 8:
                // About entries of several lists, both directions.
                let about = Array(Set((0..<3).compactMap { _ in everyone.randomElement(using: &rng) })).sorted()
                guard !about.isEmpty else { continue }
                operation = .openDispute(OpenDispute(about: about, reason: .statusContested, note: "step \(step)"))
            case 9, 10:
                guard let dispute = state.openDisputes.randomElement(using: &rng) else { continue }
                operation = .closeDispute(CloseDispute(dispute: dispute.id, resolution: "resolved"))
            case 11:
                let (surname, born) = Self.person(&rng)
                let kind: ListKind = withRegistry && signer == 2 ? .registry : Bool.random(using: &rng) ? .request : .release
                operation = LogFixture.put(kind, "late\(step)", surname: surname, born: born)
            default:
                // A list change: removing one of side A's or side B's entries.
                let own = signer == 1 ? LogFixture.headquartersB.publicKey.keyID : LogFixture.headquartersA.publicKey.keyID
                let mine = state.lists.flatMap { list, entries in entries.values.filter { $0.author == own }.map { (list.kind, $0.entry) } }
                guard let (kind, entry) = mine.randomElement(using: &rng) else { continue }
                operation = .removeEntry(RemoveEntry(list: kind, entry: entry, reason: "released"))
            }
            // Closes by the mediator (who may close any); puts by a side, on its own list.
            let envelope: SignedEnvelope
            switch (operation, signer) {
            case (.putEntry(let put), 2) where put.list == .registry: envelope = try mediator.sign(operation, at: time())
            case (.putEntry, 1), (.removeEntry, 1): envelope = try sideB.sign(operation, at: time())
            case (.putEntry, _), (.removeEntry, _), (_, 0): envelope = try sideA.sign(operation, at: time())
            case (.closeDispute, _), (_, 2): envelope = try mediator.sign(operation, at: time())
            default: envelope = try sideB.sign(operation, at: time())
            }
            let extended = chain.verify([envelope], heads: heads, keys: state.chainKeys)
            try #require(extended.isClean, "step \(step): \(operation.name.rawValue) does not verify")
            let lists = state.listsForm.identity
            _ = state.apply(extended.batch)
            heads[envelope.envelope.author] = ChainHead(seq: envelope.envelope.seq, id: envelope.id)

            continuation = Reconciliation.continuing(state: state, after: continuation)
            let scratch = Reconciliation(state: state)
            #expect(continuation.reconciliation == scratch, "step \(step): \(operation.name.rawValue)")
            #expect(continuation.reconciliation.hash == scratch.hash)
            corroborated += scratch.directions.flatMap(\.rows).filter { !$0.registered.isEmpty }.count
            if lists === state.listsForm.identity {
                // A step on the same lists continues both directions, with a registry or without.
                #expect(continuation.continued == Set(Direction.allCases))
                patched += 1
            }
        }
        // Most steps changed no list: their changed directions were continued.
        #expect(patched >= 15)
        // With a registry, unoffered people were corroborated.
        #expect(withRegistry == (corroborated > 0))
    }
}

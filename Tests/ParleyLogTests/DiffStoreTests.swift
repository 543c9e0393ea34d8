import ParleyCrypto
import ParleyLog
import ParleyMatch
import Synchronization
import Testing

/// A reconciliation that reads the engine's diffs back from a store is the reconciliation that
/// matches again: a kept diff is only ever read for exactly the lists it was computed from.
@Suite struct DiffStoreTests {
    typealias S = ExchangeScenario

    /// Diffs kept in memory, counting what was read and kept.
    final class MemoryDiffs: DiffStore {
        let kept = Mutex<[String: [UInt8]]>([:])
        let hits = Mutex(0)

        func diffBytes(for key: String) -> [UInt8]? {
            let bytes = kept.withLock { $0[key] }
            if bytes != nil { hits.withLock { $0 += 1 } }
            return bytes
        }

        func keep(diffBytes: [UInt8], for key: String) {
            kept.withLock { $0[key] = diffBytes }
        }
    }

    @Test func keptDiffsGiveTheSameReconciliationAndChangedListsAreMatchedAgain() throws {
        var scenario = try S.standard()
        let diffs = MemoryDiffs()
        let first = Reconciliation(state: scenario.state(), diffs: diffs)
        #expect(first == Reconciliation(state: scenario.state()))
        #expect(diffs.hits.withLock { $0 } == 0)

        // Nothing changed in the lists: every diff is read back, and the result is the same.
        let again = Reconciliation(state: scenario.state(), diffs: diffs)
        #expect(again == first)
        #expect(diffs.hits.withLock { $0 } > 0)

        // A dispute changes no list: the diffs are reused, the outcome follows the dispute.
        let a1 = S.ref(S.hqA, .request, "A-1")
        try scenario.sign(S.hqB, .openDispute(OpenDispute(about: [a1], reason: .identityConflict, note: "check")))
        #expect(Reconciliation(state: scenario.state(), diffs: diffs) == Reconciliation(state: scenario.state()))

        // A changed entry changes the key: matched again, and still the same as from scratch.
        let before = diffs.kept.withLock { $0.count }
        try scenario.put(S.hqA, .request, "A-1", [.surname: "Kovalenko", .givenName: "Oleksandr", .dateOfBirth: "1990-05-13"])
        #expect(Reconciliation(state: scenario.state(), diffs: diffs) == Reconciliation(state: scenario.state()))
        #expect(diffs.kept.withLock { $0.count } > before)
    }
}

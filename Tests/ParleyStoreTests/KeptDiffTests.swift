import ParleyLog
import ParleyStore
import Testing

/// The replica keeps the latest engine diffs of each shelf on its own: a mediator's decisions
/// that change who is unoffered each keep a new registry check, and those must not push out the
/// diffs of the lists, which take seconds to make again at 100,000 people.
@Suite struct KeptDiffTests {
    @Test func registryChecksNeverPushOutTheListsDiffs() throws {
        let replica = try Replica.inMemory()
        let lists = (0..<8).map { "lists-\($0)" }
        for (index, key) in lists.enumerated() {
            replica.keep(diffBytes: [UInt8(index)], for: key)
        }
        let checks = (0..<30).map { StoredDiff.Shelf.registry.keyPrefix + "check-\($0)" }
        for (index, key) in checks.enumerated() {
            replica.keep(diffBytes: [UInt8(index)], for: key)
        }
        // Every diff of the lists is still there; of the registry's checks, the latest 4.
        #expect(lists.allSatisfy { replica.diffBytes(for: $0) != nil })
        #expect(checks.filter { replica.diffBytes(for: $0) != nil } == Array(checks.suffix(4)))
        // A ninth diff of the lists pushes out the oldest of them only, and no registry check.
        replica.keep(diffBytes: [9], for: "lists-8")
        #expect((lists + ["lists-8"]).filter { replica.diffBytes(for: $0) != nil } == Array((lists + ["lists-8"]).dropFirst()))
        #expect(checks.filter { replica.diffBytes(for: $0) != nil } == Array(checks.suffix(4)))
        // Keeping a diff again makes it the latest of its shelf.
        replica.keep(diffBytes: [1], for: "lists-1")
        replica.keep(diffBytes: [10], for: "lists-9")
        #expect(replica.diffBytes(for: "lists-1") != nil && replica.diffBytes(for: "lists-2") == nil)
    }
}

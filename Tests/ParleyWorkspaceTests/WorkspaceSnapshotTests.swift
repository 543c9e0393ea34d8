import ParleyCrypto
import ParleyLog
import ParleyParty
@testable import ParleyWorkspace
import Testing

/// The workspace moves its snapshot forward with each signing instead of opening the exchange
/// again: the state hash from the lists' kept bytes, the decided direction's rows continued from
/// the rows before, the other direction's queue items and index taken over. After every action
/// the snapshot must equal one opened from the replica from scratch.
@Suite struct WorkspaceSnapshotTests {
    @Test func aSnapshotMovedForwardEqualsOneOpenedAgain() throws {
        let fixture = try WorkspaceFixture()
        defer { fixture.remove() }
        let workspace = try Workspace(home: fixture.mediator, exchange: fixture.exchange, clock: { WorkspaceFixture.time(60) })
        // The lists' bytes are kept once, as the workspace's snapshot does on another core.
        workspace.snapshot().state.keepListsForm()
        let ref = { (list: String, entry: String) -> EntryRef in
            let side: Side = list.hasPrefix("A") ? .a : .b
            let kind: ListKind = list.hasSuffix("request") ? .request : .release
            let author = try! #require(workspace.snapshot().state.entries(of: ListKey(side: side, kind: kind)).first { $0.entry == entry }?.author)
            return EntryRef(list: ListKey(side: side, kind: kind), author: author, entry: entry)
        }
        // Each action with the direction whose rows it changes.
        let actions: [(String, Direction, () throws -> String)] = [
            ("same", .toA, { try workspace.decide(request: ref("A/request", "A-2"), release: ref("B/release", "B-2"), same: true, note: "") }),
            ("different", .toA, { try workspace.decide(request: ref("A/request", "A-1"), release: ref("B/release", "B-1"), same: false, note: "") }),
            ("same, elsewhere", .toA, { try workspace.decide(request: ref("A/request", "A-3"), release: ref("B/release", "B-3"), same: true, note: "") }),
            ("the other way", .toB, { try workspace.decide(request: ref("B/request", "BR-1"), release: ref("A/release", "AR-1"), same: false, note: "") }),
            ("dispute", .toA, { try workspace.openDispute(about: [ref("B/release", "B-2")], reason: .identityConflict, note: "doubt") }),
            ("taken back", .toA, { try workspace.decide(request: ref("A/request", "A-1"), release: ref("B/release", "B-1"), same: true, note: "") }),
        ]
        var disputes: [EnvelopeID] = []
        for (name, changed, action) in actions + [("close", .toA, {
            try workspace.close(try #require(disputes.first), resolution: "settled")
        })] {
            _ = try action()
            disputes = workspace.snapshot().state.openDisputes.map(\.id)
            let moved = workspace.snapshot()
            let opened = Snapshot(open: try workspace.party.open(fixture.exchange), today: moved.report.prioritiesAsOf)
            #expect(moved.reconciliation == opened.reconciliation, "after \(name)")
            #expect(moved.queue == opened.queue, "after \(name)")
            #expect(moved.priorities == opened.priorities, "after \(name)")
            #expect(
                moved.open.stateHash == Hex.encode(SHA256.hash(try CanonicalJSON.encode(opened.state.canonicalForm))),
                "after \(name): the kept state hash is the hash of the state's canonical form"
            )
            // The changed direction was continued from the rows before; the other one reused.
            #expect(moved.open.continuedDirections == [changed], "after \(name)")
            for direction in Direction.allCases {
                for row in opened.direction(direction).rows {
                    #expect(moved.row(direction, holding: row.primary)?.row == row, "after \(name)")
                }
            }
        }
        // The workspace's writes verify from the stored bytes.
        _ = try fixture.verifiedState(in: fixture.mediator)
    }
}

import Foundation
import Testing

/// `parley sync` without `--exchange` syncs every exchange, each with its own server, and reports
/// each failure instead of stopping at the first.
@Suite struct SyncEveryExchangeTests {
    typealias Server = SyncCommandTests.Server
    let helper = ReplicaCommandTests()

    @Test func anUnreachableServerDoesNotKeepTheOtherExchangesFromSyncing() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = try await helper.makeParty("a", in: dir)
        let m = try await helper.makeParty("m", in: dir)
        let participants = ["\(a.publicKeyFile):headquarters:A", "\(m.publicKeyFile):mediator:neutral"]
        let gone = try await Server(data: dir.appendingPathComponent("gone").path, admit: [a.publicKeyFile])
        let first = try await helper.createExchange(by: a, participants, title: "First")
        #expect(try await parley(["sync", "--server", gone.url, "--exchange", first] + a.flags).status == 0)
        _ = gone.stop()
        let live = try await Server(data: dir.appendingPathComponent("live").path, admit: [a.publicKeyFile])
        defer { _ = live.stop() }
        let second = try await helper.createExchange(by: a, participants, title: "Second")
        #expect(try await parley(["sync", "--server", live.url, "--exchange", second] + a.flags).status == 0)

        // A new envelope in the second exchange reaches the live server although the first
        // exchange's server is gone, whichever the replica lists first.
        let list = try write("id,surname,given_name\nR1,Testenko,Ivan\n", "request.csv", in: dir)
        #expect(try await parley(["list", "import", list, "--exchange", second, "--list", "request"] + a.flags).status == 0)
        let sync = try await parley(["sync"] + a.flags)
        #expect(sync.status == 2)
        #expect(sync.stderr.contains("exchange \(first.prefix(12)): not synced with \(gone.url)"), "\(sync.stderr)")
        #expect(sync.stderr.contains("1 of 2 exchanges not synced"))
        #expect(sync.stdout.contains("exchange \(second.prefix(12)): received 0, sent 1"), "\(sync.stdout)")
    }
}

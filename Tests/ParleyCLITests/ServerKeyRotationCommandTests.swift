import Foundation
import Testing

/// `parley serve --rotate-key` end to end: a party that pinned the old key follows the signed
/// handover at its next sync, and a server presenting a key no handover leads to is refused.
/// All data is synthetic.
@Suite struct ServerKeyRotationCommandTests {
    let helper = ReplicaCommandTests()

    @Test func aPartyFollowsTheServersSignedHandoverAndRefusesAKeyWithoutOne() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (a, b, m) = try await helper.threeParties(in: dir)
        let exchange = try await helper.createExchange(by: a, with: b, mediator: m)
        let data = dir.appendingPathComponent("server").path
        var server = try await SyncCommandTests.Server(data: data, admit: [a.publicKeyFile])
        let port = server.port
        let list = try write(ReplicaCommandTests.firstList, "request.csv", in: dir)
        #expect(try await parley(["list", "import", list, "--exchange", exchange, "--list", "request"] + a.flags).status == 0)
        #expect(try await parley(["sync", "--server", server.url] + a.flags).status == 0)
        #expect(server.stop() == 0)

        // The operator rotates the key; the same address now presents the new one.
        server = try await SyncCommandTests.Server(data: data, admit: [a.publicKeyFile], extra: ["--rotate-key"], port: port)
        let handovers = try String(contentsOfFile: data + "/server-handovers.json", encoding: .utf8)
        #expect(handovers.hasPrefix("[{\"handover\":"))
        #expect(!FileManager.default.fileExists(atPath: data + "/server-key.next.pem"))
        let follow = try await parley(["sync"] + a.flags)
        #expect(follow.status == 0, "\(follow.stderr)")
        #expect(follow.stdout.contains("handed its checkpoint key over from"), "\(follow.stdout)")
        #expect(follow.stdout.contains("this party now pins the new key"))
        let again = try await parley(["sync"] + a.flags)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(!again.stdout.contains("handed"), "the handover is followed once")
        // The mediator's first contact is with the new key: nothing to follow.
        let first = try await parley(["sync", "--server", server.url, "--exchange", exchange] + m.flags)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(!first.stdout.contains("handed"))
        #expect(server.stop() == 0)

        // Another server at the same address, with a key of its own and no handover to it.
        server = try await SyncCommandTests.Server(data: dir.appendingPathComponent("impostor").path, admit: [a.publicKeyFile], port: port)
        defer { _ = server.stop() }
        let refused = try await parley(["sync"] + a.flags)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("no handover signed by that key leads to it"), "\(refused.stderr)")
    }
}

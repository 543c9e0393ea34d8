import Foundation
import ParleyCrypto
import ParleyLog
import Testing

/// `parley key recover` when the identity key is lost, when a run stopped halfway, and for a party
/// in two exchanges, end to end: a real server on loopback, the parties' homes, the built binary.
/// All data is synthetic.
@Suite struct KeyRecoveryCommandTests {
    typealias Party = ReplicaCommandTests.Party
    typealias Server = SyncCommandTests.Server
    let helper = ReplicaCommandTests()

    /// A (creator), B and a mediator sync an exchange through `server`; B names a recovery key
    /// (written to `name`) and syncs it.
    private func exchange(
        _ a: Party, _ b: Party, _ m: Party, server: Server, recovery name: String, in dir: URL
    ) async throws -> (exchange: String, recovery: String) {
        let exchange = try await helper.createExchange(by: a, with: b, mediator: m)
        #expect(try await parley(["sync", "--server", server.url, "--exchange", exchange] + a.flags).status == 0)
        for party in [b, m] {
            let fetch = try await parley(["sync", "--server", server.url, "--exchange", exchange] + party.flags)
            #expect(fetch.status == 0, "\(fetch.stderr)")
        }
        let recovery = dir.appendingPathComponent(name).path
        let named = try await parley(["key", "export-recovery", "-o", recovery, "--exchange", exchange] + b.flags)
        #expect(named.status == 0, "\(named.stderr)")
        #expect(try await parley(["sync", "--exchange", exchange] + b.flags).status == 0)
        return (exchange, recovery)
    }

    private func parties(in dir: URL) async throws -> (a: Party, b: Party, m: Party, server: Server) {
        let (a, b, m) = try await helper.threeParties(in: dir)
        let server = try await Server(data: dir.appendingPathComponent("server").path, admit: [a.publicKeyFile])
        return (a, b, m, server)
    }

    private func keyID(in home: String) throws -> String {
        try KeyFile.read(from: home + "/key.pem").publicKey.keyID.hex
    }

    @Test func recoverWithTheKeyFileLostInstallsTheNewKeyAndPushesTheRevocation() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (a, b, m, server) = try await parties(in: dir)
        defer { _ = server.stop() }
        let (exchange, recovery) = try await exchange(a, b, m, server: server, recovery: "b-recovery.pem", in: dir)

        try FileManager.default.removeItem(atPath: b.home + "/key.pem")
        let recover = try await parley(["key", "recover", "--recovery-key", recovery, "--exchange", exchange] + b.flags)
        #expect(recover.status == 0, "\(recover.stderr)")
        #expect(recover.stdout.contains("revoked the identity key"))
        #expect(recover.stdout.contains("pushed to \(server.url)"), "the owner pushes its own revocation: \(recover.stdout)")
        let newKey = try #require(firstMatch(of: "new key id: +([0-9a-f]{64})", in: recover.stdout))
        #expect(try keyID(in: b.home) == newKey)
        #expect(try FileManager.default.attributesOfItem(atPath: b.home + "/key.pem")[.posixPermissions] as? Int == 0o600)
        #expect(!FileManager.default.fileExists(atPath: b.home + "/key.next.pem"))

        // Run again: nothing more is signed.
        let again = try await parley(["key", "recover", "--recovery-key", recovery, "--exchange", exchange] + b.flags)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("already runs on this home's key"))

        // The new key signs and syncs; the others see it in force.
        let file = try write(KeyCommandTests.release, "release.csv", in: dir)
        #expect(try await parley(["list", "import", file, "--exchange", exchange, "--list", "release"] + b.flags).status == 0)
        let sync = try await parley(["sync"] + b.flags)
        #expect(sync.status == 0, "\(sync.stderr)")
        #expect(try await parley(["sync"] + a.flags).status == 0)
        #expect(try await parley(["verify"] + a.flags).status == 0)
        #expect(try await parley(["list", "show", "--exchange", exchange] + a.flags).stdout.contains("S1"))
    }

    @Test func aRecoveryThatStoppedBeforeInstallingItsKeyIsCompletedByRunningItAgain() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (a, b, m, server) = try await parties(in: dir)
        defer { _ = server.stop() }
        let (exchange, recovery) = try await exchange(a, b, m, server: server, recovery: "b-recovery.pem", in: dir)

        // What a run leaves when it stops after storing the revocation: the revocation in the
        // replica, the new key waiting in key.next.pem, key.pem lost.
        let bundlePath = dir.appendingPathComponent("b.bundle").path
        #expect(try await parley(["bundle", "export", "--exchange", exchange, "-o", bundlePath] + b.flags).status == 0)
        let stored = try String(contentsOfFile: bundlePath, encoding: .utf8).split(separator: "\n").dropFirst().dropLast()
            .map { try SignedEnvelope(parsing: Array($0.utf8)) }
        let bID = try #require(KeyID(hex: b.keyID))
        let head = try #require(stored.filter { $0.envelope.author == bID }.max { $0.envelope.seq < $1.envelope.seq })
        let newKey = SigningKey.generate()
        let signer = EnvelopeSigner(
            key: try KeyFile.read(from: recovery), exchange: try #require(ExchangeID(hex: exchange)),
            head: ChainHead(seq: head.envelope.seq, id: head.id), author: bID
        )
        let (revoke, _) = try signer.revoking(bID, from: head.envelope.seq + 1, newKey: newKey, at: Timestamp(secondsSince1970: 1_767_225_600))
        let lines = ([stored[0], revoke]).map { String(decoding: $0.wireBytes, as: UTF8.self) + "\n" }.joined()
        let digest = Hex.encode(SHA256.hash(Array(lines.utf8)))
        let half = try write(
            #"{"checkpoints":[],"count":2,"exchange":"\#(exchange)","parley_bundle":1}"# + "\n" + lines
                + #"{"end":{"count":2,"sha256":"\#(digest)"}}"# + "\n",
            "half.bundle", in: dir
        )
        let imported = try await parley(["bundle", "import", half] + b.flags)
        #expect(imported.status == 0, "\(imported.stderr)")
        try KeyFile.write(newKey, to: b.home + "/key.next.pem")
        try FileManager.default.removeItem(atPath: b.home + "/key.pem")

        let rerun = try await parley(["key", "recover", "--recovery-key", recovery, "--exchange", exchange] + b.flags)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(rerun.stdout.contains("completed the recovery"), "\(rerun.stdout)")
        #expect(try keyID(in: b.home) == newKey.publicKey.keyID.hex)
        #expect(!FileManager.default.fileExists(atPath: b.home + "/key.next.pem"))
        #expect(try await parley(["sync"] + b.flags).status == 0)
        #expect(try await parley(["sync"] + a.flags).status == 0)
        #expect(try await parley(["verify"] + a.flags).status == 0)
    }

    @Test func aSecondRecoveryReusesTheKeyTheFirstInstalled() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (a, b, m, server) = try await parties(in: dir)
        defer { _ = server.stop() }
        let first = try await exchange(a, b, m, server: server, recovery: "b-recovery-1.pem", in: dir)
        let second = try await exchange(a, b, m, server: server, recovery: "b-recovery-2.pem", in: dir)

        // B's key is stolen (copied): it recovers both exchanges, one after the other.
        let one = try await parley(["key", "recover", "--recovery-key", first.recovery, "--exchange", first.exchange] + b.flags)
        #expect(one.status == 0, "\(one.stderr)")
        let newKey = try #require(firstMatch(of: "new key id: +([0-9a-f]{64})", in: one.stdout))
        #expect(one.stdout.contains("exchange \(second.exchange.prefix(12)) does not run on this key yet"), "\(one.stdout)")
        let two = try await parley(["key", "recover", "--recovery-key", second.recovery, "--exchange", second.exchange] + b.flags)
        #expect(two.status == 0, "\(two.stderr)")
        #expect(two.stdout.contains("revoked the identity key"))
        #expect(firstMatch(of: "key id: +([0-9a-f]{64})", in: two.stdout) == newKey, "one key for the home: \(two.stdout)")
        #expect(try keyID(in: b.home) == newKey)

        // The home signs and syncs in both.
        let file = try write(KeyCommandTests.release, "release.csv", in: dir)
        for exchange in [first.exchange, second.exchange] {
            let imported = try await parley(["list", "import", file, "--exchange", exchange, "--list", "release"] + b.flags)
            #expect(imported.status == 0, "\(imported.stderr)")
        }
        let sync = try await parley(["sync"] + b.flags)
        #expect(sync.status == 0, "\(sync.stderr)")
        #expect(try await parley(["sync"] + a.flags).status == 0)
        for exchange in [first.exchange, second.exchange] {
            #expect(try await parley(["verify", "--exchange", exchange] + a.flags).status == 0)
            #expect(try await parley(["list", "show", "--exchange", exchange] + a.flags).stdout.contains("S1"))
        }
    }
}

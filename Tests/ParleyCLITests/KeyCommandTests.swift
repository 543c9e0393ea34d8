import Foundation
import ParleyCrypto
import ParleyLog
import ParleyMatch
import Testing

/// `parley key rotate`, `key export-recovery` and `key recover`, end to end: a real server on
/// loopback, three parties' homes, the built binary. All data is synthetic.
@Suite struct KeyCommandTests {
    typealias Party = ReplicaCommandTests.Party
    typealias Server = SyncCommandTests.Server
    let helper = ReplicaCommandTests()

    static let release = """
        id,surname,given_name,date_of_birth
        S1,Probko,Petro,1985-02-03

        """

    /// Three parties syncing one exchange through a server; B names its recovery key.
    private func start(in dir: URL) async throws -> (a: Party, b: Party, m: Party, exchange: String, server: Server, recovery: String) {
        let (a, b, m) = try await helper.threeParties(in: dir)
        let exchange = try await helper.createExchange(by: a, with: b, mediator: m)
        let server = try await Server(data: dir.appendingPathComponent("server").path, admit: [a.publicKeyFile])
        #expect(try await parley(["sync", "--server", server.url] + a.flags).status == 0)
        for party in [b, m] {
            let fetch = try await parley(["sync", "--server", server.url, "--exchange", exchange] + party.flags)
            #expect(fetch.status == 0, "\(fetch.stderr)")
        }
        let recovery = dir.appendingPathComponent("b-recovery.pem").path
        let named = try await parley(["key", "export-recovery", "-o", recovery, "--exchange", exchange] + b.flags)
        #expect(named.status == 0, "\(named.stderr)")
        #expect(try mode(recovery) == 0o600)
        return (a, b, m, exchange, server, recovery)
    }

    private func mode(_ path: String) throws -> Int? {
        try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    }

    /// A bundle of `envelopes` (genesis first) of `exchange`, as `parley bundle export` writes one.
    private func bundle(_ envelopes: [SignedEnvelope], exchange: String, in dir: URL, name: String) throws -> String {
        let lines = envelopes.map { String(decoding: $0.wireBytes, as: UTF8.self) + "\n" }.joined()
        let digest = Hex.encode(SHA256.hash(Array(lines.utf8)))
        let text = #"{"checkpoints":[],"count":\#(envelopes.count),"exchange":"\#(exchange)","parley_bundle":1}"# + "\n"
            + lines + #"{"end":{"count":\#(envelopes.count),"sha256":"\#(digest)"}}"# + "\n"
        return try write(text, name, in: dir)
    }

    /// The envelopes of `party`'s replica, read from a bundle it exports.
    private func envelopes(of party: Party, exchange: String, in dir: URL) async throws -> [SignedEnvelope] {
        let path = dir.appendingPathComponent("export-\(UUID().uuidString).bundle").path
        let run = try await parley(["bundle", "export", "--exchange", exchange, "-o", path] + party.flags)
        #expect(run.status == 0, "\(run.stderr)")
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").dropFirst().dropLast()
        return try lines.map { try SignedEnvelope(parsing: Array($0.utf8)) }
    }

    /// `key rotate-encryption`: A's new encryption key reaches the others by sync, they share new
    /// content keys to it, and every party still reads and verifies everything.
    @Test func rotateEncryptionSyncAndEveryoneReadsAndVerifies() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (a, b, m, exchange, server, _) = try await start(in: dir)
        defer { _ = server.stop() }
        let file = try write(Self.release, "release.csv", in: dir)
        #expect(try await parley(["list", "import", file, "--exchange", exchange, "--list", "release"] + b.flags).status == 0)
        for party in [b, a, m] { #expect(try await parley(["sync"] + party.flags).status == 0) }

        let rotate = try await parley(["key", "rotate-encryption", "--exchange", String(exchange.prefix(12))] + a.flags)
        #expect(rotate.status == 0, "\(rotate.stderr)")
        #expect(rotate.stdout.contains("new encryption key") && rotate.stdout.contains("3 envelopes signed"), "\(rotate.stdout)")
        for party in [a, b, m, a] {
            let sync = try await parley(["sync"] + party.flags)
            #expect(sync.status == 0, "\(sync.stderr)")
        }
        for party in [a, b, m] {
            let verify = try await parley(["verify"] + party.flags)
            #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
            let shown = try await parley(["list", "show", "--exchange", exchange] + party.flags)
            #expect(shown.stdout.contains("Probko"), "\(shown.stdout)")
        }
        let unknown = try await parley(["key", "rotate-encryption", "--exchange", "ffffffffffff"] + a.flags)
        #expect(unknown.status != 0 && !unknown.stderr.isEmpty)
    }

    @Test func rotateSyncVerifyAndTheOldKeyIsRefused() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (a, b, m, exchange, server, _) = try await start(in: dir)
        defer { _ = server.stop() }

        let rotate = try await parley(["key", "rotate"] + b.flags)
        #expect(rotate.status == 0, "\(rotate.stderr)")
        #expect(rotate.stdout.contains("rotated in 1 exchange"))
        let newKeyID = try #require(firstMatch(of: "new key id: +([0-9a-f]{64})", in: rotate.stdout))
        #expect(newKeyID != b.keyID)
        #expect(try mode(b.home + "/key.pem") == 0o600)
        #expect(try mode(b.home + "/key.previous.pem") == 0o600)
        #expect(!FileManager.default.fileExists(atPath: b.home + "/key.next.pem"))
        #expect(try await parley(["whoami"] + b.flags).stdout.contains(newKeyID))

        // The new key signs B's list; the sync's first request falls back to the old key, which
        // the server holds in force until it stores the rotation.
        let file = try write(Self.release, "release.csv", in: dir)
        let imported = try await parley(["list", "import", file, "--exchange", exchange, "--list", "release"] + b.flags)
        #expect(imported.status == 0, "\(imported.stderr)")
        let push = try await parley(["sync"] + b.flags)
        #expect(push.status == 0, "\(push.stderr)")
        // Three envelopes of the list and B's content key share to A, who announced meanwhile.
        #expect(push.stdout.contains("sent 4"), "\(push.stdout)")
        let pull = try await parley(["sync"] + a.flags)
        #expect(pull.status == 0, "\(pull.stderr)")
        #expect(pull.stdout.contains("received 8"), "\(pull.stdout)")
        #expect(try await parley(["verify"] + a.flags).status == 0)
        let shown = try await parley(["list", "show", "--exchange", exchange] + a.flags)
        #expect(shown.stdout.contains("S1"))
        #expect(try await parley(["sync"] + b.flags).status == 0, "the new key alone signs requests now")

        // An envelope B's old key signs after the rotation is refused by every replica.
        let old = try KeyFile.read(from: b.home + "/key.previous.pem")
        let stored = try await envelopes(of: a, exchange: exchange, in: dir)
        let bID = try #require(KeyID(hex: b.keyID))
        let last = try #require(stored.filter { $0.envelope.author == bID }.max { $0.envelope.seq < $1.envelope.seq })
        var stale = EnvelopeSigner(
            key: old, exchange: try #require(ExchangeID(hex: exchange)), head: ChainHead(seq: last.envelope.seq, id: last.id), author: bID
        )
        let forged = try stale.sign(.putEntry(PutEntry(list: .release, entry: "S9", fields: [.surname: "Stale"])), at: Timestamp(secondsSince1970: 1_767_225_600))
        let forgedBundle = try bundle([stored[0], forged], exchange: exchange, in: dir, name: "forged.bundle")
        #expect(try await parley(["sync"] + m.flags).status == 0)
        for party in [a, m] {
            let refused = try await parley(["bundle", "import", forgedBundle] + party.flags)
            #expect(refused.status != 0)
            #expect(refused.stderr.contains("refused: badSignature"), "\(refused.stderr)")
        }
        // And a replica whose key was rotated away signs nothing more.
        let staleHome = dir.appendingPathComponent("b-stale").path
        try FileManager.default.copyItem(atPath: b.home, toPath: staleHome)
        try FileManager.default.removeItem(atPath: staleHome + "/key.pem")
        try FileManager.default.moveItem(atPath: staleHome + "/key.previous.pem", toPath: staleHome + "/key.pem")
        let again = try await parley(["list", "import", file, "--exchange", exchange, "--list", "request", "--home", staleHome])
        #expect(again.status != 0)
    }

    @Test func recoverWithTheOfflineKeySetsAsideWhatTheThiefSigned() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (a, b, _, exchange, server, recovery) = try await start(in: dir)
        defer { _ = server.stop() }
        #expect(try await parley(["sync"] + b.flags).status == 0)

        // A thief copies B's home (its key) and signs a list that the server accepts.
        let (thief, forgedList) = try steal(b, in: dir)
        #expect(try await parley(["list", "import", forgedList, "--exchange", exchange, "--list", "release"] + thief.flags).status == 0)
        #expect(try await parley(["sync"] + thief.flags).status == 0)
        #expect(try await parley(["sync"] + a.flags).stdout.contains("received"))
        #expect(try await parley(["list", "show", "--exchange", exchange] + a.flags).stdout.contains("T1"))

        // B pulls what the thief signed, then revokes its key from the thief's first envelope.
        #expect(try await parley(["sync"] + b.flags).status == 0)
        let stored = try await envelopes(of: b, exchange: exchange, in: dir)
        let bID = try #require(KeyID(hex: b.keyID))
        let thiefSeq = try #require(stored.filter { $0.envelope.author == bID }.map(\.envelope.seq).max())
        let recover = try await parley(["key", "recover", "--recovery-key", recovery, "--exchange", exchange, "--from", String(thiefSeq)] + b.flags)
        #expect(recover.status == 0, "\(recover.stderr)")
        #expect(recover.stdout.contains("setting aside seq \(thiefSeq)"))
        let push = try await parley(["sync"] + b.flags)
        #expect(push.status == 0, "\(push.stderr)")
        #expect(try await parley(["sync"] + a.flags).status == 0)
        #expect(try await parley(["verify"] + a.flags).status == 0)
        #expect(!(try await parley(["list", "show", "--exchange", exchange] + a.flags).stdout.contains("T1")), "the thief's list is set aside")

        // What the stolen key signs after the revocation is refused: the server does not know it
        // any more, and a replica that gets it another way does not store it.
        #expect(try await parley(["list", "import", file(in: dir), "--exchange", exchange, "--list", "request"] + thief.flags).status == 0)
        #expect(try await parley(["sync"] + thief.flags).status != 0)
        let late = try await envelopes(of: thief, exchange: exchange, in: dir)
        let lateBundle = try bundle([late[0]] + late.filter { $0.envelope.author == bID && $0.envelope.seq > thiefSeq }, exchange: exchange, in: dir, name: "late.bundle")
        let refused = try await parley(["bundle", "import", lateBundle] + a.flags)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("refused: badSignature"), "\(refused.stderr)")
        #expect(try await parley(["verify"] + a.flags).status == 0)
    }

    /// The race of issue 14 item 5 at the server: the thief rotates the stolen key and pushes
    /// first, so the server no longer knows the owner's key. `key recover` fetches the thief's
    /// envelopes with the recovery key, revokes from the first of them on top of the thief's
    /// head, and the server takes it: the recovery wins there too, and the thief's new key is
    /// refused from then on.
    @Test func aRecoveryWinsAtTheServerAfterTheThiefRotatedTheKeyFirst() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (a, b, _, exchange, server, recovery) = try await start(in: dir)
        defer { _ = server.stop() }
        #expect(try await parley(["sync"] + b.flags).status == 0)
        let bID = try #require(KeyID(hex: b.keyID))
        let ownHead = try #require(try await envelopes(of: b, exchange: exchange, in: dir).filter { $0.envelope.author == bID }.map(\.envelope.seq).max())

        // The thief signs a list with the stolen key, rotates it to a key of its own, and pushes.
        let (thief, forgedList) = try steal(b, in: dir)
        #expect(try await parley(["list", "import", forgedList, "--exchange", exchange, "--list", "release"] + thief.flags).status == 0)
        #expect(try await parley(["key", "rotate"] + thief.flags).status == 0)
        #expect(try await parley(["sync"] + thief.flags).status == 0)

        // The owner's key speaks for no one at the server any more: a plain sync is refused.
        let refused = try await parley(["sync"] + b.flags)
        #expect(refused.status != 0, "\(refused.stdout)")

        let recover = try await parley(
            ["key", "recover", "--recovery-key", recovery, "--exchange", exchange, "--from", String(ownHead + 1)] + b.flags
        )
        #expect(recover.status == 0, "\(recover.stdout)\(recover.stderr)")
        #expect(recover.stdout.contains("fetched from \(server.url) first: received"), "\(recover.stdout)")
        #expect(recover.stdout.contains("setting aside seq \(ownHead + 1)"), "\(recover.stdout)")
        #expect(recover.stdout.contains("pushed to \(server.url)"), "\(recover.stdout)\(recover.stderr)")

        // Everyone else follows the server: the thief's list is set aside, the owner's new key signs.
        #expect(try await parley(["sync"] + a.flags).status == 0)
        #expect(try await parley(["verify"] + a.flags).status == 0)
        #expect(!(try await parley(["list", "show", "--exchange", exchange] + a.flags).stdout.contains("T1")), "the thief's list is set aside")
        #expect(try await parley(["list", "import", file(in: dir), "--exchange", exchange, "--list", "release"] + b.flags).status == 0)
        let owner = try await parley(["sync"] + b.flags)
        #expect(owner.status == 0, "\(owner.stderr)")
        #expect(try await parley(["sync"] + a.flags).status == 0)
        #expect(try await parley(["list", "show", "--exchange", exchange] + a.flags).stdout.contains("R1"), "the owner's new key signs")
        // The thief's rotated key is refused by the server.
        #expect(try await parley(["list", "import", forgedList, "--exchange", exchange, "--list", "request"] + thief.flags).status == 0)
        #expect(try await parley(["sync"] + thief.flags).status != 0)
    }

    /// A copy of `owner`'s home (its key) made by a thief, and a list the thief will sign (`T1`).
    private func steal(_ owner: Party, in dir: URL) throws -> (thief: Party, list: String) {
        let thief = Party(home: dir.appendingPathComponent("thief").path, keyID: owner.keyID, publicKeyFile: owner.publicKeyFile)
        try FileManager.default.copyItem(atPath: owner.home, toPath: thief.home)
        let list = try write("""
            id,surname,given_name,date_of_birth
            T1,Forgenko,Ivan,1970-01-01

            """, "forged.csv", in: dir)
        return (thief, list)
    }

    private func file(in dir: URL) throws -> String {
        try write(ReplicaCommandTests.firstList, "request.csv", in: dir)
    }
}

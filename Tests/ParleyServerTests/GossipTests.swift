import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import ParleyCrypto
import ParleyLog
import ParleyParty
import ParleyServer
import ParleyStore
import ParleySync
import ParleyWire
import Testing

/// `POST /v1/exchanges/{id}/gossip`: honest parties see each other's checkpoints and raise no
/// alarm; the endpoint refuses what is not the server's own checkpoint of the exchange.
@Suite struct GossipTests {
    typealias F = ServerFixture
    typealias Party = SyncTests.Party

    @Test func honestPartiesRelayEachOthersCheckpointsWithoutAlarm() async throws {
        try await F.application(clock: nil).test(.live) { client in
            let url = "http://127.0.0.1:\(client.port!)"
            let a = try Party(F.headquartersA), b = try Party(F.ombudsmanB), m = try Party(F.mediator)
            var (genesis, signerA) = F.genesis()
            let exchange = signerA.exchange
            try a.store([genesis, try signerA.sign(F.put(.request, "a0", surname: "Koval"), at: F.time(1))])
            try await a.sync(exchange, with: url)
            try await b.sync(exchange, with: url)
            try a.store([try signerA.sign(F.put(.request, "a1", surname: "Marchenko"), at: F.time(2))])
            try await a.sync(exchange, with: url)
            try await m.sync(exchange, with: url)
            // B is behind A now: A's relayed checkpoint is of a larger log than B's ledger, with a proof.
            try await b.sync(exchange, with: url)
            let gossip = CheckpointGossip(client: SyncClient(server: url, key: F.ombudsmanB), replica: b.replica)
            let report = try await gossip.run(exchange, serverKey: F.serverKey.publicKey)
            #expect(report.supported)
            #expect(report.relayed == 2, "A's and the mediator's checkpoints")
            #expect(try ExchangeEvidence.all(in: b.replica, exchange: exchange).isEmpty)
        }
    }

    /// A fork stored in a replica is listed as evidence from the forked chain the kept state
    /// names, the same as from the whole log; a replica without a fork lists none.
    @Test func aStoredForkIsListedFromTheKeptForkedChain() throws {
        var (genesis, signerA) = F.genesis()
        let exchange = signerA.exchange
        let a1 = try signerA.sign(F.put(.request, "a1", surname: "Koval"), at: F.time(1))
        let a2 = try signerA.sign(F.put(.request, "a2", surname: "Marchenko"), at: F.time(2))
        var signerB = EnvelopeSigner(key: F.ombudsmanB, exchange: exchange, head: nil)
        let b1 = try signerB.sign(F.put(.release, "b1", surname: "Petrenko"), at: F.time(3))
        var twin = EnvelopeSigner(key: F.headquartersA, exchange: exchange, head: ChainHead(seq: a1.envelope.seq, id: a1.id))
        let fork = try twin.sign(F.put(.request, "a9", surname: "Bondar"), at: F.time(4))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-evidence-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("replica.sqlite").path
        let reader = ParleyParty.Party(replica: try Replica.open(path: path), key: nil)
        _ = try reader.ingest([genesis, a1, a2, b1].map(\.wireBytes), exchange: exchange)
        #expect(try reader.replica.keptForks(exchange: exchange) == [])
        #expect(try ExchangeEvidence.all(in: reader.replica, exchange: exchange).isEmpty)

        _ = try reader.ingest([fork.wireBytes], exchange: exchange)
        #expect(try reader.replica.keptForks(exchange: exchange) == [F.headquartersA.publicKey.keyID])
        #expect(try reader.replica.chains(exchange: exchange, authors: [F.headquartersA.publicKey.keyID]).map(\.id).sorted { $0.hex < $1.hex }
            == [genesis, a1, a2, fork].map(\.id).sorted { $0.hex < $1.hex }, "the genesis and A's chain, not B's")
        let whole = Verifier(exchange: exchange).verify(try reader.replica.envelopes(exchange: exchange)).equivocations
        #expect(whole.count == 1)
        let evidence = [Evidence(equivocationIn: genesis, a2, fork)]
        #expect(try ExchangeEvidence.all(in: reader.replica, exchange: exchange) == evidence)

        // A replica that keeps no current state (one an older version wrote) is searched whole.
        let database = try DatabaseQueue(path: path)
        try database.write { db in try db.execute(sql: "DELETE FROM derived_exchange") }
        try database.close()
        let older = try Replica.open(path: path)
        #expect(try older.keptForks(exchange: exchange) == nil)
        #expect(try ExchangeEvidence.all(in: older, exchange: exchange) == evidence)
    }

    @Test func theEndpointTakesOnlyTheServersOwnCheckpointsOfTheExchange() async throws {
        try await F.application(clock: nil).test(.live) { client in
            let (genesis, signer) = F.genesis()
            let exchange = signer.exchange
            let now = Int64(Date().timeIntervalSince1970)
            #expect(try await client.signed(.post, "/v1/exchanges", by: F.headquartersA, body: genesis.wireBytes, created: now).status == .created)
            let target = "/v1/exchanges/\(exchange.hex)/gossip"
            func checkpoint(_ ids: [EnvelopeID], key: SigningKey = F.serverKey) throws -> SignedCheckpoint {
                try SignedCheckpoint(
                    signing: Checkpoint(exchange: exchange, tree: MerkleLog(ids), timestamp: F.time(0), server: key.publicKey.keyID), with: key
                )
            }
            func send(_ request: GossipRequest) async throws -> TestResponse {
                try await client.signed(.post, target, by: F.headquartersA, body: try request.encoded(), created: now)
            }
            let good = try await send(GossipRequest(checkpoint: 1, checkpoints: [try checkpoint([genesis.id])]))
            #expect(good.status == .ok)
            let answer = try GossipResponse(parsing: Array(good.body.readableBytesView))
            #expect(answer.checkpoint.checkpoint.size == 1)
            #expect(answer.handed == [[]])
            #expect(answer.relayed.isEmpty, "the asker's own checkpoint is not relayed back to it")

            let foreign = try await send(GossipRequest(checkpoint: nil, checkpoints: [try checkpoint([genesis.id], key: F.outsider)]))
            #expect(foreign.errorCode == "malformed_request")
            let larger = try await send(GossipRequest(checkpoint: nil, checkpoints: [try checkpoint([genesis.id, genesis.id])]))
            #expect(larger.errorCode == "malformed_request")
            let garbage = try await client.signed(.post, target, by: F.headquartersA, body: Array(#"{"checkpoints":[]}"#.utf8), created: now)
            #expect(garbage.errorCode == "malformed_request")
            let outsider = try await client.signed(.post, target, by: F.outsider, body: try GossipRequest(checkpoint: nil, checkpoints: []).encoded(), created: now)
            #expect(outsider.status == .unauthorized || outsider.status == .forbidden)
        }
    }
}

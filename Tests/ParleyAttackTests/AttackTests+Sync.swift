import Foundation
import HTTPTypes
import ParleyMatch
import Hummingbird
import HummingbirdTesting
import ParleyCrypto
import ParleyLog
import ParleyParty
import ParleyServer
import ParleyStore
import ParleySync
import ParleyWire
import Synchronization
import Testing

/// The client's defences, against real (honest or hostile) servers on 127.0.0.1.
extension AttackTests {
    /// A hostile server: `GET /v1/server` names `key`; `pull` answers with `stream`.
    static func hostileServer(key: SigningKey = F.serverKey, pull stream: @escaping @Sendable () throws -> [UInt8]) -> some ApplicationProtocol {
        let router = Router()
        let info = try! WireJSON.encode(ServerInfo(key: key.publicKey, limits: .init(maxBodyBytes: 1 << 20, maxEnvelopeBytes: 1 << 16, maxBatch: 100)))
        router.get("v1/server") { _, _ in Response(status: .ok, body: .init(byteBuffer: ByteBuffer(bytes: info))) }
        router.post("v1/exchanges/:exchange/pull") { _, _ in
            Response(status: .ok, body: .init(byteBuffer: ByteBuffer(bytes: try stream())))
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }

    /// A pull stream of `envelopes` with an honest header and end line for the log `log`.
    static func pullStream(_ log: [SignedEnvelope], sending envelopes: [SignedEnvelope], count: Int? = nil) throws -> [UInt8] {
        let exchange = ExchangeID(genesis: log[0].id)
        let checkpoint = try F.checkpoint(exchange, log.map(\.id), at: Int((Date().timeIntervalSince1970 - Double(F.epoch)) / 60))
        var heads: [String: JSONValue] = [:]
        for envelope in log { heads[envelope.envelope.author.hex] = ["seq": .number(Double(envelope.envelope.seq)), "id": .string(envelope.id.hex)] }
        let announced = count ?? envelopes.count
        let header: JSONValue = [
            "size": .number(Double(log.count)), "heads": .object(heads), "count": .number(Double(announced)),
            "checkpoint": checkpoint.json, "consistency": [],
        ]
        var bytes = try CanonicalJSON.encode(header) + [0x0A]
        for envelope in envelopes { bytes += envelope.wireBytes + [0x0A] }
        bytes += try CanonicalJSON.encode(["end": ["count": .number(Double(announced))]]) + [0x0A]
        return bytes
    }

    /// Defence: the server's current checkpoint must be younger than the client's limit
    /// (`CheckpointGossip.maxAge`); a server, or whoever stands between, that keeps showing an
    /// old one is withholding updates.
    @Test func freeze() async throws {
        let (exchange, log, _) = try F.log(count: 2)
        let party = try F.Party(F.hqA)
        _ = try party.party.ingest(log.map(\.wireBytes), exchange: exchange)
        try await F.application().test(.live) { client in
            let url = "http://127.0.0.1:\(client.port!)"
            try await party.sync(exchange, with: url)
            let gossip = { (days: Int64) in
                CheckpointGossip(
                    client: SyncClient(server: url, key: F.hqA), replica: party.replica,
                    clock: { Int64(Date().timeIntervalSince1970) + days * 86_400 }
                )
            }
            let fresh = try await gossip(0).run(exchange, serverKey: F.serverKey.publicKey)
            #expect(fresh.supported)
            await #expect(throws: SyncError(code: .untrustedServer, message: "")) {
                try await gossip(2).run(exchange, serverKey: F.serverKey.publicKey)
            }
        }
    }

    /// Defence: the server's word on the party's own chain is checked. A server that reports
    /// another head for it (an id this replica never signed at that seq) is asked for its copy
    /// of the chain; the copy attaches to this replica's own, so nothing proves a second replica
    /// signing with the key: the sync refuses the server (`untrustedServer`), keeps no evidence,
    /// and the chain is not frozen (the party signs on, and syncs once the server tells the truth).
    @Test func misreportedOwnChain() async throws {
        let (exchange, log, _) = try F.log(count: 2)
        let party = try F.Party(F.hqA)
        _ = try party.party.ingest(log.map(\.wireBytes), exchange: exchange)
        let own = F.hqA.publicKey.keyID
        let lying = Flag()
        let fake = try #require(EnvelopeID(bytes: [UInt8](repeating: 0xEE, count: 32)))
        let store = RiggedStore(store: InMemoryServerStore(), reportedHeads: { log in
            guard lying.isSet, let head = log.heads[own] else { return log }
            var heads = log.heads
            heads[own] = ChainHead(seq: head.seq, id: fake)
            return LogHeads(size: log.size, heads: heads, isErased: log.isErased)
        })
        try await F.application(store: store).test(.live) { client in
            let url = "http://127.0.0.1:\(client.port!)"
            try await party.sync(exchange, with: url)
            lying.set(true)
            do {
                try await party.sync(exchange, with: url)
                Issue.record("a sync believed a server that misreports the party's own chain")
            } catch let error as SyncError {
                #expect(error.code == .untrustedServer, "\(error)")
                #expect(error.message.contains("misreports"), "\(error.message)")
            }
            #expect(try ExchangeEvidence.all(in: party.replica, exchange: exchange).isEmpty, "no proof: there is no fork")
            #expect(try party.party.open(exchange).kept.frozen.isEmpty)
            lying.set(false)
            try party.write(exchange, [F.put(.request, "after")])
            #expect(try await party.sync(exchange, with: url).pushed == 1)
        }
    }

    /// Defence: checkpoint gossip. A server (one key) that shows side A and side B two histories
    /// of one size is caught by B when it relays A's checkpoint, and B keeps the two signed
    /// checkpoints as evidence that anyone can check offline. Through a bundle, likewise; a
    /// bundle's checkpoint that claims the pinned server with another signature is refused with
    /// the whole bundle, and one of an unpinned server is neither trusted nor kept.
    @Test func splitView() async throws {
        let (genesis, _) = F.genesis()
        let exchange = ExchangeID(genesis: genesis.id)
        let a = try F.Party(F.hqA), b = try F.Party(F.hqB)
        _ = try a.party.ingest([genesis.wireBytes], exchange: exchange)
        // Two stores behind one key and one relay: the server answers A from one and B from the other.
        let board = GossipBoard()
        let forA = InMemoryServerStore(), forB = InMemoryServerStore()
        _ = try await forB.createExchange(genesis: genesis)
        try await F.application(store: forA, gossip: board).test(.live) { serverA in
            try await F.application(store: forB, gossip: board).test(.live) { serverB in
                let urlA = "http://127.0.0.1:\(serverA.port!)", urlB = "http://127.0.0.1:\(serverB.port!)"
                try await b.sync(exchange, with: urlB)      // B's log: genesis
                try a.write(exchange, [F.put(.request, "a1")])
                try await a.sync(exchange, with: urlA)      // A's log: genesis, a1; B's size-1 checkpoint fits it
                try b.write(exchange, [F.put(.release, "b1")])
                // B's log: genesis, b1 — the size of A's, another root: the relayed checkpoint gives it away.
                await #expect(throws: SyncError(code: .untrustedServer, message: "")) {
                    try await b.sync(exchange, with: urlB)
                }
                let fromGossip = try ExchangeEvidence.all(in: b.replica, exchange: exchange)
                // The pull path keeps the proof too: B pointed at A's branch (same key) is refused.
                try CheckpointWitness().save(in: b.replica, exchange: exchange)
                await #expect(throws: SyncError(code: .untrustedServer, message: "")) {
                    try await b.sync(exchange, with: urlA)
                }
                #expect(try ExchangeEvidence.all(in: b.replica, exchange: exchange).count == 1)
                try CheckpointWitness(evidence: fromGossip).save(in: b.replica, exchange: exchange)
            }
        }
        let found = try ExchangeEvidence.all(in: b.replica, exchange: exchange)
        guard case let .splitView(key, first, second) = try #require(found.first) else {
            Issue.record("no split view kept")
            return
        }
        #expect(key == F.serverKey.publicKey)
        #expect(first.checkpoint.size == second.checkpoint.size)
        let file = try Evidence(parsing: try found[0].fileBytes())
        #expect(file.flaws().isEmpty)

        // The bundle path: A's checkpoint carried to B by hand is the same proof.
        /// A party holding B's log, the server pinned and B's checkpoint in its ledger.
        func holderOfB() throws -> F.Party {
            let c = try F.Party(F.hqB)
            _ = try c.party.ingest(try b.replica.envelopes(exchange: exchange).map(\.wireBytes), exchange: exchange)
            try c.replica.setMeta(.server(for: exchange), to: "http://server")
            try c.replica.setMeta(.serverKey(for: "http://server"), to: Hex.encode(F.serverKey.publicKey.rawRepresentation))
            try CheckpointLedger([second]).save(in: c.replica, exchange: exchange)
            return c
        }
        let envelopesOfA = try a.replica.envelopes(exchange: exchange)
        /// A bundle of A's log carrying `checkpoints`, written and read back.
        func bundle(_ checkpoints: [SignedCheckpoint]) throws -> ExchangeBundle {
            try ExchangeBundle(reading: try ExchangeBundle(exchange: exchange, envelopes: envelopesOfA, checkpoints: checkpoints).encoded())
        }
        let c = try holderOfB()
        let imported = try BundleImport.run(try bundle([first]), into: c.party)
        #expect(imported.splitViews.count == 1)
        #expect(try ExchangeEvidence.all(in: c.replica, exchange: exchange).contains(Evidence(splitViewOf: key, first, second)))

        // A checkpoint that names the pinned server but is not its signature: the bundle was
        // altered (a forged split view, or one hidden); nothing of it is imported.
        var object = try #require(first.json.objectValue)
        let signature = first.signatureBase64URL
        object["signature"] = .string((signature.hasPrefix("A") ? "B" : "A") + signature.dropFirst())
        let forged = try SignedCheckpoint(json: .object(object))
        let d = try holderOfB()
        let before = try d.replica.envelopeCount()
        #expect(throws: SyncError(code: .untrustedServer, message: "")) {
            try BundleImport.run(try bundle([forged]), into: d.party)
        }
        #expect(try d.replica.envelopeCount() == before)
        #expect(try ExchangeEvidence.all(in: d.replica, exchange: exchange).isEmpty)
        // A checkpoint by a server key the party never pinned cannot be checked: not kept, no
        // evidence; the envelopes are each verified on their own and stored.
        let stranger = try F.checkpoint(exchange, envelopesOfA.map(\.id), key: F.outsider)
        let unchecked = try BundleImport.run(try bundle([stranger]), into: d.party)
        #expect(unchecked.checkpoints == [.unknownServer])
        #expect(unchecked.ingest.added > 0)
        #expect(try CheckpointWitness.stored(in: d.replica, exchange: exchange).seen.isEmpty)
        #expect(try ExchangeEvidence.all(in: d.replica, exchange: exchange).isEmpty)
    }

    /// Defence: a pull that drops, duplicates or cuts off lines stores nothing; a push sent twice
    /// stores once; envelopes in any order are stored by chain. (More:
    /// `FaultRecoveryTests` in ParleyServerTests: a truncated pull, a client stopped mid-pull,
    /// a restarted server.)
    @Test func reorderedDuplicatedDroppedInterruptedSync() async throws {
        let (exchange, log, _) = try F.log(count: 6)
        let streams: [@Sendable () throws -> [UInt8]] = [
            { try Self.pullStream(log, sending: Array(log.dropLast()), count: log.count) },            // dropped
            { try Self.pullStream(log, sending: log + [log[3]], count: log.count) },                    // duplicated
            { Array(try Self.pullStream(log, sending: log).dropLast(40)) },                              // interrupted
        ]
        for stream in streams {
            let party = try F.Party(F.hqB)
            _ = try await Self.hostileServer(pull: stream).test(.live) { client in
                await #expect(throws: SyncError.self) {
                    try await party.sync(exchange, with: "http://127.0.0.1:\(client.port!)")
                }
            }
            #expect(try party.replica.envelopeCount() == 0)
        }
        // Reordered: any order is stored by chain.
        let (_, result) = try F.Party.ingest(log.reversed(), exchange: exchange)
        #expect(result.added == log.count)
        // Duplicated push: stored once.
        try await F.application().test(.live) { client in
            #expect(try await client.signed(.post, "/v1/exchanges", by: F.hqA, body: log[0].wireBytes).status == .created)
            let target = "/v1/exchanges/\(exchange.hex)/envelopes"
            let first = try await client.signed(.post, target, by: F.hqA, body: ndjson(Array(log.dropFirst())))
            let again = try await client.signed(.post, target, by: F.hqA, body: ndjson(Array(log.dropFirst())))
            #expect(first.status == .ok && again.status == .ok)
            let body = try JSONValue(parsing: Array(again.body.readableBytesView))
            #expect(body["accepted"]?.intValue == 0)
            #expect(body["duplicates"]?.intValue == log.count - 1)
            #expect(body["size"]?.intValue == log.count)
        }
    }

    /// Defence: bounded reading everywhere. A line past the limit fails as soon as the limit is
    /// passed (the client never buffers it whole), a bundle may not announce more than its limit,
    /// and the server refuses a body past `max_body_bytes`.
    @Test func endlessData() async throws {
        var splitter = NDJSONLineSplitter(maxLineBytes: 1 << 10)
        #expect(throws: SyncError(code: .tooLarge, message: "")) {
            for _ in 0..<1_000 { _ = try splitter.append([UInt8](repeating: 0x61, count: 512)) }
        }
        let (exchange, log, _) = try F.log(count: 2)
        let header = #"{"checkpoints":[],"count":2000000,"exchange":"\#(exchange.hex)","parley_bundle":1}"# + "\n"
        #expect(throws: SyncError(code: .tooLarge, message: "")) { try ExchangeBundle(reading: Array(header.utf8)) }
        // A pull stream whose line never ends.
        let party = try F.Party(F.hqB)
        _ = try await Self.hostileServer(pull: { [UInt8](repeating: 0x7B, count: 3 << 20) }).test(.live) { client in
            await #expect(throws: SyncError.self) {
                try await party.sync(exchange, with: "http://127.0.0.1:\(client.port!)")
            }
        }
        #expect(try party.replica.envelopeCount() == 0)
        try await F.application(limits: ServerLimits(maxBodyBytes: 4 << 10)).test(.live) { client in
            _ = try await client.signed(.post, "/v1/exchanges", by: F.hqA, body: log[0].wireBytes)
            let big = try await client.signed(.post, "/v1/exchanges/\(exchange.hex)/envelopes", by: F.hqA, body: [UInt8](repeating: 0x20, count: 64 << 10))
            #expect(big.status == .contentTooLarge)
            #expect(big.errorCode == "too_large")
        }
    }

    /// Today the server reads every record field it relays (encryption to the participants is
    /// issue 14). What it cannot do: alter one. A relay that changes a field in a pulled
    /// envelope is caught, and nothing of it is stored.
    @Test func curiousRelay() async throws {
        let (exchange, log, _) = try F.log(count: 2)
        // What the server reads: the record's fields, in clear, in what it stores.
        let store = InMemoryServerStore()
        _ = try await store.createExchange(genesis: log[0])
        _ = try await store.append(Array(log.dropFirst()), to: exchange)
        let stored = try await store.genesis(of: exchange)
        #expect(stored?.id == log[0].id)
        #expect(String(decoding: log[1].wireBytes, as: UTF8.self).contains("\"surname\":\"Synthetic0\""))
        // What it cannot do: alter a field on the way.
        let altered = Array(String(decoding: log[1].wireBytes, as: UTF8.self).replacingOccurrences(of: "Synthetic0", with: "Synthetic9").utf8)
        let party = try F.Party(F.hqB)
        try await Self.hostileServer(pull: {
            var bytes = try Self.pullStream(log, sending: log)
            let text = String(decoding: bytes, as: UTF8.self).replacingOccurrences(
                of: String(decoding: log[1].wireBytes, as: UTF8.self), with: String(decoding: altered, as: UTF8.self)
            )
            bytes = Array(text.utf8)
            return bytes
        }).test(.live) { client in
            _ = try? await party.sync(exchange, with: "http://127.0.0.1:\(client.port!)")
        }
        let held = try party.replica.envelopes(exchange: exchange)
        #expect(!held.contains { $0.wireBytes == altered })
        #expect(!held.contains { $0.envelope.seq >= 2 && $0.envelope.author == F.hqA.publicKey.keyID })
    }
}

/// A switch a test flips while a server it rigged runs.
final class Flag: Sendable {
    private let value = Mutex(false)

    /// Whether it is on.
    var isSet: Bool { value.withLock { $0 } }

    /// Turns it on or off.
    func set(_ on: Bool) {
        value.withLock { $0 = on }
    }
}

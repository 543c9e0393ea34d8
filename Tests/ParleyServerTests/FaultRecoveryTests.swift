import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import ParleyCrypto
import ParleyLog
import ParleyServer
import ParleyStore
import ParleySync
import ParleyWire
import Testing

/// Interruptions: a stream cut short, a client stopped mid-pull, a server restarted between
/// pushes. Nothing half-stored, and the next sync completes.
@Suite struct FaultRecoveryTests {
    typealias F = ServerFixture
    typealias Party = SyncTests.Party

    /// A log of `count` puts by side A's headquarters after the genesis.
    static func log(count: Int) throws -> (ExchangeID, [SignedEnvelope]) {
        var (genesis, signer) = F.genesis()
        let puts = try (0..<count).map { try signer.sign(F.put(.request, "p\($0)", surname: "Synthetic\($0)"), at: F.time(1)) }
        return (signer.exchange, [genesis] + puts)
    }

    @Test func aTruncatedPullStoresNothingAndTheNextSyncCompletes() async throws {
        let (exchange, log) = try Self.log(count: 20)
        // A server that sends a pull's header and half its envelopes, then ends the stream.
        let router = Router()
        let info = try WireJSON.encode(ServerInfo(
            key: F.serverKey.publicKey, limits: .init(maxBodyBytes: 1 << 20, maxEnvelopeBytes: 1 << 16, maxBatch: 100)
        ))
        router.get("v1/server") { _, _ in Response(status: .ok, body: .init(byteBuffer: ByteBuffer(bytes: info))) }
        router.post("v1/exchanges/:exchange/pull") { _, _ in
            let header: JSONValue = ["size": 21, "heads": [:], "count": 21, "checkpoint": [:], "consistency": []]
            var bytes = try CanonicalJSON.encode(header) + [0x0A]
            for envelope in log.prefix(10) { bytes += envelope.wireBytes + [0x0A] }
            return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        }
        let party = try Party(F.ombudsmanB)
        try await Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
            .test(.live) { client in
                let url = "http://127.0.0.1:\(client.port!)"
                await #expect(throws: SyncError.self) {
                    try await party.sync(exchange, with: url)
                }
            }
        #expect(try party.replica.envelopeCount() == 0)

        let store = InMemoryServerStore()
        _ = try await store.createExchange(genesis: log[0])
        _ = try await store.append(Array(log.dropFirst()), to: exchange)
        try await F.application(store: store, clock: nil).test(.live) { client in
            let report = try await party.sync(exchange, with: "http://127.0.0.1:\(client.port!)")
            #expect(report.pulled == 21)
        }
    }

    @Test func aClientStoppedMidPullStoresAllOrNothing() async throws {
        let (exchange, log) = try Self.log(count: 3_000)
        let store = InMemoryServerStore()
        _ = try await store.createExchange(genesis: log[0])
        _ = try await store.append(Array(log.dropFirst()), to: exchange)
        try await F.application(store: store, clock: nil).test(.live) { client in
            let url = "http://127.0.0.1:\(client.port!)"
            let party = try Party(F.ombudsmanB)
            for delay in [5, 20, 60] {
                let sync = Task { try await party.sync(exchange, with: url) }
                try await Task.sleep(for: .milliseconds(delay))
                sync.cancel()
                _ = await sync.result
                let held = try party.replica.envelopeCount()
                #expect(held == 0 || held == log.count, "a pull is stored whole or not at all (held \(held))")
            }
            let report = try await party.sync(exchange, with: url)
            #expect(try party.replica.envelopeCount() == log.count)
            #expect(report.pulled + report.alreadyPresent >= 0)
        }
    }

    @Test func aRestartedServerKeepsWhatItAcknowledged() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-restart-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (exchange, log) = try Self.log(count: 30)
        let a = try Party(F.headquartersA)
        try a.store(Array(log.prefix(11)))

        let first = try SQLiteServerStore.open(directory: folder)
        try await F.application(store: first, clock: nil).test(.live) { client in
            let report = try await a.sync(exchange, with: "http://127.0.0.1:\(client.port!)")
            #expect(report.pushed == 10)
        }
        await first.shutdown()

        // Written offline meanwhile; the server comes back on the same file.
        try a.store(Array(log.dropFirst(11)))
        let second = try SQLiteServerStore.open(directory: folder)
        try await F.application(store: second, clock: nil).test(.live) { client in
            let url = "http://127.0.0.1:\(client.port!)"
            let report = try await a.sync(exchange, with: url)
            #expect(report.pushed == 20, "only what the server lacked was sent")
            let b = try Party(F.ombudsmanB)
            let fetched = try await b.sync(exchange, with: url)
            #expect(fetched.pulled == log.count)
        }
        #expect(try await second.heads(of: exchange).size == log.count)
        await second.shutdown()
    }
}

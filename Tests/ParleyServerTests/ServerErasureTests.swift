import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import ParleyCrypto
import ParleyLog
import ParleyParty
import ParleyServer
import ParleyStore
import ParleySync
import ParleyWire
import Synchronization
import Testing

/// Issue 14 item 6, the server's side of erasure: three parties seal their lists and notes (the
/// story of ``ReplicaErasureTests``), sync through a live server on SQLite (and on PostgreSQL when
/// `PARLEY_TEST_POSTGRES_URL` is set), sign a manifest, and erase one after another. The server
/// keeps every envelope while one participant has not erased; once the last `exchange.erase`
/// arrives it drops every envelope that carries something sealed, keeps the signed skeleton, and
/// answers `410 exchange_erased` from then on. Synthetic data.
@Suite struct ServerErasureTests {
    typealias F = ServerFixture

    @Test(arguments: SealedStoreTests.backends)
    func theServerDropsTheSealedEnvelopesOnceEveryParticipantErased(backend: String) async throws {
        let story = try ReplicaErasureTests.Story()
        defer { try? FileManager.default.removeItem(at: story.folder) }
        let directory = story.folder.appendingPathComponent("server")
        let postgresURL = ProcessInfo.processInfo.environment["PARLEY_TEST_POSTGRES_URL"] ?? ""
        let store: any ServerStore = backend == "postgres"
            ? try await PostgresServerStore.connect(url: postgresURL, logger: Logger(label: "parley.erasure.test"))
            : try SQLiteServerStore.open(directory: directory.path)
        let exchange = story.exchange
        // What the server must drop: every list entry of the story, as signed (sealed).
        let sealed = try story.a.replica.envelopes(exchange: exchange).filter { !$0.envelope.operation.isKeptWhenErased }
        #expect(sealed.contains { if case .putEntry = $0.envelope.operation { true } else { false } })

        try await F.application(store: store, clock: nil).test(.live) { client in
            let url = "http://127.0.0.1:\(client.port!)"
            @discardableResult
            func sync(_ party: Party) async throws -> Synchronizer.Report {
                let synchronizer = Synchronizer(client: SyncClient(server: url, key: party.key!), party: party)
                let report = try await synchronizer.sync(exchange, server: try await synchronizer.connect())
                #expect(report.refused == 0)
                return report
            }
            for party in story.all { try await sync(party) }
            try story.finalize()
            for party in story.all { try await sync(party) }
            let size = try await store.heads(of: exchange).size
            // Side A's second device, or its home restored from a backup made now: it will hold
            // no erasure by A.
            let copyOfA = Party(replica: try Replica.inMemory(), key: F.headquartersA)
            _ = try copyOfA.ingest(try story.a.replica.envelopes(exchange: exchange).map(\.wireBytes), exchange: exchange)

            // Two of three erase: the server keeps everything.
            _ = try story.a.erase(exchange, at: F.time(30))
            try await sync(story.a)
            _ = try story.b.erase(exchange, at: F.time(31))
            try await sync(story.b)
            try await sync(story.m)
            try await Task.sleep(for: .milliseconds(500))
            let notYet = try await store.heads(of: exchange)
            #expect(!notYet.isErased && notYet.size == size + 2)
            #expect(try await store.existing(sealed.map(\.id), in: exchange).count == sealed.count)

            // The last one erases: the server drops what is sealed, once it has checked the log.
            _ = try story.m.erase(exchange, at: F.time(32))
            try await sync(story.m)
            var erased = false
            for _ in 0..<200 where !erased {
                erased = try await store.heads(of: exchange).isErased
                if !erased { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(erased, "the server drops the exchange after the last erasure")
            let kept = try await store.pages(of: exchange, size: size + 3).map { try SignedEnvelope(parsing: $0.bytes) }
            #expect(!kept.isEmpty && kept.allSatisfy(\.envelope.operation.isKeptWhenErased))
            #expect(kept.filter { if case .eraseExchange = $0.envelope.operation { true } else { false } }.count == 3)
            #expect(kept.contains { $0.id == exchange.genesis })
            #expect(try await store.existing(sealed.map(\.id), in: exchange).isEmpty)

            // Every participant is told so, and nothing more is taken.
            for party in story.all {
                do {
                    try await sync(party)
                    Issue.record("a sync of an erased exchange succeeded")
                } catch let error as SyncError {
                    #expect(error.refusal == .exchangeErased && error.message.contains("nothing is left to sync"), "\(error)")
                }
            }
            // A replica that holds no erasure of its own party does not take the server's word.
            do {
                try await sync(copyOfA)
                Issue.record("a copy without A's erasure believed the server")
            } catch let error as SyncError {
                #expect(error.code == .untrustedServer && error.message.contains("erase this copy too"), "\(error)")
            }
            // An empty replica cannot fetch it again.
            do {
                try await sync(Party(replica: try Replica.inMemory(), key: F.ombudsmanB))
                Issue.record("an erased exchange was fetched")
            } catch let error as SyncError {
                #expect(error.code == .refused && error.refusal == nil && error.message.contains("cannot be fetched"), "\(error)")
            }
            // A long poll is answered at once.
            let started = ContinuousClock.now
            do {
                _ = try await SyncClient(server: url, key: F.mediator).wait(exchange, beyond: size, timeout: 4)
                Issue.record("a long poll of an erased exchange was answered as if it were not")
            } catch let error as SyncError {
                #expect(error.refusal == .exchangeErased, "\(error)")
            }
            #expect(ContinuousClock.now - started < .seconds(3))
        }

        // Not a byte of a dropped envelope is left in the store.
        await store.shutdown()
        let held = backend == "postgres" ? try SealedStoreTests.dump(postgresURL) : try SealedStoreTests.files(under: directory)
        let haystack = Data(held)
        #expect(held.count > 1_000)
        for envelope in sealed {
            #expect(haystack.range(of: Data(envelope.wireBytes)) == nil && haystack.range(of: Data(Hex.encode(envelope.wireBytes).utf8)) == nil)
        }
    }
}

extension ServerStore {
    /// Every stored envelope of `exchange` below `size`, as a pull reads them.
    fileprivate func pages(of exchange: ExchangeID, size: Int) async throws -> [StoredWire] {
        let collected = Mutex<[StoredWire]>([])
        try await envelopes(of: exchange, after: [:], size: size, pageSize: 256) { page in
            collected.withLock { $0 += page }
        }
        return collected.withLock { $0 }
    }
}

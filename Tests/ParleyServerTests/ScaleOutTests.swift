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

/// Two server processes on one database (two applications, each with its own store on the same
/// SQLite file or PostgreSQL database, as two processes behind one address have): a long poll
/// on one wakes for a push through the other, and an exchange created through one is known to
/// the other, keys included, without a restart. On PostgreSQL the wake-up comes from
/// `LISTEN`/`NOTIFY` (the long poll does not re-read the store); on SQLite from re-reading the
/// heads every second.
@Suite struct ScaleOutTests {
    enum Backend: String, CaseIterable, Sendable {
        case sqlite, postgres
    }

    /// The backends: PostgreSQL only when `PARLEY_TEST_POSTGRES_URL` names a database.
    static var backends: [Backend] {
        let url = ProcessInfo.processInfo.environment["PARLEY_TEST_POSTGRES_URL"] ?? ""
        return url.isEmpty ? [.sqlite] : Backend.allCases
    }

    /// Two stores on one database, the first of them migrated.
    private static func stores(_ backend: Backend, in directory: String) async throws -> (any ServerStore, any ServerStore) {
        switch backend {
        case .sqlite:
            return (try SQLiteServerStore.open(directory: directory), try SQLiteServerStore.open(directory: directory))
        case .postgres:
            let url = try #require(ProcessInfo.processInfo.environment["PARLEY_TEST_POSTGRES_URL"])
            let logger = Logger(label: "parley.scale-out.test")
            return (try await PostgresServerStore.connect(url: url, logger: logger), try await PostgresServerStore.connect(url: url, logger: logger))
        }
    }

    @Test(arguments: backends) func aLongPollOnOneProcessWakesForAPushThroughAnother(_ backend: Backend) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parley-scale-out-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (first, second) = try await Self.stores(backend, in: directory)
        #expect(first.announcesAppends == (backend == .postgres))
        let (genesis, signer) = ServerFixture.freshGenesis()
        let exchange = ExchangeID(genesis: genesis.id)
        var signerA = signer
        let put = try signerA.sign(ServerFixture.put(.request, "P1", surname: "Testenko"), at: ServerFixture.time(1))
        // A minute's wait, so that a wake on a loaded machine (every suite at once on two cores)
        // is told apart from the timeout by a wide margin.
        try await LiveServer.application(store: first, longestWait: .seconds(60)).test(.live) { one in
            try await LiveServer.application(store: second, longestWait: .seconds(60)).test(.live) { other in
                let a = SyncClient(server: "http://127.0.0.1:\(one.port!)", key: ServerFixture.headquartersA, retryBudget: .zero)
                let mediator = SyncClient(server: "http://127.0.0.1:\(other.port!)", key: ServerFixture.mediator, retryBudget: .zero)
                #expect(try await a.register(genesis: genesis))
                // The mediator, on the other process, knows the exchange and its keys at once.
                let heads = try await mediator.heads(of: exchange)
                #expect(heads.size == 1)

                // A long poll on the other process, then a push through the first.
                let started = ContinuousClock.now
                async let woken = mediator.wait(exchange, beyond: 1, timeout: 60)
                try await Task.sleep(for: .milliseconds(500))
                #expect(try await a.push([put], to: exchange).accepted == 1)
                #expect(try await woken == 2, "the wait ends with the size the other process made, not at its timeout with the old one")
                #expect(ContinuousClock.now - started < .seconds(45))
            }
        }
        await first.shutdown()
        await second.shutdown()
    }

    @Test(arguments: backends) func anExchangeCreatedThroughOneProcessAdmitsItsParticipantsAtAnother(_ backend: Backend) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parley-scale-out-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (first, second) = try await Self.stores(backend, in: directory)
        var random = SystemRandomNumberGenerator()
        let (genesis, _) = ServerFixture.freshGenesis()
        // A second exchange names a key no exchange held before: the "outsider" as side B.
        let later = CreateExchange(
            nonce: CreateExchange.randomNonce(using: &random), title: "Synthetic exchange, later",
            participants: [ServerFixture.participants[0], ServerFixture.participants[2],
                           Participant(publicKey: ServerFixture.outsider.publicKey, role: .headquarters, side: .b, name: "Side B headquarters")]
        )
        let (laterGenesis, _) = try EnvelopeSigner.createExchange(later, key: ServerFixture.headquartersA, at: ServerFixture.time(0))
        try await LiveServer.application(store: first).test(.live) { one in
            try await LiveServer.application(store: second).test(.live) { other in
                let a = SyncClient(server: "http://127.0.0.1:\(one.port!)", key: ServerFixture.headquartersA, retryBudget: .zero)
                let mediator = SyncClient(server: "http://127.0.0.1:\(other.port!)", key: ServerFixture.mediator, retryBudget: .zero)
                let newcomer = SyncClient(server: "http://127.0.0.1:\(other.port!)", key: ServerFixture.outsider, retryBudget: .zero)
                #expect(try await a.register(genesis: genesis))
                // The other process loads every exchange it holds to find the mediator's key.
                _ = try await mediator.heads(of: ExchangeID(genesis: genesis.id))
                #expect(try await a.register(genesis: laterGenesis))
                // The outsider is a participant now; the other process finds its key without a restart.
                var size: Int?
                for _ in 0..<20 where size == nil {
                    size = try? await newcomer.heads(of: ExchangeID(genesis: laterGenesis.id)).size
                    if size == nil { try await Task.sleep(for: .milliseconds(500)) }
                }
                #expect(size == 1, "the other process admits a participant of an exchange created through the first")
            }
        }
        await first.shutdown()
        await second.shutdown()
    }
}

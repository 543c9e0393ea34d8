import Foundation
import Logging
import ParleyCrypto
import ParleyLog
@testable import ParleyStore
import Testing

/// The server store backends every test of ``ServerStoreTests`` runs against.
enum ServerBackend: String, CaseIterable, CustomStringConvertible, Sendable {
    case sqlite
    case postgres
    case memory

    var description: String { rawValue }

    /// The environment variable naming the Postgres database for the Postgres runs
    /// (`scripts/postgres-test.sh start` prints it).
    static let postgresURLVariable = "PARLEY_TEST_POSTGRES_URL"

    /// The Postgres URL, if the environment gives one.
    static var postgresURL: String? {
        ProcessInfo.processInfo.environment[postgresURLVariable].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The backends the tests run against: Postgres only with a URL. Its absence is reported by
    /// ``ServerStoreTests/postgresRunsAreEnabled()``, which shows as skipped.
    static var enabled: [ServerBackend] {
        allCases.filter { $0 != .postgres || postgresURL != nil }
    }

    /// The enabled backends that keep their data in a database.
    static var persistent: [ServerBackend] {
        enabled.filter { $0 != .memory }
    }

    /// A new store of this kind: an empty file in `directory`, an empty actor, or the shared test
    /// database (tests tell their data apart by fresh exchange ids).
    ///
    /// Without `PARLEY_TEST_POSTGRES_URL` the Postgres case is cancelled (``enabled`` leaves it
    /// out, so this happens only if a test lists it by hand).
    func open(in directory: TemporaryDirectory) async throws -> any ServerStore {
        switch self {
        case .sqlite:
            return try SQLiteServerStore.open(directory: directory.path("data"))
        case .memory:
            return InMemoryServerStore()
        case .postgres:
            guard let url = Self.postgresURL else {
                try Test.cancel("\(Self.postgresURLVariable) is not set: Postgres skipped (scripts/postgres-test.sh start)")
            }
            return try await PostgresServerStore.connect(url: url, logger: Logger(label: "parley.store.tests"))
        }
    }
}

/// Exchanges with fresh ids (a random nonce) and chains to append to them; all data is synthetic.
struct ServerExchange {
    var id: ExchangeID
    var genesis: SignedEnvelope
    var signers: [KeyID: EnvelopeSigner]
    var minute = 1

    /// A new exchange created by side A's headquarters.
    init() {
        var random = SystemRandomNumberGenerator()
        let create = CreateExchange(
            nonce: CreateExchange.randomNonce(using: &random), title: "Synthetic server exchange",
            terms: ["counts": ["A": 2, "B": 2]], participants: StoreFixture.participants
        )
        let (genesis, signer) = try! EnvelopeSigner.createExchange(create, key: StoreFixture.headquartersA, at: StoreFixture.time(0))
        self.id = ExchangeID(genesis: genesis.id)
        self.genesis = genesis
        self.signers = [StoreFixture.headquartersA.publicKey.keyID: signer]
    }

    /// The next `count` envelopes of `key`'s chain.
    mutating func sign(_ count: Int, by key: SigningKey) -> [SignedEnvelope] {
        let author = key.publicKey.keyID
        var signer = signers[author] ?? EnvelopeSigner(key: key, exchange: id, head: nil)
        var envelopes: [SignedEnvelope] = []
        for _ in 0..<count {
            minute += 1
            envelopes.append(try! signer.sign(
                StoreFixture.put(.request, "e-\(minute)", surname: "Testenko"), at: StoreFixture.time(minute)
            ))
        }
        signers[author] = signer
        return envelopes
    }

    /// An envelope of `key` that claims `head` as its predecessor, whatever the chain holds.
    mutating func sign(by key: SigningKey, after head: ChainHead?) -> SignedEnvelope {
        var signer = EnvelopeSigner(key: key, exchange: id, head: head)
        minute += 1
        return try! signer.sign(StoreFixture.put(.request, "x-\(minute)", surname: "Forkenko"), at: StoreFixture.time(minute))
    }
}

extension ServerStore {
    /// The migrations the store records, for the backends that have them.
    func recordedMigrations() async throws -> [String]? {
        switch self {
        case let store as SQLiteServerStore: try await store.appliedMigrations()
        case let store as PostgresServerStore: try await store.appliedMigrations()
        default: nil
        }
    }

    /// Every envelope the pull read gives, page by page.
    func pages(
        of exchange: ExchangeID, after have: [KeyID: Int] = [:], size: Int, pageSize: Int
    ) async throws -> [[StoredWire]] {
        let collected = Collected()
        try await envelopes(of: exchange, after: have, size: size, pageSize: pageSize) { page in
            await collected.add(page)
        }
        return await collected.pages
    }
}

/// Pages gathered from a `@Sendable` callback.
private actor Collected {
    var pages: [[StoredWire]] = []

    func add(_ page: [StoredWire]) {
        pages.append(page)
    }
}

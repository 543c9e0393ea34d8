import ParleyWire
import ParleyCrypto
import ParleyLog
import ParleyStore
import Logging

/// The exchanges a server holds, each as an ``ExchangeLog`` loaded on first use.
actor ExchangeLogs {
    private let store: any ServerStore
    private let key: SigningKey
    private let clock: @Sendable () -> Int64
    private let logger: Logger
    private var logs: [ExchangeID: ExchangeLog] = [:]
    /// When every exchange the store held was last loaded (nil: not since the last exchange
    /// another process announced).
    private var loadedAll: ContinuousClock.Instant?
    /// How often a key no loaded exchange names may make the store's exchanges be listed again:
    /// another process sharing a store that does not announce may have created one since.
    private static let reloadInterval: Duration = .seconds(2)

    init(store: any ServerStore, key: SigningKey, clock: @escaping @Sendable () -> Int64, logger: Logger) {
        self.store = store
        self.key = key
        self.clock = clock
        self.logger = logger
    }

    /// The log of `exchange`.
    ///
    /// - Throws: ``ServerError`` `unknown_exchange` if the store does not hold it.
    func log(_ exchange: ExchangeID) async throws(ServerError) -> ExchangeLog {
        if let log = logs[exchange] { return log }
        let genesis: SignedEnvelope?
        do {
            genesis = try await store.genesis(of: exchange)
        } catch {
            throw ServerError(storing: error)
        }
        guard let genesis, case let .createExchange(create) = genesis.envelope.operation else {
            throw ServerError(.unknownExchange, "this server holds no exchange with that id")
        }
        return install(exchange, create)
    }

    /// Registers an exchange by its genesis, which the caller has verified.
    ///
    /// - Returns: `true` if the exchange is new.
    func create(_ genesis: SignedEnvelope, _ create: CreateExchange) async throws(ServerError) -> Bool {
        let exchange = ExchangeID(genesis: genesis.id)
        let created: Bool
        do {
            created = try await store.createExchange(genesis: genesis)
        } catch {
            throw ServerError(storing: error)
        }
        _ = install(exchange, create)
        return created
    }

    /// The public key of `keyID` if it is a participant's identity key in force in an exchange
    /// held: whom the server can authenticate besides the admitted keys. A key a rotation or a
    /// revocation replaced authenticates no request.
    func participantKey(_ keyID: KeyID) async throws(ServerError) -> PublicKey? {
        if loadedAll == nil { try await loadAll() }
        if let key = try await loadedKey(keyID) { return key }
        // Not found: another process may have created an exchange that names it since. A store
        // that announces appends has said so already; any other is listed again, not more often
        // than every two seconds however many unknown keys ask.
        guard !store.announcesAppends, let loaded = loadedAll, ContinuousClock.now - loaded >= Self.reloadInterval else { return nil }
        try await loadAll()
        return try await loadedKey(keyID)
    }

    /// The key of `keyID` in a loaded exchange, if one names it.
    private func loadedKey(_ keyID: KeyID) async throws(ServerError) -> PublicKey? {
        for log in logs.values {
            if let key = try await log.identityKey(keyID) { return key }
        }
        return nil
    }

    /// Loads every exchange the store holds.
    private func loadAll() async throws(ServerError) {
        let now = ContinuousClock.now
        let exchanges: [ExchangeID]
        do {
            exchanges = try await store.exchanges()
        } catch {
            throw ServerError(storing: error)
        }
        for exchange in exchanges {
            _ = try await log(exchange)
        }
        loadedAll = now
    }

    /// What the store announced: `exchange` grew, or is new, through some process. A loaded log
    /// reads what was appended (waking its long polls); an exchange not loaded is loaded on first
    /// use, and the keys it names are looked for again.
    func appended(_ exchange: ExchangeID) async {
        if let log = logs[exchange] {
            _ = try? await log.snapshot()
        } else {
            loadedAll = nil
        }
    }

    /// Brings every loaded log up to what the store holds (after announcements may have been missed).
    func catchUpAll() async {
        for log in logs.values { _ = try? await log.snapshot() }
        loadedAll = nil
    }

    /// Releases every long poll of every exchange.
    func releaseAll() async {
        for log in logs.values { await log.releaseAll() }
    }

    private func install(_ exchange: ExchangeID, _ create: CreateExchange) -> ExchangeLog {
        if let log = logs[exchange] { return log }
        let log = ExchangeLog(exchange: exchange, create: create, store: store, key: key, clock: clock, logger: logger)
        logs[exchange] = log
        return log
    }
}

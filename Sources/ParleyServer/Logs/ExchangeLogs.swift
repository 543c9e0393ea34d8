import ParleyWire
import ParleyCrypto
import ParleyLog
import ParleyStore

/// The exchanges a server holds, each as an ``ExchangeLog`` loaded on first use.
actor ExchangeLogs {
    private let store: any ServerStore
    private let key: SigningKey
    private let clock: @Sendable () -> Int64
    private var logs: [ExchangeID: ExchangeLog] = [:]
    /// Whether every exchange the store holds is loaded.
    private var loadedAll = false

    init(store: any ServerStore, key: SigningKey, clock: @escaping @Sendable () -> Int64) {
        self.store = store
        self.key = key
        self.clock = clock
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
        if !loadedAll {
            let exchanges: [ExchangeID]
            do {
                exchanges = try await store.exchanges()
            } catch {
                throw ServerError(storing: error)
            }
            for exchange in exchanges {
                _ = try await log(exchange)
            }
            loadedAll = true
        }
        for log in logs.values {
            if let key = try await log.identityKey(keyID) { return key }
        }
        return nil
    }

    /// Releases every long poll of every exchange.
    func releaseAll() async {
        for log in logs.values { await log.releaseAll() }
    }

    private func install(_ exchange: ExchangeID, _ create: CreateExchange) -> ExchangeLog {
        if let log = logs[exchange] { return log }
        let log = ExchangeLog(exchange: exchange, create: create, store: store, key: key, clock: clock)
        logs[exchange] = log
        return log
    }
}

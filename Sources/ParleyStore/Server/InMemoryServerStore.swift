public import ParleyCrypto
public import ParleyLog

/// A ``ServerStore`` in memory, gone with the value: for tests. Same rules as the database
/// backends (it makes the same ``AppendPlan``); the actor serializes every call, so each append is
/// all or nothing.
public actor InMemoryServerStore: ServerStore {
    /// One exchange's log.
    private struct Log {
        var envelopes: [SignedEnvelope]
        var heads: [KeyID: ChainHead]
        var positions: [EnvelopeID: Int]
        var chains: [KeyID: [Int]]
        /// Positions dropped when the exchange was erased.
        var dropped: Set<Int> = []
        var isErased = false

        var current: LogHeads { LogHeads(size: envelopes.count, heads: heads, isErased: isErased) }
    }

    private var logs: [ExchangeID: Log] = [:]
    private var isShutDown = false

    /// An empty store.
    public init() {}

    /// Registers an exchange by its genesis, at position 0 of its log.
    public func createExchange(genesis: SignedEnvelope) throws(StoreError) -> Bool {
        try checkOpen()
        let exchange = try ServerStoreRules.exchange(created: genesis)
        guard logs[exchange] == nil else { return false }
        let author = genesis.envelope.author
        logs[exchange] = Log(
            envelopes: [genesis], heads: [author: ChainHead(seq: 1, id: genesis.id)], positions: [genesis.id: 0],
            chains: [author: [0]]
        )
        return true
    }

    /// The genesis of `exchange`, or `nil` if the store does not hold it.
    public func genesis(of exchange: ExchangeID) throws(StoreError) -> SignedEnvelope? {
        try checkOpen()
        return logs[exchange]?.envelopes.first
    }

    /// Every exchange held.
    public func exchanges() throws(StoreError) -> [ExchangeID] {
        try checkOpen()
        return Array(logs.keys)
    }

    /// The log's size and every author's last envelope.
    public func heads(of exchange: ExchangeID) throws(StoreError) -> LogHeads {
        try storedLog(of: exchange).current
    }

    /// Which of `ids` the exchange's log holds.
    public func existing(_ ids: [EnvelopeID], in exchange: ExchangeID) throws(StoreError) -> Set<EnvelopeID> {
        try checkOpen()
        guard let log = logs[exchange] else { return [] }
        return Set(ids.filter { log.positions[$0] != nil })
    }

    /// The id stored at (`author`, `seq`), if any.
    public func envelopeID(in exchange: ExchangeID, author: KeyID, seq: Int) throws(StoreError) -> EnvelopeID? {
        try checkOpen()
        guard let log = logs[exchange], let chain = log.chains[author], seq >= 1, seq <= chain.count else { return nil }
        return log.envelopes[chain[seq - 1]].id
    }

    /// Appends envelopes all or nothing, after checking every chain rule.
    public func append(_ envelopes: [SignedEnvelope], to exchange: ExchangeID) throws(StoreError) -> ServerAppendResult {
        var log = try storedLog(of: exchange)
        if log.isErased { throw ServerStoreRules.erased(exchange, in: "the in-memory server store") }
        let stored = Set(AppendPlan.possiblyStored(envelopes, heads: log.heads).filter { log.positions[$0] != nil })
        let plan = try AppendPlan(appending: envelopes, to: exchange, log: log.current, stored: stored)
        let parsed = Dictionary(envelopes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for row in plan.rows {
            guard let signed = parsed[row.id] else { continue }
            log.envelopes.append(signed)
            log.positions[row.id] = row.position
            log.chains[row.author, default: []].append(row.position)
        }
        log.heads = plan.log.heads
        logs[exchange] = log
        return plan.result
    }

    /// Reads the envelopes a client lacks in pages, author by author in key id order.
    public func envelopes(
        of exchange: ExchangeID, after have: [KeyID: Int], size: Int, pageSize: Int,
        _ page: @Sendable ([StoredWire]) async throws -> Void
    ) async throws {
        // Copied out first: the actor must not be re-entered half-way through a page.
        guard let log = logs[exchange] else {
            try checkOpen()
            return
        }
        var wires: [StoredWire] = []
        for author in log.chains.keys.sorted() {
            for position in log.chains[author] ?? [] where position < size && !log.dropped.contains(position) {
                let envelope = log.envelopes[position]
                guard envelope.envelope.seq > have[author] ?? 0 else { continue }
                wires.append(StoredWire(author: author, seq: envelope.envelope.seq, bytes: envelope.wireBytes))
            }
        }
        var pages = StoredWirePages(size: pageSize)
        for wire in wires {
            if let full = pages.add(wire) { try await page(full) }
        }
        if let last = pages.finish() { try await page(last) }
    }

    /// The ids at positions `range`, in position order; positions past the log's end, or
    /// dropped, are left out.
    public func leaves(of exchange: ExchangeID, in range: Range<Int>) throws(StoreError) -> [EnvelopeID] {
        try checkOpen()
        guard let log = logs[exchange] else { return [] }
        let clamped = range.clamped(to: 0..<log.envelopes.count)
        return clamped.filter { !log.dropped.contains($0) }.map { log.envelopes[$0].id }
    }

    /// Stops serving every envelope of `exchange` but `keeping` (a test store: it drops them from
    /// its indexes) and marks it erased.
    public func erase(_ exchange: ExchangeID, keeping: Set<EnvelopeID>, ifSize size: Int) throws(StoreError) -> Int {
        var log = try storedLog(of: exchange)
        if log.isErased { return 0 }
        guard log.envelopes.count == size else { throw ServerStoreRules.grown(exchange, verified: size, in: "the in-memory server store") }
        log.isErased = true
        var dropped = 0
        for (position, envelope) in log.envelopes.enumerated() where !keeping.contains(envelope.id) {
            log.dropped.insert(position)
            log.positions[envelope.id] = nil
            dropped += 1
        }
        logs[exchange] = log
        return dropped
    }

    /// Forgets everything; later calls fail with ``StoreError/Code/unavailable``.
    public func shutdown() {
        logs = [:]
        isShutDown = true
    }

    private func storedLog(of exchange: ExchangeID) throws(StoreError) -> Log {
        try checkOpen()
        guard let log = logs[exchange] else {
            throw StoreError(code: .notFound, message: "the in-memory server store holds no exchange \(exchange)")
        }
        return log
    }

    private func checkOpen() throws(StoreError) {
        if isShutDown {
            throw StoreError(code: .unavailable, message: "the in-memory server store has been shut down")
        }
    }
}

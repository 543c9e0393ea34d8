import ParleyWire
import ParleyCrypto
import ParleyLog
import ParleyStore
import Synchronization
import Logging

/// One exchange's log as the server keeps it: the participants from its genesis, the Merkle tree
/// over its envelopes for checkpoints, and the long polls waiting for it to grow.
///
/// An actor because appends must be checked against the chain heads and stored one after
/// another: the store re-checks each chain inside its transaction, and this actor makes sure that
/// pushes to one exchange from one server do not race each other into that check. Pushes to
/// different exchanges run in parallel.
actor ExchangeLog {
    /// The exchange.
    let exchange: ExchangeID
    /// Its participants by key id, from the genesis.
    let participants: [KeyID: Participant]
    /// Checks pushed envelopes: their signatures outside the actor, then the chain inside it.
    private nonisolated let chain: ChainExtension
    let store: any ServerStore
    private let key: SigningKey
    private let clock: @Sendable () -> Int64
    /// Where the server's own lines go (an erasure's drop; never a record's contents).
    private let logger: Logger
    /// The Merkle tree over the first `merkle.count` envelopes of the log.
    private var merkle: MerkleLog
    private var latest: SignedCheckpoint?
    private var waiters: [Int: (size: Int, continuation: CheckedContinuation<Int, Never>)] = [:]
    /// The keys in force of the chains with a key operation, once read (`ExchangeLog+Keys.swift`).
    var loadedKeys: [KeyID: ChainKeys]?
    private var nextWaiter = 0
    /// Whether the server is shutting down: long polls answer at once from then on.
    private(set) var isReleased = false
    /// Whether every participant erased the exchange and its sealed envelopes were dropped (by
    /// this process or another on the same database): nothing is read or appended any more.
    private(set) var isErased = false
    /// Whether a check of the erasures is running, and whether another erasure arrived during it.
    private var erasureCheck: (running: Bool, again: Bool) = (false, false)
    /// When the whole log was last verified for its erasures.
    private var lastFullErasureCheck: ContinuousClock.Instant?

    init(
        exchange: ExchangeID, create: CreateExchange, store: any ServerStore, key: SigningKey,
        clock: @escaping @Sendable () -> Int64, logger: Logger
    ) {
        self.logger = logger
        self.exchange = exchange
        self.chain = ChainExtension(exchange: exchange, create: create)
        self.participants = chain.participants
        self.store = store
        self.key = key
        self.clock = clock
        self.merkle = MerkleLog()
    }

    /// The log's size and heads now, with the Merkle tree brought up to that size.
    ///
    /// - Throws: ``StoreError/Code/erased`` once every participant erased the exchange and its
    ///   sealed envelopes were dropped.
    func snapshot() async throws(StoreError) -> LogHeads {
        let log = try await store.heads(of: exchange)
        guard !log.isErased else {
            markErased()
            throw StoreError(code: .erased, message: "every participant erased exchange \(exchange) and the server dropped its records")
        }
        try await catchUp(to: log.size)
        return log
    }

    /// ``snapshot()``, with a store failure as the server's error.
    func snapshotOrError() async throws(ServerError) -> LogHeads {
        do {
            return try await snapshot()
        } catch {
            throw ServerError(storing: error)
        }
    }

    /// Reads the leaves other writers (another server process on the same database) appended.
    private func catchUp(to size: Int) async throws(StoreError) {
        guard size > merkle.count else { return }
        let leaves = try await store.leaves(of: exchange, in: merkle.count..<size)
        for leaf in leaves { merkle.append(leaf) }
        notifyWaiters()
    }

    /// A checkpoint of the log at `size`, signed by the server, and the consistency proof from
    /// `from` to `size` (empty without `from`).
    func checkpoint(size: Int, from: Int?) throws(ServerError) -> (SignedCheckpoint, [[UInt8]]) {
        guard let root = merkle.root(size: size) else { throw ServerError(.internal, "the log is not loaded to that size") }
        let signed: SignedCheckpoint
        if let latest, latest.checkpoint.size == size {
            signed = latest
        } else {
            let checkpoint = Checkpoint(
                exchange: exchange, size: size, root: root, timestamp: Timestamp(secondsSince1970: clock()),
                server: key.publicKey.keyID
            )
            do {
                signed = try SignedCheckpoint(signing: checkpoint, with: key)
            } catch {
                throw ServerError(.internal, "the server could not sign a checkpoint")
            }
            if size == merkle.count { latest = signed }
        }
        var proof: [[UInt8]] = []
        if let from {
            guard let consistency = merkle.consistencyProof(from: from, to: size) else {
                throw ServerError(.malformedRequest, "`from` must be a log size between 0 and \(size)")
            }
            proof = consistency
        }
        return (signed, proof)
    }

    /// Verifies a batch against the chain heads and appends what is new, all or nothing.
    ///
    /// Every envelope the log lacks is checked as ``ChainExtension`` does: exchange, author,
    /// signature, chain, role. Envelopes already stored are duplicates. The signatures, the
    /// costly part, are checked on every core before the push queues for this exchange's actor;
    /// inside it only the chain is checked against the heads, so pushes to one exchange wait for
    /// each other's appends, not for each other's signatures.
    ///
    /// - Parameter batch: Envelopes in push order.
    /// - Returns: The store's result, with the duplicates counted.
    /// - Throws: ``ServerError`` naming the first envelope (by its index in `batch`) that is
    ///   refused; nothing is stored then.
    nonisolated func append(_ batch: [SignedEnvelope]) async throws(ServerError) -> ServerAppendResult {
        let signatures = chain.signatures(of: batch, keys: try await chainKeysOrError())
        return try await append(batch, signatures: signatures)
    }

    /// ``append(_:)`` once the signatures are checked.
    private func append(_ batch: [SignedEnvelope], signatures: SignatureCheck) async throws(ServerError) -> ServerAppendResult {
        do {
            let log = try await snapshot()
            let known = try await store.existing(batch.map(\.id), in: exchange)
            let fresh = batch.enumerated().filter { !known.contains($0.element.id) }
            let report = chain.verify(fresh.map(\.element), signatures: signatures, heads: log.heads, keys: try await chainKeys())
            if let (position, reasons) = report.rejections.min(by: { $0.key < $1.key }), let reason = reasons.first {
                let (index, envelope) = fresh[position]
                var error = ServerError(for: reason, index: index, envelope: envelope.envelope)
                if reason == .equivocation,
                   let stored = try await store.envelopeID(in: exchange, author: envelope.envelope.author, seq: envelope.envelope.seq) {
                    error.details["conflicts_with"] = .string(stored.hex)
                }
                throw error
            }
            var result = try await store.append(report.accepted, to: exchange)
            absorbKeyOperations(report.accepted)
            if report.accepted.contains(where: { if case .eraseExchange = $0.envelope.operation { true } else { false } }) {
                checkErasures()
            }
            result.duplicates += batch.count - fresh.count
            try await catchUp(to: result.log.size)
            return result
        } catch let error as ServerError {
            throw error
        } catch let error as StoreError {
            throw ServerError(storing: error)
        } catch {
            throw ServerError(.internal, "the push failed")
        }
    }

    /// Waits until the log holds more than `size` envelopes or `timeout` passes.
    ///
    /// - Returns: The log's size when it returns.
    func wait(beyond size: Int, timeout: Duration) async -> Int {
        if merkle.count > size || isReleased || isErased { return merkle.count }
        let id = nextWaiter
        nextWaiter += 1
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                waiters[id] = (size, continuation)
                Task { [weak self] in
                    try? await Task.sleep(for: timeout)
                    await self?.release(id)
                }
            }
        } onCancel: {
            Task { await self.release(id) }
        }
    }

    /// Checks, off the push that brought an `exchange.erase`, whether every participant has now
    /// erased the exchange, and if so drops its sealed envelopes (``dropIfErasedByEveryone()``).
    /// One check runs at a time; an erasure that arrives during it, or a log that grew under it,
    /// makes it run once more, and the whole log is verified at most once a minute (what a
    /// participant that pushes erasures the fold ignores can cost the server). A check the store
    /// fails for a while (busy, unreachable) is said and tried again after 5 s, then 10, 20…, up
    /// to 10 minutes apart; one it fails for good (a damaged store) is said and left. Nothing is
    /// tried once the server shuts down.
    func checkErasures() {
        guard !isErased else { return }
        guard !erasureCheck.running else {
            erasureCheck.again = true
            return
        }
        erasureCheck = (true, false)
        Task {
            var wait: Duration = .seconds(5)
            repeat {
                erasureCheck.again = false
                if let last = lastFullErasureCheck {
                    await pause(until: last + .seconds(60))
                }
                do throws(StoreError) {
                    try await dropIfErasedByEveryone()
                } catch where error.code == .chainMoved {
                    erasureCheck.again = true
                } catch where [.locked, .unavailable, .readFailed, .writeFailed].contains(error.code) {
                    logger.warning("checking an exchange's erasures failed; trying again", metadata: [
                        "exchange": .string(String(exchange.hex.prefix(12))), "error": .string(error.message),
                        "retry_in_s": .stringConvertible(wait.components.seconds),
                    ])
                    await pause(until: .now + wait)
                    wait = min(wait * 2, .seconds(600))
                    erasureCheck.again = true
                } catch {
                    logger.error("checking an exchange's erasures failed; not trying again", metadata: [
                        "exchange": .string(String(exchange.hex.prefix(12))), "error": .string(error.message),
                    ])
                }
            } while erasureCheck.again && !isErased && !isReleased
            erasureCheck.running = false
        }
    }

    /// Waits until `deadline`, or until the server shuts down.
    private func pause(until deadline: ContinuousClock.Instant) async {
        while !isReleased, ContinuousClock.now < deadline {
            try? await Task.sleep(for: min(.seconds(1), deadline - .now))
        }
    }

    /// When every participant has stored an `exchange.erase` (a pass that parses only those),
    /// verifies the whole stored log and folds it (the server opens nothing sealed, and needs
    /// not: finality and erasures are in clear, PROTOCOL.md §5.20); when every participant's
    /// erasure counts, asks the store to drop every envelope but the signed skeleton
    /// (``ParleyLog/Operation/isKeptWhenErased``) of exactly the log it verified.
    ///
    /// - Returns: How many envelopes were dropped (0 when not every participant erased).
    /// - Throws: ``StoreError/Code/chainMoved`` when the log grew while it was verified (nothing
    ///   is dropped: check again), or another ``StoreError``.
    @discardableResult
    func dropIfErasedByEveryone() async throws(StoreError) -> Int {
        let log = try await store.heads(of: exchange)
        guard !log.isErased else {
            markErased()
            return 0
        }
        // Cheap first: most erasures arrive while others have not erased yet, and a participant
        // that pushes erasures the fold ignores must not make the server verify the log each time.
        let erasers = Mutex<Set<KeyID>>([])
        try await readStored(size: log.size) { page in
            let found = Self.erasers(in: page)
            if !found.isEmpty { erasers.withLock { $0.formUnion(found) } }
        }
        guard includesEveryParticipant(erasers.withLock { $0 }) else { return 0 }
        lastFullErasureCheck = .now
        let wire = Mutex<[[UInt8]]>([])
        try await readStored(size: log.size) { page in
            wire.withLock { $0 += page.map(\.bytes) }
        }
        guard let keeping = await Self.skeleton(of: exchange, wire: wire.withLock { $0 }) else { return 0 }
        let dropped = try await store.erase(exchange, keeping: keeping, ifSize: log.size)
        markErased()
        logger.info("exchange erased by every participant: sealed envelopes dropped", metadata: [
            "exchange": .string(String(exchange.hex.prefix(12))), "dropped": .stringConvertible(dropped),
            "kept": .stringConvertible(keeping.count),
        ])
        return dropped
    }

    /// The authors of the `exchange.erase` envelopes among `page`: only the envelopes whose wire
    /// bytes hold the operation's name are parsed.
    static func erasers(in page: [StoredWire]) -> [KeyID] {
        let marker = Array(#""op":"exchange.erase""#.utf8)
        return page.compactMap { wire in
            guard contains(marker, in: wire.bytes), let envelope = try? SignedEnvelope(parsing: wire.bytes),
                  case .eraseExchange = envelope.envelope.operation
            else { return nil }
            return envelope.envelope.author
        }
    }

    /// Whether `authors` name every participant of the genesis.
    func includesEveryParticipant(_ authors: Set<KeyID>) -> Bool {
        participants.keys.allSatisfy(authors.contains)
    }

    /// Every stored envelope of the log's first `size` positions, page by page, a store's
    /// failure to read as the store's error.
    func readStored(size: Int, _ page: @escaping @Sendable ([StoredWire]) -> Void) async throws(StoreError) {
        do {
            try await store.envelopes(of: exchange, after: [:], size: size, pageSize: 1_024) { wires in page(wires) }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(code: .unavailable, message: "the server store could not be read")
        }
    }

    /// The ids of the envelopes a server keeps of the log `wire` when every participant erased
    /// it, or `nil` when not every one did. Runs off the actor: it verifies every signature.
    private nonisolated static func skeleton(of exchange: ExchangeID, wire: [[UInt8]]) async -> Set<EnvelopeID>? {
        let report = Verifier(exchange: exchange).verify(wire: wire)
        guard let state = report.state, state.isErasedByEveryone else { return nil }
        return Set(report.envelopes.values.filter(\.envelope.operation.isKeptWhenErased).map(\.id))
    }

    /// The exchange is erased: long polls answer at once, and every later request is told so.
    private func markErased() {
        guard !isErased else { return }
        isErased = true
        for id in Array(waiters.keys) { release(id) }
    }

    /// Releases every long poll, and answers later ones at once: the server is shutting down.
    func releaseAll() {
        isReleased = true
        for id in Array(waiters.keys) { release(id) }
    }

    private func release(_ id: Int) {
        waiters.removeValue(forKey: id)?.continuation.resume(returning: merkle.count)
    }

    private func notifyWaiters() {
        for (id, waiter) in waiters where merkle.count > waiter.size {
            release(id)
        }
    }
}

public import ParleyCrypto
public import ParleyLog
public import ParleyStore

/// One sync of one exchange between a replica and a server: pull what the replica lacks (verified
/// before it is stored), then push what the server lacks, in batches the server acknowledges one
/// by one, so an interrupted sync resumes without resending what was acknowledged.
public struct Synchronizer: Sendable {
    /// What a sync did.
    public struct Report: Sendable, Hashable {
        /// The exchange.
        public var exchange: ExchangeID
        /// Envelopes received and stored.
        public var pulled: Int
        /// Envelopes the server sent that the replica already had.
        public var alreadyPresent: Int
        /// Envelopes sent that the server stored.
        public var pushed: Int
        /// Envelopes the server sent that failed verification (none were stored).
        public var refused: Int
        /// Authors whose chains fork; their envelopes are not pushed.
        public var equivocations: [Equivocation]
        /// The checkpoint the server showed, accepted.
        public var checkpoint: SignedCheckpoint
        /// Whether the exchange was registered on the server by this sync.
        public var registered: Bool
        /// The state hash after the sync.
        public var stateHash: String?
    }

    /// How far a sync has got, for a progress display.
    public enum Progress: Sendable {
        /// Envelopes received so far of a pull's total.
        case pulling(received: Int, total: Int)
        /// Envelopes acknowledged so far of a push's total.
        case pushing(sent: Int, total: Int)
    }

    private let client: SyncClient
    private let replica: Replica

    /// A synchronizer of `replica` with the server `client` talks to.
    public init(client: SyncClient, replica: Replica) {
        self.client = client
        self.replica = replica
    }

    /// The server's key, pinned in the replica the first time; a different key later is refused.
    ///
    /// - Throws: ``SyncError/Code/untrustedServer`` when the server's key changed.
    public func serverKey() async throws(SyncError) -> PublicKey {
        let info = try await client.serverInfo()
        guard let raw = Hex.decode(info.key, count: 32), let key = try? PublicKey(rawRepresentation: raw) else {
            throw SyncError(code: .malformedMessage, message: "\(client.server) sent a server key that is not an Ed25519 key")
        }
        let pinned = try stored { () throws(StoreError) in try replica.meta(.serverKey(for: client.server)) }
        if let pinned, pinned != info.key {
            throw SyncError(
                code: .untrustedServer,
                message: "\(client.server) now presents key \(Fingerprint(key.keyID)), not the key it had when this party first synced; "
                    + "check with its operator before trusting it"
            )
        }
        if pinned == nil {
            try stored { () throws(StoreError) in try replica.setMeta(.serverKey(for: client.server), to: info.key) }
        }
        return key
    }

    /// Syncs one exchange.
    ///
    /// - Parameters:
    ///   - exchange: The exchange; the replica need not hold it yet (then this fetches it).
    ///   - serverKey: The server's key, from ``serverKey()``.
    ///   - maxBatch: The most envelopes per push.
    ///   - progress: Called as envelopes arrive and are acknowledged.
    /// - Returns: What the sync did.
    /// - Throws: ``SyncError`` (unreachable, refused, truncated, untrusted server) or ``StoreError``;
    ///   what was stored before the failure stays stored and is correct, and the next sync goes on
    ///   from there.
    public func sync(
        _ exchange: ExchangeID, serverKey: PublicKey, maxBatch: Int = 2_000,
        progress: @escaping @Sendable (Progress) -> Void = { _ in }
    ) async throws -> Report {
        let holdsExchange = try replica.exchanges().contains(exchange)
        var ledger = try CheckpointLedger.stored(in: replica, exchange: exchange)
        let last = ledger.latest(server: serverKey.keyID, exchange: exchange)
        var registered = false
        let pulled: (header: PullHeader, envelopes: [[UInt8]])
        do {
            pulled = try await pull(exchange, since: last, progress: progress)
        } catch let error as SyncError where error.refusal == .unknownExchange && holdsExchange {
            guard let genesis = try replica.envelopes(exchange: exchange).first(where: { $0.envelope.isGenesis }) else { throw error }
            registered = try await client.register(genesis: genesis)
            pulled = try await pull(exchange, since: last, progress: progress)
        }
        let checkpoint = try SignedCheckpoint(json: pulled.header.checkpoint)
        let proof = try pulled.header.consistency.map { hex throws(SyncError) in
            guard let digest = Hex.decode(hex, count: 32) else {
                throw SyncError(code: .malformedMessage, message: "\(client.server) sent a consistency proof that is not hex digests")
            }
            return digest
        }
        switch ledger.accept(checkpoint, proof: proof, serverKey: serverKey, exchange: exchange) {
        case .accepted: break
        case let .rejected(reason):
            throw SyncError(
                code: .untrustedServer,
                message: "\(client.server)'s checkpoint for this exchange does not extend the last one it showed (\(reason)); nothing was stored"
            )
        }
        let ingested = try ReplicaIngest.ingest(pulled.envelopes, exchange: exchange, into: replica)
        try ledger.save(in: replica, exchange: exchange)
        try replica.setMeta(.server(for: exchange), to: client.server)

        // Push what the server lacks, skipping chains that fork.
        let forked = Set(ingested.equivocations.map(\.author))
        let serverHeads = pulled.header.heads.vector
        let missing = try replica.envelopes(exchange: exchange, after: serverHeads).filter { !forked.contains($0.envelope.author) }
        var pushed = 0
        var start = 0
        while start < missing.count {
            let batch = Array(missing[start..<min(start + maxBatch, missing.count)])
            let response = try await client.push(batch, to: exchange)
            pushed += response.accepted
            start += batch.count
            progress(.pushing(sent: start, total: missing.count))
        }
        return Report(
            exchange: exchange, pulled: ingested.added, alreadyPresent: ingested.alreadyPresent, pushed: pushed,
            refused: ingested.refused.count, equivocations: ingested.equivocations, checkpoint: checkpoint,
            registered: registered, stateHash: ingested.stateHash
        )
    }

    private func pull(
        _ exchange: ExchangeID, since last: SignedCheckpoint?, progress: @escaping @Sendable (Progress) -> Void
    ) async throws -> (header: PullHeader, envelopes: [[UInt8]]) {
        let have = try replica.heads(exchange: exchange).mapValues(\.seq)
        return try await client.pull(exchange, have: have, checkpoint: last?.checkpoint.size) { received, total in
            progress(.pulling(received: received, total: total))
        }
    }

    private func stored<T>(_ body: () throws(StoreError) -> T) throws(SyncError) -> T {
        do {
            return try body()
        } catch {
            throw SyncError(code: .storeFailed, message: error.message, cause: error)
        }
    }
}

public import ParleyWire
public import ParleyCrypto
public import ParleyLog
public import ParleyParty
import ParleyStore

/// One sync of one exchange between a party's replica and a server: pull what the replica lacks
/// into the party's commit path (``Party/ingest(_:exchange:)``: only the new envelopes are
/// verified, against the kept chain heads), then push what the server lacks, in batches the server acknowledges one
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
        /// Why the key envelopes this party owes the others (its `key.encryption`, its content
        /// key's shares to participants that announced since) could not be signed after the
        /// pull, when they could not: until they are (at the next sync or import), those
        /// participants cannot read this party's records.
        public var owedKeysFailure: PartyError?

        /// Whether the replica, whose chain heads are `heads` now, holds everything every
        /// participant has pushed to the server as the sync's checkpoint showed it, in a sentence
        /// every face prints the same; `nil` when a fork or a refused envelope makes the count
        /// mean nothing, or the replica holds more (what it has not pushed yet).
        public func completeness(holding heads: [KeyID: ChainHead]) -> String? {
            guard equivocations.isEmpty, refused == 0 else { return nil }
            // Each chain runs from seq 1 without gaps, so the heads' seqs add up to the envelopes held.
            let held = heads.values.reduce(0) { $0 + $1.seq }
            let size = checkpoint.checkpoint.size
            if held == size { return "up to date: this replica holds all \(size) envelopes every participant has pushed to the server" }
            if held < size { return "this replica holds \(held) of the server's \(size) envelopes (sync again to fetch the rest)" }
            return nil
        }
    }

    /// How far a sync has got, for a progress display.
    public enum Progress: Sendable {
        /// Envelopes received so far of a pull's total.
        case pulling(received: Int, total: Int)
        /// Envelopes acknowledged so far of a push's total.
        case pushing(sent: Int, total: Int)
    }

    private let client: SyncClient
    private let party: Party
    private var replica: Replica { party.replica }

    /// A synchronizer of `party`'s replica with the server `client` talks to.
    public init(client: SyncClient, party: Party) {
        self.client = client
        self.party = party
    }

    /// The server's key and limits; its key is pinned in the replica the first time, and a
    /// different key later is refused unless the server's signed handovers lead from the pinned
    /// key to it (``ServerHandover/path(from:to:through:)``): then the handovers are kept and the
    /// new key pinned.
    ///
    /// - Throws: ``SyncError/Code/untrustedServer`` when the server's key changed without a
    ///   handover signed by the pinned key.
    public func connect() async throws(SyncError) -> ServerInfo {
        try await connectFollowingHandovers().info
    }

    /// ``connect()``, also saying which handovers were followed this time (oldest first; empty
    /// when the key is the one pinned).
    public func connectFollowingHandovers() async throws(SyncError) -> (info: ServerInfo, followed: [ServerHandover]) {
        let info = try await client.serverInfo()
        let hex = Hex.encode(info.key.rawRepresentation)
        let pinned = try stored { () throws(StoreError) in try replica.meta(.serverKey(for: client.server)) }
        guard let pinned else {
            try stored { () throws(StoreError) in try replica.setMeta(.serverKey(for: client.server), to: hex) }
            return (info, [])
        }
        guard pinned != hex else { return (info, []) }
        guard let raw = Hex.decode(pinned, count: 32), let pinnedKey = try? PublicKey(rawRepresentation: raw),
              let path = ServerHandover.path(from: pinnedKey.keyID, to: info.keyID, through: info.handovers)
        else {
            throw SyncError(
                code: .untrustedServer,
                message: "\(client.server) now presents key \(Fingerprint(info.keyID)), not the key it had when this party first synced, "
                    + "and no handover signed by that key leads to it; check with its operator before trusting it"
            )
        }
        let followed = try handovers() + path
        guard let list = try? CanonicalJSON.encode(.array(followed.map(\.json))) else {
            throw SyncError(code: .storeFailed, message: "the server's handovers could not be kept")
        }
        try stored { () throws(StoreError) in
            try replica.setMeta(.serverHandovers(for: client.server), to: String(decoding: list, as: UTF8.self))
            try replica.setMeta(.serverKey(for: client.server), to: hex)
        }
        return (info, path)
    }

    /// The handovers this party followed for the server, oldest first.
    private func handovers() throws(SyncError) -> [ServerHandover] {
        try Self.handovers(of: client.server, in: replica)
    }

    /// The handovers a party followed for the server at `url`, oldest first.
    ///
    /// - Throws: ``SyncError/Code/storeFailed`` when the replica cannot be read or what it keeps
    ///   is not a list of handovers.
    static func handovers(of url: String, in replica: Replica) throws(SyncError) -> [ServerHandover] {
        let text: String?
        do {
            text = try replica.meta(.serverHandovers(for: url))
        } catch {
            throw SyncError(code: .storeFailed, message: error.message, cause: error)
        }
        guard let text else { return [] }
        do {
            return try ServerHandover.list(parsing: Array(text.utf8))
        } catch {
            throw SyncError(code: .storeFailed, message: "the replica's handovers for \(url) cannot be read: \(error.message)")
        }
    }

    /// Syncs one exchange.
    ///
    /// - Parameters:
    ///   - exchange: The exchange; the replica need not hold it yet (then this fetches it).
    ///   - server: The server's key and limits, from ``connect()``.
    ///   - progress: Called as envelopes arrive and are acknowledged.
    /// - Returns: What the sync did.
    /// - Throws: ``SyncError`` (unreachable, refused, truncated, untrusted server) or ``StoreError``;
    ///   what was stored before the failure stays stored and is correct, and the next sync goes on
    ///   from there.
    public func sync(
        _ exchange: ExchangeID, server: ServerInfo,
        progress: @escaping @Sendable (Progress) -> Void = { _ in }
    ) async throws -> Report {
        do {
            return try await steps(exchange, server: server, progress: progress)
        } catch let error as SyncError where error.refusal == .exchangeErased {
            throw erasedAnswer(exchange)
        }
    }

    /// What a server's `410 exchange_erased` (PROTOCOL.md §5.20) comes to for this replica. A
    /// server may drop an exchange only once every participant has erased it, so it has
    /// dropped it only if this party has erased it too: then nothing is left to sync
    /// (``SyncError/Code/refused`` with that refusal, the only error with it that a sync
    /// throws, which a caller treats as the end of the exchange). Otherwise:
    ///
    /// - a replica that does not hold the exchange cannot fetch it (``SyncError/Code/refused``);
    /// - a party without its identity key here cannot tell (``SyncError/Code/refused``);
    /// - a replica that holds no erasure by this party is told that the server withholds the
    ///   exchange, or that this party erased it elsewhere (a second device, a replica restored
    ///   from a backup made before) and must erase this copy too
    ///   (``SyncError/Code/untrustedServer``).
    private func erasedAnswer(_ exchange: ExchangeID) -> SyncError {
        let says = "\(client.server) says every participant has erased this exchange and that it dropped its records"
        guard let open = try? party.open(exchange, withEntries: false) else {
            return SyncError(code: .refused, message: "\(says): it cannot be fetched (an exchange every participant erased is gone from the server)")
        }
        guard let me = try? party.participantID(in: open) else {
            return SyncError(code: .refused, message: "\(says); without this party's identity key this replica cannot check it")
        }
        guard open.state.erasedBy.contains(me) else {
            return SyncError(
                code: .untrustedServer,
                message: "\(says), but this replica holds no erasure by this party: if this party erased the exchange elsewhere "
                    + "(another device, or this replica is restored from a backup made before), erase this copy too "
                    + "(`parley exchange erase`); otherwise the server withholds the exchange"
            )
        }
        var error = SyncError(
            code: .refused,
            message: "every participant has erased this exchange and \(client.server) has dropped its records; nothing is left to sync"
        )
        error.refusal = .exchangeErased
        return error
    }

    /// Whether every participant has erased `exchange` by this replica's state.
    private func erasedByEveryoneHere(_ exchange: ExchangeID) -> Bool {
        (try? party.open(exchange, withEntries: false))?.state.isErasedByEveryone ?? false
    }

    /// The steps of ``sync(_:server:progress:)``, in the order the state machine gives.
    private func steps(
        _ exchange: ExchangeID, server: ServerInfo, progress: @escaping @Sendable (Progress) -> Void
    ) async throws -> Report {
        let holdsExchange = try replica.exchanges().contains(exchange)
        let serverKey = server.key
        var ledger = try CheckpointLedger.stored(in: replica, exchange: exchange)
        // The keys the server handed over from, newest first: the last checkpoint of any of them
        // is what the first one of a new key must extend.
        let predecessors = try handovers().reversed().map(\.old.keyID)
        let last = ledger.latest(server: serverKey.keyID, exchange: exchange, predecessors: predecessors)
        // The order of the sync is the state machine's; this drives it.
        var machine = SyncStateMachine(limits: server.limits)
        var action = machine.handle(.start(holdsExchange: holdsExchange))
        var refusal: SyncError?
        var envelopes: [[UInt8]] = []
        var checkpoint: SignedCheckpoint?
        var ingested: Party.Ingested?
        var total = 0
        var sent = 0
        var owedKeysFailure: PartyError?
        while true {
            switch action {
            case .pull:
                do {
                    let pulled = try await pull(exchange, since: last, progress: progress)
                    envelopes = pulled.envelopes
                    action = machine.handle(.pulled(pulled.header))
                } catch let error as SyncError where error.refusal == .unknownExchange {
                    refusal = error
                    action = machine.handle(.unknownExchange)
                }
            case .register:
                guard let genesis = try replica.envelopes(ids: [exchange.genesis])[exchange.genesis] else {
                    throw refusal ?? SyncError(code: .storeFailed, message: "the replica lacks the exchange's genesis")
                }
                action = machine.handle(.registered(created: try await client.register(genesis: genesis)))
            case let .ingest(header):
                let accepted = try accept(
                    header.checkpoint, proof: header.consistency, size: header.size,
                    into: &ledger, server: serverKey, exchange: exchange, predecessors: predecessors
                )
                let result = try party.ingest(envelopes, exchange: exchange)
                envelopes = []
                // This party's own chain as the server holds it, before anything more is signed
                // on this replica's.
                try await checkOwnChain(against: header.heads, exchange: exchange)
                // What the party owes the others (its encryption key, its content key to whoever
                // announced since) is signed now, so this push carries it. A failure does not undo
                // the pull, which is stored: it is reported, and the next sync tries again.
                do {
                    try party.shareContentKey(in: exchange, at: .now())
                } catch {
                    owedKeysFailure = error
                }
                try ledger.save(in: replica, exchange: exchange)
                try replica.setMeta(.server(for: exchange), to: client.server)
                // What the server lacks, skipping chains that fork.
                let serverHeads = header.heads.heads.mapValues(\.seq)
                let missing = try replica.envelopes(exchange: exchange, after: serverHeads).filter { !result.forked.contains($0.envelope.author) }
                total = missing.count
                checkpoint = accepted
                ingested = result
                action = machine.handle(.ingested(missing: missing, checkpoint: accepted.checkpoint.size))
            case let .push(batch, size):
                let response = try await client.push(batch, to: exchange, checkpoint: size)
                // The checkpoint after each push joins the ledger, so the party's own envelopes are
                // covered by what it remembers of the server's log.
                let accepted = try accept(
                    response.checkpoint, proof: response.consistency, size: response.size,
                    into: &ledger, server: serverKey, exchange: exchange, predecessors: predecessors
                )
                try ledger.save(in: replica, exchange: exchange)
                checkpoint = accepted
                sent += batch.count
                progress(.pushing(sent: sent, total: total))
                action = machine.handle(.pushed(accepted: response.accepted, checkpoint: accepted.checkpoint.size))
            case .gossip:
                // Checkpoint gossip: hand over what this party holds, check what the others were shown.
                do {
                    try await CheckpointGossip(client: client, replica: replica).run(exchange, serverKey: serverKey)
                } catch let error as SyncError where error.refusal == .exchangeErased && erasedByEveryoneHere(exchange) {
                    // This sync pushed the last participant's erasure (every other one was pulled
                    // before), and the server has dropped the exchange since: there is nothing
                    // left to compare, and the push stands. Anything else is not taken on the
                    // server's word (``erasedAnswer(_:)``).
                }
                action = machine.handle(.gossiped)
            case let .finish(registered, pushed):
                guard let ingested, let checkpoint else { preconditionFailure("a sync finishes after its pull") }
                return Report(
                    exchange: exchange, pulled: ingested.added, alreadyPresent: ingested.alreadyPresent, pushed: pushed,
                    refused: ingested.refused.count, equivocations: try party.equivocations(in: exchange, of: ingested.forked),
                    checkpoint: checkpoint, registered: registered, stateHash: ingested.stateHash, owedKeysFailure: owedKeysFailure
                )
            case .reportUnknownExchange:
                throw refusal ?? SyncError(code: .refused, message: "\(client.server) does not hold the exchange")
            }
        }
    }

    private func pull(
        _ exchange: ExchangeID, since last: SignedCheckpoint?, progress: @escaping @Sendable (Progress) -> Void
    ) async throws -> (header: PullHeader, envelopes: [[UInt8]]) {
        let have = try replica.heads(exchange: exchange).mapValues(\.seq)
        return try await client.pull(exchange, have: have, checkpoint: last?.checkpoint.size) { received, total in
            progress(.pulling(received: received, total: total))
        }
    }

    /// Refuses to go on when the server's head of this party's own chain is not on this
    /// replica's chain, after the pull: at a seq this replica holds under another id, or above
    /// this replica's head though the pull brought nothing that extends it. Then another replica
    /// signs with this party's key and the two chains fork, and this replica's envelopes from
    /// there would reach no one (a push sends only what is above the server's head, and the
    /// server refuses a fork). A fork this replica knows already (its chain is frozen) is
    /// reported as an equivocation instead.
    ///
    /// The server's word is not taken for it: its copy of the chain is fetched and passed
    /// through the commit path, which keeps the two envelopes this key signed at one seq as the
    /// proof of the equivocation, as it keeps any other party's (``keepForkProof(of:heads:exchange:)``).
    ///
    /// - Throws: ``SyncError/Code/refused`` when the proof is kept, or when the copy could not be
    ///   fetched or stored to check it; ``SyncError/Code/untrustedServer`` when the copy, verified
    ///   here, forks nowhere from this replica's chain. Nothing of this replica is sent.
    private func checkOwnChain(against heads: ChainHeads, exchange: ExchangeID) async throws(SyncError) {
        guard let open = try? party.open(exchange, withEntries: false), let own = try? party.participantID(in: open),
              !open.kept.frozen.contains(own), let theirs = heads.heads[own], let mine = open.heads[own]
        else { return }
        if theirs.seq <= mine.seq {
            let held = try stored { () throws(StoreError) in try replica.ids(exchange: exchange, author: own, seq: theirs.seq) }
            guard !held.contains(theirs.id) else { return }
        }
        let fork = "the server's head of this party's chain (seq \(theirs.seq)) is not on this replica's chain"
        switch await keepForkProof(of: own, heads: heads, exchange: exchange) {
        case .kept:
            throw SyncError(
                code: .refused,
                message: "another replica signs with this party's key (a second device, a copy of this home made again, or someone "
                    + "holding a copy of the key: if it may be stolen, see `parley key recover`): \(fork), and the two chains fork "
                    + "at or below seq \(min(theirs.seq, mine.seq)); what this replica signs from there reaches no one. The server's "
                    + "envelopes that fork from this replica's, signed with this party's key, are kept here as the proof (`parley "
                    + "evidence list`); this replica's chain is frozen in this exchange from now on. Sign in one replica only"
            )
        case .none:
            throw SyncError(
                code: .untrustedServer,
                message: "\(client.server) says \(fork), but its copy of this party's chain, fetched and verified here, forks "
                    + "nowhere from it: the server misreports this party's chain; nothing was sent"
            )
        case let .unchecked(reason):
            throw SyncError(
                code: .refused,
                message: "\(client.server) says \(fork), which happens when another replica signs with this party's key; it could "
                    + "not be checked (\(reason)), so nothing was sent: sync again to check it"
            )
        }
    }

    /// What fetching the server's copy of this party's chain showed.
    private enum ForkProof {
        /// A fork, signed with this party's key: kept as the proof.
        case kept
        /// No fork: the copy attaches to this replica's chain, or does not verify.
        case none
        /// The copy could not be fetched or stored, for this reason.
        case unchecked(String)
    }

    /// Fetches this party's chain as the server holds it (nothing of the other chains, and
    /// only its envelopes are kept of what comes) and passes it through the commit path: where
    /// it forks from this replica's, the two envelopes this key signed at one seq are kept as the
    /// proof of an equivocation, this replica's chain is frozen from then on (it signs nothing
    /// more in this exchange), and `parley evidence list` shows the proof. Nothing is taken on
    /// the server's word: a copy not signed by this key shows no fork.
    private func keepForkProof(of own: KeyID, heads: ChainHeads, exchange: ExchangeID) async -> ForkProof {
        var have = heads.heads.mapValues(\.seq)
        have[own] = 0
        let fetched: [[UInt8]]
        do {
            fetched = try await client.pull(exchange, have: have, checkpoint: nil).envelopes.filter { wire in
                (try? SignedEnvelope(parsing: wire))?.envelope.author == own
            }
        } catch {
            return .unchecked("its copy of this party's chain could not be fetched: \(error.message)")
        }
        do {
            return try party.ingest(fetched, exchange: exchange).forked.contains(own) ? .kept : .none
        } catch {
            return .unchecked("this replica could not store the server's copy to check it: \(error.message)")
        }
    }

    /// Checks a checkpoint the server showed against the ledger and remembers it.
    ///
    /// - Throws: ``SyncError/Code/untrustedServer`` when it is not the server's, is not of the
    ///   log size the server claims, or does not extend the last checkpoint remembered.
    private func accept(
        _ json: JSONValue, proof hexProof: [String], size: Int, into ledger: inout CheckpointLedger,
        server: PublicKey, exchange: ExchangeID, predecessors: [KeyID]
    ) throws -> SignedCheckpoint {
        let checkpoint = try SignedCheckpoint(json: json)
        let proof = try hexProof.map { hex throws(SyncError) in
            guard let digest = Hex.decode(hex, count: 32) else {
                throw SyncError(code: .malformedMessage, message: "\(client.server) sent a consistency proof that is not hex digests")
            }
            return digest
        }
        guard checkpoint.checkpoint.size == size else {
            throw SyncError(code: .untrustedServer, message: "\(client.server) sent a checkpoint of another size than its log")
        }
        if case let .rejected(reason) = ledger.accept(checkpoint, proof: proof, serverKey: server, exchange: exchange, predecessors: predecessors) {
            try CheckpointWitness.keep(reason, shown: checkpoint, serverKey: server, in: replica)
            throw SyncError(
                code: .untrustedServer,
                message: "\(client.server)'s checkpoint for this exchange does not extend the last one it showed (\(reason)); "
                    + "it may be showing different histories to different parties"
            )
        }
        return checkpoint
    }

    private func stored<T>(_ body: () throws(StoreError) -> T) throws(SyncError) -> T {
        do {
            return try body()
        } catch {
            throw SyncError(code: .storeFailed, message: error.message, cause: error)
        }
    }
}

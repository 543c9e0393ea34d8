import ParleyWire
public import Foundation
public import ParleyCrypto
public import ParleyLog
public import ParleyStore

/// The last step of a sync: hand the server the checkpoints this party holds, and check the
/// ones the other participants handed it against this party's own ledger.
///
/// So a server that shows two parties two histories is caught by one of them without a bundle,
/// as long as it relays what it is handed: a relayed checkpoint of the size this party holds
/// with another root is a split view (kept as ``Evidence``), and one of another size must come
/// with a consistency proof to the checkpoint this party accepts now. The current checkpoint must
/// also be younger than ``maxAge``: an old one means updates are withheld (a freeze).
public struct CheckpointGossip: Sendable {
    /// The default limit on the age of the server's current checkpoint: one day.
    public static let defaultMaxAge: Int64 = 86_400

    /// What the gossip step did.
    public struct Report: Hashable, Sendable {
        /// Checkpoints relayed from other participants and checked.
        public var relayed: Int
        /// Checkpoints this party handed over (its latest, and those it saw elsewhere).
        public var handed: Int
        /// Whether the server takes part (a server without the endpoint answers 404).
        public var supported: Bool
    }

    private let client: SyncClient
    private let replica: Replica
    private let maxAge: Int64
    private let clock: @Sendable () -> Int64

    /// A gossip step of `replica` with the server `client` talks to.
    ///
    /// - Parameters:
    ///   - client: The server's client.
    ///   - replica: The party's replica, which holds its ledger and witness.
    ///   - maxAge: The oldest, in seconds, the server's current checkpoint may be.
    ///   - clock: The party's clock, seconds since 1970.
    public init(
        client: SyncClient, replica: Replica, maxAge: Int64 = defaultMaxAge,
        clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }
    ) {
        self.client = client
        self.replica = replica
        self.maxAge = maxAge
        self.clock = clock
    }

    /// Runs the step for one exchange.
    ///
    /// - Parameters:
    ///   - exchange: The exchange.
    ///   - serverKey: The server's pinned key.
    /// - Returns: What was handed over and checked.
    /// - Throws: ``SyncError/Code/untrustedServer`` when the server showed two histories (the
    ///   evidence is stored first, for `parley evidence`), relayed a checkpoint it cannot prove,
    ///   or shows a checkpoint older than ``maxAge``; ``SyncError`` for transport failures;
    ///   ``StoreError`` if the replica fails.
    @discardableResult
    public func run(_ exchange: ExchangeID, serverKey: PublicKey) async throws -> Report {
        var ledger = try CheckpointLedger.stored(in: replica, exchange: exchange)
        var witness = try CheckpointWitness.stored(in: replica, exchange: exchange)
        let own = ledger.latest(server: serverKey.keyID, exchange: exchange)
        let handing = Array(([own].compactMap(\.self) + witness.seen.filter { $0.checkpoint.server == serverKey.keyID })
            .prefix(GossipRequest.maxCheckpoints))
        guard let answer = try await ask(exchange, checkpoint: own?.checkpoint.size, handing: handing) else {
            return Report(relayed: 0, handed: 0, supported: false)
        }
        let current = answer.checkpoint
        func distrust(_ why: String) -> SyncError {
            SyncError(code: .untrustedServer, message: "\(client.server): \(why)")
        }
        switch ledger.accept(current, proof: answer.consistency, serverKey: serverKey, exchange: exchange) {
        case .accepted:
            break
        case let .rejected(.sameSizeDifferentRoot(known)):
            try keep(Evidence(splitViewOf: serverKey, known, current), in: &witness, exchange)
        case let .rejected(reason):
            throw distrust("its current checkpoint does not extend the last one it showed (\(reason))")
        }
        try ledger.save(in: replica, exchange: exchange)
        let age = current.checkpoint.age(now: clock())
        guard age <= maxAge else {
            throw distrust("its newest checkpoint is \(age / 3600) hours old, past the limit of \(maxAge / 3600): "
                + "it may be withholding updates (a freeze)")
        }
        guard answer.handed.count == handing.count else {
            throw SyncError(code: .malformedMessage, message: "\(client.server) answered gossip with \(answer.handed.count) proofs for \(handing.count) checkpoints")
        }
        let checks = zip(handing, answer.handed).map { ($0, $1, "a checkpoint this party saw") }
            + answer.relayed.map { ($0.checkpoint, $0.consistency, "the checkpoint it relays from \(Fingerprint($0.from))") }
        for (checkpoint, proof, what) in checks {
            guard checkpoint.isSigned(by: serverKey), checkpoint.checkpoint.exchange == exchange else {
                throw distrust("\(what) is not its own signed checkpoint of this exchange")
            }
            let (size, root) = (checkpoint.checkpoint.size, checkpoint.checkpoint.root)
            if size == current.checkpoint.size, root != current.checkpoint.root {
                try keep(Evidence(splitViewOf: serverKey, checkpoint, current), in: &witness, exchange)
            }
            guard size <= current.checkpoint.size else {
                throw distrust("\(what) is of a larger log (\(size)) than the one it shows this party (\(current.checkpoint.size)): "
                    + "it withholds envelopes or shows two histories")
            }
            guard MerkleLog.verifyConsistency(from: size, to: current.checkpoint.size, oldRoot: root, newRoot: current.checkpoint.root, proof: proof) else {
                throw distrust("\(what) (size \(size)) is not a prefix of the log it shows this party: it showed two histories")
            }
        }
        witness.forget(handing)
        try witness.save(in: replica, exchange: exchange)
        return Report(relayed: answer.relayed.count, handed: handing.count, supported: true)
    }

    /// The server's answer, or `nil` from a server without the endpoint (a plain 404).
    private func ask(_ exchange: ExchangeID, checkpoint: Int?, handing: [SignedCheckpoint]) async throws(SyncError) -> GossipResponse? {
        do {
            return try await client.gossip(exchange, checkpoint: checkpoint, handing: handing)
        } catch {
            if error.refusal == WireErrorCode(rawValue: "http_404") { return nil }
            throw error
        }
    }

    /// Stores new evidence and throws: the server is not to be trusted until people look.
    private func keep(_ found: Evidence, in witness: inout CheckpointWitness, _ exchange: ExchangeID) throws -> Never {
        witness.record(found)
        try witness.save(in: replica, exchange: exchange)
        throw SyncError(
            code: .untrustedServer,
            message: "\(client.server) signed two different logs of size \(found.sizeShown) for this exchange: it shows "
                + "different histories to different parties (a split view); the proof is kept: `parley evidence export`"
        )
    }
}

extension Evidence {
    /// The size of a split view's checkpoints (0 for an equivocation).
    var sizeShown: Int {
        if case let .splitView(_, first, _) = self { return first.checkpoint.size }
        return 0
    }
}

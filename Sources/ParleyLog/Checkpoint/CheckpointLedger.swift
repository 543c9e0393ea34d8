public import ParleyCrypto

/// A client's memory of the checkpoints servers have shown it: the last accepted one per
/// (server key, exchange).
///
/// A new checkpoint is accepted only if it extends the remembered one: same exchange, validly
/// signed, no smaller, and, when larger, with a consistency proof (RFC 9162 §2.1.4) from the
/// remembered tree to the new one. Two signed checkpoints of one size with different roots are
/// proof, which anyone can check, that the server showed two histories.
///
/// A pure value: keeping it across runs is the caller's (store the ``checkpoints``' wire bytes,
/// rebuild with ``init(_:)``).
public struct CheckpointLedger: Sendable, Hashable {
    /// Where a checkpoint is remembered: which server, which exchange.
    public struct Key: Hashable, Sendable {
        /// The server's key id.
        public var server: KeyID
        /// The exchange.
        public var exchange: ExchangeID

        /// Names a ledger slot.
        public init(server: KeyID, exchange: ExchangeID) {
            self.server = server
            self.exchange = exchange
        }
    }

    /// Why a checkpoint was not accepted.
    public enum Rejection: Hashable, Sendable, CustomStringConvertible {
        /// The signature is not the given server key's, or the checkpoint names another server.
        case badSignature
        /// The checkpoint is of another exchange than the one asked about.
        case otherExchange
        /// The checkpoint is smaller than the one remembered: the log cannot shrink.
        case sizeWentBackwards(known: SignedCheckpoint)
        /// The checkpoint has the remembered size but another root: the server signed two
        /// different logs of one size, i.e. showed two histories. `known` and the rejected
        /// checkpoint together are the proof.
        case sameSizeDifferentRoot(known: SignedCheckpoint)
        /// The consistency proof does not show that the new tree extends the remembered one.
        case inconsistentProof(known: SignedCheckpoint)

        /// The rejection's name.
        public var description: String {
            switch self {
            case .badSignature: "badSignature"
            case .otherExchange: "otherExchange"
            case .sizeWentBackwards: "sizeWentBackwards"
            case .sameSizeDifferentRoot: "sameSizeDifferentRoot"
            case .inconsistentProof: "inconsistentProof"
            }
        }
    }

    /// What ``accept(_:proof:serverKey:exchange:)`` decided.
    public enum Outcome: Hashable, Sendable {
        /// The checkpoint is now the remembered one.
        case accepted
        /// The checkpoint was not accepted; the ledger is unchanged.
        case rejected(Rejection)
    }

    /// The last accepted checkpoint per server and exchange.
    public private(set) var checkpoints: [Key: SignedCheckpoint] = [:]

    /// An empty ledger.
    public init() {}

    /// A ledger that remembers `checkpoints` as accepted (e.g. read back from storage); for a
    /// (server, exchange) given twice, the larger checkpoint is kept.
    ///
    /// - Parameter checkpoints: Checkpoints accepted earlier.
    public init(_ checkpoints: some Sequence<SignedCheckpoint>) {
        for signed in checkpoints {
            let key = Key(server: signed.checkpoint.server, exchange: signed.checkpoint.exchange)
            if let known = self.checkpoints[key], known.checkpoint.size > signed.checkpoint.size { continue }
            self.checkpoints[key] = signed
        }
    }

    /// The remembered checkpoint of `server` for `exchange`, else of the newest of the keys it
    /// took over from that has one.
    public func latest(server: KeyID, exchange: ExchangeID, predecessors: [KeyID]) -> SignedCheckpoint? {
        ([server] + predecessors).lazy.compactMap { checkpoints[Key(server: $0, exchange: exchange)] }.first
    }

    /// The remembered checkpoint of `server` for `exchange`, if any.
    public func latest(server: KeyID, exchange: ExchangeID) -> SignedCheckpoint? {
        checkpoints[Key(server: server, exchange: exchange)]
    }

    /// Checks `new` against the remembered checkpoint and remembers it if it extends that one.
    ///
    /// The checks, in order: signature by `serverKey` (`badSignature`), exchange (`otherExchange`),
    /// then against the remembered checkpoint of that server and exchange, if there is one: size
    /// (`sizeWentBackwards`), same size and root (`sameSizeDifferentRoot` otherwise; the same root
    /// is accepted and the newer checkpoint kept), and for a larger size the consistency proof from
    /// the remembered tree (`inconsistentProof`). Without a remembered checkpoint of `serverKey`
    /// the last one of the keys it took over from (`predecessors`, newest first; a server's
    /// signed handovers) is the one checked against, so a key rotation cannot hide a fork of the
    /// log; without any, the proof is ignored.
    ///
    /// - Parameters:
    ///   - new: The checkpoint the server showed.
    ///   - proof: The consistency proof from the remembered size to `new`'s size, as the server sent it.
    ///   - serverKey: The server's public key, known out of band.
    ///   - exchange: The exchange the checkpoint was asked for.
    ///   - predecessors: The keys `serverKey` took over from, newest first.
    /// - Returns: `.accepted`, or `.rejected` with the reason; rejections leave the ledger unchanged.
    public mutating func accept(
        _ new: SignedCheckpoint, proof: [[UInt8]], serverKey: PublicKey, exchange: ExchangeID, predecessors: [KeyID] = []
    ) -> Outcome {
        guard new.isSigned(by: serverKey) else { return .rejected(.badSignature) }
        guard new.checkpoint.exchange == exchange else { return .rejected(.otherExchange) }
        let key = Key(server: serverKey.keyID, exchange: exchange)
        if let known = latest(server: serverKey.keyID, exchange: exchange, predecessors: predecessors) {
            let old = known.checkpoint
            let shown = new.checkpoint
            if shown.size < old.size {
                return .rejected(.sizeWentBackwards(known: known))
            }
            if shown.size == old.size, shown.root != old.root {
                return .rejected(.sameSizeDifferentRoot(known: known))
            }
            if shown.size > old.size, !MerkleLog.verifyConsistency(
                from: old.size, to: shown.size, oldRoot: old.root, newRoot: shown.root, proof: proof
            ) {
                return .rejected(.inconsistentProof(known: known))
            }
        }
        checkpoints[key] = new
        return .accepted
    }
}

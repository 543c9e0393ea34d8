public import ParleyCrypto

/// What a party holds about a server's checkpoints beyond its ``CheckpointLedger``: signed
/// checkpoints it saw elsewhere (in a bundle, from another party) that it could not yet check
/// against its own, and the evidence of split views it found.
///
/// A checkpoint of the size the ledger (or an earlier seen one) has is checked at once: the same
/// root agrees, another root is a split view, kept as ``Evidence``. One of another size needs a
/// consistency proof from the server, so it is kept in ``seen`` and handed to the server at the
/// next sync (checkpoint gossip), which must prove it a prefix of the log it shows this party.
///
/// A pure value; ``seen`` holds at most ``maxSeen`` checkpoints (the largest are kept).
public struct CheckpointWitness: Hashable, Sendable {
    /// The most unchecked checkpoints kept per exchange.
    public static let maxSeen = 64

    /// Validly signed checkpoints not yet checked against the ledger, by size.
    public private(set) var seen: [SignedCheckpoint]
    /// The evidence found, oldest first.
    public private(set) var evidence: [Evidence]

    /// A witness holding `seen` and `evidence` (e.g. read back from storage).
    public init(seen: [SignedCheckpoint] = [], evidence: [Evidence] = []) {
        self.seen = []
        self.evidence = evidence
        for checkpoint in seen { keep(checkpoint) }
    }

    /// What ``look(at:serverKeys:ledger:exchange:)`` found.
    public enum Finding: Hashable, Sendable {
        /// Signed by a server key the party does not know: it cannot be checked and is not kept.
        case unknownServer
        /// It names a known server but its signature does not verify: it was altered or forged.
        case badSignature
        /// It is of another exchange.
        case otherExchange
        /// It has the size and root of a checkpoint already held: one history.
        case agrees
        /// It has the size of a checkpoint already held and another root: a split view.
        case splitView(Evidence)
        /// Of a size not held yet: kept in ``seen``, for the server to prove at the next sync.
        case kept
    }

    /// Looks at a checkpoint that came without a consistency proof (from a bundle, or from
    /// another party) and keeps what it shows.
    ///
    /// - Parameters:
    ///   - checkpoint: The checkpoint.
    ///   - serverKeys: The server keys the party knows (pinned), by key id.
    ///   - ledger: The party's ledger.
    ///   - exchange: The exchange it must be of.
    /// - Returns: What was found; a split view is also added to ``evidence``.
    public mutating func look(
        at checkpoint: SignedCheckpoint, serverKeys: [KeyID: PublicKey], ledger: CheckpointLedger, exchange: ExchangeID
    ) -> Finding {
        guard let key = serverKeys[checkpoint.checkpoint.server] else { return .unknownServer }
        guard checkpoint.isSigned(by: key) else { return .badSignature }
        guard checkpoint.checkpoint.exchange == exchange else { return .otherExchange }
        let held = [ledger.latest(server: key.keyID, exchange: exchange)].compactMap(\.self) + seen
        for known in held where known.checkpoint.server == key.keyID && known.checkpoint.size == checkpoint.checkpoint.size {
            guard known.checkpoint.root == checkpoint.checkpoint.root else {
                let found = Evidence(splitViewOf: key, known, checkpoint)
                record(found)
                return .splitView(found)
            }
            return .agrees
        }
        keep(checkpoint)
        return .kept
    }

    /// Adds evidence unless it is already held.
    ///
    /// - Returns: `true` if it is new.
    @discardableResult
    public mutating func record(_ found: Evidence) -> Bool {
        guard !evidence.contains(found) else { return false }
        evidence.append(found)
        return true
    }

    /// Forgets seen checkpoints that have been checked.
    public mutating func forget(_ checked: some Sequence<SignedCheckpoint>) {
        let checked = Set(checked)
        seen.removeAll { checked.contains($0) }
    }

    private mutating func keep(_ checkpoint: SignedCheckpoint) {
        guard !seen.contains(checkpoint) else { return }
        seen.append(checkpoint)
        seen.sort { ($0.checkpoint.size, $0.checkpoint.server) > ($1.checkpoint.size, $1.checkpoint.server) }
        if seen.count > Self.maxSeen { seen.removeLast(seen.count - Self.maxSeen) }
    }
}

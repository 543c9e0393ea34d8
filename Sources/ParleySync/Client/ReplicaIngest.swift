public import ParleyLog
public import ParleyStore

/// Stores envelopes that came from elsewhere (a pull, a bundle) in a replica, after verifying
/// them together with what the replica holds: nothing that fails verification is stored.
public enum ReplicaIngest {
    /// What an ingest did.
    public struct Result: Sendable, Hashable {
        /// Envelopes newly stored.
        public var added: Int
        /// Envelopes the replica already held.
        public var alreadyPresent: Int
        /// Envelopes refused, with the verifier's reasons (by position in the input).
        public var refused: [Int: [Reason]]
        /// Forks found in the exchange after the ingest.
        public var equivocations: [Equivocation]
        /// The exchange's state hash after the ingest, once it has a genesis.
        public var stateHash: String?
    }

    /// Verifies `wire` with the stored envelopes of `exchange` and stores the valid new ones,
    /// all in one transaction, then rebuilds the derived tables.
    ///
    /// - Parameters:
    ///   - wire: Envelopes in wire form, in any order.
    ///   - exchange: Their exchange.
    ///   - replica: Where to store them.
    /// - Returns: What was stored and refused.
    /// - Throws: ``StoreError`` if the replica cannot be read or written; then nothing is stored.
    public static func ingest(_ wire: [[UInt8]], exchange: ExchangeID, into replica: Replica) throws(StoreError) -> Result {
        let stored = try replica.storedEnvelopes(exchange: exchange)
        let report = Verifier(exchange: exchange).verify(wire: stored.map(\.wireBytes) + wire)
        let storedIDs = Set(stored.map(\.id))
        var fresh: [SignedEnvelope] = []
        var refused: [Int: [Reason]] = [:]
        var seen: Set<EnvelopeID> = []
        for entry in report.entries.dropFirst(stored.count) {
            let index = entry.index - stored.count
            guard let id = entry.id else {
                refused[index] = entry.verdict.reasons
                continue
            }
            guard entry.verdict.isValid else {
                refused[index] = entry.verdict.reasons
                continue
            }
            if !storedIDs.contains(id), seen.insert(id).inserted, let envelope = report.envelopes[id] {
                fresh.append(envelope)
            }
        }
        // Chain order: each author's envelopes by seq, so a reader of the arrival order meets a
        // link after the one it extends. A link is stored only if the one it extends is: a chain
        // broken by a refused link (e.g. one its author's role forbids) stops there, so the
        // replica's heads never claim a seq it lacks the chain up to.
        fresh.sort { ($0.envelope.author, $0.envelope.seq) < ($1.envelope.author, $1.envelope.seq) }
        var linked = storedIDs
        fresh = fresh.filter { envelope in
            let attached = envelope.envelope.isGenesis || envelope.envelope.prev.map(linked.contains) ?? (envelope.envelope.seq == 1)
            if attached { linked.insert(envelope.id) }
            return attached
        }
        let unattached = report.entries.dropFirst(stored.count).filter { entry in
            entry.verdict.isValid && entry.id.map { !linked.contains($0) } == true
        }
        for entry in unattached { refused[entry.index - stored.count] = [.seqGap] }
        if let genesis = fresh.firstIndex(where: { $0.envelope.isGenesis }) {
            fresh.insert(fresh.remove(at: genesis), at: 0)
        }
        let appended = try replica.append(fresh)
        if !fresh.isEmpty || report.state != nil {
            try replica.rebuildDerived(exchange: exchange, verified: report)
        }
        return Result(
            added: appended.added, alreadyPresent: wire.count - refused.count - appended.added,
            refused: refused, equivocations: report.equivocations, stateHash: report.state?.stateHash
        )
    }
}

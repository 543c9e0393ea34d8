import ParleyWire
public import ParleyLog
public import ParleyStore

/// The evidence a replica holds about one exchange: the split views its party found (kept by
/// bundle import and checkpoint gossip) and the equivocations among the envelopes it stores
/// (both envelopes of a fork are kept as proof).
public enum ExchangeEvidence {
    /// Every piece of evidence about `exchange`: split views first, then equivocations by author
    /// and seq (for a fork of more than two envelopes, the first two by id).
    ///
    /// The chains verified are those the kept state records as forked (``Replica/keptForks(exchange:)``,
    /// which `parley verify` checks), with the genesis; the whole log only when the replica keeps
    /// no current state. So listing the evidence of 180,000 envelopes without a fork reads none.
    ///
    /// - Throws: ``StoreError`` or ``LogError`` if the replica cannot be read.
    public static func all(in replica: Replica, exchange: ExchangeID) throws -> [Evidence] {
        var found = try CheckpointWitness.stored(in: replica, exchange: exchange).evidence
        let wire: [[UInt8]]
        if let forked = try replica.keptForks(exchange: exchange) {
            guard !forked.isEmpty else { return found }
            wire = try replica.chains(exchange: exchange, authors: forked).map(\.wireBytes)
        } else {
            wire = try replica.storedEnvelopes(exchange: exchange).map(\.wireBytes)
        }
        let report = Verifier(exchange: exchange).verify(wire: wire)
        guard let genesis = report.envelopes[exchange.genesis] else { return found }
        for fork in report.equivocations.sorted(by: { ($0.author, $0.seq) < ($1.author, $1.seq) }) where fork.envelopes.count >= 2 {
            let pair = fork.envelopes.sorted { $0.id.hex < $1.id.hex }
            found.append(Evidence(equivocationIn: genesis, pair[0], pair[1]))
        }
        return found
    }
}

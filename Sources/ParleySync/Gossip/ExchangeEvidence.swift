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
    /// - Throws: ``StoreError`` or ``LogError`` if the replica cannot be read.
    public static func all(in replica: Replica, exchange: ExchangeID) throws -> [Evidence] {
        var found = try CheckpointWitness.stored(in: replica, exchange: exchange).evidence
        let stored = try replica.storedEnvelopes(exchange: exchange)
        guard let genesisBytes = stored.first(where: { $0.id == exchange.genesis })?.wireBytes else { return found }
        let genesis = try SignedEnvelope(parsing: genesisBytes)
        let report = Verifier(exchange: exchange).verify(wire: stored.map(\.wireBytes))
        for fork in report.equivocations.sorted(by: { ($0.author, $0.seq) < ($1.author, $1.seq) }) where fork.envelopes.count >= 2 {
            let pair = fork.envelopes.sorted { $0.id.hex < $1.id.hex }
            found.append(Evidence(equivocationIn: genesis, pair[0], pair[1]))
        }
        return found
    }
}

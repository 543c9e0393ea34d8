public import ParleyWire
public import ParleyCrypto
public import ParleyLog
public import ParleyParty
public import ParleyStore

/// Imports a bundle into a party's replica exactly as a pull does: every envelope through the
/// party's one commit path (verified against the kept chain heads), and every checkpoint checked against the party's ledger and the
/// server key it pinned.
///
/// What a bundle's checkpoint does (`protocol/PROTOCOL.md`, "Bundles"):
/// - signed by a server key the importer has not pinned: it cannot be checked; a warning, and it
///   is not kept;
/// - naming the pinned server but with a signature that does not verify: the bundle was altered,
///   and nothing of it is imported;
/// - of the size of a checkpoint the importer holds: the same root agrees; another root is a
///   split view, kept as ``Evidence`` (the envelopes are still imported: each is verified on its own);
/// - of another size: kept, and handed to the server at the next sync, which must prove it a
///   prefix of the log it shows the importer (``CheckpointGossip``).
public enum BundleImport {
    /// What an import did.
    public struct Result: Sendable, Hashable {
        /// The envelopes stored and refused.
        public var ingest: Party.Ingested
        /// The forks among the authors whose chains the bundle touched.
        public var equivocations: [Equivocation]
        /// What each of the bundle's checkpoints showed, in bundle order.
        public var checkpoints: [CheckpointWitness.Finding]

        /// The split views the bundle proved.
        public var splitViews: [Evidence] {
            checkpoints.compactMap { finding in
                if case let .splitView(evidence) = finding { return evidence }
                return nil
            }
        }
    }

    /// Imports `bundle` into `party`'s replica.
    ///
    /// - Returns: What was stored and what the checkpoints showed.
    /// - Throws: ``SyncError/Code/untrustedServer`` naming the first checkpoint (1-based) that
    ///   claims the pinned server but is not its signature — then nothing is stored;
    ///   ``StoreError``, ``PartyError`` or ``LogError`` if the replica cannot be read or written.
    public static func run(_ bundle: ExchangeBundle, into party: Party) throws -> Result {
        let exchange = bundle.exchange
        let replica = party.replica
        let ledger = try CheckpointLedger.stored(in: replica, exchange: exchange)
        var witness = try CheckpointWitness.stored(in: replica, exchange: exchange)
        let keys = try CheckpointWitness.serverKeys(in: replica, exchange: exchange)
        var findings: [CheckpointWitness.Finding] = []
        for (index, checkpoint) in bundle.checkpoints.enumerated() {
            let finding = witness.look(at: checkpoint, serverKeys: keys, ledger: ledger, exchange: exchange)
            if finding == .badSignature {
                throw SyncError(
                    code: .untrustedServer,
                    message: "checkpoint \(index + 1) names the server this party pinned (\(Fingerprint(checkpoint.checkpoint.server))) "
                        + "but is not its signature: the bundle was altered; nothing of it was imported"
                )
            }
            findings.append(finding)
        }
        let ingest = try party.ingest(bundle.envelopes.map(\.wireBytes), exchange: exchange)
        try witness.save(in: replica, exchange: exchange)
        let equivocations = try party.equivocations(in: exchange, of: ingest.forked)
        return Result(ingest: ingest, equivocations: equivocations, checkpoints: findings)
    }

    /// The envelopes to export: those a holder with version vector `have` lacks, and the genesis
    /// always, so that every bundle can be verified on its own.
    ///
    /// - Throws: ``StoreError`` if the replica cannot be read.
    public static func envelopes(of exchange: ExchangeID, after have: [KeyID: Int], in replica: Replica) throws -> [SignedEnvelope] {
        var envelopes = try replica.envelopes(exchange: exchange, after: have)
        if envelopes.first?.id != exchange.genesis, let genesis = try replica.envelopes(ids: [exchange.genesis])[exchange.genesis] {
            envelopes.insert(genesis, at: 0)
        }
        return envelopes
    }
}

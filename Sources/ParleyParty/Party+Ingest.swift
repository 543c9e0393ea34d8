public import ParleyCrypto
public import ParleyLog
import ParleyStore
import ParleyMatch

extension Party {
    /// What an ingest did.
    public struct Ingested: Sendable, Hashable {
        /// Envelopes newly stored.
        public var added: Int
        /// Envelopes the replica already held.
        public var alreadyPresent: Int
        /// Envelopes refused, with the verifier's reasons (by position in the input).
        public var refused: [Int: [Reason]]
        /// The authors whose chain forks in the exchange after the ingest.
        public var forked: Set<KeyID>
        /// The exchange's state hash after the ingest, once it has a genesis.
        public var stateHash: String?
    }

    /// Stores envelopes that came from elsewhere (a pull, a bundle), verifying only what is new:
    /// each against the kept chain heads (``ChainExtension``), signatures on every core, and
    /// keeps the state up to date in the same transaction. Nothing that fails is stored.
    ///
    /// An exchange the replica does not hold yet starts from its genesis, which must be among the
    /// envelopes.
    ///
    /// - Parameters:
    ///   - wire: Envelopes in wire form, in any order (a pull sends each chain in order).
    ///   - exchange: Their exchange.
    /// - Returns: What was stored and refused.
    /// - Throws: A store failure; then nothing is stored.
    public func ingest(_ wire: [[UInt8]], exchange: ExchangeID) throws(PartyError) -> Ingested {
        do {
            return try ingestOnce(wire, exchange: exchange)
        } catch let error where (error.cause as? StoreError)?.code == .chainMoved {
            // Another process stored envelopes of the same exchange meanwhile: verify against its heads.
            return try ingestOnce(wire, exchange: exchange)
        }
    }

    private func ingestOnce(_ wire: [[UInt8]], exchange: ExchangeID) throws(PartyError) -> Ingested {
        let parsed = wire.concurrentMap(chunkSize: 1_024) { bytes in
            Result { () throws(LogError) in try SignedEnvelope(parsing: bytes) }
        }
        var refused: [Int: [Reason]] = [:]
        var fresh: [(index: Int, envelope: SignedEnvelope)] = []
        for (index, result) in parsed.enumerated() {
            switch result {
            case let .success(envelope): fresh.append((index, envelope))
            case let .failure(error): refused[index] = [.malformed(error.message)]
            }
        }
        var added = 0
        let base = try keptOrGenesis(exchange, among: fresh.map(\.envelope))
        guard var kept = base.kept else {
            for (index, _) in fresh { refused[index] = [.unknownAuthor] }
            return Ingested(added: 0, alreadyPresent: 0, refused: refused, forked: [], stateHash: nil)
        }
        added += base.added
        fresh = Array(zip(fresh.map(\.index), try opened(fresh.map(\.envelope), in: kept.state)))

        // What is stored already (the genesis just stored, or a copy sent again) is not new.
        // Only an envelope at or below its author's head can be stored already, or any of a
        // chain that forks here (its head is where it forks, and a server sends the links above
        // it, kept here as the proof, again on every pull).
        let candidates = fresh.map(\.envelope).filter { envelope in
            envelope.envelope.isGenesis || kept.frozen.contains(envelope.envelope.author)
                || kept.heads[envelope.envelope.author].map { envelope.envelope.seq <= $0.seq } == true
        }
        let storedIDs = try stored { () throws(StoreError) in try replica.storedIDs(among: candidates.map(\.id)) }
        let new = fresh.filter { !storedIDs.contains($0.envelope.id) }
        progress?(PartyProgress(step: "verifying", count: new.count))
        let report = ChainExtension(exchange: exchange, participants: kept.state.participants)
            .verify(new.map(\.envelope), heads: kept.heads, frozen: kept.frozen, keys: kept.state.chainKeys)
        let batch = report.batch
        let storing = Set(batch.envelopes.map(\.id))
        for entry in report.entries where !entry.isDuplicate && !storing.contains(new[entry.index].envelope.id) {
            // Refused, or after a refused link of its chain, so that it does not attach. (A fork
            // proof is stored, as the proof of an equivocation, not refused.)
            refused[new[entry.index].index] = entry.verdict.isValid ? [.seqGap] : entry.verdict.reasons
        }
        let committed = try commit(batch, onto: try commitBase(for: batch, onto: kept))
        kept = committed.0
        added += committed.1.added
        if try opensEarlierEntries(batch.envelopes, in: kept) {
            kept = try refold(exchange, adding: []).0
        }
        return Ingested(
            added: added, alreadyPresent: wire.count - refused.count - added,
            refused: refused, forked: kept.frozen, stateHash: kept.stateHash
        )
    }

    /// The exchange's kept state, read without its entries (verifying new envelopes needs only
    /// the facts: participants, keys, heads); for an exchange the replica lacks, the state of its
    /// genesis among `envelopes`, stored first (`nil` when the genesis is not there or does not verify).
    private func keptOrGenesis(_ exchange: ExchangeID, among envelopes: [SignedEnvelope]) throws(PartyError) -> (kept: KeptState?, added: Int) {
        if try stored({ () throws(StoreError) in try replica.exchanges().contains(exchange) }) {
            return (try open(exchange, withEntries: false).kept, 0)
        }
        guard let genesis = envelopes.first(where: { $0.id == exchange.genesis }) else { return (nil, 0) }
        guard let batch = Verifier(exchange: exchange).verify([genesis]).creatingBatch else { return (nil, 0) }
        let (kept, result) = try commit(batch, onto: nil)
        return (kept, result.added)
    }

    /// What `batch` is committed onto: `kept` as read, without entries (a put sets an entry and a
    /// remove deletes it without reading what was there, and the new hash merges them into the
    /// kept rows); for a batch of more than ``entryReadLimit`` envelopes (a first pull of a
    /// register), the whole state, read once and hashed in memory rather than merging that many
    /// changes into the rows.
    private func commitBase(for batch: VerifiedBatch, onto kept: KeptState) throws(PartyError) -> KeptState {
        guard !kept.isComplete, batch.envelopes.count > Self.entryReadLimit, !batch.refoldsState else { return kept }
        return try open(batch.exchange).kept
    }

    /// Above this many envelopes, a batch is committed onto the whole state.
    static let entryReadLimit = 4_096
}

public import ParleyCrypto
public import ParleyLog
import ParleyStore
import ParleyMatch
import Dispatch
import Synchronization

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
    /// - Throws: A store failure; then nothing of the part being stored is (more than
    ///   ``ingestPartSize`` new envelopes are stored in parts, each verified and committed whole
    ///   with its state: the parts before stay, and the next sync does not fetch them again).
    public func ingest(_ wire: [[UInt8]], exchange: ExchangeID) throws(PartyError) -> Ingested {
        try ingest(wire, exchange: exchange, partSize: Self.ingestPartSize)
    }

    /// ``ingest(_:exchange:)`` committing the new envelopes in parts of at most `partSize`, each
    /// author's in seq order, when there are more: the signatures of the next part are checked
    /// on other threads while this part's chains are checked and it is stored (SQLite's work, on
    /// one core). What is stored and the state kept are those of one batch.
    package func ingest(_ wire: [[UInt8]], exchange: ExchangeID, partSize: Int) throws(PartyError) -> Ingested {
        do {
            return try ingestOnce(wire, exchange: exchange, partSize: partSize)
        } catch let error where (error.cause as? StoreError)?.code == .chainMoved {
            // Another process stored envelopes of the same exchange meanwhile: verify against its heads.
            return try ingestOnce(wire, exchange: exchange, partSize: partSize)
        }
    }

    /// How many new envelopes an ingest commits at a time (a first pull of a register is eight
    /// parts): small enough that storing one part overlaps checking the next part's signatures,
    /// large enough that hashing the state after each part stays a small share (in alternating
    /// runs of a first pull of 181,835 envelopes, parts of 25,000 took 18.6–21.6 s, one batch
    /// 19.9–25.0 s, parts of 50,000 in between).
    static let ingestPartSize = 25_000

    private func ingestOnce(_ wire: [[UInt8]], exchange: ExchangeID, partSize: Int) throws(PartyError) -> Ingested {
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
        let extending = ChainExtension(exchange: exchange, participants: kept.state.participants)
        var parts = Self.parts(of: new, size: partSize)
        var stored: [SignedEnvelope] = []
        var checked: SignatureCheck?
        var number = 0
        do throws(PartyError) {
            while number < parts.count {
                let part = parts[number]
                let envelopes = part.map(\.envelope)
                // The next part's signatures, checked on other threads meanwhile with the keys known
                // now (the chain check takes a result only when it is the key it expects then).
                let (nextPart, keys) = (number + 1 < parts.count ? parts[number + 1].map(\.envelope) : nil, kept.state.chainKeys)
                let next = nextPart.map { envelopes in Pending { extending.signatures(of: envelopes, keys: keys) } }
                let report = if let checked {
                    extending.verify(envelopes, signatures: checked, heads: kept.heads, frozen: kept.frozen, keys: kept.state.chainKeys)
                } else {
                    extending.verify(envelopes, heads: kept.heads, frozen: kept.frozen, keys: kept.state.chainKeys)
                }
                let batch = report.batch
                let storing = Set(batch.envelopes.map(\.id))
                for entry in report.entries where !entry.isDuplicate && !storing.contains(part[entry.index].envelope.id) {
                    // Refused, or after a refused link of its chain, so that it does not attach. (A fork
                    // proof is stored, as the proof of an equivocation, not refused.)
                    refused[part[entry.index].index] = entry.verdict.isValid ? [.seqGap] : entry.verdict.reasons
                }
                let refolds = batch.refoldsState(onto: kept.state)
                let committed: (KeptState, AppendResult)
                do throws(PartyError) {
                    committed = try commit(batch, onto: try commitBase(for: batch, onto: kept))
                } catch {
                    _ = next?.value()
                    throw error
                }
                kept = committed.0
                added += committed.1.added
                stored += batch.envelopes
                checked = next?.value()
                number += 1
                // A part that folded the whole log again (a fork, a revocation) would have each
                // later part do so too: the rest is verified and stored as one batch.
                if refolds, number < parts.count {
                    parts = Array(parts[..<number]) + [Array(parts[number...].joined())]
                    checked = nil
                }
            }
        } catch {
            // Parts stored before the failure may have brought a content key that opens entries
            // stored earlier; a retry would find them stored, and not ask again.
            if !stored.isEmpty, (try? opensEarlierEntries(stored, in: kept)) == true {
                _ = try? refold(exchange, adding: [])
            }
            throw error
        }
        if try opensEarlierEntries(stored, in: kept) {
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
    /// changes into the rows. A batch that folds the whole log again (``VerifiedBatch/refoldsState(onto:)``,
    /// the rule ``commit(_:onto:)`` follows) reads nothing more.
    private func commitBase(for batch: VerifiedBatch, onto kept: KeptState) throws(PartyError) -> KeptState {
        guard !kept.isComplete, batch.envelopes.count > Self.entryReadLimit, !batch.refoldsState(onto: kept.state) else { return kept }
        return try open(batch.exchange).kept
    }

    /// Above this many envelopes, a batch is committed onto the whole state.
    static let entryReadLimit = 4_096

    /// `envelopes` as one part when there are at most `size`, else in parts of about `size`,
    /// each author's in seq order, so that every link's predecessor is stored or in its own part;
    /// a part ends only where the author or the seq changes, so that copies of one envelope and
    /// the links of a fork stay in one part, as in one batch.
    static func parts(of envelopes: [(index: Int, envelope: SignedEnvelope)], size: Int) -> [[(index: Int, envelope: SignedEnvelope)]] {
        guard envelopes.count > size else { return [envelopes] }
        let place = { (item: (index: Int, envelope: SignedEnvelope)) in (item.envelope.envelope.author, item.envelope.envelope.seq) }
        let ordered = envelopes.sorted { place($0) < place($1) }
        var parts: [[(index: Int, envelope: SignedEnvelope)]] = []
        var start = 0
        while start < ordered.count {
            var end = min(ordered.count, start + size)
            while end < ordered.count, place(ordered[end]) == place(ordered[end - 1]) { end += 1 }
            parts.append(Array(ordered[start..<end]))
            start = end
        }
        return parts
    }
}

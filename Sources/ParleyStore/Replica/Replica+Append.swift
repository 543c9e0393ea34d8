import Foundation
internal import GRDB
import ParleyCrypto
public import ParleyLog

extension Replica {
    /// Stores a verified batch and, when given, the exchange's new kept state, all in one
    /// transaction: both or neither.
    ///
    /// Only a ``VerifiedBatch`` is stored, and only the log's verifiers build one, so nothing
    /// unverified reaches the file. The batch was verified against its ``VerifiedBatch/base``
    /// heads; if another writer moved one of its authors' heads since, nothing is stored
    /// (``StoreError/Code/chainMoved``), so two writers can neither fork a chain nor keep a
    /// state that misses the other's envelopes.
    ///
    /// Envelopes are kept byte for byte, in the order given. An id already stored (or repeated in
    /// the batch) is skipped: appending is idempotent. A fork proof is stored beside the envelope
    /// it contradicts; together they prove the equivocation.
    ///
    /// Without `kept`, the kept state of the exchange falls behind the log and is no longer read
    /// (``keptState(exchange:withEntries:preparing:)`` returns `nil` until it is written again): for tests and tools.
    ///
    /// - Parameters:
    ///   - batch: The verified batch.
    ///   - kept: The exchange's state after the batch, and what the batch changed in it (`nil`
    ///     change: write the whole state). A changed state must be the kept one plus the batch
    ///     (every other author's kept head as it names it).
    ///   - count: For a whole state, how many stored envelopes of the exchange it was folded from
    ///     besides the batch; nothing is stored if that changed meanwhile.
    /// - Returns: How many envelopes were new and how many were already there.
    /// - Throws: ``StoreError/Code/chainMoved`` when a head moved, or a write failure
    ///   (``StoreError/Code/readOnly``, ``StoreError/Code/locked``, ``StoreError/Code/diskFull``…);
    ///   then nothing of the batch is stored.
    @discardableResult
    public func append(
        _ batch: VerifiedBatch, keeping kept: (state: KeptState, change: StateChange?)? = nil, foldedFrom count: Int? = nil
    ) throws(StoreError) -> AppendResult {
        if batch.isEmpty && kept == nil { return AppendResult(added: 0, alreadyPresent: 0) }
        let path = self.path
        return try write { db in
            if let kept, kept.change != nil {
                try Self.checkBasis(of: kept.state, batch: batch, in: db, path: path)
            } else if let count, try Self.storedCount(in: db, exchange: batch.exchange) != count {
                throw Self.changedMeanwhile(path: path, exchange: batch.exchange)
            }
            let result = try Self.insert(batch, in: db, path: path)
            if let kept {
                try Self.writeKept(kept.state, change: kept.change, exchange: batch.exchange, in: db)
            }
            return result
        }
    }

    /// The refusal of a write whose basis another writer moved on from.
    private static func changedMeanwhile(path: String, exchange: ExchangeID) -> StoreError {
        StoreError(
            code: .chainMoved,
            message: "replica \(path) changed meanwhile (another parley process wrote to exchange \(exchange.hex.prefix(8))); "
                + "nothing was stored: run the command again"
        )
    }

    /// Checks that `kept`, the state a batch was applied onto plus the batch, describes what is
    /// stored now except the batch: the stored kept state is current, and every other author's
    /// kept head is the one `kept` names. Otherwise another writer stored envelopes of other
    /// authors after `kept`'s basis was read (a sync beside a signing command), and writing
    /// `kept` would keep a state that misses them.
    ///
    /// - Throws: ``StoreError/Code/chainMoved``.
    private static func checkBasis(of kept: KeptState, batch: VerifiedBatch, in db: Database, path: String) throws {
        let exchange = batch.exchange
        let moved = changedMeanwhile(path: path, exchange: exchange)
        guard try isKeptCurrent(in: db, exchange: exchange) else {
            // No kept state and nothing stored: the batch creates the exchange.
            if try storedCount(in: db, exchange: exchange) == 0 { return }
            throw moved
        }
        var others = kept.heads.filter { !batch.authors.contains($0.key) }
        for row in try Row.fetchAll(db, sql: "SELECT author, seq, id FROM kept_head WHERE exchange = ?", arguments: [exchange.hex]) {
            guard let author = KeyID(hex: row["author"]), let id = EnvelopeID(hex: row["id"]) else {
                throw StoreError(code: .corrupt, message: "replica \(path) is damaged: a kept head is malformed")
            }
            if batch.authors.contains(author) { continue }
            guard others.removeValue(forKey: author) == ChainHead(seq: row["seq"], id: id) else { throw moved }
        }
        guard others.isEmpty else { throw moved }
    }

    /// Inserts a verified batch's envelopes, after checking that its authors' heads are still
    /// the ones it was verified against (``StoreError/Code/chainMoved`` otherwise).
    static func insert(_ batch: VerifiedBatch, in db: Database, path: String) throws -> AppendResult {
        let exchange = batch.exchange
        let current = try currentHeads(in: db, exchange: exchange, authors: batch.authors)
        for author in batch.authors where current[author] != batch.base[author] {
            throw changedMeanwhile(path: path, exchange: exchange)
        }
        let statement = try db.cachedStatement(sql: """
            INSERT INTO envelope (id, exchange, author, seq, prev, is_genesis, wire)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO NOTHING
            """)
        var added = 0
        for signed in batch.envelopes {
            let envelope = signed.envelope
            try statement.execute(arguments: [
                signed.id.hex, exchange.hex, envelope.author.hex, envelope.seq, envelope.prev?.hex,
                envelope.isGenesis, Data(signed.wireBytes),
            ])
            added += db.changesCount
        }
        return AppendResult(added: added, alreadyPresent: batch.envelopes.count - added)
    }

    /// The heads of `authors` that a batch must have been verified against: the kept ones when
    /// the kept state is current, else those the stored links give.
    private static func currentHeads(in db: Database, exchange: ExchangeID, authors: Set<KeyID>) throws -> [KeyID: ChainHead] {
        var heads: [KeyID: ChainHead] = [:]
        if try isKeptCurrent(in: db, exchange: exchange) {
            for author in authors {
                if let row = try Row.fetchOne(
                    db, sql: "SELECT seq, id FROM kept_head WHERE exchange = ? AND author = ?", arguments: [exchange.hex, author.hex]
                ), let id = EnvelopeID(hex: row["id"]) {
                    heads[author] = ChainHead(seq: row["seq"], id: id)
                }
            }
            return heads
        }
        for author in authors {
            heads[author] = try head(in: db, exchange: exchange, author: author)
        }
        return heads
    }
}

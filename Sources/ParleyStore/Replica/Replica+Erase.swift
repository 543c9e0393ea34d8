internal import GRDB
public import ParleyLog

extension Replica {
    /// Erases what this replica holds in clear of `exchange`, in one transaction: the kept state is
    /// replaced by `kept` (a fold that opened nothing: entries without fields, texts sealed), the
    /// kept reconciliation summary of the exchange and every kept diff are deleted (a diff's key
    /// does not name its exchange: those of other exchanges are matched again when next needed),
    /// the party's encryption keys for the exchange (in force and retired) are destroyed and the
    /// exchange marked erased (``exchangeKey(_:)`` is ``ExchangeKeyRecord/erased`` from then on),
    /// and `batch` (the party's signed `exchange.erase`) is appended. SQLite's `secure_delete`
    /// overwrites what is deleted with zeros. A crash leaves either all of it or none; ``vacuum()``
    /// then rewrites the file so that no free page or old WAL frame keeps what was there.
    ///
    /// - Parameters:
    ///   - exchange: The exchange.
    ///   - batch: Envelopes to append with it, verified against the kept heads, if any.
    ///   - kept: The state folded without opening anything, from every stored envelope of the
    ///     exchange and `batch`.
    ///   - count: How many stored envelopes of the exchange `kept` was folded from, besides `batch`.
    /// - Throws: ``StoreError/Code/chainMoved`` when envelopes of the exchange were stored
    ///   meanwhile (nothing is changed: fold again), or a write failure.
    public func erase(_ exchange: ExchangeID, appending batch: VerifiedBatch?, keeping kept: KeptState, foldedFrom count: Int) throws(StoreError) {
        let path = self.path
        do {
            try writer.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA secure_delete = ON")
                defer { try? db.execute(sql: "PRAGMA secure_delete = OFF") }
                try db.inTransaction {
                    guard try Self.storedCount(in: db, exchange: exchange) == count else {
                        throw StoreError(
                            code: .chainMoved,
                            message: "replica \(path) changed meanwhile (another parley process wrote to exchange \(exchange.hex.prefix(8))); nothing was erased"
                        )
                    }
                    if let batch { _ = try Self.insert(batch, in: db, path: path) }
                    try Self.writeKept(kept, change: nil, exchange: exchange, in: db)
                    try db.execute(sql: "DELETE FROM kept_summary WHERE exchange = ?", arguments: [exchange.hex])
                    try db.execute(sql: "DELETE FROM kept_diff")
                    try db.execute(
                        sql: "INSERT INTO exchange_key (exchange, key) VALUES (?, NULL) ON CONFLICT (exchange) DO UPDATE SET key = NULL",
                        arguments: [exchange.hex]
                    )
                    try db.execute(sql: "DELETE FROM retired_exchange_key WHERE exchange = ?", arguments: [exchange.hex])
                    return .commit
                }
            }
        } catch {
            throw .mapping(error, while: .writing, path: path)
        }
    }

    /// Rewrites the whole file (SQLite's `VACUUM`) and empties its write-ahead log, so that no
    /// free page, free space in a page or old WAL frame keeps deleted content.
    ///
    /// - Throws: A write failure (another connection reading keeps the WAL from being emptied).
    public func vacuum() throws(StoreError) {
        do {
            try writer.vacuum()
            if writer is DatabasePool {
                try writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
            }
        } catch {
            throw .mapping(error, while: .writing, path: path)
        }
    }
}

import Foundation
internal import GRDB
public import ParleyLog

extension Replica {
    /// The kept summary of an exchange's reconciliation, if it was computed from the state whose
    /// hash is `stateHash`.
    ///
    /// - Parameters:
    ///   - exchange: The exchange.
    ///   - stateHash: The current state hash.
    /// - Returns: The summary, or `nil` when none was kept for that state by this engine version.
    /// - Throws: A read failure.
    public func reconciliationSummary(exchange: ExchangeID, stateHash: String) throws(StoreError) -> ReconciliationSummary? {
        let text = try read { db in
            try String.fetchOne(
                db, sql: "SELECT summary FROM kept_reconciliation WHERE exchange = ? AND state_hash = ?",
                arguments: [exchange.hex, stateHash]
            )
        }
        return text
            .flatMap { try? JSONDecoder().decode(ReconciliationSummary.self, from: Data($0.utf8)) }
            .flatMap { $0.engine == StoredDiff.version ? $0 : nil }
    }

    /// Keeps the summary of the reconciliation of the state whose hash is `stateHash` (one per
    /// exchange: the latest replaces the one before).
    ///
    /// - Throws: A write failure.
    public func setReconciliationSummary(_ summary: ReconciliationSummary, exchange: ExchangeID, stateHash: String) throws(StoreError) {
        guard let data = try? JSONEncoder().encode(summary) else { return }
        try write { db in
            try db.execute(
                sql: """
                    INSERT INTO kept_reconciliation (exchange, state_hash, summary) VALUES (?, ?, ?)
                    ON CONFLICT (exchange) DO UPDATE SET state_hash = excluded.state_hash, summary = excluded.summary
                    """,
                arguments: [exchange.hex, stateHash, String(decoding: data, as: UTF8.self)]
            )
        }
    }
}

extension Replica: DiffStore {
    /// The engine's diff kept under `key` (``StoredDiff``), if any; `nil` on a read failure too.
    public func diffBytes(for key: String) -> [UInt8]? {
        let data = try? read { db in
            try Data.fetchOne(db, sql: "SELECT diff FROM kept_diff WHERE key = ?", arguments: [key])
        }
        return data.map { Array($0) }
    }

    /// Keeps the engine's diff under `key`, with the time it was kept; a read-only replica (or a
    /// failed write) keeps nothing, which only costs matching again next time. Keeps the 8 most
    /// recent diffs (both directions and their registry checks, and one state back).
    public func keep(diffBytes: [UInt8], for key: String) {
        guard !isReadOnly else { return }
        try? write { db in
            try db.execute(
                sql: """
                    INSERT INTO kept_diff (key, diff, kept_at) VALUES (?, ?, (SELECT coalesce(max(kept_at), 0) + 1 FROM kept_diff))
                    ON CONFLICT (key) DO UPDATE SET kept_at = excluded.kept_at
                    """,
                arguments: [key, Data(diffBytes)]
            )
            try db.execute(sql: "DELETE FROM kept_diff WHERE kept_at <= (SELECT max(kept_at) - 8 FROM kept_diff)")
        }
    }
}

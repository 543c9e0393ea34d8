import Foundation
internal import GRDB
import ParleyCrypto
public import ParleyLog

extension Replica {
    /// The kept summary of one direction's reconciliation, if one was kept for inputs with this
    /// key (``DirectionInputs``: the same key means the same rows, whatever else changed).
    ///
    /// - Parameters:
    ///   - exchange: The exchange.
    ///   - inputs: What the direction reads in the current state.
    /// - Returns: The summary, or `nil` when none is kept for these inputs (or it does not read).
    /// - Throws: A read failure.
    public func directionSummary(exchange: ExchangeID, inputs: DirectionInputs) throws(StoreError) -> ReconciliationSummary.Direction? {
        try keptSummary(in: .direction, exchange: exchange, key: inputs.key)
    }

    /// Keeps the summary of a direction's reconciliation under the key of its inputs; keeps the
    /// four most recent of an exchange (both directions, and one state back).
    ///
    /// - Throws: A write failure.
    public func keep(_ summary: ReconciliationSummary.Direction, exchange: ExchangeID, inputs: DirectionInputs) throws(StoreError) {
        try keepSummary(summary, in: .direction, exchange: exchange, key: inputs.key)
    }

    /// The kept summary of the whole exchange's manifest, if one was kept for inputs with this
    /// key (``ManifestInputs``).
    ///
    /// - Throws: A read failure.
    public func manifestSummary(exchange: ExchangeID, inputs: ManifestInputs) throws(StoreError) -> ManifestSummary? {
        try keptSummary(in: .manifest, exchange: exchange, key: inputs.key)
    }

    /// Keeps the summary of the whole exchange's manifest under the key of its inputs (the four
    /// most recent of an exchange).
    ///
    /// - Throws: A write failure.
    public func keep(_ summary: ManifestSummary, exchange: ExchangeID, inputs: ManifestInputs) throws(StoreError) {
        try keepSummary(summary, in: .manifest, exchange: exchange, key: inputs.key)
    }

    /// The kinds of summaries kept by the key of their inputs (`kept_summary.kind`).
    private enum SummaryKind: String {
        case direction
        case manifest
    }

    /// The summary of `kind` kept under `key`, decoded; `nil` when there is none or it does not decode.
    private func keptSummary<Summary: Decodable>(in kind: SummaryKind, exchange: ExchangeID, key: String) throws(StoreError) -> Summary? {
        let text = try read { db in
            try String.fetchOne(
                db, sql: "SELECT summary FROM kept_summary WHERE exchange = ? AND kind = ? AND key = ?",
                arguments: [exchange.hex, kind.rawValue, key]
            )
        }
        return text.flatMap { try? JSONDecoder().decode(Summary.self, from: Data($0.utf8)) }
    }

    /// Keeps `summary` as `kind` under `key`, and the four most recent of that kind for the exchange.
    private func keepSummary<Summary: Encodable>(_ summary: Summary, in kind: SummaryKind, exchange: ExchangeID, key: String) throws(StoreError) {
        guard let data = try? JSONEncoder().encode(summary) else { return }
        try write { db in
            try db.execute(
                sql: """
                    INSERT INTO kept_summary (exchange, kind, key, summary, kept_at)
                    VALUES (?, ?, ?, ?, (SELECT coalesce(max(kept_at), 0) + 1 FROM kept_summary WHERE exchange = ? AND kind = ?))
                    ON CONFLICT (exchange, kind, key) DO UPDATE SET summary = excluded.summary, kept_at = excluded.kept_at
                    """,
                arguments: [exchange.hex, kind.rawValue, key, String(decoding: data, as: UTF8.self), exchange.hex, kind.rawValue]
            )
            try db.execute(
                sql: """
                    DELETE FROM kept_summary WHERE exchange = ? AND kind = ?
                    AND kept_at <= (SELECT max(kept_at) - 4 FROM kept_summary WHERE exchange = ? AND kind = ?)
                    """,
                arguments: [exchange.hex, kind.rawValue, exchange.hex, kind.rawValue]
            )
        }
    }

    /// How many kept entries of the exchange this party cannot open yet (their fields are empty
    /// until their author's content key reaches it), counted without reading them.
    ///
    /// - Throws: A read failure.
    public func unopenedEntryCount(exchange: ExchangeID) throws(StoreError) -> Int {
        try read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM entry WHERE exchange = ? AND fields = '{}'", arguments: [exchange.hex]) ?? 0
        }
    }

    /// What pins each kept entry of `list` (``EntryPin``), in list order, read without parsing
    /// any record: enough to key a direction's inputs for a state opened without its entries.
    ///
    /// - Throws: A read failure.
    public func entryPins(exchange: ExchangeID, list: ListKey) throws(StoreError) -> [EntryPin] {
        try read { db in
            // The primary key's order, which is the state's: author key ids and entry ids are
            // lowercase hex and ASCII, whose text order is their byte order.
            let rows = try Row.fetchCursor(
                db, sql: """
                    SELECT envelope, fields = '{}' FROM entry WHERE exchange = ? AND side = ? AND list = ?
                    ORDER BY author, entry
                    """,
                arguments: [exchange.hex, list.side.rawValue, list.kind.rawValue]
            )
            var pins: [EntryPin] = []
            while let row = try rows.next() {
                pins.append(EntryPin(envelopeHex: try row.decode(atIndex: 0), isUnopened: try row.decode(atIndex: 1)))
            }
            return pins
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
    /// failed write) keeps nothing, which only costs matching again next time. Keeps the most
    /// recent diffs of each shelf on its own: 8 of the lists (both directions, and states back),
    /// 4 of the registry's checks (both directions, and one state back). The key says its shelf
    /// (``StoredDiff/Shelf/of(key:)``), so the table needs no column for it.
    public func keep(diffBytes: [UInt8], for key: String) {
        guard !isReadOnly else { return }
        let registry = StoredDiff.Shelf.registry.keyPrefix + "%"
        let (onShelf, kept) = switch StoredDiff.Shelf.of(key: key) {
        case .lists: ("key NOT LIKE '\(registry)'", 8)
        case .registry: ("key LIKE '\(registry)'", 4)
        }
        try? write { db in
            try db.execute(
                sql: """
                    INSERT INTO kept_diff (key, diff, kept_at) VALUES (?, ?, (SELECT coalesce(max(kept_at), 0) + 1 FROM kept_diff))
                    ON CONFLICT (key) DO UPDATE SET kept_at = excluded.kept_at
                    """,
                arguments: [key, Data(diffBytes)]
            )
            // The times count across shelves: the shelf's latest are found by rank, not by time.
            try db.execute(sql: """
                DELETE FROM kept_diff WHERE \(onShelf)
                AND key NOT IN (SELECT key FROM kept_diff WHERE \(onShelf) ORDER BY kept_at DESC LIMIT \(kept))
                """)
        }
    }
}

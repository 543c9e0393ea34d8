import Foundation
internal import GRDB
public import ParleyLog
import ParleyCrypto
import ParleyMatch

extension Replica {
    /// Rewrites the derived tables of an exchange from its stored envelopes, in one transaction.
    ///
    /// Verifies every stored envelope of the exchange from its bytes, folds the accepted ones, and
    /// replaces the exchange's derived rows with that state. Without a valid genesis the exchange
    /// has no derived rows. Run it after an append; the derived tables are a cache, never evidence.
    ///
    /// - Parameter exchange: The exchange.
    /// - Returns: The verification the rows were built from.
    /// - Throws: ``StoreError/Code/notFound`` when the replica has no envelope of the exchange, or
    ///   another ``StoreError``; then the derived rows are as they were.
    @discardableResult
    public func rebuildDerived(exchange: ExchangeID) throws(StoreError) -> StoredVerification {
        try write { db in
            let stored = try Self.storedEnvelopes(exchange: exchange, in: db, path: path)
            guard let through = stored.last?.receivedAt else {
                throw StoreError(code: .notFound, message: "replica \(path) has no envelope of exchange \(exchange)")
            }
            let verification = StoredVerification(verifying: stored, exchange: exchange)
            try Self.writeDerived(verification.report.state, exchange: exchange, through: through, in: db)
            return verification
        }
    }

    /// Rewrites the derived tables of an exchange from a verification the caller already holds,
    /// when it covers exactly the envelopes stored for the exchange; otherwise verifies the
    /// stored envelopes as ``rebuildDerived(exchange:)`` does.
    ///
    /// For a writer that has just verified its batch together with the stored log: the stored
    /// ids are compared with the report's in the write transaction, which costs no parsing or
    /// signature checks.
    ///
    /// - Parameters:
    ///   - exchange: The exchange.
    ///   - report: The ``Verifier``'s report over the envelopes the caller believes are stored.
    /// - Throws: As ``rebuildDerived(exchange:)``; then the derived rows are as they were.
    public func rebuildDerived(exchange: ExchangeID, verified report: VerificationReport) throws(StoreError) {
        try write { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT id, received_at FROM envelope WHERE exchange = ?", arguments: [exchange.hex]
            )
            guard let through = rows.map({ $0["received_at"] as Int64 }).max() else {
                throw StoreError(code: .notFound, message: "replica \(path) has no envelope of exchange \(exchange)")
            }
            var state = report.state
            if Set(rows.map { $0["id"] as String }) != Set(report.envelopes.keys.map(\.hex)) {
                // Something else was stored meanwhile: the report does not describe the replica.
                let stored = try Self.storedEnvelopes(exchange: exchange, in: db, path: path)
                state = StoredVerification(verifying: stored, exchange: exchange).report.state
            }
            try Self.writeDerived(state, exchange: exchange, through: through, in: db)
        }
    }

    /// Replaces an exchange's derived rows with `state` (none without a state).
    private static func writeDerived(_ state: ExchangeState?, exchange: ExchangeID, through: Int64, in db: Database) throws {
        try db.execute(sql: "DELETE FROM derived_exchange WHERE exchange = ?", arguments: [exchange.hex])
        guard let state else { return }
        try db.execute(
            sql: "INSERT INTO derived_exchange (exchange, title, state_hash, through) VALUES (?, ?, ?, ?)",
            arguments: [exchange.hex, state.title, state.stateHash, through]
        )
        let insert = try db.cachedStatement(sql: """
            INSERT INTO entry (exchange, side, list, author, entry, fields, envelope)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        for list in state.lists.keys.sorted() {
            for entry in state.entries(of: list) {
                try insert.execute(arguments: [
                    exchange.hex, list.side.rawValue, list.kind.rawValue, entry.author.hex, entry.entry,
                    try fieldsJSON(entry.fields), entry.envelope.hex,
                ])
            }
        }
    }

    /// The derived entries of an exchange, in the state's canonical order (side, list, author,
    /// entry id bytes), as of the last ``rebuildDerived(exchange:)``.
    ///
    /// - Parameter exchange: The exchange.
    /// - Returns: The entries; empty when the exchange was never rebuilt.
    /// - Throws: ``StoreError/Code/corrupt`` if a derived row is malformed, or another ``StoreError``.
    public func entries(exchange: ExchangeID) throws(StoreError) -> [StoredEntry] {
        try read { db in
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT side, list, author, entry, fields, envelope FROM entry
                    WHERE exchange = ? ORDER BY side, list, author, entry
                    """,
                arguments: [exchange.hex]
            )
            var entries: [StoredEntry] = []
            while let row = try rows.next() {
                guard let side = Side(rawValue: try row.decode(forColumn: "side")),
                      let kind = ListKind(rawValue: try row.decode(forColumn: "list")),
                      let author = KeyID(hex: try row.decode(forColumn: "author")),
                      let fields = Self.fields(json: try row.decode(forColumn: "fields")),
                      let envelope = EnvelopeID(hex: try row.decode(forColumn: "envelope"))
                else { throw damaged("a derived entry row") }
                entries.append(StoredEntry(
                    list: ListKey(side: side, kind: kind),
                    entry: ListEntry(
                        author: author, entry: try row.decode(forColumn: "entry"), fields: fields, envelope: envelope
                    )
                ))
            }
            return entries
        }
    }

    /// What the derived tables hold for an exchange, and whether envelopes arrived since.
    ///
    /// - Parameter exchange: The exchange.
    /// - Returns: The summary, or `nil` when the exchange has no derived rows.
    /// - Throws: ``StoreError`` if the file cannot be read.
    public func derivedState(exchange: ExchangeID) throws(StoreError) -> DerivedState? {
        try read { db in
            guard let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT title, state_hash, through,
                        (SELECT count(*) FROM entry WHERE entry.exchange = derived_exchange.exchange) AS entries,
                        (SELECT max(received_at) FROM envelope WHERE envelope.exchange = derived_exchange.exchange) AS latest
                    FROM derived_exchange WHERE exchange = ?
                    """,
                arguments: [exchange.hex]
            ) else { return nil }
            let through = try row.decode(Int64.self, forColumn: "through")
            let latest = try row.decode(Int64?.self, forColumn: "latest") ?? through
            return DerivedState(
                title: try row.decode(forColumn: "title"), stateHash: try row.decode(forColumn: "state_hash"),
                entryCount: try row.decode(forColumn: "entries"), isStale: latest > through
            )
        }
    }

    /// A record's fields as canonical JSON text keyed by field name.
    private static func fieldsJSON(_ fields: [Field: String]) throws -> String {
        let object = JSONValue.object(Dictionary(uniqueKeysWithValues: fields.map { ($0.key.rawValue, .string($0.value)) }))
        return String(decoding: try CanonicalJSON.encode(object), as: UTF8.self)
    }

    /// Reads fields written by ``fieldsJSON(_:)``; `nil` if they are not that.
    private static func fields(json: String) -> [Field: String]? {
        guard let object = (try? JSONValue(parsing: Array(json.utf8)))?.objectValue else { return nil }
        var fields: [Field: String] = [:]
        for (name, value) in object {
            guard let field = Field(rawValue: name), let text = value.stringValue else { return nil }
            fields[field] = text
        }
        return fields
    }
}

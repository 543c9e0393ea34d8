import Foundation
internal import GRDB
public import ParleyLog
public import ParleyCrypto

extension Replica {
    /// The stored envelopes of an exchange, parsed from their stored bytes, in arrival order.
    ///
    /// The genesis is among them when the replica has it.
    ///
    /// - Parameter exchange: The exchange.
    /// - Returns: The envelopes; empty when the replica has none of that exchange.
    /// - Throws: ``StoreError/Code/corrupt`` naming the first stored envelope whose bytes no longer
    ///   parse or no longer hash to its recorded id (use ``storedEnvelopes(exchange:)`` and
    ///   ``verifyStored(exchange:)`` to see every damaged one), or another ``StoreError`` if the
    ///   file cannot be read.
    public func envelopes(exchange: ExchangeID) throws(StoreError) -> [SignedEnvelope] {
        var parsed: [SignedEnvelope] = []
        for stored in try storedEnvelopes(exchange: exchange) {
            guard let envelope = try? SignedEnvelope(parsing: stored.wireBytes), envelope.id == stored.id else {
                throw StoreError(
                    code: .corrupt,
                    message: "replica \(path) is damaged: the stored bytes of envelope \(stored.id) no longer read as that envelope"
                )
            }
            parsed.append(envelope)
        }
        return parsed
    }

    /// The envelopes another holder of `exchange` lacks, given its version vector: for each author,
    /// those with `seq` above `have[author]` (all of an author not in `have`), in chain order
    /// (authors by key id, then seq), the genesis first when it is among them.
    ///
    /// One indexed range query per author on (exchange, author, seq): the cost grows with what
    /// the other holder lacks, not with the log.
    ///
    /// - Parameters:
    ///   - exchange: The exchange.
    ///   - have: The other holder's version vector: author → highest contiguous seq it holds.
    /// - Returns: The envelopes, parsed from their stored bytes.
    /// - Throws: As ``envelopes(exchange:)``.
    public func envelopes(exchange: ExchangeID, after have: [KeyID: Int]) throws(StoreError) -> [SignedEnvelope] {
        let rows = try read { db in
            let authors = try Self.authors(in: db, exchange: exchange)
            let statement = try db.cachedStatement(
                sql: "SELECT id, author, seq, is_genesis, wire FROM envelope WHERE exchange = ? AND author = ? AND seq > ? ORDER BY seq"
            )
            var rows: [Row] = []
            for author in authors {
                let known = KeyID(hex: author).flatMap { have[$0] } ?? 0
                rows += try Row.fetchAll(statement, arguments: [exchange.hex, author, known])
            }
            // The genesis first, then by author and seq.
            return rows.filter { $0["is_genesis"] as Bool } + rows.filter { !($0["is_genesis"] as Bool) }
        }
        return try parsed(rows)
    }

    /// The stored envelopes of `author` in `exchange`, by seq (a fork's both links included): one
    /// indexed range query, however long the other chains are.
    ///
    /// - Throws: As ``envelopes(exchange:)``.
    public func envelopes(exchange: ExchangeID, author: KeyID) throws(StoreError) -> [SignedEnvelope] {
        try parsed(read { db in
            try Row.fetchAll(
                db, sql: "SELECT id, wire FROM envelope WHERE exchange = ? AND author = ? ORDER BY seq",
                arguments: [exchange.hex, author.hex]
            )
        })
    }

    /// The ids of the stored envelopes `author` signed at `seq` in `exchange` (two or more
    /// when the chain forks there), by one indexed lookup.
    ///
    /// - Throws: ``StoreError/Code/corrupt`` for a malformed id, or a read failure.
    public func ids(exchange: ExchangeID, author: KeyID, seq: Int) throws(StoreError) -> Set<EnvelopeID> {
        try read { db in
            Set(try String.fetchAll(
                db, sql: "SELECT id FROM envelope WHERE exchange = ? AND author = ? AND seq = ?", arguments: [exchange.hex, author.hex, seq]
            ).map { hex throws(StoreError) in
                guard let id = EnvelopeID(hex: hex) else { throw damaged("a stored envelope id") }
                return id
            })
        }
    }

    /// What shows the forks of `authors` in `exchange`: the genesis (which names the
    /// participants) and every stored envelope of those authors, both links of a fork included,
    /// unparsed (a verifier names what no longer reads). A verifier finds the same equivocations
    /// of those authors in them as in the whole log, whose other chains it need not read.
    ///
    /// - Throws: As ``storedEnvelopes(exchange:)``.
    public func chains(exchange: ExchangeID, authors: Set<KeyID>) throws(StoreError) -> [StoredEnvelope] {
        try read { db in
            var chains = try Self.stored(
                db, sql: "SELECT received_at, id, wire FROM envelope WHERE id = ?", arguments: [exchange.genesis.hex], path: path
            )
            for author in authors.sorted() {
                chains += try Self.stored(
                    db, sql: "SELECT received_at, id, wire FROM envelope WHERE exchange = ? AND author = ? AND id != ? ORDER BY seq",
                    arguments: [exchange.hex, author.hex, exchange.genesis.hex], path: path
                )
            }
            return chains
        }
    }

    /// The authors whose chain forks in `exchange`, as the kept state records them (`parley
    /// verify` checks them against the log); `nil` when the replica keeps no current state of it.
    ///
    /// - Throws: ``StoreError/Code/corrupt`` for a malformed row, or a read failure.
    public func keptForks(exchange: ExchangeID) throws(StoreError) -> Set<KeyID>? {
        try read { db -> Set<KeyID>? in
            guard try Self.isKeptCurrent(in: db, exchange: exchange) else { return nil }
            let authors = try String.fetchAll(db, sql: "SELECT author FROM kept_frozen WHERE exchange = ?", arguments: [exchange.hex])
                .map { hex throws(StoreError) in
                    guard let author = KeyID(hex: hex) else { throw damaged("a kept fork") }
                    return author
                }
            return Set(authors)
        }
    }

    /// Stored rows (`id`, `wire`) parsed, each checked to read as the envelope of its id.
    private func parsed(_ rows: [Row]) throws(StoreError) -> [SignedEnvelope] {
        var parsed: [SignedEnvelope] = []
        parsed.reserveCapacity(rows.count)
        for row in rows {
            let wire: [UInt8] = Array(row["wire"] as Data)
            guard let envelope = try? SignedEnvelope(parsing: wire), envelope.id.hex == (row["id"] as String) else {
                throw StoreError(
                    code: .corrupt,
                    message: "replica \(path) is damaged: the stored bytes of envelope \(row["id"] as String) no longer read as that envelope"
                )
            }
            parsed.append(envelope)
        }
        return parsed
    }

    /// The authors of an exchange's stored envelopes, by key id: the kept heads' when the kept
    /// state is current, else a scan of the chain index.
    static func authors(in db: Database, exchange: ExchangeID) throws -> [String] {
        if try isKeptCurrent(in: db, exchange: exchange) {
            var authors = try String.fetchAll(db, sql: "SELECT author FROM kept_head WHERE exchange = ? ORDER BY author", arguments: [exchange.hex])
            // Fork proofs' authors have heads too; an author with only rejected envelopes has none.
            authors += try String.fetchAll(
                db, sql: "SELECT author FROM kept_frozen WHERE exchange = ? AND author NOT IN (SELECT author FROM kept_head WHERE exchange = ?)",
                arguments: [exchange.hex, exchange.hex]
            )
            return authors.sorted()
        }
        return try String.fetchAll(db, sql: "SELECT DISTINCT author FROM envelope WHERE exchange = ? ORDER BY author", arguments: [exchange.hex])
    }

    /// The stored envelopes of an exchange exactly as stored, unparsed, in arrival order.
    ///
    /// - Parameter exchange: The exchange.
    /// - Returns: The stored bytes with their recorded ids.
    /// - Throws: ``StoreError/Code/corrupt`` if a recorded id is not an id, or another
    ///   ``StoreError`` if the file cannot be read.
    public func storedEnvelopes(exchange: ExchangeID) throws(StoreError) -> [StoredEnvelope] {
        try read { db in try Self.storedEnvelopes(exchange: exchange, in: db, path: path) }
    }

    /// The last `count` stored envelopes of an exchange to arrive, unparsed, in arrival order:
    /// one indexed read of those rows, however long the log (`parley log -n`).
    ///
    /// - Throws: As ``storedEnvelopes(exchange:)``.
    public func storedEnvelopes(exchange: ExchangeID, last count: Int) throws(StoreError) -> [StoredEnvelope] {
        try read { db in try Self.storedEnvelopes(exchange: exchange, in: db, path: path, last: count) }
    }

    /// The ids of the exchanges whose genesis the replica holds, in arrival order.
    ///
    /// - Returns: The exchanges.
    /// - Throws: ``StoreError/Code/corrupt`` if a stored exchange id is damaged, or another
    ///   ``StoreError`` if the file cannot be read.
    public func exchanges() throws(StoreError) -> [ExchangeID] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT exchange FROM envelope WHERE is_genesis = 1 ORDER BY received_at")
                .map { hex throws(StoreError) in
                    guard let id = ExchangeID(hex: hex) else { throw damaged("an exchange id") }
                    return id
                }
        }
    }

    /// How many envelopes the replica holds, of every exchange.
    ///
    /// - Returns: The count.
    /// - Throws: ``StoreError`` if the file cannot be read.
    public func envelopeCount() throws(StoreError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM envelope") ?? 0 }
    }

    /// Reads the stored envelopes of `exchange` on `db` (the last `count` to arrive, when given),
    /// in arrival order.
    static func storedEnvelopes(exchange: ExchangeID, in db: Database, path: String, last count: Int? = nil) throws -> [StoredEnvelope] {
        if let count {
            return try stored(
                db, sql: """
                    SELECT * FROM (SELECT received_at, id, wire FROM envelope WHERE exchange = ? ORDER BY received_at DESC LIMIT ?)
                    ORDER BY received_at
                    """,
                arguments: [exchange.hex, max(0, count)], path: path
            )
        }
        return try stored(
            db, sql: "SELECT received_at, id, wire FROM envelope WHERE exchange = ? ORDER BY received_at", arguments: [exchange.hex], path: path
        )
    }

    /// The rows (`received_at`, `id`, `wire`) `sql` selects, as stored.
    private static func stored(_ db: Database, sql: String, arguments: StatementArguments, path: String) throws -> [StoredEnvelope] {
        let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        var stored: [StoredEnvelope] = []
        while let row = try rows.next() {
            guard let id = EnvelopeID(hex: try row.decode(forColumn: "id")) else {
                throw StoreError(code: .corrupt, message: "replica \(path) is damaged: a stored envelope id is malformed")
            }
            let wire = try row.decode(Data.self, forColumn: "wire")
            stored.append(StoredEnvelope(id: id, wireBytes: Array(wire), receivedAt: try row.decode(forColumn: "received_at")))
        }
        return stored
    }

    /// The error for a stored value that is not what the schema promises.
    func damaged(_ what: String) -> StoreError {
        StoreError(code: .corrupt, message: "replica \(path) is damaged: \(what) is malformed")
    }
}

extension Replica {
    /// Which of `ids` the replica holds.
    ///
    /// - Parameter ids: Envelope ids.
    /// - Returns: Those stored.
    /// - Throws: A read failure.
    public func storedIDs(among ids: [EnvelopeID]) throws(StoreError) -> Set<EnvelopeID> {
        guard !ids.isEmpty else { return [] }
        return try read { db in
            let statement = try db.cachedStatement(sql: "SELECT 1 FROM envelope WHERE id = ?")
            var found: Set<EnvelopeID> = []
            for id in ids where try Int.fetchOne(statement, arguments: [id.hex]) != nil {
                found.insert(id)
            }
            return found
        }
    }
}

extension Replica {
    /// The stored envelopes with these ids, parsed from their stored bytes (not verified again).
    ///
    /// - Parameter ids: Envelope ids.
    /// - Returns: Those the replica holds, by id.
    /// - Throws: ``StoreError/Code/corrupt`` when stored bytes no longer read as the envelope, or
    ///   a read failure.
    public func envelopes(ids: [EnvelopeID]) throws(StoreError) -> [EnvelopeID: SignedEnvelope] {
        try read { db in
            let statement = try db.cachedStatement(sql: "SELECT wire FROM envelope WHERE id = ?")
            var found: [EnvelopeID: SignedEnvelope] = [:]
            for id in ids {
                guard let wire = try Data.fetchOne(statement, arguments: [id.hex]) else { continue }
                guard let envelope = try? SignedEnvelope(parsing: Array(wire)), envelope.id == id else {
                    throw StoreError(
                        code: .corrupt, message: "replica \(path) is damaged: the stored bytes of envelope \(id) no longer read as that envelope"
                    )
                }
                found[id] = envelope
            }
            return found
        }
    }
}

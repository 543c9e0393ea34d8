import Foundation
import Glibc
internal import GRDB
public import ParleyCrypto
public import ParleyLog

/// A ``ServerStore`` in one SQLite file: the embedded default for a single server process.
///
/// ```swift
/// let store = try SQLiteServerStore.open(directory: "/var/lib/parley")   // …/server.sqlite
/// _ = try await store.createExchange(genesis: genesis)
/// let result = try await store.append(envelopes, to: exchange)
/// ```
///
/// **Connections.** The store owns one GRDB `DatabasePool` in WAL mode: appends are serialized on
/// its writer connection, each in one transaction, while reads run beside them on snapshots. Open
/// each file once per process and share the value (GRDB's rule: one connection owner per file).
///
/// **Layout.** `server_exchange` keeps each log's size, `server_head` every author's last envelope,
/// both updated in the append's transaction so that an append never scans the log;
/// `server_envelope` holds the wire bytes with unique (exchange, position), (exchange, author,
/// seq) and (exchange, id). Ids are stored as their 32 raw bytes.
public final class SQLiteServerStore: ServerStore {
    /// The file name ``open(directory:busyTimeout:)`` uses inside its folder.
    public static let fileName = "server.sqlite"

    /// The file's path.
    public let path: String

    /// The one owner of the file's connections.
    private let pool: DatabasePool

    private init(path: String, pool: DatabasePool) {
        self.path = path
        self.pool = pool
    }

    /// Opens the store in ``fileName`` inside `directory`, creating the folder and the file if they
    /// do not exist, and brings its schema up to date.
    ///
    /// - Parameters:
    ///   - directory: The server's data folder.
    ///   - busyTimeout: How long to wait for another process's lock before failing with
    ///     ``StoreError/Code/locked``.
    /// - Returns: The store.
    /// - Throws: ``StoreError`` as ``open(path:busyTimeout:)`` does.
    public static func open(directory: String, busyTimeout: Duration = .seconds(5)) throws(StoreError) -> SQLiteServerStore {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw StoreError(
                code: .cannotOpen, message: "cannot create the server store's folder \(directory)", cause: error
            )
        }
        return try open(path: URL(fileURLWithPath: directory).appendingPathComponent(fileName).path, busyTimeout: busyTimeout)
    }

    /// Opens the store in the SQLite file at `path`, creating it (mode 0600) if it does not
    /// exist, and brings its schema up to date.
    ///
    /// - Parameters:
    ///   - path: The file's path. Its folder must exist.
    ///   - busyTimeout: How long to wait for another process's lock before failing with
    ///     ``StoreError/Code/locked``.
    /// - Returns: The store.
    /// - Throws: ``StoreError`` with ``StoreError/Code/cannotOpen``, ``StoreError/Code/corrupt``
    ///   (not a database), ``StoreError/Code/locked`` or ``StoreError/Code/migrationFailed``
    ///   (including a file written by a newer version).
    public static func open(path: String, busyTimeout: Duration = .seconds(5)) throws(StoreError) -> SQLiteServerStore {
        // A new store is readable by its owner only, whatever the umask: it holds every exchange
        // (SQLite gives its -wal and -shm files the database file's mode).
        let created = Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if created >= 0 { close(created) }
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout.seconds)
        configuration.label = "parley.server-store"
        SQLiteTuning.apply(to: &configuration)
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw .mapping(error, while: .opening, path: path, kind: "server store")
        }
        let migrator = SQLiteServerSchema.migrator
        do {
            if try pool.read({ db in try migrator.hasBeenSuperseded(db) }) {
                throw StoreError(
                    code: .migrationFailed,
                    message: "server store \(path) was written by a newer version of Parley; upgrade Parley to open it"
                )
            }
            try migrator.migrate(pool)
        } catch {
            throw .mapping(error, while: .migrating, path: path, kind: "server store")
        }
        return SQLiteServerStore(path: path, pool: pool)
    }

    /// The names of the migrations the file has recorded as done, in the order they ran.
    ///
    /// - Returns: ``SQLiteServerSchema/migrationNames`` for a store this version opened.
    /// - Throws: ``StoreError`` if the file cannot be read.
    package func appliedMigrations() async throws(StoreError) -> [String] {
        try await read { db in try SQLiteServerSchema.migrator.appliedMigrations(db) }
    }

    /// Registers an exchange by its genesis, at position 0 of its log.
    public func createExchange(genesis: SignedEnvelope) async throws(StoreError) -> Bool {
        let exchange = try ServerStoreRules.exchange(created: genesis)
        return try await write { db in
            try db.execute(
                sql: "INSERT INTO server_exchange (exchange, size) VALUES (?, 1) ON CONFLICT (exchange) DO NOTHING",
                arguments: [exchange.blob]
            )
            guard db.changesCount == 1 else { return false }
            let author = genesis.envelope.author
            try db.execute(
                sql: "INSERT INTO server_envelope (exchange, position, author, seq, id, wire) VALUES (?, 0, ?, 1, ?, ?)",
                arguments: [exchange.blob, author.blob, genesis.id.blob, Data(genesis.wireBytes)]
            )
            try db.execute(
                sql: "INSERT INTO server_head (exchange, author, seq, id) VALUES (?, ?, 1, ?)",
                arguments: [exchange.blob, author.blob, genesis.id.blob]
            )
            return true
        }
    }

    /// The genesis of `exchange`, or `nil` if the store does not hold it.
    public func genesis(of exchange: ExchangeID) async throws(StoreError) -> SignedEnvelope? {
        let wire = try await read { db in
            try Data.fetchOne(
                db, sql: "SELECT wire FROM server_envelope WHERE exchange = ? AND position = 0", arguments: [exchange.blob]
            )
        }
        guard let wire else { return nil }
        return try ServerStoreRules.envelope(stored: Array(wire), in: "server store \(path)")
    }

    /// Every exchange held.
    public func exchanges() async throws(StoreError) -> [ExchangeID] {
        let path = self.path
        return try await read { db in
            try Data.fetchAll(db, sql: "SELECT exchange FROM server_exchange").map { blob throws(StoreError) in
                guard let id = EnvelopeID(bytes: blob) else { throw Self.damaged(path) }
                return ExchangeID(genesis: id)
            }
        }
    }

    /// The log's size and every author's last envelope.
    public func heads(of exchange: ExchangeID) async throws(StoreError) -> LogHeads {
        let path = self.path
        return try await read { db in try Self.log(of: exchange, in: db, path: path) }
    }

    /// Which of `ids` the exchange's log holds.
    public func existing(_ ids: [EnvelopeID], in exchange: ExchangeID) async throws(StoreError) -> Set<EnvelopeID> {
        try await read { db in try Self.stored(ids, in: exchange, db: db) }
    }

    /// The id stored at (`author`, `seq`), if any.
    public func envelopeID(in exchange: ExchangeID, author: KeyID, seq: Int) async throws(StoreError) -> EnvelopeID? {
        let path = self.path
        let blob = try await read { db in
            try Data.fetchOne(
                db, sql: "SELECT id FROM server_envelope WHERE exchange = ? AND author = ? AND seq = ?",
                arguments: [exchange.blob, author.blob, seq]
            )
        }
        guard let blob else { return nil }
        guard let id = EnvelopeID(bytes: blob) else { throw Self.damaged(path) }
        return id
    }

    /// Appends envelopes in one write transaction, after checking every chain rule against what is
    /// stored (see ``ServerStore/append(_:to:)``).
    public func append(_ envelopes: [SignedEnvelope], to exchange: ExchangeID) async throws(StoreError) -> ServerAppendResult {
        let path = self.path
        return try await write { db in
            let log = try Self.log(of: exchange, in: db, path: path)
            if log.isErased { throw ServerStoreRules.erased(exchange, in: "server store \(path)") }
            if envelopes.isEmpty { return ServerAppendResult(added: 0, duplicates: 0, log: log) }
            let stored = try Self.stored(AppendPlan.possiblyStored(envelopes, heads: log.heads), in: exchange, db: db)
            let plan = try AppendPlan(appending: envelopes, to: exchange, log: log, stored: stored)
            let key = exchange.blob
            let insert = try db.cachedStatement(
                sql: "INSERT INTO server_envelope (exchange, position, author, seq, id, wire) VALUES (?, ?, ?, ?, ?, ?)"
            )
            for row in plan.rows {
                try insert.execute(arguments: [
                    key, row.position, row.author.blob, row.seq, row.id.blob, Data(row.wire),
                ])
            }
            let head = try db.cachedStatement(sql: """
                INSERT INTO server_head (exchange, author, seq, id) VALUES (?, ?, ?, ?)
                ON CONFLICT (exchange, author) DO UPDATE SET seq = excluded.seq, id = excluded.id
                """)
            for author in plan.changedAuthors {
                guard let new = plan.log.heads[author] else { continue }
                try head.execute(arguments: [key, author.blob, new.seq, new.id.blob])
            }
            try db.execute(
                sql: "UPDATE server_exchange SET size = ? WHERE exchange = ?", arguments: [plan.log.size, key]
            )
            return plan.result
        }
    }

    /// Reads the envelopes a client lacks in pages, author by author in key id order, each
    /// author's by seq through the (exchange, author, seq) index.
    public func envelopes(
        of exchange: ExchangeID, after have: [KeyID: Int], size: Int, pageSize: Int,
        _ page: @Sendable ([StoredWire]) async throws -> Void
    ) async throws {
        let authors = try await read { db in
            // Blobs compare with memcmp: the order of the key ids' bytes.
            try Data.fetchAll(
                db, sql: "SELECT author FROM server_head WHERE exchange = ? ORDER BY author", arguments: [exchange.blob]
            )
        }
        var pages = StoredWirePages(size: pageSize)
        for blob in authors {
            guard let author = KeyID(bytes: blob) else { throw Self.damaged(path) }
            var after = have[author] ?? 0
            while true {
                let limit = pages.room
                let from = after
                let rows = try await read { db in
                    try Row.fetchAll(
                        db,
                        sql: """
                            SELECT seq, wire FROM server_envelope
                            WHERE exchange = ? AND author = ? AND seq > ? AND position < ?
                            ORDER BY seq LIMIT ?
                            """,
                        arguments: [exchange.blob, blob, from, size, limit]
                    ).map { row in (seq: row["seq"] as Int, wire: row["wire"] as Data) }
                }
                for row in rows {
                    if let full = pages.add(StoredWire(author: author, seq: row.seq, bytes: Array(row.wire))) {
                        try await page(full)
                    }
                }
                guard rows.count == limit, let last = rows.last else { break }
                after = last.seq
            }
        }
        if let last = pages.finish() { try await page(last) }
    }

    /// Drops every envelope of `exchange` but `keeping` and marks it erased, in one transaction,
    /// with SQLite's `secure_delete` on so that the freed cells and pages are overwritten with
    /// zeros; then checkpoints the write-ahead log and truncates it, so that no frame written
    /// before keeps a dropped envelope either (also when the exchange was erased already: a
    /// crash between the two is mended by erasing again).
    public func erase(_ exchange: ExchangeID, keeping: Set<EnvelopeID>, ifSize size: Int) async throws(StoreError) -> Int {
        let dropped = try await dropEnvelopes(of: exchange, keeping: keeping, ifSize: size)
        // The drop is committed. A checkpoint that a reader keeps waiting past the busy timeout
        // leaves the old frames in the write-ahead log until a later truncating checkpoint
        // (the next erasure, or SQLite's own when the file is closed).
        _ = try? await pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
        return dropped
    }

    /// The transaction of ``erase(_:keeping:ifSize:)``.
    private func dropEnvelopes(of exchange: ExchangeID, keeping: Set<EnvelopeID>, ifSize size: Int) async throws(StoreError) -> Int {
        let path = self.path
        return try await write { db in
            let log = try Self.log(of: exchange, in: db, path: path)
            if log.isErased { return 0 }
            guard log.size == size else { throw ServerStoreRules.grown(exchange, verified: size, in: "server store \(path)") }
            try db.execute(sql: "PRAGMA secure_delete = ON")
            defer { try? db.execute(sql: "PRAGMA secure_delete = OFF") }
            try db.execute(sql: "UPDATE server_exchange SET erased = 1 WHERE exchange = ?", arguments: [exchange.blob])
            let rows = try Row.fetchAll(
                db, sql: "SELECT position, id FROM server_envelope WHERE exchange = ?", arguments: [exchange.blob]
            )
            let delete = try db.cachedStatement(sql: "DELETE FROM server_envelope WHERE exchange = ? AND position = ?")
            var dropped = 0
            for row in rows {
                guard let id = EnvelopeID(bytes: row["id"] as Data) else { throw Self.damaged(path) }
                if keeping.contains(id) { continue }
                try delete.execute(arguments: [exchange.blob, row["position"] as Int])
                dropped += 1
            }
            return dropped
        }
    }

    /// The ids at positions `range`, in position order; positions past the log's end are left out.
    public func leaves(of exchange: ExchangeID, in range: Range<Int>) async throws(StoreError) -> [EnvelopeID] {
        let path = self.path
        let blobs = try await read { db in
            try Data.fetchAll(
                db,
                sql: "SELECT id FROM server_envelope WHERE exchange = ? AND position >= ? AND position < ? ORDER BY position",
                arguments: [exchange.blob, range.lowerBound, range.upperBound]
            )
        }
        return try blobs.map { blob throws(StoreError) in
            guard let id = EnvelopeID(bytes: blob) else { throw Self.damaged(path) }
            return id
        }
    }

    /// Closes the file's connections.
    public func shutdown() async {
        try? pool.close()
    }

    // MARK: - Inside a transaction

    /// The size and heads of `exchange`, or ``StoreError/Code/notFound``.
    private static func log(of exchange: ExchangeID, in db: Database, path: String) throws -> LogHeads {
        guard let row = try Row.fetchOne(
            db, sql: "SELECT size, erased FROM server_exchange WHERE exchange = ?", arguments: [exchange.blob]
        ) else {
            throw StoreError(code: .notFound, message: "server store \(path) holds no exchange \(exchange)")
        }
        let (size, erased): (Int, Int) = (row["size"], row["erased"])
        var heads: [KeyID: ChainHead] = [:]
        let rows = try Row.fetchCursor(
            db, sql: "SELECT author, seq, id FROM server_head WHERE exchange = ?", arguments: [exchange.blob]
        )
        while let row = try rows.next() {
            guard let author = KeyID(bytes: row["author"] as Data), let id = EnvelopeID(bytes: row["id"] as Data) else {
                throw damaged(path)
            }
            heads[author] = ChainHead(seq: row["seq"], id: id)
        }
        return LogHeads(size: size, heads: heads, isErased: erased == 1)
    }

    /// Which of `ids` the log of `exchange` holds.
    private static func stored(_ ids: [EnvelopeID], in exchange: ExchangeID, db: Database) throws -> Set<EnvelopeID> {
        guard !ids.isEmpty else { return [] }
        let probe = try db.cachedStatement(sql: "SELECT 1 FROM server_envelope WHERE exchange = ? AND id = ?")
        var found: Set<EnvelopeID> = []
        for id in ids {
            if try Bool.fetchOne(probe, arguments: [exchange.blob, id.blob]) != nil { found.insert(id) }
        }
        return found
    }

    private static func damaged(_ path: String) -> StoreError {
        StoreError(code: .corrupt, message: "server store \(path) is damaged: a stored id cannot be read")
    }

    private func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        do {
            return try await pool.read(body)
        } catch {
            throw .mapping(error, while: .reading, path: path, kind: "server store")
        }
    }

    private func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        do {
            return try await pool.write(body)
        } catch {
            throw .mapping(error, while: .writing, path: path, kind: "server store")
        }
    }
}

extension ExchangeID {
    /// The 32 raw bytes, as SQLite stores them.
    fileprivate var blob: Data { Data(genesis.bytes) }
}

extension EnvelopeID {
    /// The 32 raw bytes, as SQLite stores them.
    fileprivate var blob: Data { Data(bytes) }
}

extension KeyID {
    /// The 32 raw bytes, as SQLite stores them.
    fileprivate var blob: Data { Data(bytes) }
}

extension Duration {
    /// The duration in seconds, as GRDB's busy timeout takes it.
    fileprivate var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}

public import Logging
public import ParleyCrypto
public import ParleyLog
internal import PostgresNIO

/// A ``ServerStore`` in a Postgres database: for production, where several server processes may
/// share one database.
///
/// ```swift
/// let store = try await PostgresServerStore.connect(url: "postgres://parley:secret@db:5432/parley", logger: logger)
/// defer { Task { await store.shutdown() } }
/// let result = try await store.append(envelopes, to: exchange)
/// ```
///
/// **Connections.** The store owns a `PostgresClient` (a connection pool) and the task that runs
/// it; ``shutdown()`` ends that task and with it every connection.
///
/// **Appends.** Each append is one transaction that first locks its exchange's row
/// (`SELECT … FOR UPDATE`), then reads the heads and checks the batch against them
/// (``AppendPlan``), then writes the envelopes, the heads and the new size. Two servers appending to
/// one exchange therefore take turns, and positions stay dense; the unique constraints on
/// (exchange, position), (exchange, author, seq) and (exchange, id) are the last line of defence.
/// Bytes (ids, wire forms) are `bytea`.
///
/// **Several processes.** Each append and each new exchange sends `NOTIFY parley_append` with the
/// exchange's hex id, delivered when its transaction commits; ``watchAppends(_:)`` listens on one
/// connection of the pool, so a long poll on one server process wakes for a push through another.
public final class PostgresServerStore: ServerStore {
    /// The channel appends are announced on (`LISTEN parley_append`).
    static let appendChannel = "parley_append"

    private let client: PostgresClient
    private let runner: Task<Void, Never>
    private let logger: Logger
    /// `Postgres store host:port/database`, for messages.
    private let name: String

    /// Starts a client for the database at `url`, without touching the database yet.
    ///
    /// Call ``migrate()`` before anything else, or use ``connect(url:logger:)`` which does.
    ///
    /// - Parameters:
    ///   - url: `postgres://user:password@host:port/database`, optionally with `?sslmode=` one of
    ///     `disable`, `allow`, `prefer` (the default), `require`, `verify-ca`, `verify-full`.
    ///   - logger: Where the client logs.
    /// - Throws: ``StoreError/Code/cannotOpen`` for a URL of another form.
    public init(url: String, logger: Logger) throws(StoreError) {
        let location = try Self.location(from: url)
        let client = PostgresClient(configuration: location.configuration, backgroundLogger: logger)
        self.client = client
        // Started at once, so the client is running before the first query leases a connection.
        self.runner = Task.immediate { await client.run() }
        self.logger = logger
        self.name = "Postgres store \(location.description)"
    }

    /// Connects to the database at `url` and brings its schema up to date.
    ///
    /// - Parameters:
    ///   - url: As for ``init(url:logger:)``.
    ///   - logger: Where the client logs.
    /// - Returns: The store, running.
    /// - Throws: ``StoreError`` as ``init(url:logger:)`` and ``migrate()`` do; the client is shut
    ///   down first.
    public static func connect(url: String, logger: Logger) async throws(StoreError) -> PostgresServerStore {
        let store = try PostgresServerStore(url: url, logger: logger)
        do {
            try await store.migrate()
        } catch {
            await store.shutdown()
            throw error
        }
        return store
    }

    deinit {
        runner.cancel()
    }

    /// Runs the migrations the database lacks, each in its own transaction under an advisory lock,
    /// recording each name in `parley_migration`.
    ///
    /// - Throws: ``StoreError/Code/migrationFailed`` (including a database migrated by a newer
    ///   version), ``StoreError/Code/unavailable`` or ``StoreError/Code/cannotOpen``.
    public func migrate() async throws(StoreError) {
        let logger = self.logger
        let name = self.name
        let known = PostgresServerSchema.migrationNames
        try await run(.migrating) {
            for (index, migration) in PostgresServerSchema.migrations.enumerated() {
                try await client.withTransaction(logger: logger) { connection in
                    try await connection.perform(
                        "SELECT pg_advisory_xact_lock(\(PostgresServerSchema.migrationLock))", logger: logger
                    )
                    try await connection.perform(PostgresQuery(unsafeSQL: PostgresServerSchema.createMigrationTable), logger: logger)
                    var applied: [String] = []
                    let rows = try await connection.query("SELECT name FROM parley_migration ORDER BY position", logger: logger)
                    for try await recorded in rows.decode(String.self) {
                        applied.append(recorded)
                    }
                    if applied.contains(where: { !known.contains($0) }) {
                        throw StoreError(
                            code: .migrationFailed,
                            message: "\(name) was migrated by a newer version of Parley; upgrade Parley to use it"
                        )
                    }
                    guard !applied.contains(migration.name) else { return }
                    for statement in migration.statements {
                        try await connection.perform(PostgresQuery(unsafeSQL: statement), logger: logger)
                    }
                    try await connection.perform(
                        "INSERT INTO parley_migration (position, name) VALUES (\(index), \(migration.name))", logger: logger
                    )
                }
            }
        }
    }

    /// The names of the migrations the database has recorded as done, in the order they ran.
    ///
    /// - Returns: ``PostgresServerSchema/migrationNames`` for a database this version migrated.
    /// - Throws: ``StoreError`` if the database cannot be read.
    package func appliedMigrations() async throws(StoreError) -> [String] {
        try await run(.reading) {
            var names: [String] = []
            let rows = try await client.query("SELECT name FROM parley_migration ORDER BY position", logger: logger)
            for try await name in rows.decode(String.self) {
                names.append(name)
            }
            return names
        }
    }

    /// Registers an exchange by its genesis, at position 0 of its log.
    public func createExchange(genesis: SignedEnvelope) async throws(StoreError) -> Bool {
        let exchange = try ServerStoreRules.exchange(created: genesis)
        let logger = self.logger
        return try await run(.writing) {
            try await client.withTransaction(logger: logger) { connection async throws -> Bool in
                let key = exchange.buffer
                let inserted = try await connection.query(
                    "INSERT INTO server_exchange (exchange, size) VALUES (\(key), 1) ON CONFLICT (exchange) DO NOTHING RETURNING size",
                    logger: logger
                )
                var isNew = false
                for try await _ in inserted.decode(Int.self) {
                    isNew = true
                }
                guard isNew else { return false }
                let author = genesis.envelope.author.buffer
                let id = genesis.id.buffer
                let wire = ByteBuffer(bytes: genesis.wireBytes)
                try await connection.perform(
                    "INSERT INTO server_envelope (exchange, position, author, seq, id, wire) VALUES (\(key), 0, \(author), 1, \(id), \(wire))",
                    logger: logger
                )
                try await connection.perform(
                    "INSERT INTO server_head (exchange, author, seq, id) VALUES (\(key), \(author), 1, \(id))", logger: logger
                )
                try await connection.announceAppend(to: exchange, logger: logger)
                return true
            }
        }
    }

    /// The genesis of `exchange`, or `nil` if the store does not hold it.
    public func genesis(of exchange: ExchangeID) async throws(StoreError) -> SignedEnvelope? {
        let wire: [UInt8]? = try await run(.reading) {
            let rows = try await client.query(
                "SELECT wire FROM server_envelope WHERE exchange = \(exchange.buffer) AND position = 0", logger: logger
            )
            var wire: [UInt8]?
            for try await buffer in rows.decode(ByteBuffer.self) {
                wire = Array(buffer.readableBytesView)
            }
            return wire
        }
        guard let wire else { return nil }
        return try ServerStoreRules.envelope(stored: wire, in: name)
    }

    /// Every exchange held.
    public func exchanges() async throws(StoreError) -> [ExchangeID] {
        try await run(.reading) {
            var exchanges: [ExchangeID] = []
            let rows = try await client.query("SELECT exchange FROM server_exchange", logger: logger)
            for try await buffer in rows.decode(ByteBuffer.self) {
                exchanges.append(ExchangeID(genesis: try envelopeID(buffer)))
            }
            return exchanges
        }
    }

    /// The log's size and every author's last envelope.
    public func heads(of exchange: ExchangeID) async throws(StoreError) -> LogHeads {
        try await run(.reading) {
            // One statement, so one snapshot even outside a transaction.
            try await client.withConnection { connection in
                try await log(of: exchange, on: connection, lock: false)
            }
        }
    }

    /// Which of `ids` the exchange's log holds.
    public func existing(_ ids: [EnvelopeID], in exchange: ExchangeID) async throws(StoreError) -> Set<EnvelopeID> {
        guard !ids.isEmpty else { return [] }
        return try await run(.reading) {
            try await client.withConnection { connection in
                try await stored(ids, in: exchange, on: connection)
            }
        }
    }

    /// The id stored at (`author`, `seq`), if any.
    public func envelopeID(in exchange: ExchangeID, author: KeyID, seq: Int) async throws(StoreError) -> EnvelopeID? {
        try await run(.reading) {
            let rows = try await client.query(
                "SELECT id FROM server_envelope WHERE exchange = \(exchange.buffer) AND author = \(author.buffer) AND seq = \(seq)",
                logger: logger
            )
            var found: EnvelopeID?
            for try await buffer in rows.decode(ByteBuffer.self) {
                found = try envelopeID(buffer)
            }
            return found
        }
    }

    /// Appends envelopes in one transaction, holding the exchange's row lock, after checking every
    /// chain rule against what is stored (see ``ServerStore/append(_:to:)``).
    public func append(_ envelopes: [SignedEnvelope], to exchange: ExchangeID) async throws(StoreError) -> ServerAppendResult {
        let logger = self.logger
        return try await run(.writing) {
            try await client.withTransaction(logger: logger) { connection async throws -> ServerAppendResult in
                let log = try await log(of: exchange, on: connection, lock: true)
                if log.isErased { throw ServerStoreRules.erased(exchange, in: name) }
                if envelopes.isEmpty { return ServerAppendResult(added: 0, duplicates: 0, log: log) }
                let candidates = AppendPlan.possiblyStored(envelopes, heads: log.heads)
                let stored = try await stored(candidates, in: exchange, on: connection)
                let plan = try AppendPlan(appending: envelopes, to: exchange, log: log, stored: stored)
                let key = exchange.buffer
                if !plan.rows.isEmpty {
                    let positions = plan.rows.map(\.position)
                    let authors = plan.rows.map(\.author.buffer)
                    let seqs = plan.rows.map(\.seq)
                    let ids = plan.rows.map(\.id.buffer)
                    let wires = plan.rows.map { ByteBuffer(bytes: $0.wire) }
                    try await connection.perform(
                        """
                        INSERT INTO server_envelope (exchange, position, author, seq, id, wire)
                        SELECT \(key), * FROM unnest(\(positions)::bigint[], \(authors)::bytea[], \(seqs)::bigint[], \(ids)::bytea[], \(wires)::bytea[])
                        """,
                        logger: logger
                    )
                }
                let changed = plan.changedAuthors.compactMap { author in plan.log.heads[author].map { (author, $0) } }
                if !changed.isEmpty {
                    let authors = changed.map(\.0.buffer)
                    let seqs = changed.map(\.1.seq)
                    let ids = changed.map(\.1.id.buffer)
                    try await connection.perform(
                        """
                        INSERT INTO server_head (exchange, author, seq, id)
                        SELECT \(key), * FROM unnest(\(authors)::bytea[], \(seqs)::bigint[], \(ids)::bytea[])
                        ON CONFLICT (exchange, author) DO UPDATE SET seq = excluded.seq, id = excluded.id
                        """,
                        logger: logger
                    )
                }
                try await connection.perform(
                    "UPDATE server_exchange SET size = \(plan.log.size) WHERE exchange = \(key)", logger: logger
                )
                if plan.result.added > 0 { try await connection.announceAppend(to: exchange, logger: logger) }
                return plan.result
            }
        }
    }

    /// Reads the envelopes a client lacks in pages, author by author in key id order, each
    /// author's by seq through the (exchange, author, seq) index.
    public func envelopes(
        of exchange: ExchangeID, after have: [KeyID: Int], size: Int, pageSize: Int,
        _ page: @Sendable ([StoredWire]) async throws -> Void
    ) async throws {
        let key = exchange.buffer
        let authors: [KeyID] = try await run(.reading) {
            var authors: [KeyID] = []
            // bytea compares byte by byte: the order of the key ids' bytes.
            let rows = try await client.query(
                "SELECT author FROM server_head WHERE exchange = \(key) ORDER BY author", logger: logger
            )
            for try await buffer in rows.decode(ByteBuffer.self) {
                authors.append(try keyID(buffer))
            }
            return authors
        }
        var pages = StoredWirePages(size: pageSize)
        for author in authors {
            var after = have[author] ?? 0
            while true {
                let limit = pages.room
                let rows: [StoredWire] = try await run(.reading) {
                    var wires: [StoredWire] = []
                    let rows = try await client.query(
                        """
                        SELECT seq, wire FROM server_envelope
                        WHERE exchange = \(key) AND author = \(author.buffer) AND seq > \(after) AND position < \(size)
                        ORDER BY seq LIMIT \(limit)
                        """,
                        logger: logger
                    )
                    for try await (seq, wire) in rows.decode((Int, ByteBuffer).self) {
                        wires.append(StoredWire(author: author, seq: seq, bytes: Array(wire.readableBytesView)))
                    }
                    return wires
                }
                for wire in rows {
                    if let full = pages.add(wire) { try await page(full) }
                }
                guard rows.count == limit, let last = rows.last else { break }
                after = last.seq
            }
        }
        if let last = pages.finish() { try await page(last) }
    }

    /// The ids at positions `range`, in position order; positions past the log's end are left out.
    public func leaves(of exchange: ExchangeID, in range: Range<Int>) async throws(StoreError) -> [EnvelopeID] {
        try await run(.reading) {
            var ids: [EnvelopeID] = []
            ids.reserveCapacity(range.count)
            let rows = try await client.query(
                """
                SELECT id FROM server_envelope
                WHERE exchange = \(exchange.buffer) AND position >= \(range.lowerBound) AND position < \(range.upperBound)
                ORDER BY position
                """,
                logger: logger
            )
            for try await buffer in rows.decode(ByteBuffer.self) {
                ids.append(try envelopeID(buffer))
            }
            return ids
        }
    }

    /// Drops every envelope of `exchange` but `keeping` and marks it erased, in one transaction
    /// holding the exchange's row lock. PostgreSQL keeps the deleted rows' bytes in the table's
    /// files until `VACUUM FULL` rewrites it (a plain `VACUUM` only marks the space for reuse),
    /// and in its write-ahead log, archives and replicas for as long as those are kept.
    public func erase(_ exchange: ExchangeID, keeping: Set<EnvelopeID>, ifSize size: Int) async throws(StoreError) -> Int {
        let logger = self.logger
        let name = self.name
        return try await run(.writing) {
            try await client.withTransaction(logger: logger) { connection async throws -> Int in
                let log = try await log(of: exchange, on: connection, lock: true)
                if log.isErased { return 0 }
                guard log.size == size else { throw ServerStoreRules.grown(exchange, verified: size, in: name) }
                let key = exchange.buffer
                try await connection.perform("UPDATE server_exchange SET erased = true WHERE exchange = \(key)", logger: logger)
                let kept = keeping.map(\.buffer)
                let deleted = try await connection.query(
                    "DELETE FROM server_envelope WHERE exchange = \(key) AND NOT (id = ANY(\(kept)::bytea[])) RETURNING position",
                    logger: logger
                )
                var dropped = 0
                for try await _ in deleted.decode(Int.self) { dropped += 1 }
                // Other processes hear of it as of an append, and find the exchange erased.
                try await connection.announceAppend(to: exchange, logger: logger)
                return dropped
            }
        }
    }

    /// Every append and new exchange is announced (`NOTIFY`), by whichever process made it.
    public var announcesAppends: Bool { true }

    /// Listens for `parley_append` on a connection of the pool and calls `appended` with each
    /// exchange announced, until cancelled or the connection fails (then it throws).
    public func watchAppends(_ appended: @escaping @Sendable (ExchangeID) async -> Void) async throws(StoreError) {
        let logger = self.logger
        try await run(.reading) {
            try await client.withConnection { connection in
                try await connection.listen(on: Self.appendChannel) { notifications in
                    for try await notification in notifications {
                        // Anything but an exchange id is not ours; a payload is at most 8000 bytes.
                        guard let exchange = ExchangeID(hex: notification.payload) else { continue }
                        await appended(exchange)
                    }
                }
            }
        }
        logger.debug("stopped listening for appends")
    }

    /// Ends the client's task, closing every connection; later calls fail with
    /// ``StoreError/Code/unavailable``.
    public func shutdown() async {
        runner.cancel()
        await runner.value
    }

    // MARK: - Helpers

    /// The size and heads of `exchange` (its row locked until the transaction ends when `lock`),
    /// or ``StoreError/Code/notFound``.
    private func log(of exchange: ExchangeID, on connection: PostgresConnection, lock: Bool) async throws -> LogHeads {
        let key = exchange.buffer
        let query: PostgresQuery = if lock {
            "SELECT size, erased FROM server_exchange WHERE exchange = \(key) FOR UPDATE"
        } else {
            "SELECT size, erased FROM server_exchange WHERE exchange = \(key)"
        }
        let sizes = try await connection.query(query, logger: logger)
        var found: (size: Int, erased: Bool)?
        for try await value in sizes.decode((Int, Bool).self) {
            found = value
        }
        guard let (size, erased) = found else {
            throw StoreError(code: .notFound, message: "\(name) holds no exchange \(exchange)")
        }
        var heads: [KeyID: ChainHead] = [:]
        let rows = try await connection.query(
            "SELECT author, seq, id FROM server_head WHERE exchange = \(key)", logger: logger
        )
        for try await (author, seq, id) in rows.decode((ByteBuffer, Int, ByteBuffer).self) {
            heads[try keyID(author)] = ChainHead(seq: seq, id: try envelopeID(id))
        }
        return LogHeads(size: size, heads: heads, isErased: erased)
    }

    /// Which of `ids` the log of `exchange` holds.
    private func stored(_ ids: [EnvelopeID], in exchange: ExchangeID, on connection: PostgresConnection) async throws -> Set<EnvelopeID> {
        guard !ids.isEmpty else { return [] }
        let rows = try await connection.query(
            "SELECT id FROM server_envelope WHERE exchange = \(exchange.buffer) AND id = ANY(\(ids.map(\.buffer))::bytea[])",
            logger: logger
        )
        var found: Set<EnvelopeID> = []
        for try await buffer in rows.decode(ByteBuffer.self) {
            found.insert(try envelopeID(buffer))
        }
        return found
    }

    private func envelopeID(_ buffer: ByteBuffer) throws(StoreError) -> EnvelopeID {
        guard let id = EnvelopeID(bytes: buffer.readableBytesView) else { throw damaged }
        return id
    }

    private func keyID(_ buffer: ByteBuffer) throws(StoreError) -> KeyID {
        guard let id = KeyID(bytes: buffer.readableBytesView) else { throw damaged }
        return id
    }

    private var damaged: StoreError {
        StoreError(code: .corrupt, message: "\(name) is damaged: a stored id cannot be read")
    }

    /// Runs `body`, mapping what it throws to a ``StoreError``.
    private func run<T>(_ activity: StoreError.Activity, _ body: () async throws -> T) async throws(StoreError) -> T {
        do {
            return try await body()
        } catch {
            throw .mapping(postgres: error, while: activity, store: name)
        }
    }
}

extension PostgresConnection {
    /// Announces an append to `exchange` to every listener, when the transaction commits.
    fileprivate func announceAppend(to exchange: ExchangeID, logger: Logger) async throws {
        try await perform("SELECT pg_notify(\(PostgresServerStore.appendChannel), \(exchange.hex))", logger: logger)
    }

    /// Runs a statement and reads past whatever rows it returns.
    fileprivate func perform(_ query: PostgresQuery, logger: Logger) async throws {
        let rows = try await self.query(query, logger: logger)
        for try await _ in rows {}
    }
}

extension ExchangeID {
    /// The 32 raw bytes, as a `bytea` parameter.
    fileprivate var buffer: ByteBuffer { ByteBuffer(bytes: genesis.bytes) }
}

extension EnvelopeID {
    /// The 32 raw bytes, as a `bytea` parameter.
    fileprivate var buffer: ByteBuffer { ByteBuffer(bytes: bytes) }
}

extension KeyID {
    /// The 32 raw bytes, as a `bytea` parameter.
    fileprivate var buffer: ByteBuffer { ByteBuffer(bytes: bytes) }
}

internal import GRDB
import Synchronization

/// A party's local replica of the exchanges it takes part in: every envelope it has seen, in an
/// SQLite file, plus tables derived from them for fast queries.
///
/// ```swift
/// let replica = try Replica.open(path: "/home/me/.parley/replica.sqlite")
/// let result = try replica.append(extension.batch, keeping: (kept, change))
/// let envelopes = try replica.envelopes(exchange: exchange)
/// ```
///
/// **What it stores.** The replica stores what it is given, byte for byte, and decides nothing:
/// it appends only a ``VerifiedBatch``, which only the log's verifiers build, and keeps the state
/// the party hands it with the batch (``KeptState``); the party's commit path (`ParleyParty`) is
/// the one caller that does both. Nothing read back is trusted either: `parley verify` re-verifies
/// every envelope from its stored bytes (``verifyStored(exchange:)``), so a damaged file or a
/// tampered row is caught rather than believed.
///
/// **Connections.** A file replica owns one GRDB `DatabasePool` in WAL mode. A pool serializes
/// writes on one connection and lets reads run beside a write on their own connections, each on a
/// consistent snapshot: the sync client can append while the command line reads, and a write
/// commits with a WAL append instead of rewriting pages. Open each file once per process and share
/// the value (GRDB's rule: one connection owner per database file); other processes may open the
/// same file, and then wait up to the busy timeout for its lock. An in-memory replica (for tests)
/// uses a `DatabaseQueue`, since WAL needs a file.
///
/// **Concurrency.** `Replica` is a `final class` with only immutable properties; GRDB's writer is
/// itself `Sendable` and does the serializing, so an actor would add a second queue and force
/// `async` on every caller for nothing. Calls block the calling thread while SQLite works.
public final class Replica: Sendable {
    /// The file's path as given to ``open(path:readOnly:busyTimeout:)``, or `:memory:`.
    public let path: String

    /// Whether writes are refused (``StoreError/Code/readOnly``).
    public let isReadOnly: Bool

    /// The one owner of the file's connections.
    let writer: any DatabaseWriter
    /// Whether ``close()`` closed it.
    private let closed = Mutex(false)

    private init(path: String, isReadOnly: Bool, writer: any DatabaseWriter) {
        self.path = path
        self.isReadOnly = isReadOnly
        self.writer = writer
    }

    /// Opens the replica in the SQLite file at `path`, creating it if it does not exist, and
    /// brings its schema up to date.
    ///
    /// - Parameters:
    ///   - path: The file's path. Its folder must exist.
    ///   - readOnly: Open without writing anything; the schema must already be up to date.
    ///   - busyTimeout: How long to wait for another connection's lock before failing with
    ///     ``StoreError/Code/locked``.
    /// - Returns: The replica.
    /// - Throws: ``StoreError`` with ``StoreError/Code/cannotOpen`` (no such folder, no access),
    ///   ``StoreError/Code/corrupt`` (not a database, or damaged), ``StoreError/Code/locked``,
    ///   ``StoreError/Code/readOnly`` (a read-only replica that needs a migration) or
    ///   ``StoreError/Code/migrationFailed`` (including a file written by a newer version).
    public static func open(
        path: String, readOnly: Bool = false, busyTimeout: Duration = .seconds(5)
    ) throws(StoreError) -> Replica {
        var configuration = Configuration()
        configuration.readonly = readOnly
        configuration.busyMode = .timeout(busyTimeout.timeInterval)
        configuration.label = "parley.replica"
        SQLiteTuning.apply(to: &configuration)
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw .mapping(error, while: .opening, path: path)
        }
        let replica = Replica(path: path, isReadOnly: readOnly, writer: pool)
        try replica.migrate()
        return replica
    }

    /// A new, empty replica in memory, gone when the value is; for tests.
    ///
    /// - Returns: The replica, with its schema in place.
    /// - Throws: ``StoreError`` only if SQLite cannot start.
    public static func inMemory() throws(StoreError) -> Replica {
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(configuration: Configuration())
        } catch {
            throw .mapping(error, while: .opening, path: ":memory:")
        }
        let replica = Replica(path: ":memory:", isReadOnly: false, writer: queue)
        try replica.migrate()
        return replica
    }

    /// Closes the replica's connections now, rather than when the last reference goes.
    ///
    /// A writable replica first folds its write-ahead log into the file: SQLite does that when
    /// the last connection to a file closes, but GRDB closes a pool's writer before its readers,
    /// and a reader cannot (the log would stay beside the file until the next write). The fold
    /// waits for no one: while another process reads, it folds what it can and leaves the rest
    /// to the next writer.
    ///
    /// Any later call fails. Closing twice does nothing.
    ///
    /// - Throws: ``StoreError`` if SQLite cannot close (a statement is still running).
    public func close() throws(StoreError) {
        guard !closed.withLock({ $0 }) else { return }
        do {
            if !isReadOnly, let pool = writer as? DatabasePool {
                _ = try? pool.writeWithoutTransaction { db in
                    try db.execute(sql: "PRAGMA busy_timeout = 0")
                    if (try? db.checkpoint(.truncate)) == nil { _ = try? db.checkpoint(.passive) }
                }
            }
            try writer.close()
            closed.withLock { $0 = true }
        } catch {
            throw .mapping(error, while: .closing, path: path)
        }
    }

    /// The names of the migrations the file has recorded as done, in the order they ran.
    ///
    /// - Returns: A prefix of ``ReplicaSchema/migrationNames`` for a replica this version opened.
    /// - Throws: ``StoreError`` if the file cannot be read.
    package func appliedMigrations() throws(StoreError) -> [String] {
        try read { db in try ReplicaSchema.migrator.appliedMigrations(db) }
    }

    /// Runs the migrations the file lacks; for a read-only replica, checks that there are none.
    private func migrate() throws(StoreError) {
        let migrator = ReplicaSchema.migrator
        let (superseded, complete) = try read(while: .migrating) { db in
            (try migrator.hasBeenSuperseded(db), try migrator.hasCompletedMigrations(db))
        }
        if superseded {
            throw StoreError(
                code: .migrationFailed,
                message: "replica \(path) was written by a newer version of Parley; upgrade Parley to open it"
            )
        }
        if complete { return }
        if isReadOnly {
            throw StoreError(
                code: .readOnly,
                message: "replica \(path) was opened read-only and its schema is not up to date (or it is not a replica)"
            )
        }
        do {
            try migrator.migrate(writer)
        } catch {
            throw .mapping(error, while: .migrating, path: path)
        }
    }

    /// Runs `body` on a read-only connection, on one consistent snapshot.
    func read<T>(while activity: StoreError.Activity = .reading, _ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try writer.read(body)
        } catch {
            throw .mapping(error, while: activity, path: path)
        }
    }

    /// Runs `body` in one write transaction: committed if it returns, rolled back if it throws.
    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try writer.write(body)
        } catch {
            throw .mapping(error, while: .writing, path: path)
        }
    }
}

extension Duration {
    /// The duration in seconds, as GRDB's busy timeout takes it.
    fileprivate var timeInterval: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}

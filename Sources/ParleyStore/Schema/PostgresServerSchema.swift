/// The Postgres server store's schema: the same tables as ``SQLiteServerSchema``, under the same
/// migration names, each run once in its own transaction and recorded by name in
/// `parley_migration`.
///
/// Never edit a migration that has shipped; add a new one after the last.
enum PostgresServerSchema {
    /// One migration: its name and its statements, run in order in one transaction.
    struct Migration: Sendable {
        /// The name recorded in `parley_migration`.
        var name: String
        /// The statements, one command each (Postgres's extended protocol runs one per query).
        var statements: [String]
    }

    /// The migrations' names, in the order they run.
    static var migrationNames: [String] { migrations.map(\.name) }

    /// Where the names of the migrations done are recorded. Created, if missing, under the
    /// migration lock before each migration.
    static let createMigrationTable = """
        CREATE TABLE IF NOT EXISTS parley_migration (
            position integer PRIMARY KEY,
            name text NOT NULL UNIQUE,
            applied_at timestamptz NOT NULL DEFAULT now()
        )
        """

    /// The advisory lock every migration takes first, so that two servers starting together do
    /// not both migrate.
    static let migrationLock: Int64 = 0x7061_726c_6579_0001

    /// The migrations, in the order they run.
    static let migrations: [Migration] = [
        Migration(name: "v1-exchanges", statements: [
            // One row per exchange; `size` is the log's next position, kept here so that an append
            // never counts the log. An append locks its exchange's row (`FOR UPDATE`): appends to
            // one exchange are serialized across servers, others run side by side.
            """
            CREATE TABLE server_exchange (
                exchange bytea PRIMARY KEY CHECK (octet_length(exchange) = 32),
                size bigint NOT NULL CHECK (size >= 1)
            )
            """,
        ]),
        Migration(name: "v1-envelopes", statements: [
            // The log: the wire bytes exactly as received, at positions 0, 1, 2… per exchange (the
            // genesis at 0). One envelope per (author, seq): the server never stores a fork.
            """
            CREATE TABLE server_envelope (
                exchange bytea NOT NULL REFERENCES server_exchange (exchange),
                position bigint NOT NULL CHECK (position >= 0),
                author bytea NOT NULL CHECK (octet_length(author) = 32),
                seq bigint NOT NULL CHECK (seq >= 1),
                id bytea NOT NULL CHECK (octet_length(id) = 32),
                wire bytea NOT NULL,
                PRIMARY KEY (exchange, position),
                UNIQUE (exchange, author, seq),
                UNIQUE (exchange, id)
            )
            """,
        ]),
        Migration(name: "v1-heads", statements: [
            // Every author's last envelope, updated in the append's transaction.
            """
            CREATE TABLE server_head (
                exchange bytea NOT NULL REFERENCES server_exchange (exchange),
                author bytea NOT NULL CHECK (octet_length(author) = 32),
                seq bigint NOT NULL CHECK (seq >= 1),
                id bytea NOT NULL CHECK (octet_length(id) = 32),
                PRIMARY KEY (exchange, author)
            )
            """,
        ]),
        Migration(name: "v2-erasure", statements: [
            // An exchange every participant erased (`ServerStore.erase`): its sealed envelopes are
            // deleted in the transaction that sets `erased`.
            "ALTER TABLE server_exchange ADD COLUMN erased boolean NOT NULL DEFAULT false",
        ]),
    ]
}

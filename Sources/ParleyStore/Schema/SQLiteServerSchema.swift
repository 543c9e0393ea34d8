internal import GRDB

/// The SQLite server store's schema: ordered, named migrations, each run once and recorded by GRDB
/// in `grdb_migrations`. ``PostgresServerSchema`` holds the same tables under the same names.
///
/// Never edit a migration that has shipped; add a new one after the last.
enum SQLiteServerSchema {
    /// The migrations' names, in the order they run.
    static let migrationNames = ["v1-exchanges", "v1-envelopes", "v1-heads", "v2-erasure"]

    /// The migrator that brings any server store up to date.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-exchanges") { db in
            // One row per exchange; `size` is the log's next position, kept here so that an append
            // never counts the log. Ids are their 32 raw bytes.
            try db.execute(sql: """
                CREATE TABLE server_exchange (
                    exchange BLOB PRIMARY KEY NOT NULL CHECK (length(exchange) = 32),
                    size INTEGER NOT NULL CHECK (size >= 1)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v1-envelopes") { db in
            // The log: the wire bytes exactly as received, at positions 0, 1, 2… per exchange (the
            // genesis at 0). One envelope per (author, seq): the server never stores a fork.
            try db.execute(sql: """
                CREATE TABLE server_envelope (
                    exchange BLOB NOT NULL REFERENCES server_exchange (exchange),
                    position INTEGER NOT NULL CHECK (position >= 0),
                    author BLOB NOT NULL CHECK (length(author) = 32),
                    seq INTEGER NOT NULL CHECK (seq >= 1),
                    id BLOB NOT NULL CHECK (length(id) = 32),
                    wire BLOB NOT NULL CHECK (typeof(wire) = 'blob'),
                    UNIQUE (exchange, position),
                    UNIQUE (exchange, author, seq),
                    UNIQUE (exchange, id)
                );
                CREATE TRIGGER server_envelope_no_update BEFORE UPDATE ON server_envelope
                BEGIN SELECT RAISE(ABORT, 'envelope rows are append-only'); END;
                CREATE TRIGGER server_envelope_no_delete BEFORE DELETE ON server_envelope
                BEGIN SELECT RAISE(ABORT, 'envelope rows are append-only'); END;
                """)
        }
        migrator.registerMigration("v1-heads") { db in
            // Every author's last envelope, updated in the append's transaction.
            try db.execute(sql: """
                CREATE TABLE server_head (
                    exchange BLOB NOT NULL REFERENCES server_exchange (exchange),
                    author BLOB NOT NULL CHECK (length(author) = 32),
                    seq INTEGER NOT NULL CHECK (seq >= 1),
                    id BLOB NOT NULL CHECK (length(id) = 32),
                    PRIMARY KEY (exchange, author)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v2-erasure") { db in
            // An exchange every participant erased (`ServerStore.erase`): its sealed envelopes are
            // deleted, in the transaction that sets `erased`; the envelopes of every other
            // exchange stay append-only.
            try db.execute(sql: """
                ALTER TABLE server_exchange ADD COLUMN erased INTEGER NOT NULL DEFAULT 0 CHECK (erased IN (0, 1));
                DROP TRIGGER server_envelope_no_delete;
                CREATE TRIGGER server_envelope_no_delete BEFORE DELETE ON server_envelope
                WHEN (SELECT erased FROM server_exchange WHERE exchange = OLD.exchange) IS NOT 1
                BEGIN SELECT RAISE(ABORT, 'envelope rows are append-only'); END;
                """)
        }
        return migrator
    }
}

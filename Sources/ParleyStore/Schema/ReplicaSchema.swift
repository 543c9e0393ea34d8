internal import GRDB

/// The replica's schema: ordered, named migrations, each run once and recorded by GRDB in
/// `grdb_migrations`.
///
/// Never edit a migration that has shipped; add a new one after the last.
enum ReplicaSchema {
    /// The migrations' names, in the order they run.
    static let migrationNames = ["v1-envelopes", "v1-meta", "v1-derived", "v2-kept-state", "v3-exchange-key"]

    /// The migrator that brings any replica up to date.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-envelopes") { db in
            // The wire bytes exactly as received, with the columns queries need, taken from the
            // parsed envelope. `received_at` is the arrival order (AUTOINCREMENT: never reused) and
            // the rowid; `id` is the key for look-ups and for ignoring duplicates. There is no
            // UNIQUE on (exchange, author, seq): two envelopes there are an equivocation, and both
            // are kept as its proof. A genesis is stored under the exchange it creates.
            try db.execute(sql: """
                CREATE TABLE envelope (
                    received_at INTEGER PRIMARY KEY AUTOINCREMENT,
                    id TEXT NOT NULL UNIQUE CHECK (length(id) = 64),
                    exchange TEXT NOT NULL CHECK (length(exchange) = 64),
                    author TEXT NOT NULL CHECK (length(author) = 64),
                    seq INTEGER NOT NULL CHECK (seq >= 1),
                    prev TEXT CHECK (prev IS NULL OR length(prev) = 64),
                    is_genesis INTEGER NOT NULL CHECK (is_genesis IN (0, 1)),
                    wire BLOB NOT NULL CHECK (typeof(wire) = 'blob')
                );
                CREATE INDEX envelope_chain ON envelope (exchange, author, seq);
                CREATE INDEX envelope_genesis ON envelope (received_at) WHERE is_genesis = 1;
                CREATE TRIGGER envelope_no_update BEFORE UPDATE ON envelope
                BEGIN SELECT RAISE(ABORT, 'envelope rows are append-only'); END;
                CREATE TRIGGER envelope_no_delete BEFORE DELETE ON envelope
                BEGIN SELECT RAISE(ABORT, 'envelope rows are append-only'); END;
                """)
        }
        migrator.registerMigration("v1-meta") { db in
            try db.execute(sql: """
                CREATE TABLE meta (
                    key TEXT PRIMARY KEY NOT NULL,
                    value TEXT NOT NULL
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v1-derived") { db in
            // Rebuilt from the envelopes by `rebuildDerived(exchange:)`; never the source of truth.
            // `through` is the highest `received_at` of the exchange when it was rebuilt, so a
            // reader can tell when the rows are stale. Entries go with their exchange's row.
            try db.execute(sql: """
                CREATE TABLE derived_exchange (
                    exchange TEXT PRIMARY KEY NOT NULL,
                    title TEXT NOT NULL,
                    state_hash TEXT NOT NULL,
                    through INTEGER NOT NULL
                ) WITHOUT ROWID;
                CREATE TABLE entry (
                    exchange TEXT NOT NULL REFERENCES derived_exchange (exchange) ON DELETE CASCADE,
                    side TEXT NOT NULL,
                    list TEXT NOT NULL,
                    author TEXT NOT NULL,
                    entry TEXT NOT NULL,
                    fields TEXT NOT NULL,
                    envelope TEXT NOT NULL REFERENCES envelope (id),
                    PRIMARY KEY (exchange, side, list, author, entry)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v2-kept-state") { db in
            // The kept state (see `KeptState`): `derived_exchange` and `entry` are now updated by
            // every append of the party's commit path, with the facts in force, the chain heads
            // and the forked authors beside them. Rows from v1 were rebuilt after the fact and may
            // be stale: they are dropped, and the party folds each exchange once and keeps it.
            // `envelope_arrival` finds an exchange's latest arrival without a scan. `kept_diff` keeps
            // the matching engine's diffs by a key that pins both lists (`StoredDiff`).
            try db.execute(sql: """
                DELETE FROM entry;
                DELETE FROM derived_exchange;
                CREATE TABLE kept_fact (
                    exchange TEXT NOT NULL,
                    envelope TEXT NOT NULL REFERENCES envelope (id),
                    PRIMARY KEY (exchange, envelope)
                ) WITHOUT ROWID;
                CREATE TABLE kept_head (
                    exchange TEXT NOT NULL,
                    author TEXT NOT NULL,
                    seq INTEGER NOT NULL,
                    id TEXT NOT NULL,
                    PRIMARY KEY (exchange, author)
                ) WITHOUT ROWID;
                CREATE TABLE kept_frozen (
                    exchange TEXT NOT NULL,
                    author TEXT NOT NULL,
                    PRIMARY KEY (exchange, author)
                ) WITHOUT ROWID;
                CREATE TABLE kept_reconciliation (
                    exchange TEXT NOT NULL,
                    state_hash TEXT NOT NULL,
                    summary TEXT NOT NULL,
                    PRIMARY KEY (exchange)
                ) WITHOUT ROWID;
                CREATE INDEX envelope_arrival ON envelope (exchange, received_at);
                CREATE TABLE kept_diff (
                    key TEXT PRIMARY KEY NOT NULL,
                    diff BLOB NOT NULL,
                    kept_at INTEGER NOT NULL
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v3-exchange-key") { db in
            // The party's own encryption key for each exchange (`Replica+ExchangeKey.swift`): kept
            // beside the plaintext it opens, so that erasing an exchange destroys both in one
            // transaction. `key` is its PKCS#8 PEM, or NULL once the exchange is erased here.
            try db.execute(sql: """
                CREATE TABLE exchange_key (
                    exchange TEXT PRIMARY KEY NOT NULL CHECK (length(exchange) = 64),
                    key TEXT
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v4-kept-direction") { db in
            // Reconciliation summaries are kept per direction under the key of what the direction
            // reads (`DirectionInputs`), not per state hash: a confirmation, terms or a dispute in
            // the other direction change the state but not the direction's rows. The whole
            // exchange's manifest summary likewise (`ManifestInputs`); `kind` says which.
            try db.execute(sql: """
                DROP TABLE kept_reconciliation;
                CREATE TABLE kept_summary (
                    exchange TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    key TEXT NOT NULL,
                    summary TEXT NOT NULL,
                    kept_at INTEGER NOT NULL,
                    PRIMARY KEY (exchange, kind, key)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v5-retired-exchange-key") { db in
            // The party's earlier encryption keys for an exchange, after `parley key
            // rotate-encryption` replaced them (`Replica+ExchangeKey.swift`): the content keys
            // shared to them before the rotation open with them only. Erasing the exchange
            // deletes them with the key in force. `retired` numbers them in the order replaced.
            try db.execute(sql: """
                CREATE TABLE retired_exchange_key (
                    exchange TEXT NOT NULL CHECK (length(exchange) = 64),
                    key TEXT NOT NULL,
                    retired INTEGER NOT NULL,
                    PRIMARY KEY (exchange, key)
                ) WITHOUT ROWID;
                """)
        }
        return migrator
    }
}

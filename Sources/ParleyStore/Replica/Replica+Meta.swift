internal import GRDB

extension Replica {
    /// The value stored under `key` in the replica's settings, if any.
    ///
    /// The settings are a small key-value table for the party's own choices: its key id, the
    /// server it syncs an exchange with. Never store secrets or record contents here.
    ///
    /// - Parameter key: The setting's name, e.g. ``MetaKey/ownKeyID``.
    /// - Returns: The value, or `nil` when it is not set.
    /// - Throws: ``StoreError`` if the file cannot be read.
    public func meta(_ key: MetaKey) throws(StoreError) -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key.name]) }
    }

    /// Sets or, with `nil`, removes a setting.
    ///
    /// - Parameters:
    ///   - key: The setting's name.
    ///   - value: The new value, or `nil` to remove it.
    /// - Throws: ``StoreError`` if the file cannot be written.
    public func setMeta(_ key: MetaKey, to value: String?) throws(StoreError) {
        try write { db in
            if let value {
                try db.execute(
                    sql: "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    arguments: [key.name, value]
                )
            } else {
                try db.execute(sql: "DELETE FROM meta WHERE key = ?", arguments: [key.name])
            }
        }
    }
}

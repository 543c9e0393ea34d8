import GRDB

/// Settings every SQLite connection of Parley's stores (replica and server) opens with.
enum SQLiteTuning {
    /// 64 MiB of page cache for the connection that writes, instead of SQLite's 2 MiB. One
    /// commit of a list of 100,000 people inserts that many envelope ids, entries and index rows
    /// in key order that is random (ids are digests); with 2 MiB the transaction spills
    /// half-written index pages to the WAL and reads them back again and again. The cache is
    /// allocated as pages are used; readers keep the default, so a command that only reads does
    /// not hold 64 MiB of pages it read once.
    static let writerPageCache = "PRAGMA cache_size = -65536"

    /// Applies the settings to `configuration`'s connections.
    static func apply(to configuration: inout Configuration) {
        configuration.prepareDatabase { db in
            if !db.configuration.readonly {
                try db.execute(sql: writerPageCache)
            }
        }
    }
}

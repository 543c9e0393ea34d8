internal import GRDB
public import ParleyCrypto
public import ParleyLog

/// What the replica keeps of the party's own encryption key for one exchange.
public enum ExchangeKeyRecord: Sendable, Hashable {
    /// The key, made for this exchange.
    case key(EncryptionKey)
    /// The exchange was erased here: its key is destroyed and none is made again.
    case erased

    public static func == (lhs: ExchangeKeyRecord, rhs: ExchangeKeyRecord) -> Bool {
        switch (lhs, rhs) {
        case let (.key(a), .key(b)): a.publicKey == b.publicKey
        case (.erased, .erased): true
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case let .key(key): hasher.combine(key.publicKey)
        case .erased: hasher.combine(0)
        }
    }
}

extension Replica {
    /// The party's own encryption key for `exchange`, or that it was erased; `nil` when the
    /// replica keeps none (an exchange the party has not signed in since per-exchange keys, or
    /// one sealed to the home-wide key of an older home).
    ///
    /// The key lives in the replica, beside the plaintext it opens (the replica is owner-only from
    /// its creation), so that ``erase(_:appending:keeping:)`` destroys both in one transaction.
    ///
    /// - Throws: ``StoreError/Code/corrupt`` when the kept key does not read, or a read failure.
    public func exchangeKey(_ exchange: ExchangeID) throws(StoreError) -> ExchangeKeyRecord? {
        let row = try read { db in
            try Row.fetchOne(db, sql: "SELECT key FROM exchange_key WHERE exchange = ?", arguments: [exchange.hex])
        }
        guard let row else { return nil }
        guard let pem: String = row["key"] else { return .erased }
        do {
            return .key(try EncryptionKey(pkcs8PEM: pem))
        } catch {
            throw StoreError(code: .corrupt, message: "replica \(path) is damaged: the encryption key of exchange \(exchange.hex.prefix(12)) does not read")
        }
    }

    /// Keeps `key` as the party's encryption key for `exchange` unless the replica keeps one (or
    /// the exchange was erased) already, and returns what it keeps then: two processes that make
    /// a key at once end with the same one.
    ///
    /// - Parameters:
    ///   - key: A key just made for the exchange.
    ///   - exchange: The exchange.
    /// - Returns: The kept record.
    /// - Throws: A write failure.
    public func keepExchangeKey(_ key: EncryptionKey, for exchange: ExchangeID) throws(StoreError) -> ExchangeKeyRecord {
        try write { db in
            try db.execute(
                sql: "INSERT INTO exchange_key (exchange, key) VALUES (?, ?) ON CONFLICT (exchange) DO NOTHING",
                arguments: [exchange.hex, key.pkcs8PEM()]
            )
        }
        return try exchangeKey(exchange) ?? .key(key)
    }

    /// Replaces the party's encryption key for `exchange` with `key`, keeping the one it replaces
    /// as retired (``retiredExchangeKeys(_:)``), in one transaction. An erased exchange is left
    /// as it is.
    ///
    /// - Parameters:
    ///   - key: A key just made for the exchange.
    ///   - exchange: The exchange.
    /// - Returns: The kept record: `.key(key)`, or `.erased`.
    /// - Throws: ``StoreError/Code/corrupt`` when the kept key does not read, or a write failure.
    public func replaceExchangeKey(with key: EncryptionKey, for exchange: ExchangeID) throws(StoreError) -> ExchangeKeyRecord {
        let pem = key.pkcs8PEM()
        let erased = try write { db -> Bool in
            let row = try Row.fetchOne(db, sql: "SELECT key FROM exchange_key WHERE exchange = ?", arguments: [exchange.hex])
            if let row {
                guard let old: String = row["key"] else { return true }
                try db.execute(
                    sql: """
                        INSERT INTO retired_exchange_key (exchange, key, retired)
                        SELECT ?, ?, coalesce(max(retired), 0) + 1 FROM retired_exchange_key WHERE exchange = ?
                        ON CONFLICT DO NOTHING
                        """,
                    arguments: [exchange.hex, old, exchange.hex]
                )
            }
            try db.execute(
                sql: "INSERT INTO exchange_key (exchange, key) VALUES (?, ?) ON CONFLICT (exchange) DO UPDATE SET key = excluded.key",
                arguments: [exchange.hex, pem]
            )
            return false
        }
        return erased ? .erased : .key(key)
    }

    /// The party's earlier encryption keys for `exchange`, replaced by
    /// ``replaceExchangeKey(with:for:)``, oldest first; none once the exchange is erased.
    ///
    /// - Throws: ``StoreError/Code/corrupt`` when a kept key does not read, or a read failure.
    public func retiredExchangeKeys(_ exchange: ExchangeID) throws(StoreError) -> [EncryptionKey] {
        let pems = try read { db in
            try String.fetchAll(db, sql: "SELECT key FROM retired_exchange_key WHERE exchange = ? ORDER BY retired", arguments: [exchange.hex])
        }
        var keys: [EncryptionKey] = []
        for pem in pems {
            do {
                keys.append(try EncryptionKey(pkcs8PEM: pem))
            } catch {
                throw StoreError(code: .corrupt, message: "replica \(path) is damaged: a retired encryption key of exchange \(exchange.hex.prefix(12)) does not read")
            }
        }
        return keys
    }

    /// The exchanges this replica erased, in no particular order.
    ///
    /// - Throws: A read failure.
    public func erasedExchanges() throws(StoreError) -> Set<ExchangeID> {
        let hexes = try read { db in try String.fetchAll(db, sql: "SELECT exchange FROM exchange_key WHERE key IS NULL") }
        return Set(hexes.compactMap(ExchangeID.init(hex:)))
    }
}

import ParleyLog

/// Checks every server store backend makes the same way.
enum ServerStoreRules {
    /// The exchange a genesis creates.
    ///
    /// - Parameter genesis: The envelope given to ``ServerStore/createExchange(genesis:)``.
    /// - Returns: Its exchange id.
    /// - Throws: ``StoreError/Code/writeFailed`` when it is not a genesis envelope.
    static func exchange(created genesis: SignedEnvelope) throws(StoreError) -> ExchangeID {
        guard genesis.envelope.isGenesis else {
            throw StoreError(code: .writeFailed, message: "only a genesis envelope creates an exchange; nothing was stored")
        }
        return ExchangeID(genesis: genesis.id)
    }

    /// Reads back an envelope's stored wire bytes.
    ///
    /// - Parameters:
    ///   - wire: The bytes as stored.
    ///   - store: The store, for the message (e.g. `server store /var/lib/parley/server.sqlite`).
    /// - Returns: The envelope.
    /// - Throws: ``StoreError/Code/corrupt`` when the bytes no longer read as a signed envelope.
    static func envelope(stored wire: [UInt8], in store: String) throws(StoreError) -> SignedEnvelope {
        do {
            return try SignedEnvelope(parsing: wire)
        } catch {
            throw StoreError(code: .corrupt, message: "\(store) is damaged: a stored envelope cannot be read", cause: error)
        }
    }

    /// The error for a write to an exchange that every participant erased.
    ///
    /// - Parameters:
    ///   - exchange: The exchange.
    ///   - store: The store, for the message.
    static func erased(_ exchange: ExchangeID, in store: String) -> StoreError {
        StoreError(
            code: .erased,
            message: "\(store) dropped exchange \(exchange) after every participant erased it; nothing was stored"
        )
    }

    /// The error for an erasure of a log that grew after the caller verified it.
    static func grown(_ exchange: ExchangeID, verified size: Int, in store: String) -> StoreError {
        StoreError(
            code: .chainMoved,
            message: "\(store): exchange \(exchange) grew past the \(size) envelopes verified for its erasure; nothing was dropped"
        )
    }
}

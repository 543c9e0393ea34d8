public import ParleyCrypto
public import ParleyLog
import ParleyStore

extension Party {
    /// The one door to this party's encryption keys: which key it announces, seals its content
    /// key to and opens shares with in one exchange.
    ///
    /// - A key of the exchange's own, made the first time the party signs there (right after a
    ///   genesis it creates, or before its first envelope in an exchange it joined) and kept in the
    ///   replica (``Replica/exchangeKey(_:)``), so that erasing the exchange destroys it with the
    ///   plaintext it opens, in one transaction.
    /// - The home-wide key (``encryptionKey``, `encryption.pem` of an older home) for an exchange
    ///   whose announced key in force is that key: exchanges made before per-exchange keys keep
    ///   working. Such a party moves to a key of the exchange's own with
    ///   ``announceExchangeKey(in:at:)``.
    /// - None once the exchange is erased here: nothing of it is opened or sealed again.
    ///
    /// - Parameters:
    ///   - exchange: The exchange.
    ///   - announced: This party's announced encryption key in force there, if any.
    ///   - creating: Whether to make the exchange's key when it has none and the home-wide key is
    ///     not the one announced (a party about to sign).
    /// - Returns: The key, or `nil` (this party seals nothing, or the exchange is erased, or it
    ///   has no key there and `creating` is not set).
    /// - Throws: ``PartyError/Code/store``.
    func encryptionKey(in exchange: ExchangeID, announced: EncryptionPublicKey?, creating: Bool) throws(PartyError) -> EncryptionKey? {
        guard seals else { return nil }
        switch try stored({ () throws(StoreError) in try replica.exchangeKey(exchange) }) {
        case let .key(key)?: return key
        case .erased?: return nil
        case nil: break
        }
        if let home = encryptionKey, announced == home.publicKey || !creating { return home }
        guard creating, !replica.isReadOnly else { return nil }
        let record = try stored { () throws(StoreError) in try replica.keepExchangeKey(EncryptionKey.generate(), for: exchange) }
        if case let .key(key) = record { return key }
        return nil
    }

    /// Every key this party opens content key shares with in `exchange`: its key there, the keys
    /// it replaced there (``rotateExchangeKey(in:at:)``), newest first, and the home-wide key
    /// (shares sealed to it before the party moved to a key of the exchange's own); none once the
    /// exchange is erased here.
    ///
    /// - Throws: ``PartyError/Code/store`` when the replica's keys cannot be read: opening
    ///   nothing instead would fold, and keep, a state whose records read as never shared.
    func openingKeys(in exchange: ExchangeID) throws(PartyError) -> [EncryptionKey] {
        guard seals else { return [] }
        let homeKey = encryptionKey.map { [$0] } ?? []
        switch try stored({ () throws(StoreError) in try replica.exchangeKey(exchange) }) {
        case .none:
            return homeKey
        case let .key(key):
            let retired = try stored { () throws(StoreError) in try replica.retiredExchangeKeys(exchange) }
            return [key] + retired.reversed() + homeKey
        case .erased:
            return []
        }
    }

    /// Whether `exchange` was erased in this replica (`parley exchange erase`).
    ///
    /// - Throws: ``PartyError/Code/store``.
    public func isErased(_ exchange: ExchangeID) throws(PartyError) -> Bool {
        try stored { () throws(StoreError) in try replica.exchangeKey(exchange) } == .erased
    }

    /// Replaces this party's encryption key in `exchange` with a new one and announces it
    /// (`parley key rotate-encryption`): the replaced key is kept, retired, to open what was shared
    /// to it before, and this party makes a new content key, shared to every participant, for what
    /// it seals from now on. Every other participant makes a new content key too when it next
    /// signs or syncs, shared to the new key (PROTOCOL.md §5.18), so the replaced key opens nothing
    /// sealed after the rotation. For a key that may be in other hands (a stolen or copied
    /// replica); what it opened before stays opened.
    ///
    /// - Parameters:
    ///   - exchange: The exchange.
    ///   - time: The envelopes' timestamp.
    /// - Returns: The new key's public half, whether a key of the exchange's own was retired (not
    ///   when the exchange was sealed to an older home's home-wide key, which stays the home's),
    ///   and how many envelopes were signed.
    /// - Throws: As ``sign(_:in:at:)``; ``PartyError/Code/notAllowed`` when the exchange is erased
    ///   here, this party seals nothing or is no participant there; ``PartyError/Code/unverified``
    ///   when its log forks here. These are checked before the key is replaced.
    @discardableResult
    public func rotateExchangeKey(in exchange: ExchangeID, at time: Timestamp) throws(PartyError) -> (key: EncryptionPublicKey, retired: Bool, signed: Int) {
        let open = try open(exchange)
        _ = try participantID(in: open)
        _ = try signingKey()
        let kept = try stored { () throws(StoreError) in try replica.exchangeKey(exchange) }
        guard seals, !replica.isReadOnly, kept != .erased else {
            throw PartyError(code: .notAllowed, message: "exchange \(exchange.hex.prefix(8)) has no encryption key to rotate here (erased, read-only, or this party seals nothing)")
        }
        guard open.isClean else {
            throw PartyError(
                code: .unverified,
                message: "exchange \(exchange.hex.prefix(8)) does not verify in replica \(replica.path); no key was rotated "
                    + "(see `parley verify --exchange \(exchange.hex)`)"
            )
        }
        let retired = kept != nil
        let key = EncryptionKey.generate()
        let record = try stored { () throws(StoreError) in try replica.replaceExchangeKey(with: key, for: exchange) }
        guard record == .key(key) else {
            throw PartyError(code: .notAllowed, message: "exchange \(exchange.hex.prefix(8)) was erased here meanwhile; no key was rotated")
        }
        // Were the signing to fail now (another process signed meanwhile), the new key is the
        // replica's key all the same, and the next signing or sync announces it.
        let signed = try sign([.announceEncryptionKey(AnnounceEncryptionKey(key: key.publicKey))], in: open, at: time).envelopes.count
        return (key.publicKey, retired, signed)
    }

    /// Moves this party in `exchange` to an encryption key of the exchange's own: makes it if the
    /// replica keeps none, and signs its `key.encryption` (with a new content key, and its earlier
    /// ones shared to the new key) unless it is the key in force. The other participants share
    /// their content keys to it when they next sign or sync (PROTOCOL.md §5.18). For an exchange
    /// sealed to the home-wide key of an older home; the shares sealed to that key stay in the log
    /// (see ``erase(_:at:)``).
    ///
    /// - Parameters:
    ///   - exchange: The exchange.
    ///   - time: The envelopes' timestamp.
    /// - Returns: How many envelopes were signed.
    /// - Throws: As ``sign(_:in:at:)``; ``PartyError/Code/notAllowed`` when the exchange is erased
    ///   here or this party seals nothing.
    @discardableResult
    public func announceExchangeKey(in exchange: ExchangeID, at time: Timestamp) throws(PartyError) -> Int {
        let open = try open(exchange)
        guard let key = try encryptionKey(in: exchange, announced: nil, creating: true) else {
            throw PartyError(code: .notAllowed, message: "exchange \(exchange.hex.prefix(8)) has no encryption key of its own here (erased, or this party seals nothing)")
        }
        let own = try participantID(in: open)
        guard open.state.encryptionKey(of: own) != key.publicKey else { return 0 }
        return try sign([.announceEncryptionKey(AnnounceEncryptionKey(key: key.publicKey))], in: open, at: time).envelopes.count
    }
}

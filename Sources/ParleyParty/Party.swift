public import ParleyCrypto
public import ParleyLog
public import ParleyStore

/// A party at work: its replica and, when it may sign, its key; the one door through which
/// everything the party writes reaches the replica.
///
/// ```swift
/// let party = try Party.open(home: PartyHome(path: dir), signing: true)
/// let exchange = try party.open(id)                    // the kept state, no refold
/// try party.sign([.openDispute(open)], in: exchange)   // refused, or verified, stored and kept
/// ```
///
/// **The commit path.** Creating an exchange (``create(_:at:)``), signing (``sign(_:in:at:)``),
/// ingesting a pull or a bundle (``ingest(_:exchange:)``) all end in one private step,
/// `commit`: a ``VerifiedBatch`` that only the log's verifiers build (the new envelopes checked
/// against the stored chain heads by ``ChainExtension``, or a genesis by ``Verifier``), folded
/// onto the kept state, appended with the new state in one transaction. Nothing else appends to
/// a replica or writes its state. Two kinds of batch fold the whole log again: one that forks a
/// stored chain, since a fork cuts the author's chain short, and one that makes a manifest final,
/// since what its signers wrote after signing is then set aside (``Finality``).
///
/// **Rights** are checked once, here, before signing: ``ExchangeState/refusal(of:by:directionHash:reconciliation:wholeManifest:)``,
/// with the reconciliation the command already has, so it is computed once, and with the kept
/// summaries (each direction's hash, the whole exchange's manifest) when they are current, so a
/// confirmation or a proposal of the whole exchange computes none.
public final class Party: Sendable {
    /// The replica.
    public let replica: Replica
    /// The party's key, when it may sign.
    public let key: SigningKey?
    /// The home-wide X25519 encryption key of a home made before per-exchange keys
    /// (`encryption.pem`), when it has one: still used in the exchanges that announced it. Every
    /// other exchange gets a key of its own (``encryptionKey(in:announced:creating:)``).
    public let encryptionKey: EncryptionKey?
    /// Whether this party seals what it signs and opens what is sealed to it (announcing an
    /// encryption key in each exchange it signs in).
    public let seals: Bool
    /// The home, when the party has one (not for an in-memory replica).
    public let home: PartyHome?
    /// Told when a long step starts (verifying, folding, storing, reconciling).
    public let progress: (@Sendable (PartyProgress) -> Void)?

    /// A party over `replica`, signing with `key` if given.
    ///
    /// - Parameters:
    ///   - replica: The replica.
    ///   - key: The party's key (`nil`: read and ingest only).
    ///   - encryptionKey: A home-wide encryption key, used in the exchanges that announced it.
    ///   - sealing: Whether the party seals and opens (default: when it has `encryptionKey`; a
    ///     party that does not announces no key, seals nothing and opens nothing sealed).
    ///   - home: Where its files are, if anywhere.
    ///   - progress: Told when a long step starts.
    public init(
        replica: Replica, key: SigningKey?, encryptionKey: EncryptionKey? = nil, sealing: Bool? = nil, home: PartyHome? = nil,
        progress: (@Sendable (PartyProgress) -> Void)? = nil
    ) {
        self.replica = replica
        self.key = key
        self.encryptionKey = encryptionKey
        self.seals = sealing ?? (encryptionKey != nil)
        self.home = home
        self.progress = progress
    }

    /// Opens the party in `home`.
    ///
    /// - Parameters:
    ///   - home: The home.
    ///   - signing: Whether it will write (opens the replica for writing and loads the key).
    ///   - progress: Told when a long step starts.
    /// - Returns: The party.
    /// - Throws: ``PartyError`` when the home is not set up, or its key is not the replica's.
    public static func open(
        home: PartyHome, signing: Bool, progress: (@Sendable (PartyProgress) -> Void)? = nil
    ) throws(PartyError) -> Party {
        if signing {
            let (key, replica) = try home.signer()
            let encryptionKey = try home.encryptionKey()
            return Party(replica: replica, key: key, encryptionKey: encryptionKey, sealing: true, home: home, progress: progress)
        }
        // Writable when the file allows it, so that a reading command can keep what it computes
        // (a fold of an older replica, a reconciliation summary); read-only otherwise.
        let replica: Replica
        if let writable = try? home.openReplica(readOnly: false) {
            replica = writable
        } else {
            replica = try home.openReplica(readOnly: true)
        }
        let encryptionKey = try? home.encryptionKey()
        return Party(replica: replica, key: nil, encryptionKey: encryptionKey ?? nil, sealing: true, home: home, progress: progress)
    }

    /// This party's key id, when it has a key.
    public var me: KeyID? {
        key?.publicKey.keyID
    }

    /// The exchanges the replica holds, in arrival order.
    ///
    /// - Throws: ``PartyError/Code/store``.
    public func exchanges() throws(PartyError) -> [ExchangeID] {
        try stored { () throws(StoreError) in try replica.exchanges() }
    }

    /// Opens an exchange: its kept state, or, when the replica has none that is current (a
    /// replica written by an older version), the fold of its stored envelopes, kept for next time
    /// when the replica is writable.
    ///
    /// - Parameters:
    ///   - exchange: The exchange.
    ///   - withEntries: Whether to read the list entries (a reader of disputes, terms or the
    ///     manifests' status needs none; signing needs them).
    /// - Returns: The open exchange.
    /// - Throws: ``PartyError/Code/noExchange`` when the replica has no valid genesis of it, or a
    ///   store failure.
    public func open(_ exchange: ExchangeID, withEntries: Bool = true) throws(PartyError) -> OpenExchange {
        try open(exchange, entries: withEntries ? .all : .none)
    }

    /// ``open(_:withEntries:)`` with the entries `entries` selects: a signer of an operation that
    /// names a few entries and changes no list (``Operation/isSignableOnNamedEntries``) reads only
    /// those (``Replica/EntrySelection/named(_:)``), not a register of 100,000.
    public func open(_ exchange: ExchangeID, entries: Replica.EntrySelection) throws(PartyError) -> OpenExchange {
        let opener = try opener(for: exchange)
        let reopen = { @Sendable () throws(PartyError) -> OpenExchange in try self.open(exchange, entries: .all) }
        if let kept = try stored({ () throws(StoreError) in try replica.keptState(exchange: exchange, entries: entries, preparing: opener) }) {
            return OpenExchange(exchange: exchange, kept: kept, replica: replica, progress: progress, reopen: reopen)
        }
        let (kept, _, _) = try refold(exchange, adding: [])
        return OpenExchange(exchange: exchange, kept: kept, replica: replica, progress: progress, reopen: reopen)
    }

    /// Folds every stored envelope of `exchange` (and `extra`, not stored yet) from scratch, and
    /// keeps the result unless `extra` is to be appended with it.
    ///
    /// - Returns: The state, with the verification it came from and how many stored envelopes
    ///   it folded (besides `extra`).
    func refold(_ exchange: ExchangeID, adding extra: [SignedEnvelope]) throws(PartyError) -> (KeptState, VerificationReport, folded: Int) {
        let stored = try stored { () throws(StoreError) in try replica.storedEnvelopes(exchange: exchange) }
        progress?(PartyProgress(step: "verifying and folding the stored log", count: stored.count + extra.count))
        let report = Verifier(exchange: exchange).verify(wire: stored.map(\.wireBytes) + extra.map(\.wireBytes), preparing: try opener(for: exchange))
        guard let state = report.state else {
            throw PartyError(
                code: .noExchange,
                message: "exchange \(exchange.hex.prefix(12)) has no genesis that verifies in replica \(replica.path)"
            )
        }
        let kept = KeptState(
            state: state, stateHash: state.stateHash, heads: report.heads, frozen: Set(report.equivocations.map(\.author))
        )
        if extra.isEmpty, !replica.isReadOnly {
            // Kept for next time, unless envelopes arrived meanwhile; a failure only costs a fold.
            _ = try? replica.replaceKept(kept, exchange: exchange, foldedFrom: stored.count)
        }
        return (kept, report, stored.count)
    }
}

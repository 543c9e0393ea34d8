public import ParleyCrypto
public import ParleyLog

extension Party {
    /// What a recovery of this party's chain in one exchange did (``recoverIdentity(with:from:in:at:)``).
    public struct Recovery: Sendable {
        /// The participant whose identity key was revoked (its id).
        public let participant: KeyID
        /// The home's identity key now, the chain's key in force.
        public let key: PublicKey
        /// The `key.revoke` signed by this run, or `nil` when an earlier run had signed it.
        public let revocation: SignedEnvelope?
        /// Whether this run installed a key file as `key.pem` (else the home's key was already it).
        public let installed: Bool
        /// The home's other exchanges whose chain of this party still runs on another key (each
        /// needs its own recovery, or a rotation, before this home signs there again).
        public let stillOnOtherKeys: [ExchangeID]
    }

    /// With `recovery`, revokes the identity key of the chain in `exchange` that names it and hands
    /// the chain to this home's key, all or nothing: the new key is made (or found) first, the
    /// revocation stored, then the key installed as `key.pem`; a run interrupted after storing the
    /// revocation is completed by running it again, which only installs the key.
    ///
    /// Works without `key.pem` (a lost key). The new key is the home's key when a recovery in
    /// another exchange already installed it (so one home keeps one key across its exchanges),
    /// the pending key of an interrupted rotation or recovery if there is one, else a new one.
    ///
    /// - Parameters:
    ///   - recovery: The chain's recovery key.
    ///   - from: The revocation point (`nil`: set nothing aside).
    ///   - exchange: The exchange.
    ///   - time: The revocation's timestamp.
    /// - Returns: What was done.
    /// - Throws: ``PartyError/Code/notAllowed`` when no chain names `recovery` or the state
    ///   refuses the revocation (nothing stored); a store or key file failure.
    public func recoverIdentity(
        with recovery: SigningKey, from: Int?, in exchange: ExchangeID, at time: Timestamp
    ) throws(PartyError) -> Recovery {
        guard let home else {
            throw PartyError(code: .notSetUp, message: "a party without a home cannot install a recovered key")
        }
        let open = try self.open(exchange)
        guard let participant = open.state.participants.first(where: { open.state.keys(of: $0.keyID)?.recovery == recovery.publicKey })?.keyID,
              let inForce = open.state.keys(of: participant)?.identity
        else {
            throw PartyError(
                code: .notAllowed, message: "no chain of exchange \(exchange.hex.prefix(12)) names this recovery key; nothing was signed"
            )
        }
        let pending = try home.pendingKey()
        let current = try home.installedKey()
        func done(_ key: PublicKey, revocation: SignedEnvelope?, installed: Bool) throws(PartyError) -> Recovery {
            Recovery(
                participant: participant, key: key, revocation: revocation, installed: installed,
                stillOnOtherKeys: try exchanges().filter { other in
                    other != exchange && (try? self.open(other).state.participantID(signingWith: key.keyID)) == nil
                }
            )
        }
        // An earlier run stored the revocation and stopped before installing its key.
        if let pending, pending.publicKey == inForce {
            try home.installPendingKey(in: replica)
            return try done(pending.publicKey, revocation: nil, installed: true)
        }
        let recovered = try keysInstalledByRecovery()
        // Already recovered onto the home's key.
        if let current, current.publicKey == inForce, recovered.contains(current.publicKey) {
            return try done(current.publicKey, revocation: nil, installed: false)
        }
        let newKey: SigningKey
        let install: Bool
        if let pending {
            (newKey, install) = (pending, true)
        } else if let current, current.publicKey != inForce, recovered.contains(current.publicKey) {
            // A recovery in another exchange installed this key: keep one key for the home.
            (newKey, install) = (current, false)
        } else {
            (newKey, install) = (try home.makePendingKey(), true)
        }
        let signed = try revokeKey(of: participant, recovery: recovery, from: from, newKey: newKey, in: open, at: time)
        if install { try home.installPendingKey(in: replica) }
        return try done(newKey.publicKey, revocation: signed.envelopes.first, installed: install)
    }

    /// The keys a `key.revoke` in one of the home's exchanges installed: keys the owner's
    /// recovery key vouched for, which a later recovery may reuse.
    private func keysInstalledByRecovery() throws(PartyError) -> Set<PublicKey> {
        var keys: Set<PublicKey> = []
        for exchange in try exchanges() {
            for operation in try open(exchange, withEntries: false).state.keyOperations.values {
                if case let .revokeKey(revoke) = operation.body { keys.insert(revoke.key) }
            }
        }
        return keys
    }
}

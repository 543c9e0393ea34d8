public import ParleyCrypto
public import ParleyLog
import ParleyStore

extension Party {
    /// What a rotation of the party's identity key did.
    public struct Rotation: Sendable {
        /// The new identity key.
        public let key: PublicKey
        /// The exchanges whose chain now runs on the new key (also those an interrupted rotation
        /// had already handed over).
        public let rotated: [ExchangeID]
    }

    /// Hands this party's chain in `open`'s exchange to `newKey`: signs a `key.rotate` with the
    /// key in force, countersigned by `newKey`, through the commit path.
    ///
    /// - Parameters:
    ///   - newKey: The new identity key.
    ///   - open: The exchange as opened just before.
    ///   - time: The envelope's timestamp.
    /// - Returns: What was signed.
    /// - Throws: ``PartyError/Code/notAllowed`` (the party's key is not in force there, the
    ///   exchange forks); ``PartyError/Code/unverified``; a store failure.
    @discardableResult
    public func rotateKey(to newKey: SigningKey, in open: OpenExchange, at time: Timestamp) throws(PartyError) -> Signed {
        let key = try signingKey()
        try requireClean(open)
        let own = try participantID(in: open)
        let signer = EnvelopeSigner(key: key, exchange: open.exchange, head: open.heads[own], author: own)
        let envelope: SignedEnvelope
        do {
            (envelope, _) = try signer.rotating(to: newKey, at: time)
        } catch {
            throw PartyError(code: .notAllowed, message: "\(error.message); nothing was signed", cause: error)
        }
        try refuse(envelope.envelope.operation, by: own, in: open)
        return try commitSigned([envelope], in: open)
    }

    /// With `recovery`, the recovery key of `participant`'s chain, revokes its identity key in
    /// force and installs `newKey`, through the commit path. Needs no key of this party: the
    /// revoked key is not trusted for anything.
    ///
    /// - Parameters:
    ///   - participant: The participant whose key is revoked (its id).
    ///   - recovery: The chain's recovery key.
    ///   - from: The revocation point (the chain's envelopes from this seq on are set aside);
    ///     `nil`: the revocation's own seq (nothing is set aside).
    ///   - newKey: The new identity key.
    ///   - open: The exchange as opened just before.
    ///   - time: The envelope's timestamp.
    /// - Returns: What was signed.
    /// - Throws: ``PartyError/Code/notAllowed`` when the chain names no recovery key, another
    ///   one, or the revocation point is not after it; a store failure.
    @discardableResult
    public func revokeKey(
        of participant: KeyID, recovery: SigningKey, from: Int?, newKey: SigningKey, in open: OpenExchange, at time: Timestamp
    ) throws(PartyError) -> Signed {
        guard let keys = open.state.keys(of: participant) else {
            throw PartyError(code: .notAllowed, message: "key \(participant.hex.prefix(12)) is not a participant of this exchange")
        }
        guard keys.recovery == recovery.publicKey else {
            throw PartyError(
                code: .notAllowed,
                message: "this recovery key is not the one the chain of \(participant.hex.prefix(12)) names; nothing was signed"
            )
        }
        let head = open.heads[participant]
        let signer = EnvelopeSigner(key: recovery, exchange: open.exchange, head: head, author: participant)
        let envelope: SignedEnvelope
        do {
            (envelope, _) = try signer.revoking(
                keys.identity.keyID, from: from ?? ((head?.seq ?? 0) + 1), newKey: newKey, at: time
            )
        } catch {
            throw PartyError(code: .notAllowed, message: "\(error.message); nothing was signed", cause: error)
        }
        try refuse(envelope.envelope.operation, by: participant, in: open)
        return try commitSigned([envelope], in: open)
    }

    /// Rotates this party's identity key in every exchange where it is the key in force, then
    /// installs the new key in the home (``PartyHome/installPendingKey(in:)``). The new key is
    /// made first and kept as `key.next.pem` until then, so an interrupted rotation resumes with
    /// it: exchanges already handed to it are left as they are.
    ///
    /// - Parameter time: The envelopes' timestamp.
    /// - Returns: The new key and the exchanges rotated.
    /// - Throws: ``PartyError`` naming the first exchange that could not be rotated (the new key
    ///   then stays pending); a store or file failure.
    public func rotateIdentity(at time: Timestamp) throws(PartyError) -> Rotation {
        let key = try signingKey()
        guard let home else {
            throw PartyError(code: .notSetUp, message: "a party without a home cannot rotate its key")
        }
        var pending = try home.pendingKey()
        if pending == nil { pending = try home.makePendingKey() }
        guard let newKey = pending else { preconditionFailure("a pending key was just made") }
        var rotated: [ExchangeID] = []
        for exchange in try exchanges() {
            let open = try self.open(exchange)
            if open.state.participantID(signingWith: newKey.publicKey.keyID) != nil {
                rotated.append(exchange)
                continue
            }
            guard open.state.participantID(signingWith: key.publicKey.keyID) != nil else { continue }
            do {
                try rotateKey(to: newKey, in: open, at: time)
            } catch {
                throw PartyError(
                    code: error.code,
                    message: "exchange \(exchange.hex.prefix(12)): \(error.message); the new key waits in \(home.pendingKeyPath) "
                        + "(run `parley key rotate` again to resume)",
                    cause: error
                )
            }
            rotated.append(exchange)
        }
        try home.installPendingKey(in: replica)
        return Rotation(key: newKey.publicKey, rotated: rotated)
    }

    /// Refuses to sign on an exchange that forks.
    private func requireClean(_ open: OpenExchange) throws(PartyError) {
        guard open.isClean else {
            throw PartyError(
                code: .unverified,
                message: "exchange \(open.exchange.hex.prefix(8)) does not verify in replica \(replica.path); nothing was signed"
            )
        }
    }

    /// The state's refusal of a key operation, as an error.
    private func refuse(_ operation: Operation, by author: KeyID, in open: OpenExchange) throws(PartyError) {
        let refusal = try open.state.refusal(
            of: operation, by: author, directionHash: { direction throws(PartyError) in try open.summary.hash(direction) },
                reconciliation: { () throws(PartyError) in try open.reconciliation }
        )
        if let refusal {
            throw PartyError(code: .notAllowed, message: "\(refusal); nothing was signed")
        }
    }
}

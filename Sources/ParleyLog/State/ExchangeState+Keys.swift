public import ParleyCrypto

extension ExchangeState {
    /// The keys in force of `participant`'s chain: its genesis key until a key operation changes
    /// them; `nil` for a key id that is not a participant's.
    ///
    /// - Parameter participant: The participant's id (its genesis key id, the `author` of its envelopes).
    public func keys(of participant: KeyID) -> ChainKeys? {
        chainKeys[participant] ?? self.participant(participant).map { ChainKeys(identity: $0.publicKey) }
    }

    /// The participant whose identity key in force has id `key`: whom a party holding that key
    /// signs as. A key rotated away or revoked is no one's.
    ///
    /// - Parameter key: A key id.
    /// - Returns: The participant's id.
    public func participantID(signingWith key: KeyID) -> KeyID? {
        participants.first { keys(of: $0.keyID)?.identity.keyID == key }?.keyID
    }

    /// Every participant's identity key in force, by participant id.
    public var identityKeys: [KeyID: PublicKey] {
        Dictionary(uniqueKeysWithValues: participants.map { ($0.keyID, keys(of: $0.keyID)?.identity ?? $0.publicKey) })
    }
}

extension ExchangeState {
    /// Why `author` may not sign the key operation `operation` now, if it may not: a handover must
    /// replace the identity key in force with another key that is not the recovery key; a
    /// recovery key is named once; a revocation needs a recovery key named before its `from`, and a
    /// `from` above what a final manifest rests on (``finalityFloor(of:)``).
    func keyRefusal(of operation: Operation, by author: KeyID) -> Refusal? {
        guard let keys = keys(of: author) else { return Refusal(.notAParticipant, "key \(author.hex.prefix(8)) is not a participant of this exchange") }
        switch operation {
        case let .rotateKey(rotate):
            if rotate.replaces != keys.identity.keyID { return Refusal(.keyRule, "key.rotate must replace the identity key in force (\(keys.identity.keyID.hex.prefix(8)))") }
            if rotate.key == keys.recovery { return Refusal(.keyRule, "the new identity key must not be the recovery key") }
            return nil
        case .nameRecoveryKey:
            return keys.recovery == nil ? nil : Refusal(.keyRule, "this chain already names its recovery key (only the first key.recovery counts)")
        case let .revokeKey(revoke):
            guard let named = keys.recoveryNamedAt else { return Refusal(.keyRule, "this chain names no recovery key, so it cannot be revoked") }
            if named >= revoke.from { return Refusal(.keyRule, "the revocation point must come after the key.recovery (seq \(named))") }
            if revoke.key == keys.recovery { return Refusal(.keyRule, "the new identity key must not be the recovery key") }
            if let floor = finalityFloor(of: author), revoke.from <= floor {
                return Refusal(
                    .keyRule,
                    "a final manifest rests on seq \(floor) of this chain, so nothing up to it can be set aside; "
                        + "the revocation point must be \(floor + 1) or later"
                )
            }
            return nil
        default:
            return nil
        }
    }
}

extension ExchangeState {
    /// The encryption key `participant` announced last (`key.encryption`), if it announced one:
    /// the key authors seal their content-key shares to.
    ///
    /// - Parameter participant: The participant's id.
    public func encryptionKey(of participant: KeyID) -> EncryptionPublicKey? {
        encryptionKeys[participant]?.body.key
    }
}

extension ExchangeState {
    /// The recipients (participant and encryption key id) that `author` has shared a content key
    /// of its own with so far (relays of other authors' keys aside).
    ///
    /// - Parameter author: The author's participant id.
    public func shareRecipients(of author: KeyID) -> Set<ShareContentKey.Recipient> {
        Set(contentShares.values.filter { $0.author == author && $0.body.relays == nil }.flatMap { $0.body.shares.map(\.recipient) })
    }

    /// Why a `content.share` may not be signed by `author`, if it may not: each recipient must be
    /// a participant, and each share sealed to its encryption key in force; a relay passes on
    /// the key of another participant, carried by one of that participant's own `content.share`
    /// envelopes that this state holds.
    func shareRefusal(_ share: ShareContentKey, by author: KeyID) -> Refusal? {
        if let relayed = share.relays {
            guard relayed.author != author, participant(relayed.author) != nil else {
                return Refusal(.keyRule, "a relay passes on the content key of another participant")
            }
            guard let carrier = contentShares[relayed.envelope], carrier.author == relayed.author, carrier.body.relays == nil else {
                return Refusal(.keyRule, "a relay names a content.share of \(relayed.author.hex.prefix(8)) that this exchange does not hold")
            }
        }
        for recipient in share.shares {
            guard participant(recipient.to) != nil else {
                return Refusal(.notAParticipant, "key \(recipient.to.hex.prefix(8)) is not a participant of this exchange")
            }
            if encryptionKey(of: recipient.to)?.keyID != recipient.key {
                return Refusal(.keyRule, "a content key share to \(recipient.to.hex.prefix(8)) must be sealed to its announced encryption key")
            }
        }
        return nil
    }
}

public import ParleyCrypto

extension EnvelopeSigner {
    /// Signs a `key.rotate` that hands this chain to `newKey` as the chain's next envelope, signed
    /// by this signer's key (the identity key in force) and countersigned by `newKey`.
    ///
    /// - Parameters:
    ///   - newKey: The new identity key.
    ///   - timestamp: The author's clock.
    /// - Returns: The envelope, and the signer that continues the chain with `newKey`.
    /// - Throws: ``LogError/Code/invalidOperation`` (e.g. the new key is the old one) or
    ///   ``LogError/Code/signingFailed``.
    public func rotating(to newKey: SigningKey, at timestamp: Timestamp) throws(LogError) -> (SignedEnvelope, EnvelopeSigner) {
        let seq = (head?.seq ?? 0) + 1
        let statement = KeyStatement(
            exchange: exchange, participant: author, seq: seq, op: .rotateKey, replaces: key.publicKey.keyID, key: newKey.publicKey
        )
        let rotate = RotateKey(key: newKey.publicKey, replaces: key.publicKey.keyID, signature: try statement.countersign(newKey))
        var signer = self
        let envelope = try signer.sign(.rotateKey(rotate), at: timestamp)
        return (envelope, EnvelopeSigner(key: newKey, exchange: exchange, head: signer.head, author: author))
    }

    /// Signs a `key.revoke` as the chain's next envelope: this signer's key must be the chain's
    /// recovery key; `newKey` countersigns and takes over the chain.
    ///
    /// - Parameters:
    ///   - revoked: The key id of the identity key in force (the one revoked).
    ///   - from: The revocation point: the chain's envelopes from this seq up to the revocation
    ///     are set aside; the next seq (head + 1) sets nothing aside.
    ///   - newKey: The new identity key.
    ///   - timestamp: The author's clock.
    /// - Returns: The envelope, and the signer that continues the chain with `newKey`.
    /// - Throws: ``LogError/Code/invalidOperation`` or ``LogError/Code/signingFailed``.
    public func revoking(
        _ revoked: KeyID, from: Int, newKey: SigningKey, at timestamp: Timestamp
    ) throws(LogError) -> (SignedEnvelope, EnvelopeSigner) {
        let seq = (head?.seq ?? 0) + 1
        let statement = KeyStatement(
            exchange: exchange, participant: author, seq: seq, op: .revokeKey, replaces: revoked, key: newKey.publicKey
        )
        let revoke = RevokeKey(key: newKey.publicKey, revokes: revoked, from: from, signature: try statement.countersign(newKey))
        var signer = self
        let envelope = try signer.sign(.revokeKey(revoke), at: timestamp)
        return (envelope, EnvelopeSigner(key: newKey, exchange: exchange, head: signer.head, author: author))
    }
}

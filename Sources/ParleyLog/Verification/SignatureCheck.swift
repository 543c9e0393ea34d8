import ParleyCrypto

/// The signatures of a batch checked by ``ChainExtension/signatures(of:keys:)``, ahead of the chain
/// check: for each envelope id whose author is a participant, its first copy whose signature is
/// the author's.
public struct SignatureCheck: Sendable {
    /// The exchange whose participants' keys were used.
    public let exchange: ExchangeID
    /// The validly signed copy of each id that has one.
    let signed: [EnvelopeID: SignedEnvelope]
    /// The key each id was checked with (the chain check reuses the result only for the same key).
    let signers: [EnvelopeID: PublicKey]
}

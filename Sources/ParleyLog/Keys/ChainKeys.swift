public import ParleyCrypto

/// The keys of one participant's chain at a place in it: the identity key in force, which signs
/// the next envelope, and the recovery key, once one is named.
///
/// A chain starts with the key the genesis names (whose key id stays the participant's id, the
/// `author` of every envelope of the chain); `key.rotate` and `key.revoke` hand it to a new
/// identity key from the next seq on; the first `key.recovery` names the recovery key, which alone
/// signs a `key.revoke`.
public struct ChainKeys: Sendable, Hashable {
    /// The identity key in force: it signs the chain's next envelope (but a `key.revoke`).
    public var identity: PublicKey
    /// The recovery key, once a `key.recovery` of the chain has named it.
    public var recovery: PublicKey?
    /// The seq of the `key.recovery` that named ``recovery``.
    public var recoveryNamedAt: Int?

    /// The keys of a chain.
    ///
    /// - Parameters:
    ///   - identity: The identity key in force.
    ///   - recovery: The recovery key, if named.
    ///   - recoveryNamedAt: The seq of the `key.recovery` that named it.
    public init(identity: PublicKey, recovery: PublicKey? = nil, recoveryNamedAt: Int? = nil) {
        self.identity = identity
        self.recovery = recovery
        self.recoveryNamedAt = recoveryNamedAt
    }

    /// The key that must sign `envelope` as the chain's next link: the identity key in force, or
    /// for a `key.revoke` the recovery key if it was named before the revocation's `from` (`nil`
    /// otherwise: no key may sign it).
    public func signer(of envelope: Envelope) -> PublicKey? {
        guard case let .revokeKey(revoke) = envelope.operation else { return identity }
        guard let recovery, let named = recoveryNamedAt, named < revoke.from else { return nil }
        return recovery
    }

    /// Whether `signed` may be the chain's next link here: signed by ``signer(of:)``, and, for a
    /// handover (`key.rotate`, `key.revoke`), naming the identity key in force as the key it
    /// replaces, installing a key that is neither the recovery key nor the one in force, and
    /// countersigned by the new key (``KeyStatement``).
    ///
    /// - Parameters:
    ///   - signed: The envelope.
    ///   - exchange: Its exchange (bound by the countersignature).
    public func accepts(_ signed: SignedEnvelope, in exchange: ExchangeID) -> Bool {
        guard let signer = signer(of: signed.envelope), signed.isSigned(by: signer) else { return false }
        return isHandoverSound(signed.envelope, in: exchange)
    }

    /// The handover rules of ``accepts(_:in:)`` (everything but the envelope's own signature).
    func isHandoverSound(_ envelope: Envelope, in exchange: ExchangeID) -> Bool {
        let (key, replaces, signature): (PublicKey, KeyID, [UInt8])
        switch envelope.operation {
        case let .rotateKey(rotate): (key, replaces, signature) = (rotate.key, rotate.replaces, rotate.signature)
        case let .revokeKey(revoke): (key, replaces, signature) = (revoke.key, revoke.revokes, revoke.signature)
        default: return true
        }
        guard replaces == identity.keyID, key != identity, key != recovery else { return false }
        let statement = KeyStatement(
            exchange: exchange, participant: envelope.author, seq: envelope.seq, op: envelope.operation.name,
            replaces: replaces, key: key
        )
        return statement.isCountersigned(by: signature)
    }

    /// The keys in force after `envelope`, a link these keys accepted: a handover's new identity
    /// key; the recovery key of the chain's first `key.recovery`.
    public func after(_ envelope: Envelope) -> ChainKeys {
        var next = self
        switch envelope.operation {
        case let .rotateKey(rotate): next.identity = rotate.key
        case let .revokeKey(revoke): next.identity = revoke.key
        case let .nameRecoveryKey(name) where recovery == nil:
            next.recovery = name.key
            next.recoveryNamedAt = envelope.seq
        default: break
        }
        return next
    }
}

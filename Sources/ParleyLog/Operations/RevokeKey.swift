public import ParleyCrypto

/// The body of `key.revoke`: with the recovery key, a participant revokes its identity key and
/// installs a new one, without trusting the revoked key.
///
/// JSON form: `{"key": <64 hex: the new raw Ed25519 public key>, "revokes": <key id of the identity
/// key in force>, "from": <seq>, "signature": <base64url: the new key's countersignature>}`.
///
/// The envelope is signed by the chain's recovery key (named by a `key.recovery` at a seq below
/// `from`), not by the identity key. The countersignature is the new key's over ``KeyStatement``
/// (with `replaces` = `revokes`). `from` (2 ≤ `from` ≤ the envelope's seq) is the revocation point:
/// the chain's envelopes at seq `from` up to the revocation's own are set aside (kept as evidence,
/// not folded); `from` = the envelope's seq sets nothing aside. From the next seq on, only the new
/// key signs the chain.
public struct RevokeKey: Sendable, Hashable {
    /// The new identity key.
    public var key: PublicKey
    /// The key id of the identity key in force (the one revoked).
    public var revokes: KeyID
    /// The first seq whose envelope is set aside (the revocation's own seq: none).
    public var from: Int
    /// The new key's Ed25519 signature of ``KeyStatement/message``.
    public var signature: [UInt8]

    /// Describes a revocation; ``KeyStatement/countersign(_:)`` makes the signature.
    public init(key: PublicKey, revokes: KeyID, from: Int, signature: [UInt8]) {
        self.key = key
        self.revokes = revokes
        self.from = from
        self.signature = signature
    }

    /// What is wrong with this body, if anything.
    var problem: String? {
        if from < 2 { return "key.revoke `from` must be at least 2 (seq 1 is before any key.recovery)" }
        return key.keyID == revokes ? "key.revoke must install a key other than the one it revokes" : nil
    }
}

extension RevokeKey: JSONBridged {
    init(json: JSONValue) throws(LogError) {
        let reader = try JSONObjectReader(json, context: "key.revoke body", members: ["key", "revokes", "from", "signature"])
        self.init(
            key: try reader.publicKey("key"), revokes: try reader.keyID("revokes"),
            from: try reader.integer("from", in: 2...Envelope.maxSeq), signature: try reader.signature("signature")
        )
        if let problem { throw .malformed(problem) }
    }

    var json: JSONValue {
        [
            "key": .string(Hex.encode(key.rawRepresentation)),
            "revokes": .string(revokes.hex),
            "from": .number(Double(from)),
            "signature": .string(Base64URL.encode(signature)),
        ]
    }
}

public import ParleyCrypto

/// The body of `key.rotate`: a participant hands its chain over to a new identity key.
///
/// JSON form: `{"key": <64 hex: the new raw Ed25519 public key>, "replaces": <key id of the key in
/// force>, "signature": <base64url: the new key's countersignature>}`. The envelope is signed by
/// the key in force (`replaces`); the countersignature is the new key's over
/// ``KeyStatement`` (exchange, participant, seq, op, `replaces`, `key`), so the new key is proven
/// held and bound to this place of this chain. From the next seq on, the participant's envelopes
/// are signed by the new key, and the old key's signature no longer verifies there.
public struct RotateKey: Sendable, Hashable {
    /// The new identity key.
    public var key: PublicKey
    /// The key id of the identity key in force when the rotation is signed.
    public var replaces: KeyID
    /// The new key's Ed25519 signature of ``KeyStatement/message``.
    public var signature: [UInt8]

    /// Describes a rotation; ``KeyStatement/countersign(_:)`` makes the signature.
    public init(key: PublicKey, replaces: KeyID, signature: [UInt8]) {
        self.key = key
        self.replaces = replaces
        self.signature = signature
    }

    /// What is wrong with this body, if anything.
    var problem: String? {
        key.keyID == replaces ? "key.rotate must name a key other than the one it replaces" : nil
    }
}

extension RotateKey: JSONBridged {
    init(json: JSONValue) throws(LogError) {
        let reader = try JSONObjectReader(json, context: "key.rotate body", members: ["key", "replaces", "signature"])
        self.init(
            key: try reader.publicKey("key"), replaces: try reader.keyID("replaces"), signature: try reader.signature("signature")
        )
        if let problem { throw .malformed(problem) }
    }

    var json: JSONValue {
        [
            "key": .string(Hex.encode(key.rawRepresentation)),
            "replaces": .string(replaces.hex),
            "signature": .string(Base64URL.encode(signature)),
        ]
    }
}

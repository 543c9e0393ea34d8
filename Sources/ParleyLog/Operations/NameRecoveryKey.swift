public import ParleyCrypto

/// The body of `key.recovery`: a participant names the recovery key of its chain, a key kept
/// offline that can later revoke a stolen identity key (`key.revoke`).
///
/// JSON form: `{"key": <64 hex: the raw Ed25519 public key of the recovery key>}`. Signed by the
/// identity key in force. Only the first `key.recovery` of a chain names the recovery key; later
/// ones change nothing (a thief holding the identity key cannot replace it), so name it early:
/// `parley exchange create --recovery` names it right after the genesis.
public struct NameRecoveryKey: Sendable, Hashable {
    /// The recovery key.
    public var key: PublicKey

    /// Names a recovery key.
    public init(key: PublicKey) {
        self.key = key
    }
}

extension NameRecoveryKey: JSONBridged {
    init(json: JSONValue) throws(LogError) {
        let reader = try JSONObjectReader(json, context: "key.recovery body", members: ["key"])
        self.init(key: try reader.publicKey("key"))
    }

    var json: JSONValue {
        ["key": .string(Hex.encode(key.rawRepresentation))]
    }
}

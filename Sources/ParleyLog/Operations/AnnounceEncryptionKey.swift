public import ParleyCrypto

/// The body of `key.encryption`: a participant announces the X25519 public key that others seal
/// its content-key shares to (PROTOCOL.md §5.17).
///
/// JSON form: `{"key": <unpadded base64url of the 32-byte raw X25519 public key>}`. Signed by the
/// identity key in force, so the announcement is the participant's. The encryption key is
/// separate from the Ed25519 identity key: one key, one purpose. A later `key.encryption` of the
/// same chain replaces the earlier one (a rotation); shares sealed to the earlier key stay as
/// they are, and authors share again to the new key the next time they sign.
public struct AnnounceEncryptionKey: Sendable, Hashable {
    /// The announced encryption key.
    public var key: EncryptionPublicKey

    /// Announces `key`.
    public init(key: EncryptionPublicKey) {
        self.key = key
    }
}

extension AnnounceEncryptionKey: JSONBridged {
    init(json: JSONValue) throws(LogError) {
        let reader = try JSONObjectReader(json, context: "key.encryption body", members: ["key"])
        guard let raw = Base64URL.decode(try reader.string("key")), raw.count == 32,
              let key = try? EncryptionPublicKey(rawRepresentation: raw)
        else {
            throw .malformed("key.encryption member `key` must be a 32-byte X25519 public key in unpadded base64url")
        }
        self.init(key: key)
    }

    var json: JSONValue {
        ["key": .string(Base64URL.encode(key.rawRepresentation))]
    }
}

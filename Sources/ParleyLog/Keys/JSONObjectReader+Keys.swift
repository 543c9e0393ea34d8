import ParleyCrypto

extension JSONObjectReader {
    /// The member `name` read as a raw Ed25519 public key in hex (64 lowercase hex digits).
    func publicKey(_ name: String) throws(LogError) -> PublicKey {
        guard let raw = Hex.decode(try string(name), count: 32), let key = try? PublicKey(rawRepresentation: raw) else {
            throw .malformed("member `\(name)` must be a raw Ed25519 public key in hex")
        }
        return key
    }

    /// The member `name` read as a key id (64 lowercase hex digits).
    func keyID(_ name: String) throws(LogError) -> KeyID {
        guard let id = KeyID(hex: try string(name)) else {
            throw .malformed("member `\(name)` must be a key id (64 lowercase hex digits)")
        }
        return id
    }

    /// The member `name` read as a 64-byte Ed25519 signature in unpadded base64url.
    func signature(_ name: String) throws(LogError) -> [UInt8] {
        guard let bytes = Base64URL.decode(try string(name)), bytes.count == 64 else {
            throw .malformed("member `\(name)` must be 64 bytes in unpadded base64url")
        }
        return bytes
    }
}

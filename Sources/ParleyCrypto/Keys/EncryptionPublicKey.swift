internal import COpenSSL

/// An X25519 public key (RFC 7748), held by libcrypto, that others encrypt to.
///
/// Two public keys are equal when their raw bytes are.
public struct EncryptionPublicKey: Sendable, Hashable, CustomStringConvertible {
    /// The key; kept for the life of the value so each agreement skips loading it again.
    let key: PKey

    /// The 32 raw bytes of the key (RFC 7748's u-coordinate, little-endian), as HPKE's
    /// `SerializePublicKey` writes it.
    public let rawRepresentation: [UInt8]

    /// The key id: SHA-256 of ``rawRepresentation``, as for identity keys.
    public let keyID: KeyID

    /// Wraps an owned X25519 key whose type has been checked.
    private init(validated key: PKey) throws {
        self.key = key
        self.rawRepresentation = try key.rawPublicKey()
        self.keyID = KeyID(hashing: rawRepresentation)
    }

    /// A public key from its 32 raw bytes (HPKE's `DeserializePublicKey`).
    ///
    /// - Parameter rawRepresentation: 32 bytes.
    /// - Throws: ``CryptoError/Code/invalidKey`` unless there are 32 bytes.
    public init(rawRepresentation: [UInt8]) throws {
        try self.init(validated: rawRepresentation.withUnsafeBytes { try PKey.x25519(publicKey: $0) })
    }

    /// A public key from SubjectPublicKeyInfo PEM (`-----BEGIN PUBLIC KEY-----`), as
    /// ``pemRepresentation`` and `openssl pkey -pubout` write it.
    ///
    /// - Parameter pem: The PEM text.
    /// - Throws: ``CryptoError/Code/invalidKey`` if the text is not an X25519 public key in PEM
    ///   (an Ed25519 identity key is refused); the message carries OpenSSL's reason.
    public init(pem: String) throws {
        let key = try PKey.publicKey(pem: pem)
        guard key.isX25519 else {
            throw CryptoError(code: .invalidKey, message: "the public key is not an X25519 key")
        }
        try self.init(validated: key)
    }

    /// The key as SubjectPublicKeyInfo PEM (`-----BEGIN PUBLIC KEY-----`), ending with a newline.
    ///
    /// Traps only if libcrypto cannot allocate memory.
    public var pemRepresentation: String {
        key.publicKeyPEM()
    }

    /// Compares raw bytes.
    public static func == (lhs: EncryptionPublicKey, rhs: EncryptionPublicKey) -> Bool {
        lhs.rawRepresentation == rhs.rawRepresentation
    }

    /// Hashes raw bytes, to agree with `==`.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(rawRepresentation)
    }

    /// The key id, e.g. `EncryptionPublicKey(keyID: 3f0c…)`.
    public var description: String { "EncryptionPublicKey(keyID: \(keyID.hex))" }
}

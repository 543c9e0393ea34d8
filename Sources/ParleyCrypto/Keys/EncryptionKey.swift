internal import COpenSSL

/// An X25519 private key (RFC 7748), held by libcrypto, that a participant decrypts with.
///
/// It is a different key from the Ed25519 ``SigningKey`` that signs for the participant: one
/// key, one purpose. Others encrypt to its ``publicKey`` (HPKE, RFC 9180); the holder opens.
///
/// ```swift
/// let key = EncryptionKey.generate()
/// let secret = try key.sharedSecret(with: peer.publicKey)  // 32 bytes, the same on both sides
/// ```
///
/// The `description` shows the public key's id only, never key material.
public struct EncryptionKey: Sendable, CustomStringConvertible {
    /// The key; kept for the life of the value so each agreement skips loading it again.
    let key: PKey

    /// The public half, to give to others.
    public let publicKey: EncryptionPublicKey

    /// Wraps an owned X25519 private key.
    ///
    /// - Throws: ``CryptoError/Code/invalidKey`` if `key` is not an X25519 key.
    private init(key: PKey) throws {
        guard key.isX25519 else {
            throw CryptoError(code: .invalidKey, message: "the key is not an X25519 key")
        }
        self.key = key
        self.publicKey = try EncryptionPublicKey(rawRepresentation: key.rawPublicKey())
    }

    /// Makes a new random key with OpenSSL's private random generator.
    ///
    /// Traps only if libcrypto cannot produce random bytes, which leaves nothing safe to do.
    ///
    /// - Returns: A fresh encryption key.
    public static func generate() -> EncryptionKey {
        var raw = [UInt8](repeating: 0, count: X25519.keyByteCount)
        defer { OPENSSL_cleanse(&raw, raw.count) }
        guard RAND_priv_bytes(&raw, Int32(raw.count)) == 1 else {
            fatalError("\(CryptoError.openSSL("the random generator failed to make a key"))")
        }
        do {
            return try EncryptionKey(rawRepresentation: raw)
        } catch {
            fatalError("\(error)")
        }
    }

    /// The key whose 32 raw private bytes are `rawRepresentation` (RFC 7748's scalar, before
    /// clamping), e.g. a test vector or the output of HPKE's `DeriveKeyPair`.
    ///
    /// - Parameter rawRepresentation: 32 bytes.
    /// - Throws: ``CryptoError/Code/invalidKey`` unless there are 32 bytes.
    public init(rawRepresentation: [UInt8]) throws {
        try self.init(key: rawRepresentation.withUnsafeBytes { try PKey.x25519(privateKey: $0) })
    }

    /// Reads a key from unencrypted PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`), as ``pkcs8PEM()``
    /// and `openssl genpkey -algorithm x25519` write it.
    ///
    /// - Parameter pkcs8PEM: The PEM text.
    /// - Throws: ``CryptoError/Code/invalidKey`` if the text is not an unencrypted X25519 private
    ///   key in PEM (an Ed25519 identity key is refused too); the message carries OpenSSL's reason.
    public init(pkcs8PEM: String) throws {
        try self.init(key: PKey.privateKey(pem: pkcs8PEM))
    }

    /// The 32 raw private bytes, for test vectors only: they are the whole secret.
    package var rawRepresentation: [UInt8] {
        get throws { try key.rawPrivateKey() }
    }

    /// The key as unencrypted PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`), which
    /// ``init(pkcs8PEM:)`` and the `openssl` tool read. It is the whole secret: store it with care
    /// (``KeyFile`` does).
    ///
    /// Traps only if libcrypto cannot allocate memory.
    ///
    /// - Returns: The PEM text, ending with a newline.
    public func pkcs8PEM() -> String {
        key.pkcs8PEM()
    }

    /// X25519 of this key with `publicKey` (RFC 7748 section 6.1): the 32-byte shared secret that
    /// the holder of `publicKey`'s private half computes from this key's public half.
    ///
    /// Use it through a KDF (HPKE does), never as a key directly.
    ///
    /// - Parameter publicKey: The peer's public key.
    /// - Returns: 32 bytes.
    /// - Throws: ``CryptoError/Code/invalidKey`` if `publicKey` is a point of small order (the
    ///   result would be all zeros).
    public func sharedSecret(with publicKey: EncryptionPublicKey) throws -> [UInt8] {
        try key.x25519(with: publicKey.key)
    }

    /// The public key's id, e.g. `EncryptionKey(keyID: 3f0c…)`; never key material.
    public var description: String { "EncryptionKey(keyID: \(publicKey.keyID.hex))" }
}

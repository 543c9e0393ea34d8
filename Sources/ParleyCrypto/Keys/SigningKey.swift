public import Foundation
internal import COpenSSL

/// An Ed25519 private key (RFC 8032), held by libcrypto, that signs.
///
/// ```swift
/// let key = SigningKey.generate()
/// let signature = try key.signature(for: message)        // 64 bytes
/// key.publicKey.isValidSignature(signature, for: message) // true
/// ```
///
/// The `description` shows the key id only, never key material.
public struct SigningKey: Sendable, CustomStringConvertible {
    /// The key; kept for the life of the value so each signature skips loading it again.
    let key: PKey

    /// The public half, to give to others.
    public let publicKey: PublicKey

    /// Wraps an owned Ed25519 private key.
    ///
    /// - Throws: ``CryptoError/Code/invalidKey`` if `key` is not an Ed25519 key.
    private init(key: PKey) throws {
        guard key.isEd25519 else {
            throw CryptoError(code: .invalidKey, message: "the key is not an Ed25519 key")
        }
        self.key = key
        self.publicKey = try PublicKey(rawRepresentation: key.rawPublicKey())
    }

    /// Makes a new random key with OpenSSL's private random generator.
    ///
    /// Traps only if libcrypto cannot produce random bytes, which leaves nothing safe to do.
    ///
    /// - Returns: A fresh signing key.
    public static func generate() -> SigningKey {
        var seed = [UInt8](repeating: 0, count: Ed25519.seedByteCount)
        defer { OPENSSL_cleanse(&seed, seed.count) }
        guard RAND_priv_bytes(&seed, Int32(seed.count)) == 1 else {
            fatalError("\(CryptoError.openSSL("the random generator failed to make a key"))")
        }
        do {
            return try SigningKey(seed: seed)
        } catch {
            fatalError("\(error)")
        }
    }

    /// The key whose 32-byte private seed (RFC 8032's "secret key") is `seed`, e.g. a test vector.
    ///
    /// - Parameter seed: 32 bytes.
    /// - Throws: ``CryptoError/Code/invalidKey`` unless `seed` has 32 bytes.
    public init(seed: [UInt8]) throws {
        try self.init(key: seed.withUnsafeBytes { try PKey.ed25519(seed: $0) })
    }

    /// Reads a key from unencrypted PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`), as ``pkcs8PEM()``
    /// and `openssl genpkey -algorithm ed25519` write it.
    ///
    /// - Parameter pkcs8PEM: The PEM text.
    /// - Throws: ``CryptoError/Code/invalidKey`` if the text is not an unencrypted Ed25519 private
    ///   key in PEM; the message carries OpenSSL's reason.
    public init(pkcs8PEM: String) throws {
        try self.init(key: PKey.privateKey(pem: pkcs8PEM))
    }

    /// The 32-byte private seed, for test vectors only: it is the whole secret.
    package var rawSeed: [UInt8] {
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

    /// Signs `message` with Ed25519 (pure, no pre-hash, no context).
    ///
    /// - Parameter message: The bytes to sign.
    /// - Returns: The 64-byte signature.
    /// - Throws: ``CryptoError/Code/openSSL`` if libcrypto fails.
    public func signature(for message: [UInt8]) throws -> [UInt8] {
        try message.withUnsafeBytes { try signature(for: $0) }
    }

    /// Signs `message` with Ed25519 (pure, no pre-hash, no context).
    ///
    /// - Parameter message: The bytes to sign, e.g. a `Data`.
    /// - Returns: The 64-byte signature.
    /// - Throws: ``CryptoError/Code/openSSL`` if libcrypto fails.
    public func signature(for message: some DataProtocol) throws -> [UInt8] {
        if let signature = try message.withContiguousStorageIfAvailable({
            try signature(for: UnsafeRawBufferPointer($0))
        }) {
            return signature
        }
        return try signature(for: Array(message))
    }

    /// Signs the bytes in `message` with Ed25519.
    ///
    /// - Parameter message: The bytes to sign.
    /// - Returns: The 64-byte signature.
    /// - Throws: ``CryptoError/Code/openSSL`` if libcrypto fails.
    public func signature(for message: UnsafeRawBufferPointer) throws -> [UInt8] {
        let context = try DigestContext()
        guard EVP_DigestSignInit_ex(context.pointer, nil, nil, nil, nil, key.pointer, nil) == 1 else {
            throw CryptoError.openSSL("cannot start an Ed25519 signature")
        }
        return try [UInt8](unsafeUninitializedCapacity: Ed25519.signatureByteCount) { out, count in
            var length = out.count
            let signed = withMessagePointer(message) { pointer in
                EVP_DigestSign(context.pointer, out.baseAddress, &length, pointer, message.count)
            }
            guard signed == 1, length == Ed25519.signatureByteCount else {
                throw CryptoError.openSSL("Ed25519 signing failed")
            }
            count = length
        }
    }

    /// The key id, e.g. `SigningKey(keyID: 3f0c…)`; never key material.
    public var description: String { "SigningKey(keyID: \(publicKey.keyID.hex))" }
}

/// Calls `body` with a pointer to the message bytes, never `nil` (an empty message gets a pointer to
/// a dummy byte), since some OpenSSL paths reject a `NULL` message even when its length is 0.
func withMessagePointer<R>(_ message: UnsafeRawBufferPointer, _ body: (UnsafePointer<UInt8>) -> R) -> R {
    if let base = message.baseAddress {
        return body(base.assumingMemoryBound(to: UInt8.self))
    }
    var dummy: UInt8 = 0
    return withUnsafePointer(to: &dummy) { body($0) }
}

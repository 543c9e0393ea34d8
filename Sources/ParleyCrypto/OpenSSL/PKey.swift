internal import COpenSSL

/// Owns one `EVP_PKEY` and frees it when the last reference goes.
///
/// `@unchecked Sendable` is safe because the key is never changed after `init` (nothing here
/// calls a setter on it), and OpenSSL 3 allows one `EVP_PKEY` to be used for signing, verifying and
/// exporting from several threads at once as long as nobody modifies it.
final class PKey: @unchecked Sendable {
    /// The owned `EVP_PKEY *`; valid for the life of this object.
    let pointer: OpaquePointer

    /// Takes ownership of `pointer`; it is freed with `EVP_PKEY_free` in `deinit`.
    init(taking pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        EVP_PKEY_free(pointer)
    }

    /// Makes an Ed25519 private key from its 32-byte seed.
    ///
    /// - Throws: ``CryptoError/Code/invalidKey`` unless `seed` has 32 bytes.
    static func ed25519(seed: UnsafeRawBufferPointer) throws -> PKey {
        guard seed.count == Ed25519.seedByteCount, let base = seed.baseAddress else {
            throw CryptoError(
                code: .invalidKey,
                message: "an Ed25519 private key seed has \(Ed25519.seedByteCount) bytes, not \(seed.count)"
            )
        }
        guard let key = EVP_PKEY_new_raw_private_key(
            parley_EVP_PKEY_ED25519(), nil, base.assumingMemoryBound(to: UInt8.self), seed.count
        ) else {
            throw CryptoError.openSSL("cannot make an Ed25519 private key from the seed", code: .invalidKey)
        }
        return PKey(taking: key)
    }

    /// Makes an Ed25519 public key from its 32 raw bytes.
    ///
    /// - Throws: ``CryptoError/Code/invalidKey`` unless `raw` has 32 bytes OpenSSL accepts.
    static func ed25519(publicKey raw: UnsafeRawBufferPointer) throws -> PKey {
        guard raw.count == Ed25519.publicKeyByteCount, let base = raw.baseAddress else {
            throw CryptoError(
                code: .invalidKey,
                message: "an Ed25519 public key has \(Ed25519.publicKeyByteCount) bytes, not \(raw.count)"
            )
        }
        guard let key = EVP_PKEY_new_raw_public_key(
            parley_EVP_PKEY_ED25519(), nil, base.assumingMemoryBound(to: UInt8.self), raw.count
        ) else {
            throw CryptoError.openSSL("cannot make an Ed25519 public key from the bytes", code: .invalidKey)
        }
        return PKey(taking: key)
    }

    /// Whether this is an Ed25519 key (and not, say, RSA or X25519).
    var isEd25519: Bool {
        EVP_PKEY_get_id(pointer) == parley_EVP_PKEY_ED25519()
    }

    /// The 32 raw bytes of the public half (of an Ed25519 or an X25519 key).
    func rawPublicKey() throws -> [UInt8] {
        try [UInt8](unsafeUninitializedCapacity: Ed25519.publicKeyByteCount) { buffer, count in
            var length = buffer.count
            guard EVP_PKEY_get_raw_public_key(pointer, buffer.baseAddress, &length) == 1,
                  length == Ed25519.publicKeyByteCount
            else {
                throw CryptoError.openSSL("cannot read the raw public key")
            }
            count = length
        }
    }

    /// The 32 raw bytes of a private key: an Ed25519 seed, an X25519 scalar.
    func rawPrivateKey() throws -> [UInt8] {
        try [UInt8](unsafeUninitializedCapacity: Ed25519.seedByteCount) { buffer, count in
            var length = buffer.count
            guard EVP_PKEY_get_raw_private_key(pointer, buffer.baseAddress, &length) == 1,
                  length == Ed25519.seedByteCount
            else {
                throw CryptoError.openSSL("cannot read the raw private key")
            }
            count = length
        }
    }
}

/// Sizes of Ed25519 (RFC 8032).
enum Ed25519 {
    /// Bytes in a private key seed.
    static let seedByteCount = 32
    /// Bytes in a public key.
    static let publicKeyByteCount = 32
    /// Bytes in a signature.
    static let signatureByteCount = 64
}

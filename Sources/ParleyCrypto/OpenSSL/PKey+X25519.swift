internal import COpenSSL

extension PKey {
    /// Makes an X25519 private key from its 32 raw bytes (RFC 7748's scalar before clamping;
    /// libcrypto clamps it when it multiplies, and gives the bytes back unchanged).
    ///
    /// - Throws: ``CryptoError/Code/invalidKey`` unless `raw` has 32 bytes.
    static func x25519(privateKey raw: UnsafeRawBufferPointer) throws -> PKey {
        try x25519(raw, half: "private", EVP_PKEY_new_raw_private_key)
    }

    /// Makes an X25519 public key from its 32 raw bytes (RFC 7748's u-coordinate).
    ///
    /// - Throws: ``CryptoError/Code/invalidKey`` unless `raw` has 32 bytes.
    static func x25519(publicKey raw: UnsafeRawBufferPointer) throws -> PKey {
        try x25519(raw, half: "public", EVP_PKEY_new_raw_public_key)
    }

    /// An X25519 key made by `make` (`EVP_PKEY_new_raw_private_key` or `…_public_key`) from `raw`.
    private static func x25519(
        _ raw: UnsafeRawBufferPointer, half: String,
        _ make: (Int32, OpaquePointer?, UnsafePointer<UInt8>?, Int) -> OpaquePointer?
    ) throws -> PKey {
        guard raw.count == X25519.keyByteCount, let base = raw.baseAddress else {
            throw CryptoError(
                code: .invalidKey,
                message: "an X25519 \(half) key has \(X25519.keyByteCount) bytes, not \(raw.count)"
            )
        }
        guard let key = make(parley_EVP_PKEY_X25519(), nil, base.assumingMemoryBound(to: UInt8.self), raw.count) else {
            throw CryptoError.openSSL("cannot make an X25519 \(half) key from the bytes", code: .invalidKey)
        }
        return PKey(taking: key)
    }

    /// Whether this is an X25519 key (and not, say, an Ed25519 identity key).
    var isX25519: Bool {
        EVP_PKEY_get_id(pointer) == parley_EVP_PKEY_X25519()
    }

    /// X25519 (RFC 7748 section 6.1) of this private key with `peer`'s public key: the 32-byte
    /// shared secret.
    ///
    /// - Throws: ``CryptoError/Code/invalidKey`` if the result is all zeros (the peer's key is a
    ///   point of small order, which RFC 9180 section 7.1.4 requires refusing) or libcrypto refuses
    ///   the pair.
    func x25519(with peer: PKey) throws -> [UInt8] {
        let context = try PKeyContext(key: self)
        guard EVP_PKEY_derive_init(context.pointer) == 1,
              EVP_PKEY_derive_set_peer(context.pointer, peer.pointer) == 1
        else {
            throw CryptoError.openSSL("cannot start an X25519 key agreement", code: .invalidKey)
        }
        let secret = try [UInt8](unsafeUninitializedCapacity: X25519.keyByteCount) { buffer, count in
            var length = buffer.count
            guard EVP_PKEY_derive(context.pointer, buffer.baseAddress, &length) == 1,
                  length == X25519.keyByteCount
            else {
                // libcrypto refuses an all-zero result itself (a small-order peer key).
                throw CryptoError.openSSL("X25519 key agreement failed: the peer's key is not usable", code: .invalidKey)
            }
            count = length
        }
        guard secret.contains(where: { $0 != 0 }) else {
            throw CryptoError(code: .invalidKey, message: "X25519 key agreement gave all zeros: the peer's key is not usable")
        }
        return secret
    }
}

/// Sizes of X25519 (RFC 7748).
enum X25519 {
    /// Bytes in a private key, a public key and a shared secret.
    static let keyByteCount = 32
}

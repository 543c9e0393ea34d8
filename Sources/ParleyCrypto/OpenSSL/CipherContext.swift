internal import COpenSSL

/// Owns one `EVP_CIPHER_CTX` (an encryption or decryption in progress) and frees it in `deinit`,
/// which also clears the key schedule it holds.
///
/// Not `Sendable`: each seal and each open makes its own.
final class CipherContext {
    /// The owned `EVP_CIPHER_CTX *`; valid for the life of this object.
    let pointer: OpaquePointer

    /// A fresh, uninitialized context.
    ///
    /// - Throws: ``CryptoError/Code/openSSL`` if OpenSSL cannot allocate it.
    init() throws {
        guard let pointer = EVP_CIPHER_CTX_new() else {
            throw CryptoError.openSSL("cannot allocate a cipher context")
        }
        self.pointer = pointer
    }

    deinit {
        EVP_CIPHER_CTX_free(pointer)
    }
}

/// Owns one fetched `EVP_CIPHER` (a cipher algorithm), fetched once and shared.
///
/// `@unchecked Sendable` is safe because a fetched `EVP_CIPHER` is immutable and reference counted
/// by OpenSSL with atomic operations; sharing it between threads is what OpenSSL intends.
final class CipherAlgorithm: @unchecked Sendable {
    /// The owned `EVP_CIPHER *`.
    let pointer: OpaquePointer

    /// AES-128 in GCM mode, from the default provider, fetched on first use.
    static let aes128GCM = CipherAlgorithm(fetching: "AES-128-GCM")
    /// AES-256 in GCM mode, from the default provider, fetched on first use.
    static let aes256GCM = CipherAlgorithm(fetching: "AES-256-GCM")
    /// ChaCha20-Poly1305 (RFC 8439), from the default provider, fetched on first use.
    static let chaCha20Poly1305 = CipherAlgorithm(fetching: "ChaCha20-Poly1305")

    private init(fetching name: String) {
        guard let pointer = EVP_CIPHER_fetch(nil, name, nil) else {
            let reason = OpenSSLErrorQueue.drain() ?? "no reason given"
            fatalError("libcrypto has no \(name) cipher: \(reason)")
        }
        self.pointer = pointer
    }

    deinit {
        EVP_CIPHER_free(pointer)
    }
}

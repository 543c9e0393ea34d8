internal import COpenSSL

/// Owns one `EVP_KDF_CTX` (a key derivation in progress) and frees it in `deinit`.
///
/// Not `Sendable`: parameters set on it accumulate, so each derivation makes its own.
final class KDFContext {
    /// The owned `EVP_KDF_CTX *`; valid for the life of this object.
    let pointer: OpaquePointer

    /// A fresh context for `algorithm`.
    ///
    /// - Throws: ``CryptoError/Code/openSSL`` if OpenSSL cannot allocate it.
    init(_ algorithm: KDFAlgorithm) throws {
        guard let pointer = EVP_KDF_CTX_new(algorithm.pointer) else {
            throw CryptoError.openSSL("cannot allocate a key derivation context")
        }
        self.pointer = pointer
    }

    deinit {
        EVP_KDF_CTX_free(pointer)
    }
}

/// Owns one fetched `EVP_KDF` (a key derivation algorithm), fetched once and shared.
///
/// `@unchecked Sendable` is safe because a fetched `EVP_KDF` is immutable and reference counted by
/// OpenSSL with atomic operations; sharing it between threads is what OpenSSL intends.
final class KDFAlgorithm: @unchecked Sendable {
    /// The owned `EVP_KDF *`.
    let pointer: OpaquePointer

    /// HKDF (RFC 5869) from the default provider, fetched on first use.
    static let hkdf = KDFAlgorithm(fetching: "HKDF")

    private init(fetching name: String) {
        guard let pointer = EVP_KDF_fetch(nil, name, nil) else {
            let reason = OpenSSLErrorQueue.drain() ?? "no reason given"
            fatalError("libcrypto has no \(name) key derivation: \(reason)")
        }
        self.pointer = pointer
    }

    deinit {
        EVP_KDF_free(pointer)
    }
}

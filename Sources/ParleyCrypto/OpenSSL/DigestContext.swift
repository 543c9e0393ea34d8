internal import COpenSSL

/// Owns one `EVP_MD_CTX` (a digest, sign or verify operation in progress) and frees it in `deinit`.
///
/// Not `Sendable`: the context changes with every call. Each signing or verification makes its own,
/// and ``SHA256`` copies its context before changing a shared one.
final class DigestContext {
    /// The owned `EVP_MD_CTX *`; valid for the life of this object.
    let pointer: OpaquePointer

    /// Allocates a fresh, uninitialized context.
    ///
    /// - Throws: ``CryptoError/Code/openSSL`` if OpenSSL cannot allocate it.
    init() throws {
        guard let pointer = EVP_MD_CTX_new() else {
            throw CryptoError.openSSL("cannot allocate a digest context")
        }
        self.pointer = pointer
    }

    deinit {
        EVP_MD_CTX_free(pointer)
    }

    /// A new context in the same state as this one.
    func copy() throws -> DigestContext {
        let copy = try DigestContext()
        guard EVP_MD_CTX_copy_ex(copy.pointer, pointer) == 1 else {
            throw CryptoError.openSSL("cannot copy a digest context")
        }
        return copy
    }
}

/// Owns one fetched `EVP_MD` (a digest algorithm), fetched once and shared.
///
/// `@unchecked Sendable` is safe because a fetched `EVP_MD` is immutable and reference counted by
/// OpenSSL with atomic operations; sharing it between threads is what OpenSSL intends.
final class MessageDigest: @unchecked Sendable {
    /// The owned `EVP_MD *`.
    let pointer: OpaquePointer

    /// SHA-256 from the default provider, fetched on first use. Using an explicitly fetched
    /// algorithm spares OpenSSL 3 a lookup on every digest.
    static let sha256 = MessageDigest(fetching: "SHA2-256")

    private init(fetching name: String) {
        guard let pointer = EVP_MD_fetch(nil, name, nil) else {
            let reason = OpenSSLErrorQueue.drain() ?? "no reason given"
            fatalError("libcrypto has no \(name) digest: \(reason)")
        }
        self.pointer = pointer
    }

    deinit {
        EVP_MD_free(pointer)
    }
}

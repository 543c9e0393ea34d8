internal import COpenSSL

/// Owns one `EVP_PKEY_CTX` (a key agreement in progress) and frees it in `deinit`.
///
/// Not `Sendable`: each agreement makes its own.
final class PKeyContext {
    /// The owned `EVP_PKEY_CTX *`; valid for the life of this object.
    let pointer: OpaquePointer

    /// A context for an operation with `key`, from the default library context.
    ///
    /// - Throws: ``CryptoError/Code/openSSL`` if OpenSSL cannot allocate it.
    init(key: PKey) throws {
        guard let pointer = EVP_PKEY_CTX_new_from_pkey(nil, key.pointer, nil) else {
            throw CryptoError.openSSL("cannot allocate a key context")
        }
        self.pointer = pointer
    }

    deinit {
        EVP_PKEY_CTX_free(pointer)
    }
}

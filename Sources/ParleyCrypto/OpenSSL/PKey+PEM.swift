internal import COpenSSL

extension PKey {
    /// Reads one unencrypted private key from PEM (PKCS#8 and the other forms OpenSSL knows),
    /// never prompting for a passphrase. The caller checks its type.
    ///
    /// - Throws: ``CryptoError/Code/invalidKey`` if the text holds no such key; the message
    ///   carries OpenSSL's reason.
    static func privateKey(pem: String) throws -> PKey {
        let bio = try MemoryBIO(copying: pem)
        guard let pointer = parley_PEM_read_bio_PrivateKey(bio.pointer) else {
            throw CryptoError.openSSL("the text is not an unencrypted private key in PEM", code: .invalidKey)
        }
        return PKey(taking: pointer)
    }

    /// Reads one SubjectPublicKeyInfo public key (`-----BEGIN PUBLIC KEY-----`) from PEM. The
    /// caller checks its type.
    ///
    /// - Throws: ``CryptoError/Code/invalidKey`` if the text holds no such key; the message
    ///   carries OpenSSL's reason.
    static func publicKey(pem: String) throws -> PKey {
        let bio = try MemoryBIO(copying: pem)
        guard let pointer = parley_PEM_read_bio_PUBKEY(bio.pointer) else {
            throw CryptoError.openSSL("the text is not a public key in PEM", code: .invalidKey)
        }
        return PKey(taking: pointer)
    }

    /// The private key as unencrypted PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`), ending with a
    /// newline. Traps only if libcrypto cannot allocate memory.
    func pkcs8PEM() -> String {
        writePEM("cannot write the private key as PEM") { parley_PEM_write_bio_PKCS8PrivateKey($0, pointer) }
    }

    /// The public key as SubjectPublicKeyInfo PEM (`-----BEGIN PUBLIC KEY-----`), ending with a
    /// newline. Traps only if libcrypto cannot allocate memory.
    func publicKeyPEM() -> String {
        writePEM("cannot write the public key as PEM") { PEM_write_bio_PUBKEY($0, pointer) }
    }

    /// What `write` puts into a fresh memory BIO, as text.
    private func writePEM(_ failure: String, _ write: (OpaquePointer) -> Int32) -> String {
        do {
            let bio = try MemoryBIO()
            guard write(bio.pointer) == 1 else {
                throw CryptoError.openSSL(failure)
            }
            return bio.text()
        } catch {
            fatalError("\(error)")
        }
    }
}

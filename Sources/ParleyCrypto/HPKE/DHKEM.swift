/// DHKEM(X25519, HKDF-SHA256) of RFC 9180 section 4.1, `kem_id` `0x0020`: the sender makes an
/// ephemeral key, and the X25519 of it with the recipient's key becomes a shared secret that only
/// the recipient can compute again from the ephemeral public key (`enc`).
package enum DHKEM {
    /// Bytes in the shared secret (`Nsecret`), in `enc` (`Nenc`) and in a public key (`Npk`).
    package static let byteCount = 32

    /// The KEM's labeled KDF, under `suite_id = "KEM" ‖ I2OSP(0x0020, 2)`.
    static let kdf = LabeledKDF(suiteID: Array("KEM".utf8) + bigEndian(HPKESuite.kemID))

    /// An encapsulation: the shared secret and the encapsulated key to send.
    package struct Encapsulation: Sendable {
        /// The 32-byte shared secret.
        package let sharedSecret: [UInt8]
        /// `enc`: the ephemeral public key, 32 bytes.
        package let encapsulatedKey: [UInt8]
    }

    /// `DeriveKeyPair(ikm)` for X25519 (RFC 9180 section 7.1.3): the key whose private bytes are
    /// `LabeledExpand(LabeledExtract("", "dkp_prk", ikm), "sk", "", 32)`.
    ///
    /// - Parameter inputKeyMaterial: At least 32 bytes of entropy (a test vector's `ikmE`/`ikmR`).
    /// - Throws: ``CryptoError/Code/invalidParameter`` for fewer than 32 bytes.
    package static func deriveKeyPair(inputKeyMaterial: [UInt8]) throws -> EncryptionKey {
        guard inputKeyMaterial.count >= byteCount else {
            throw CryptoError(
                code: .invalidParameter,
                message: "DeriveKeyPair takes at least \(byteCount) bytes of input, not \(inputKeyMaterial.count)"
            )
        }
        let prk = try kdf.extract(salt: [], label: "dkp_prk", inputKeyMaterial: inputKeyMaterial)
        let secret = try kdf.expand(pseudorandomKey: prk, label: "sk", info: [], length: byteCount)
        return try EncryptionKey(rawRepresentation: secret)
    }

    /// `Encap(pkR)` with the ephemeral key `ephemeral` (fresh and random, except in a test vector).
    ///
    /// - Throws: ``CryptoError/Code/invalidKey`` if `recipient` is a point of small order.
    package static func encapsulate(to recipient: EncryptionPublicKey, ephemeral: EncryptionKey) throws -> Encapsulation {
        let dh = try ephemeral.sharedSecret(with: recipient)
        let enc = ephemeral.publicKey.rawRepresentation
        let secret = try extractAndExpand(dh, kemContext: enc + recipient.rawRepresentation)
        return Encapsulation(sharedSecret: secret, encapsulatedKey: enc)
    }

    /// `Decap(enc, skR)`: the shared secret the sender of `encapsulatedKey` made.
    ///
    /// - Throws: ``CryptoError/Code/malformedCiphertext`` unless `encapsulatedKey` has 32 bytes;
    ///   ``CryptoError/Code/invalidKey`` if it is a point of small order.
    package static func decapsulate(_ encapsulatedKey: [UInt8], with key: EncryptionKey) throws -> [UInt8] {
        guard encapsulatedKey.count == byteCount else {
            throw CryptoError(
                code: .malformedCiphertext,
                message: "an encapsulated X25519 key has \(byteCount) bytes, not \(encapsulatedKey.count)"
            )
        }
        let ephemeral = try EncryptionPublicKey(rawRepresentation: encapsulatedKey)
        let dh = try key.sharedSecret(with: ephemeral)
        return try extractAndExpand(dh, kemContext: encapsulatedKey + key.publicKey.rawRepresentation)
    }

    /// `ExtractAndExpand(dh, kem_context)`.
    private static func extractAndExpand(_ dh: [UInt8], kemContext: [UInt8]) throws -> [UInt8] {
        let prk = try kdf.extract(salt: [], label: "eae_prk", inputKeyMaterial: dh)
        return try kdf.expand(pseudorandomKey: prk, label: "shared_secret", info: kemContext, length: byteCount)
    }
}

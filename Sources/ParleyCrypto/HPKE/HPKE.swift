/// Hybrid public key encryption, RFC 9180, base mode, built from libcrypto's X25519, HKDF and AEAD
/// (OpenSSL 3.0 has no HPKE of its own), for the suites of ``HPKESuite``.
///
/// ```swift
/// let (enc, sealed) = try HPKE.seal(plaintext, to: recipient.publicKey, info: info)
/// let plaintext = try HPKE.open(sealed, encapsulatedKey: enc, key: recipient, info: info)
/// ```
///
/// Checked byte for byte against the RFC 9180 test vectors of its suites
/// (`Tests/ParleyCryptoTests/Fixtures/hpke-rfc9180-base-x25519.json`).
public enum HPKE {
    /// `SetupBaseS(pkR, info)`: a fresh ephemeral key, the encapsulated key to send, and a sender
    /// context.
    ///
    /// - Parameters:
    ///   - recipient: The recipient's X25519 public key.
    ///   - info: Application context; the recipient must give the same.
    ///   - suite: The cipher suite.
    /// - Returns: `enc` (32 bytes) and the sender's context.
    /// - Throws: ``CryptoError/Code/invalidKey`` if `recipient` is a point of small order.
    public static func setupBaseS(
        to recipient: EncryptionPublicKey, info: [UInt8], suite: HPKESuite = .x25519AES256GCM
    ) throws -> (encapsulatedKey: [UInt8], sender: HPKESender) {
        try setupBaseS(to: recipient, info: info, suite: suite, ephemeral: .generate())
    }

    /// `SetupBaseS` with a given ephemeral key: for test vectors only (an ephemeral key used twice
    /// gives away both messages).
    package static func setupBaseS(
        to recipient: EncryptionPublicKey, info: [UInt8], suite: HPKESuite, ephemeral: EncryptionKey
    ) throws -> (encapsulatedKey: [UInt8], sender: HPKESender) {
        let encapsulation = try DHKEM.encapsulate(to: recipient, ephemeral: ephemeral)
        let schedule = try HPKEKeySchedule(suite: suite, sharedSecret: encapsulation.sharedSecret, info: info)
        return (encapsulation.encapsulatedKey, HPKESender(context: HPKEContext(suite: suite, schedule: schedule)))
    }

    /// `SetupBaseR(enc, skR, info)`: the recipient's context for what a sender set up with
    /// `encapsulatedKey`.
    ///
    /// - Parameters:
    ///   - encapsulatedKey: `enc` from the sender (32 bytes).
    ///   - key: The recipient's X25519 private key.
    ///   - info: The application context the sender gave.
    ///   - suite: The cipher suite the sender used.
    /// - Throws: ``CryptoError/Code/malformedCiphertext`` unless `encapsulatedKey` has 32 bytes;
    ///   ``CryptoError/Code/invalidKey`` if it is a point of small order. A wrong key or info is
    ///   found out only when a message does not open.
    public static func setupBaseR(
        encapsulatedKey: [UInt8], key: EncryptionKey, info: [UInt8], suite: HPKESuite = .x25519AES256GCM
    ) throws -> HPKERecipient {
        let sharedSecret = try DHKEM.decapsulate(encapsulatedKey, with: key)
        let schedule = try HPKEKeySchedule(suite: suite, sharedSecret: sharedSecret, info: info)
        return HPKERecipient(context: HPKEContext(suite: suite, schedule: schedule))
    }

    /// Single-shot `Seal` (RFC 9180 section 6.1): sets up a sender and seals one message.
    ///
    /// - Parameters:
    ///   - plaintext: The bytes to hide.
    ///   - recipient: The recipient's X25519 public key.
    ///   - info: Application context bound into the keys.
    ///   - associatedData: Bytes bound to this message.
    ///   - suite: The cipher suite.
    /// - Returns: `enc` (32 bytes) and the ciphertext with its tag.
    public static func seal(
        _ plaintext: [UInt8], to recipient: EncryptionPublicKey, info: [UInt8], associatedData: [UInt8] = [],
        suite: HPKESuite = .x25519AES256GCM
    ) throws -> (encapsulatedKey: [UInt8], ciphertext: [UInt8]) {
        var (enc, sender) = try setupBaseS(to: recipient, info: info, suite: suite)
        return (enc, try sender.seal(plaintext, associatedData: associatedData))
    }

    /// Single-shot `Open` (RFC 9180 section 6.1).
    ///
    /// - Throws: ``CryptoError/Code/authenticationFailed`` if the key, info, associated data or
    ///   ciphertext is not the one sealed with; the errors of
    ///   ``setupBaseR(encapsulatedKey:key:info:suite:)``.
    public static func open(
        _ ciphertext: [UInt8], encapsulatedKey: [UInt8], key: EncryptionKey, info: [UInt8],
        associatedData: [UInt8] = [], suite: HPKESuite = .x25519AES256GCM
    ) throws -> [UInt8] {
        var recipient = try setupBaseR(encapsulatedKey: encapsulatedKey, key: key, info: info, suite: suite)
        return try recipient.open(ciphertext, associatedData: associatedData)
    }
}

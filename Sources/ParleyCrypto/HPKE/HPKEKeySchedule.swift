/// HPKE's key schedule in base mode (RFC 9180 section 5.1, `mode_base` = `0x00`, no PSK): from a
/// KEM shared secret and the application's `info`, the AEAD key, the base nonce and the exporter
/// secret of a context.
package struct HPKEKeySchedule: Sendable {
    /// The mode byte of base mode.
    static let modeBase: UInt8 = 0x00

    /// `key_schedule_context = mode ‖ psk_id_hash ‖ info_hash` (65 bytes).
    package let keyScheduleContext: [UInt8]
    /// `secret = LabeledExtract(shared_secret, "secret", psk)`.
    package let secret: [UInt8]
    /// The AEAD key (`Nk` bytes of `LabeledExpand(secret, "key", …)`).
    package let key: AEADKey
    /// The base nonce (`Nn` bytes of `LabeledExpand(secret, "base_nonce", …)`).
    package let baseNonce: [UInt8]
    /// The exporter secret (`Nh` bytes of `LabeledExpand(secret, "exp", …)`).
    package let exporterSecret: [UInt8]

    /// `KeySchedule(mode_base, shared_secret, info, "", "")`.
    ///
    /// - Parameters:
    ///   - suite: The cipher suite.
    ///   - sharedSecret: The KEM's shared secret.
    ///   - info: Application context bound into every key.
    package init(suite: HPKESuite, sharedSecret: [UInt8], info: [UInt8]) throws {
        let kdf = suite.kdf
        let pskIDHash = try kdf.extract(salt: [], label: "psk_id_hash", inputKeyMaterial: [])
        let infoHash = try kdf.extract(salt: [], label: "info_hash", inputKeyMaterial: info)
        let context = [Self.modeBase] + pskIDHash + infoHash
        let secret = try kdf.extract(salt: sharedSecret, label: "secret", inputKeyMaterial: [])
        let aead = suite.aead
        self.keyScheduleContext = context
        self.secret = secret
        self.key = try AEADKey(
            aead, bytes: kdf.expand(pseudorandomKey: secret, label: "key", info: context, length: aead.keyByteCount)
        )
        self.baseNonce = try kdf.expand(
            pseudorandomKey: secret, label: "base_nonce", info: context, length: AEADAlgorithm.nonceByteCount
        )
        self.exporterSecret = try kdf.expand(
            pseudorandomKey: secret, label: "exp", info: context, length: HKDF.hashByteCount
        )
    }
}

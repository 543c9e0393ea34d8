/// HPKE's labeled HKDF-SHA256 (RFC 9180 section 4): every input is prefixed with `"HPKE-v1"` and
/// a suite id, so a key derived for one purpose or suite never equals one derived for another.
struct LabeledKDF: Sendable {
    /// `"HPKE-v1"`, the version label of RFC 9180.
    static let versionLabel = Array("HPKE-v1".utf8)

    /// The suite id: `"KEM" ‖ kem_id` inside the KEM, `"HPKE" ‖ kem_id ‖ kdf_id ‖ aead_id` after it.
    let suiteID: [UInt8]

    /// `LabeledExtract(salt, label, ikm) = Extract(salt, "HPKE-v1" ‖ suite_id ‖ label ‖ ikm)`.
    func extract(salt: [UInt8], label: String, inputKeyMaterial: [UInt8]) throws -> [UInt8] {
        try HKDF.extract(
            salt: salt, inputKeyMaterial: Self.versionLabel + suiteID + Array(label.utf8) + inputKeyMaterial
        )
    }

    /// `LabeledExpand(prk, label, info, L) = Expand(prk, I2OSP(L, 2) ‖ "HPKE-v1" ‖ suite_id ‖ label ‖ info, L)`.
    func expand(pseudorandomKey: [UInt8], label: String, info: [UInt8], length: Int) throws -> [UInt8] {
        guard (1...HKDF.maximumOutputByteCount).contains(length) else {
            throw CryptoError(
                code: .invalidParameter,
                message: "HPKE derives 1 to \(HKDF.maximumOutputByteCount) bytes at once, not \(length)"
            )
        }
        let labeledInfo = bigEndian(UInt16(length)) + Self.versionLabel + suiteID + Array(label.utf8) + info
        return try HKDF.expand(pseudorandomKey: pseudorandomKey, info: labeledInfo, length: length)
    }
}

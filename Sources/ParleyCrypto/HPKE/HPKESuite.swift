/// An HPKE cipher suite (RFC 9180): DHKEM(X25519, HKDF-SHA256), HKDF-SHA256 and one AEAD.
///
/// The KEM and the KDF are fixed; the AEAD is AES-128-GCM, AES-256-GCM or ChaCha20-Poly1305.
public struct HPKESuite: Sendable, Hashable, CustomStringConvertible {
    /// The KEM's id: DHKEM(X25519, HKDF-SHA256), `0x0020`.
    public static let kemID: UInt16 = 0x0020
    /// The KDF's id: HKDF-SHA256, `0x0001`.
    public static let kdfID: UInt16 = 0x0001

    /// The AEAD.
    public let aead: AEADAlgorithm

    /// The suite with `aead`.
    ///
    /// - Parameter aead: The AEAD that seals the messages.
    public init(aead: AEADAlgorithm) {
        self.aead = aead
    }

    /// DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-128-GCM.
    public static let x25519AES128GCM = HPKESuite(aead: .aes128GCM)
    /// DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-256-GCM.
    public static let x25519AES256GCM = HPKESuite(aead: .aes256GCM)
    /// DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, ChaCha20-Poly1305.
    public static let x25519ChaCha20Poly1305 = HPKESuite(aead: .chaCha20Poly1305)

    /// `suite_id` of RFC 9180 section 5.1: `"HPKE" ‖ I2OSP(kem_id, 2) ‖ I2OSP(kdf_id, 2) ‖ I2OSP(aead_id, 2)`.
    var suiteID: [UInt8] {
        Array("HPKE".utf8) + bigEndian(Self.kemID) + bigEndian(Self.kdfID) + bigEndian(aead.hpkeID)
    }

    /// The labeled KDF of the key schedule, under ``suiteID``.
    var kdf: LabeledKDF { LabeledKDF(suiteID: suiteID) }

    /// The ids, e.g. `HPKE(0x0020, 0x0001, 0x0002)`.
    public var description: String {
        "HPKE(DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, \(aead))"
    }
}

/// `I2OSP(value, 2)`: two bytes, most significant first.
func bigEndian(_ value: UInt16) -> [UInt8] {
    [UInt8(value >> 8), UInt8(value & 0xff)]
}

/// An authenticated cipher with associated data (AEAD), as HPKE (RFC 9180 section 7.3) numbers it.
///
/// Every one takes a 12-byte nonce and appends a 16-byte tag.
public enum AEADAlgorithm: Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// AES-128-GCM (HPKE id `0x0001`).
    case aes128GCM
    /// AES-256-GCM (HPKE id `0x0002`).
    case aes256GCM
    /// ChaCha20-Poly1305, RFC 8439 (HPKE id `0x0003`).
    case chaCha20Poly1305

    /// Bytes in a nonce (`Nn`), for every algorithm here.
    public static let nonceByteCount = 12

    /// Bytes in an authentication tag (`Nt`), for every algorithm here.
    public static let tagByteCount = 16

    /// The algorithm with HPKE id `hpkeID`, or `nil` for an id not listed here.
    ///
    /// - Parameter hpkeID: `1`, `2` or `3`.
    public init?(hpkeID: UInt16) {
        guard let algorithm = Self.allCases.first(where: { $0.hpkeID == hpkeID }) else { return nil }
        self = algorithm
    }

    /// The HPKE id (`aead_id`): `0x0001`, `0x0002` or `0x0003`.
    public var hpkeID: UInt16 {
        switch self {
        case .aes128GCM: 0x0001
        case .aes256GCM: 0x0002
        case .chaCha20Poly1305: 0x0003
        }
    }

    /// Bytes in a key (`Nk`): 16 for AES-128-GCM, 32 for the others.
    public var keyByteCount: Int {
        switch self {
        case .aes128GCM: 16
        case .aes256GCM, .chaCha20Poly1305: 32
        }
    }

    /// The algorithm's name, e.g. `AES-256-GCM`.
    public var description: String {
        switch self {
        case .aes128GCM: "AES-128-GCM"
        case .aes256GCM: "AES-256-GCM"
        case .chaCha20Poly1305: "ChaCha20-Poly1305"
        }
    }

    /// libcrypto's cipher.
    var cipher: CipherAlgorithm {
        switch self {
        case .aes128GCM: .aes128GCM
        case .aes256GCM: .aes256GCM
        case .chaCha20Poly1305: .chaCha20Poly1305
        }
    }
}

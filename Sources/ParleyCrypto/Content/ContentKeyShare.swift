internal import COpenSSL

/// An author's ``ContentKey`` sealed to one participant's X25519 encryption key with HPKE
/// (RFC 9180 base mode, DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-256-GCM).
///
/// Its ``bytes`` are, 82 in all:
///
/// ```
/// enc          32 bytes: HPKE's encapsulated key (an ephemeral X25519 public key)
/// ciphertext   34 bytes: HPKE single-shot Seal of  aead_id (2 bytes, big-endian: 0x0002 or 0x0003) ‖ key (32 bytes)
/// tag          16 bytes
/// ```
///
/// with HPKE `info` = `"parley/v1/content-key" ‖ 0x00 ‖ exchange id (32 bytes) ‖ author key id (32 bytes)`
/// and empty associated data. The info binds the share to its exchange and author, so a share
/// cannot be passed off as another author's key or another exchange's; HPKE binds it to the
/// recipient's public key.
public struct ContentKeyShare: Sendable, Hashable {
    /// The HPKE suite of every share.
    public static let suite = HPKESuite.x25519AES256GCM

    /// The context string that begins the HPKE info.
    public static let context = "parley/v1/content-key"

    /// Bytes in a share.
    public static let byteCount = DHKEM.byteCount + 2 + 32 + AEADAlgorithm.tagByteCount

    /// The share's bytes, in the layout above.
    public let bytes: [UInt8]

    /// A share from its bytes (as it travels), checked for length only.
    ///
    /// - Throws: ``CryptoError/Code/malformedCiphertext`` unless there are 82 bytes.
    public init(bytes: [UInt8]) throws {
        guard bytes.count == Self.byteCount else {
            throw CryptoError(
                code: .malformedCiphertext,
                message: "a content key share has \(Self.byteCount) bytes, not \(bytes.count)"
            )
        }
        self.bytes = bytes
    }

    /// Seals `key` to `recipient`, for the exchange `exchange` and the author `author`.
    ///
    /// - Parameters:
    ///   - key: The author's content key.
    ///   - recipient: The participant's X25519 public key.
    ///   - exchange: The exchange id's 32 bytes.
    ///   - author: The author's key id.
    /// - Throws: ``CryptoError/Code/invalidParameter`` for an exchange id not 32 bytes;
    ///   ``CryptoError/Code/invalidKey`` if `recipient` is a point of small order.
    public init(sealing key: ContentKey, to recipient: EncryptionPublicKey, exchange: [UInt8], author: KeyID) throws {
        let plaintext = bigEndian(key.algorithm.hpkeID) + key.rawRepresentation
        let (enc, ciphertext) = try HPKE.seal(
            plaintext, to: recipient, info: Self.info(exchange: exchange, author: author), suite: Self.suite
        )
        self.bytes = enc + ciphertext
    }

    /// Seals with a given ephemeral key: for test vectors only (an ephemeral key used twice gives
    /// away both shares).
    package init(sealing key: ContentKey, to recipient: EncryptionPublicKey, exchange: [UInt8], author: KeyID, ephemeral: EncryptionKey) throws {
        var (enc, sender) = try HPKE.setupBaseS(
            to: recipient, info: Self.info(exchange: exchange, author: author), suite: Self.suite, ephemeral: ephemeral
        )
        self.bytes = try enc + sender.seal(bigEndian(key.algorithm.hpkeID) + key.rawRepresentation)
    }

    /// Opens the share with the participant's private key.
    ///
    /// - Parameters:
    ///   - key: The participant's X25519 private key the share was sealed to.
    ///   - exchange: The exchange id's 32 bytes the share is for.
    ///   - author: The author whose content key it is.
    /// - Returns: The author's content key.
    /// - Throws: ``CryptoError/Code/authenticationFailed`` if the share was sealed to another key,
    ///   for another exchange or author, or altered; ``CryptoError/Code/malformedCiphertext`` if it
    ///   opens to something that is not a content key.
    public func open(with key: EncryptionKey, exchange: [UInt8], author: KeyID) throws -> ContentKey {
        var plaintext = try HPKE.open(
            Array(bytes.dropFirst(DHKEM.byteCount)), encapsulatedKey: Array(bytes.prefix(DHKEM.byteCount)), key: key,
            info: Self.info(exchange: exchange, author: author), suite: Self.suite
        )
        defer { plaintext.withUnsafeMutableBytes { OPENSSL_cleanse($0.baseAddress, $0.count) } }
        let id = UInt16(plaintext[0]) << 8 | UInt16(plaintext[1])
        guard let algorithm = AEADAlgorithm(hpkeID: id), ContentKey.algorithms.contains(algorithm) else {
            throw CryptoError(code: .malformedCiphertext, message: "a content key share names an unknown algorithm \(id)")
        }
        return try ContentKey(algorithm, bytes: Array(plaintext.dropFirst(2)))
    }

    /// `"parley/v1/content-key" ‖ 0x00 ‖ exchange ‖ author`.
    static func info(exchange: [UInt8], author: KeyID) throws -> [UInt8] {
        guard exchange.count == 32 else {
            throw CryptoError(code: .invalidParameter, message: "an exchange id has 32 bytes, not \(exchange.count)")
        }
        return Array(context.utf8) + [0x00] + exchange + author.bytes
    }
}

extension ContentKey {
    /// This key sealed to `recipient` for `exchange` and `author`; see ``ContentKeyShare``.
    public func share(to recipient: EncryptionPublicKey, exchange: [UInt8], author: KeyID) throws -> ContentKeyShare {
        try ContentKeyShare(sealing: self, to: recipient, exchange: exchange, author: author)
    }
}

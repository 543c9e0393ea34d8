internal import COpenSSL

/// An author's content key for one exchange: the symmetric key that seals the bodies of the
/// author's operations, shared with every participant as a ``ContentKeyShare``.
///
/// ```swift
/// let key = ContentKey.generate()
/// let sealed = try key.seal(body, binding: binding)         // nonce ‖ ciphertext ‖ tag
/// let body = try key.open(sealed, binding: binding)
/// let share = try key.share(to: participant.encryptionKey, exchange: id, author: me)
/// ```
///
/// A sealed body is `nonce (12 bytes, random) ‖ ciphertext (as long as the body) ‖ tag (16 bytes)`,
/// with ``ContentBinding/associatedData`` as the AEAD's associated data. The nonce is random, not
/// derived from `seq`, because one author may sign two different envelopes with the same `seq`
/// (an equivocation, or a re-signing after a crash), and a repeated nonce would give away both.
/// The `description` names the algorithm only.
public struct ContentKey: Sendable, CustomStringConvertible {
    /// The algorithms a content key may use.
    public static let algorithms: [AEADAlgorithm] = [.aes256GCM, .chaCha20Poly1305]

    /// Bytes a sealed body adds to the body: the nonce and the tag.
    public static let overheadByteCount = AEADAlgorithm.nonceByteCount + AEADAlgorithm.tagByteCount

    /// The AEAD key.
    let key: AEADKey

    /// The algorithm: AES-256-GCM or ChaCha20-Poly1305.
    public var algorithm: AEADAlgorithm { key.algorithm }

    /// A content key from its algorithm and 32 bytes (as a share carries it).
    ///
    /// - Throws: ``CryptoError/Code/invalidParameter`` for AES-128-GCM or a key not 32 bytes.
    public init(_ algorithm: AEADAlgorithm, bytes: [UInt8]) throws {
        guard Self.algorithms.contains(algorithm) else {
            throw CryptoError(code: .invalidParameter, message: "a content key is AES-256-GCM or ChaCha20-Poly1305, not \(algorithm)")
        }
        self.key = try AEADKey(algorithm, bytes: bytes)
    }

    /// A new random key from OpenSSL's private random generator.
    ///
    /// Traps only if libcrypto cannot produce random bytes.
    ///
    /// - Parameter algorithm: AES-256-GCM (the default) or ChaCha20-Poly1305.
    public static func generate(_ algorithm: AEADAlgorithm = .aes256GCM) -> ContentKey {
        do {
            return try ContentKey(algorithm, bytes: randomBytes(algorithm.keyByteCount, secret: true))
        } catch {
            fatalError("\(error)")
        }
    }

    /// The key bytes: the whole secret, for test vectors and for sharing.
    package var rawRepresentation: [UInt8] { key.rawRepresentation }

    /// Seals an operation body under this key, bound to `binding`, with a fresh random nonce.
    ///
    /// - Parameters:
    ///   - body: The operation body's bytes.
    ///   - binding: The envelope it belongs to.
    /// - Returns: `nonce ‖ ciphertext ‖ tag`, 28 bytes longer than `body`.
    public func seal(_ body: [UInt8], binding: ContentBinding) throws -> [UInt8] {
        try seal(body, binding: binding, nonce: randomBytes(AEADAlgorithm.nonceByteCount, secret: false))
    }

    /// Seals with a given nonce: for test vectors only (a nonce used twice gives away both bodies).
    package func seal(_ body: [UInt8], binding: ContentBinding, nonce: [UInt8]) throws -> [UInt8] {
        try nonce + key.seal(body, nonce: nonce, associatedData: binding.associatedData)
    }

    /// Opens a body that ``seal(_:binding:)`` sealed under `binding`.
    ///
    /// - Returns: The body.
    /// - Throws: ``CryptoError/Code/authenticationFailed`` if the sealed bytes were altered, were
    ///   sealed under another binding (exchange, author, seq or operation kind) or another key;
    ///   ``CryptoError/Code/malformedCiphertext`` if they are shorter than a nonce and a tag.
    public func open(_ sealed: [UInt8], binding: ContentBinding) throws -> [UInt8] {
        guard sealed.count >= Self.overheadByteCount else {
            throw CryptoError(
                code: .malformedCiphertext,
                message: "a sealed body has at least \(Self.overheadByteCount) bytes, not \(sealed.count)"
            )
        }
        let nonce = Array(sealed.prefix(AEADAlgorithm.nonceByteCount))
        return try key.open(Array(sealed.dropFirst(AEADAlgorithm.nonceByteCount)), nonce: nonce, associatedData: binding.associatedData)
    }

    /// The algorithm, e.g. `ContentKey(AES-256-GCM)`; never key material.
    public var description: String { "ContentKey(\(algorithm))" }
}

/// `count` bytes from OpenSSL's random generator: the private one for secrets, the public one for
/// nonces (so a nonce seen on the wire says nothing about the state keys come from).
///
/// Traps only if libcrypto cannot produce random bytes, which leaves nothing safe to do.
func randomBytes(_ count: Int, secret: Bool) -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: count)
    let made = secret ? RAND_priv_bytes(&bytes, Int32(count)) : RAND_bytes(&bytes, Int32(count))
    guard made == 1 else {
        fatalError("\(CryptoError.openSSL("the random generator failed"))")
    }
    return bytes
}

extension ContentKey: Equatable {
    /// Whether two keys are one: the same algorithm and the same bytes, compared in constant time
    /// (they are secrets).
    public static func == (lhs: ContentKey, rhs: ContentKey) -> Bool {
        let (a, b) = (lhs.rawRepresentation, rhs.rawRepresentation)
        return lhs.algorithm == rhs.algorithm && a.count == b.count && CRYPTO_memcmp(a, b, a.count) == 0
    }
}

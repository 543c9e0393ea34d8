public import Foundation
internal import COpenSSL

/// An Ed25519 public key (RFC 8032), held by libcrypto, that checks signatures.
///
/// Two public keys are equal when their raw bytes are.
public struct PublicKey: Sendable, Hashable, CustomStringConvertible {
    /// The key; kept for the life of the value so each verification skips loading it again.
    let key: PKey

    /// The 32 raw bytes of the key (RFC 8032's encoding of the point A).
    public let rawRepresentation: [UInt8]

    /// The key id: SHA-256 of ``rawRepresentation``.
    public let keyID: KeyID

    /// Wraps an owned Ed25519 key whose type has been checked.
    init(validated key: PKey) throws {
        self.key = key
        self.rawRepresentation = try key.rawPublicKey()
        self.keyID = KeyID(hashing: rawRepresentation)
    }

    /// A public key from its 32 raw bytes.
    ///
    /// - Parameter rawRepresentation: 32 bytes.
    /// - Throws: ``CryptoError/Code/invalidKey`` unless there are 32 bytes that OpenSSL accepts.
    public init(rawRepresentation: [UInt8]) throws {
        try self.init(validated: rawRepresentation.withUnsafeBytes { try PKey.ed25519(publicKey: $0) })
    }

    /// A public key from SubjectPublicKeyInfo PEM (`-----BEGIN PUBLIC KEY-----`), as
    /// ``pemRepresentation`` and `openssl pkey -pubout` write it.
    ///
    /// - Parameter pem: The PEM text.
    /// - Throws: ``CryptoError/Code/invalidKey`` if the text is not an Ed25519 public key in PEM;
    ///   the message carries OpenSSL's reason.
    public init(pem: String) throws {
        let key = try PKey.publicKey(pem: pem)
        guard key.isEd25519 else {
            throw CryptoError(code: .invalidKey, message: "the public key is not an Ed25519 key")
        }
        try self.init(validated: key)
    }

    /// The key as SubjectPublicKeyInfo PEM (`-----BEGIN PUBLIC KEY-----`), ending with a newline.
    ///
    /// Traps only if libcrypto cannot allocate memory.
    public var pemRepresentation: String {
        key.publicKeyPEM()
    }

    /// Whether `signature` is this key's Ed25519 signature of `data`.
    ///
    /// - Parameters:
    ///   - signature: 64 bytes; any other length is not valid.
    ///   - data: The signed bytes.
    /// - Returns: `true` only for a valid signature.
    public func isValidSignature(_ signature: [UInt8], for data: [UInt8]) -> Bool {
        signature.withUnsafeBytes { signature in
            data.withUnsafeBytes { isValidSignature(signature, for: $0) }
        }
    }

    /// Whether `signature` is this key's Ed25519 signature of `data`.
    ///
    /// - Parameters:
    ///   - signature: 64 bytes; any other length is not valid.
    ///   - data: The signed bytes, e.g. a `Data`.
    /// - Returns: `true` only for a valid signature.
    public func isValidSignature(_ signature: some DataProtocol, for data: some DataProtocol) -> Bool {
        let signature = Array(signature)
        if let valid = data.withContiguousStorageIfAvailable({ data in
            signature.withUnsafeBytes { isValidSignature($0, for: UnsafeRawBufferPointer(data)) }
        }) {
            return valid
        }
        return isValidSignature(signature, for: Array(data))
    }

    /// Whether the bytes in `signature` are this key's Ed25519 signature of the bytes in `data`.
    ///
    /// - Parameters:
    ///   - signature: 64 bytes; any other length is not valid.
    ///   - data: The signed bytes.
    /// - Returns: `true` only for a valid signature.
    public func isValidSignature(_ signature: UnsafeRawBufferPointer, for data: UnsafeRawBufferPointer) -> Bool {
        guard signature.count == Ed25519.signatureByteCount, let signatureBase = signature.baseAddress,
              let context = try? DigestContext()
        else { return false }
        guard EVP_DigestVerifyInit_ex(context.pointer, nil, nil, nil, nil, key.pointer, nil) == 1 else {
            OpenSSLErrorQueue.clear()
            return false
        }
        let verified = withMessagePointer(data) { pointer in
            EVP_DigestVerify(
                context.pointer,
                signatureBase.assumingMemoryBound(to: UInt8.self), signature.count,
                pointer, data.count
            )
        }
        guard verified == 1 else {
            OpenSSLErrorQueue.clear()
            return false
        }
        return true
    }

    /// Compares raw bytes.
    public static func == (lhs: PublicKey, rhs: PublicKey) -> Bool {
        lhs.rawRepresentation == rhs.rawRepresentation
    }

    /// Hashes raw bytes, to agree with `==`.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(rawRepresentation)
    }

    /// The key id, e.g. `PublicKey(keyID: 3f0c…)`.
    public var description: String { "PublicKey(keyID: \(keyID.hex))" }
}

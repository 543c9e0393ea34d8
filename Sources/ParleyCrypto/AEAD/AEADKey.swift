internal import COpenSSL

/// A key for one ``AEADAlgorithm``, that seals and opens through libcrypto's `EVP_CIPHER`.
///
/// ```swift
/// let key = try AEADKey(.aes256GCM, bytes: secret)
/// let sealed = try key.seal(body, nonce: nonce, associatedData: binding)  // ciphertext ‖ tag
/// let body = try key.open(sealed, nonce: nonce, associatedData: binding)
/// ```
///
/// A nonce must never be used twice with one key. The `description` names the algorithm only.
public struct AEADKey: Sendable, CustomStringConvertible {
    /// The algorithm.
    public let algorithm: AEADAlgorithm

    /// The key bytes (`algorithm.keyByteCount` of them).
    let bytes: [UInt8]

    /// A key for `algorithm` from its bytes.
    ///
    /// - Parameters:
    ///   - algorithm: The cipher.
    ///   - bytes: `algorithm.keyByteCount` bytes.
    /// - Throws: ``CryptoError/Code/invalidParameter`` for any other length.
    public init(_ algorithm: AEADAlgorithm, bytes: [UInt8]) throws {
        guard bytes.count == algorithm.keyByteCount else {
            throw CryptoError(
                code: .invalidParameter,
                message: "an \(algorithm) key has \(algorithm.keyByteCount) bytes, not \(bytes.count)"
            )
        }
        self.algorithm = algorithm
        self.bytes = bytes
    }

    /// The key bytes: the whole secret, for sharing it (HPKE) and for test vectors.
    package var rawRepresentation: [UInt8] { bytes }

    /// Encrypts and authenticates `plaintext`, and authenticates `associatedData`.
    ///
    /// - Parameters:
    ///   - plaintext: The bytes to hide.
    ///   - nonce: 12 bytes, never used before with this key.
    ///   - associatedData: Bytes that are not hidden but that ``open(_:nonce:associatedData:)``
    ///     must be given unchanged.
    /// - Returns: The ciphertext (as long as `plaintext`) followed by the 16-byte tag.
    /// - Throws: ``CryptoError/Code/invalidParameter`` for a nonce of the wrong length or an input
    ///   beyond 2 GiB; ``CryptoError/Code/openSSL`` if libcrypto fails.
    public func seal(_ plaintext: [UInt8], nonce: [UInt8], associatedData: [UInt8]) throws -> [UInt8] {
        try checkSizes(nonce: nonce, plaintext.count, associatedData.count)
        let context = try start(encrypting: true, nonce: nonce)
        try add(associatedData, to: context)
        let tagByteCount = AEADAlgorithm.tagByteCount
        return try [UInt8](unsafeUninitializedCapacity: plaintext.count + tagByteCount) { out, count in
            var written: Int32 = 0
            if !plaintext.isEmpty {
                let updated = plaintext.withUnsafeBufferPointer { input in
                    EVP_EncryptUpdate(context.pointer, out.baseAddress, &written, input.baseAddress, Int32(input.count))
                }
                guard updated == 1, Int(written) == plaintext.count else {
                    throw CryptoError.openSSL("\(algorithm) encryption failed")
                }
            }
            var final: Int32 = 0
            guard EVP_EncryptFinal_ex(context.pointer, out.baseAddress! + plaintext.count, &final) == 1, final == 0,
                  EVP_CIPHER_CTX_ctrl(
                      context.pointer, parley_EVP_CTRL_AEAD_GET_TAG(), Int32(tagByteCount),
                      out.baseAddress! + plaintext.count
                  ) == 1
            else {
                throw CryptoError.openSSL("\(algorithm) encryption failed")
            }
            count = plaintext.count + tagByteCount
        }
    }

    /// Checks and decrypts what ``seal(_:nonce:associatedData:)`` made.
    ///
    /// - Parameters:
    ///   - sealed: The ciphertext followed by its 16-byte tag.
    ///   - nonce: The nonce it was sealed with.
    ///   - associatedData: The associated data it was sealed with.
    /// - Returns: The plaintext, only if every bit of `sealed` and `associatedData` is as sealed.
    /// - Throws: ``CryptoError/Code/authenticationFailed`` if a bit of the ciphertext, the tag or
    ///   the associated data differs, or the key or nonce is not the one sealed with (no byte of
    ///   plaintext is released); ``CryptoError/Code/malformedCiphertext`` if `sealed` is shorter
    ///   than a tag; ``CryptoError/Code/invalidParameter`` for a nonce of the wrong length.
    public func open(_ sealed: [UInt8], nonce: [UInt8], associatedData: [UInt8]) throws -> [UInt8] {
        let tagByteCount = AEADAlgorithm.tagByteCount
        guard sealed.count >= tagByteCount else {
            throw CryptoError(
                code: .malformedCiphertext,
                message: "sealed bytes hold at least a \(tagByteCount)-byte tag; these are \(sealed.count) bytes"
            )
        }
        try checkSizes(nonce: nonce, sealed.count, associatedData.count)
        let context = try start(encrypting: false, nonce: nonce)
        try add(associatedData, to: context)
        let length = sealed.count - tagByteCount
        // Room for a tag past the plaintext, so the buffer is never empty and the final call has
        // somewhere to point; it writes nothing there.
        var plaintext = [UInt8](repeating: 0, count: length + tagByteCount)
        let opened = sealed.withUnsafeBufferPointer { sealed in
            plaintext.withUnsafeMutableBufferPointer { out in
                var written: Int32 = 0
                if length > 0 {
                    guard EVP_DecryptUpdate(context.pointer, out.baseAddress, &written, sealed.baseAddress, Int32(length)) == 1,
                          Int(written) == length
                    else { return false }
                }
                let tag = UnsafeMutableRawPointer(mutating: sealed.baseAddress! + length)
                guard EVP_CIPHER_CTX_ctrl(context.pointer, parley_EVP_CTRL_AEAD_SET_TAG(), Int32(tagByteCount), tag) == 1
                else { return false }
                var final: Int32 = 0
                return EVP_DecryptFinal_ex(context.pointer, out.baseAddress! + length, &final) == 1 && final == 0
            }
        }
        guard opened else {
            plaintext.withUnsafeMutableBytes { OPENSSL_cleanse($0.baseAddress, $0.count) }
            OpenSSLErrorQueue.clear()
            throw CryptoError(
                code: .authenticationFailed,
                message: "\(algorithm): the sealed bytes do not authenticate: the ciphertext, its tag or the "
                    + "associated data was changed, or the key is not the one they were sealed with"
            )
        }
        plaintext.removeLast(tagByteCount)
        return plaintext
    }

    /// A context keyed and given `nonce`, for sealing or opening.
    private func start(encrypting: Bool, nonce: [UInt8]) throws -> CipherContext {
        let context = try CipherContext()
        let started = bytes.withUnsafeBufferPointer { key in
            nonce.withUnsafeBufferPointer { nonce in
                encrypting
                    ? EVP_EncryptInit_ex2(context.pointer, algorithm.cipher.pointer, key.baseAddress, nonce.baseAddress, nil)
                    : EVP_DecryptInit_ex2(context.pointer, algorithm.cipher.pointer, key.baseAddress, nonce.baseAddress, nil)
            }
        }
        guard started == 1 else {
            throw CryptoError.openSSL("cannot start \(algorithm)")
        }
        return context
    }

    /// Feeds the associated data, if any, to a started context.
    private func add(_ associatedData: [UInt8], to context: CipherContext) throws {
        guard !associatedData.isEmpty else { return }
        var written: Int32 = 0
        let added = associatedData.withUnsafeBufferPointer { data in
            EVP_CipherUpdate(context.pointer, nil, &written, data.baseAddress, Int32(data.count))
        }
        guard added == 1 else {
            throw CryptoError.openSSL("\(algorithm) cannot take the associated data")
        }
    }

    /// Refuses a nonce of the wrong length and inputs whose length does not fit libcrypto's `int`.
    private func checkSizes(nonce: [UInt8], _ counts: Int...) throws {
        guard nonce.count == AEADAlgorithm.nonceByteCount else {
            throw CryptoError(
                code: .invalidParameter,
                message: "an \(algorithm) nonce has \(AEADAlgorithm.nonceByteCount) bytes, not \(nonce.count)"
            )
        }
        guard counts.allSatisfy({ $0 < Int(Int32.max) - AEADAlgorithm.tagByteCount }) else {
            throw CryptoError(code: .invalidParameter, message: "\(algorithm) seals at most 2 GiB at once")
        }
    }

    /// The algorithm, e.g. `AEADKey(AES-256-GCM)`; never key material.
    public var description: String { "AEADKey(\(algorithm))" }
}

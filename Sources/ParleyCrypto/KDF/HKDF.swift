internal import COpenSSL

/// HKDF with SHA-256 (RFC 5869), through libcrypto's `EVP_KDF` "HKDF" in its extract-only and
/// expand-only modes, which HPKE's `LabeledExtract` and `LabeledExpand` need separately.
///
/// ```swift
/// let prk = try HKDF.extract(salt: salt, inputKeyMaterial: secret)   // 32 bytes
/// let key = try HKDF.expand(pseudorandomKey: prk, info: info, length: 32)
/// ```
public enum HKDF {
    /// Bytes in a SHA-256 output, the PRK's length (`Nh`).
    public static let hashByteCount = 32

    /// The longest output of ``expand(pseudorandomKey:info:length:)``: 255 hash lengths.
    public static let maximumOutputByteCount = 255 * hashByteCount

    /// The longest `info` accepted, below libcrypto 3.0's internal buffer for it.
    public static let maximumInfoByteCount = 1024

    /// HKDF-Extract (RFC 5869 section 2.2): `HMAC-SHA256(salt, inputKeyMaterial)`.
    ///
    /// - Parameters:
    ///   - salt: The salt; empty means none (a string of zeros, as RFC 5869 says).
    ///   - inputKeyMaterial: The secret to extract from.
    /// - Returns: The 32-byte pseudorandom key.
    /// - Throws: ``CryptoError/Code/openSSL`` if libcrypto fails.
    public static func extract(salt: [UInt8], inputKeyMaterial: [UInt8]) throws -> [UInt8] {
        try derive(
            mode: parley_EVP_KDF_HKDF_MODE_EXTRACT_ONLY(), key: inputKeyMaterial, salt: salt, info: [],
            length: hashByteCount
        )
    }

    /// HKDF-Expand (RFC 5869 section 2.3) of `pseudorandomKey` to `length` bytes.
    ///
    /// - Parameters:
    ///   - pseudorandomKey: A PRK, at least 32 bytes (the output of ``extract(salt:inputKeyMaterial:)``).
    ///   - info: Context that binds the output; at most ``maximumInfoByteCount`` bytes.
    ///   - length: Bytes to make, 1 to ``maximumOutputByteCount``.
    /// - Returns: `length` bytes.
    /// - Throws: ``CryptoError/Code/invalidParameter`` for a PRK shorter than 32 bytes, a length
    ///   out of range or an info too long; ``CryptoError/Code/openSSL`` if libcrypto fails.
    public static func expand(pseudorandomKey: [UInt8], info: [UInt8], length: Int) throws -> [UInt8] {
        guard pseudorandomKey.count >= hashByteCount else {
            throw CryptoError(
                code: .invalidParameter,
                message: "an HKDF-SHA256 pseudorandom key has at least \(hashByteCount) bytes, not \(pseudorandomKey.count)"
            )
        }
        guard (1...maximumOutputByteCount).contains(length) else {
            throw CryptoError(
                code: .invalidParameter,
                message: "HKDF-SHA256 makes 1 to \(maximumOutputByteCount) bytes, not \(length)"
            )
        }
        return try derive(
            mode: parley_EVP_KDF_HKDF_MODE_EXPAND_ONLY(), key: pseudorandomKey, salt: [], info: info, length: length
        )
    }

    /// One `EVP_KDF_derive` of HKDF-SHA256 in `mode`, on a fresh context.
    private static func derive(mode: Int32, key: [UInt8], salt: [UInt8], info: [UInt8], length: Int) throws -> [UInt8] {
        guard info.count <= maximumInfoByteCount else {
            throw CryptoError(
                code: .invalidParameter,
                message: "HKDF info has at most \(maximumInfoByteCount) bytes, not \(info.count)"
            )
        }
        let context = try KDFContext(.hkdf)
        var mode = mode
        var output = [UInt8](repeating: 0, count: length)
        let derived = withUnsafeMutablePointer(to: &mode) { mode in
            key.withUnsafeBytes { key in
                salt.withUnsafeBytes { salt in
                    info.withUnsafeBytes { info in
                        var parameters = [
                            OSSL_PARAM_construct_utf8_string(Name.digest, Name.sha256, 0),
                            OSSL_PARAM_construct_int(Name.mode, mode),
                            OSSL_PARAM_construct_octet_string(Name.key, octets(key), key.count),
                        ]
                        // An absent salt is HKDF's default (zeros); an absent info is empty.
                        if !salt.isEmpty {
                            parameters.append(OSSL_PARAM_construct_octet_string(Name.salt, octets(salt), salt.count))
                        }
                        if !info.isEmpty {
                            parameters.append(OSSL_PARAM_construct_octet_string(Name.info, octets(info), info.count))
                        }
                        parameters.append(OSSL_PARAM_construct_end())
                        return output.withUnsafeMutableBytes { out in
                            EVP_KDF_derive(
                                context.pointer, out.baseAddress?.assumingMemoryBound(to: UInt8.self), out.count,
                                parameters
                            )
                        }
                    }
                }
            }
        }
        guard derived == 1 else {
            output.withUnsafeMutableBytes { OPENSSL_cleanse($0.baseAddress, $0.count) }
            throw CryptoError.openSSL("HKDF-SHA256 derivation failed")
        }
        return output
    }

    /// A pointer OpenSSL may read `bytes.count` bytes from; never `nil`, even for no bytes.
    private static func octets(_ bytes: UnsafeRawBufferPointer) -> UnsafeMutableRawPointer {
        UnsafeMutableRawPointer(mutating: bytes.baseAddress ?? UnsafeRawPointer(Name.emptyOctets))
    }

    /// Parameter names and values as C strings that live as long as the program (an `OSSL_PARAM`
    /// keeps the pointer it is given, so a temporary bridged `String` would dangle).
    private enum Name {
        static var digest: UnsafePointer<CChar> { cString("digest") }
        static var mode: UnsafePointer<CChar> { cString("mode") }
        static var key: UnsafePointer<CChar> { cString("key") }
        static var salt: UnsafePointer<CChar> { cString("salt") }
        static var info: UnsafePointer<CChar> { cString("info") }
        static var sha256: UnsafeMutablePointer<CChar> { UnsafeMutablePointer(mutating: cString("SHA2-256")) }
        static var emptyOctets: UnsafePointer<CChar> { cString("") }

        private static func cString(_ text: StaticString) -> UnsafePointer<CChar> {
            UnsafeRawPointer(text.utf8Start).assumingMemoryBound(to: CChar.self)
        }
    }
}

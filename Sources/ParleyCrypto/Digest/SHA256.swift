public import Foundation
internal import COpenSSL

/// SHA-256 (FIPS 180-4) through libcrypto, one-shot or incremental.
///
/// ```swift
/// let digest = SHA256.hash(bytes)          // 32 bytes
///
/// var hasher = SHA256()
/// hasher.update(part1)
/// hasher.update(part2)
/// let same = hasher.finalize()
/// ```
///
/// A hasher is a value: copying one and updating the copy leaves the original as it was. It is not
/// `Sendable`; hash in one task and send the digest.
public struct SHA256 {
    /// Bytes in a SHA-256 digest.
    public static let byteCount = 32

    private var context: DigestContext

    /// Starts an empty hash.
    ///
    /// Traps only if libcrypto cannot allocate or set up a digest context (out of memory).
    public init() {
        do {
            context = try DigestContext()
        } catch {
            fatalError("\(error)")
        }
        guard EVP_DigestInit_ex(context.pointer, MessageDigest.sha256.pointer, nil) == 1 else {
            fatalError("\(CryptoError.openSSL("cannot start a SHA-256 digest"))")
        }
    }

    /// Adds bytes to the hash.
    ///
    /// - Parameter bytes: The next bytes of the message.
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update(buffer: $0) }
    }

    /// Adds bytes to the hash.
    ///
    /// - Parameter data: The next bytes of the message, e.g. a `Data` or an `ArraySlice<UInt8>`.
    public mutating func update(_ data: some DataProtocol) {
        for region in data.regions {
            region.withUnsafeBytes { update(buffer: $0) }
        }
    }

    /// Adds the bytes in `buffer` to the hash.
    ///
    /// - Parameter buffer: The next bytes of the message.
    public mutating func update(buffer: UnsafeRawBufferPointer) {
        guard !buffer.isEmpty else { return }
        makeContextUnique()
        guard EVP_DigestUpdate(context.pointer, buffer.baseAddress, buffer.count) == 1 else {
            fatalError("\(CryptoError.openSSL("cannot update a SHA-256 digest"))")
        }
    }

    /// The digest of everything added so far (32 bytes).
    ///
    /// - Returns: The SHA-256 digest.
    public consuming func finalize() -> [UInt8] {
        makeContextUnique()
        return [UInt8](unsafeUninitializedCapacity: Self.byteCount) { buffer, count in
            var length: UInt32 = 0
            guard EVP_DigestFinal_ex(context.pointer, buffer.baseAddress, &length) == 1,
                  Int(length) == Self.byteCount
            else {
                fatalError("\(CryptoError.openSSL("cannot finish a SHA-256 digest"))")
            }
            count = Self.byteCount
        }
    }

    /// The SHA-256 digest of `bytes` in one call.
    ///
    /// - Parameter bytes: The whole message.
    /// - Returns: The 32-byte digest.
    public static func hash(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBytes { hash(buffer: $0) }
    }

    /// The SHA-256 digest of `data` in one call.
    ///
    /// - Parameter data: The whole message, e.g. a `Data`.
    /// - Returns: The 32-byte digest.
    public static func hash(_ data: some DataProtocol) -> [UInt8] {
        if let digest = data.withContiguousStorageIfAvailable({ hash(buffer: UnsafeRawBufferPointer($0)) }) {
            return digest
        }
        var hasher = SHA256()
        hasher.update(data)
        return hasher.finalize()
    }

    /// The SHA-256 digest of the bytes in `buffer` in one call.
    ///
    /// Uses `EVP_Digest` with an algorithm fetched once, the fastest one-shot path of OpenSSL 3.
    ///
    /// - Parameter buffer: The whole message.
    /// - Returns: The 32-byte digest.
    public static func hash(buffer: UnsafeRawBufferPointer) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: byteCount) { out, count in
            var length: UInt32 = 0
            guard EVP_Digest(buffer.baseAddress, buffer.count, out.baseAddress, &length,
                             MessageDigest.sha256.pointer, nil) == 1,
                  Int(length) == byteCount
            else {
                fatalError("\(CryptoError.openSSL("cannot compute a SHA-256 digest"))")
            }
            count = byteCount
        }
    }

    /// Gives this value its own context before changing it, so copies stay independent.
    private mutating func makeContextUnique() {
        guard !isKnownUniquelyReferenced(&context) else { return }
        do {
            context = try context.copy()
        } catch {
            fatalError("\(error)")
        }
    }
}

@available(*, unavailable, message: "a SHA256 hasher holds an OpenSSL context; send its digest instead")
extension SHA256: Sendable {}

import ParleyCrypto
import RawStructuredFieldValues

/// A `Content-Digest` field (RFC 9530): digests of a message's content, by algorithm.
///
/// Parley sends and requires `sha-256`: `Content-Digest: sha-256=:<base64 of SHA-256(body)>:`.
/// Other algorithms may be present in a received field; they are kept but never checked.
///
/// ```swift
/// let header = ContentDigest.headerValue(for: body)      // "sha-256=:…:"
/// let digest = try ContentDigest(parsing: header)
/// digest.matches(body)                                    // true
/// ```
public struct ContentDigest: Hashable, Sendable {
    /// The one algorithm Parley sends and requires.
    public static let sha256Algorithm = "sha-256"

    /// The SHA-256 digest of the content (32 bytes).
    public let sha256: [UInt8]

    /// The algorithm names in the field, in order, `sha-256` among them.
    public let algorithms: [String]

    /// The digest of `body`.
    ///
    /// - Parameter body: The message content, possibly empty.
    public init(body: some Collection<UInt8>) {
        self.sha256 = SHA256.hash(Array(body))
        self.algorithms = [Self.sha256Algorithm]
    }

    /// Reads a `Content-Digest` field value: an RFC 8941 dictionary of byte sequences by algorithm.
    ///
    /// - Parameter headerValue: The field value (several field lines joined by `", "`).
    /// - Throws: ``SyncError/Code/malformedHeader`` if the value is not such a dictionary, or has no
    ///   `sha-256` member of 32 bytes.
    public init(parsing headerValue: String) throws(SyncError) {
        let dictionary = try StructuredFields.parseDictionary(headerValue, field: "Content-Digest")
        for (name, member) in dictionary {
            guard case let .item(item) = member, StructuredFields.bytes(item.rfc9651BareItem) != nil else {
                throw SyncError(
                    code: .malformedHeader, message: "Content-Digest member `\(name)` must be a byte sequence"
                )
            }
        }
        guard case let .item(item)? = dictionary[Self.sha256Algorithm],
              let digest = StructuredFields.bytes(item.rfc9651BareItem)
        else {
            throw SyncError(code: .malformedHeader, message: "Content-Digest has no `sha-256` digest")
        }
        guard digest.count == SHA256.byteCount else {
            throw SyncError(code: .malformedHeader, message: "Content-Digest `sha-256` must be 32 bytes")
        }
        self.sha256 = digest
        self.algorithms = dictionary.map(\.0)
    }

    /// The field value to send for `body`: `sha-256=:<base64>:`.
    ///
    /// - Parameter body: The message content, possibly empty.
    /// - Returns: The `Content-Digest` field value.
    public static func headerValue(for body: some Collection<UInt8>) -> String {
        ContentDigest(body: body).headerValue
    }

    /// This digest's field value with its `sha-256` member only: `sha-256=:<base64>:`.
    public var headerValue: String {
        let item = Item(bareItem: StructuredFields.byteSequence(sha256), parameters: StructuredFields.Parameters())
        // A 32-byte sequence under a valid key always serializes.
        return (try? StructuredFields.serialize([Self.sha256Algorithm: .item(item)])) ?? ""
    }

    /// Whether `body` hashes to the `sha-256` digest.
    ///
    /// - Parameter body: The content received.
    /// - Returns: `true` when SHA-256 of `body` equals ``sha256``.
    public func matches(_ body: some Collection<UInt8>) -> Bool {
        SHA256.hash(Array(body)) == sha256
    }
}

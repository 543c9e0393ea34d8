/// What a sealed operation body is bound to: the envelope's exchange, author, `seq` and operation
/// kind. A body sealed under one binding opens under no other, so a relay cannot move a body to
/// another envelope, author, place in the chain or kind of operation.
///
/// Its ``associatedData`` (the AEAD's associated data) is, byte for byte:
///
/// ```
/// "parley/v1/content"  17 bytes, ASCII
/// 0x00                 1 byte
/// exchange id          32 bytes (SHA-256 of the genesis envelope)
/// author key id        32 bytes (SHA-256 of the author's Ed25519 public key)
/// seq                  8 bytes, unsigned, big-endian
/// operation length     1 byte: n, 1 to 255
/// operation kind       n bytes, UTF-8 (e.g. "list.put")
/// ```
///
/// Every field has a fixed length or a length before it, so two different bindings never give the
/// same bytes.
public struct ContentBinding: Sendable, Hashable {
    /// The context string that begins the associated data.
    public static let context = "parley/v1/content"

    /// The longest operation kind, in UTF-8 bytes.
    public static let maximumOperationByteCount = 255

    /// The exchange id: 32 bytes.
    public let exchange: [UInt8]
    /// The author's key id.
    public let author: KeyID
    /// The envelope's sequence number in its author's chain.
    public let seq: UInt64
    /// The operation kind, e.g. `list.put`.
    public let operation: String

    /// A binding.
    ///
    /// - Parameters:
    ///   - exchange: The exchange id's 32 bytes.
    ///   - author: The author's key id.
    ///   - seq: The envelope's sequence number.
    ///   - operation: The operation kind, 1 to 255 UTF-8 bytes.
    /// - Throws: ``CryptoError/Code/invalidParameter`` for an exchange id that is not 32 bytes or
    ///   an operation kind that is empty or too long.
    public init(exchange: [UInt8], author: KeyID, seq: UInt64, operation: String) throws {
        guard exchange.count == 32 else {
            throw CryptoError(code: .invalidParameter, message: "an exchange id has 32 bytes, not \(exchange.count)")
        }
        let count = operation.utf8.count
        guard (1...Self.maximumOperationByteCount).contains(count) else {
            throw CryptoError(
                code: .invalidParameter,
                message: "an operation kind has 1 to \(Self.maximumOperationByteCount) bytes, not \(count)"
            )
        }
        self.exchange = exchange
        self.author = author
        self.seq = seq
        self.operation = operation
    }

    /// The associated data, in the layout above.
    public var associatedData: [UInt8] {
        var bytes = Array(Self.context.utf8) + [0x00]
        bytes.reserveCapacity(bytes.count + 32 + 32 + 8 + 1 + operation.utf8.count)
        bytes += exchange
        bytes += author.bytes
        bytes += (0..<8).reversed().map { UInt8(truncatingIfNeeded: seq >> (8 * $0)) }
        bytes.append(UInt8(operation.utf8.count))
        bytes += operation.utf8
        return bytes
    }
}

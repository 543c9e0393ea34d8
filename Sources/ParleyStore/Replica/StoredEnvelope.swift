public import ParleyLog

/// An envelope as the replica holds it: the bytes exactly as stored, with the id recorded when it
/// was appended and its place in arrival order.
///
/// Nothing here has been checked since it was stored: verify ``wireBytes`` again before trusting
/// them (``Replica/verifyStored(exchange:)``). If the file was damaged, the bytes may no longer
/// parse, or may hash to another id than ``id``.
public struct StoredEnvelope: Hashable, Sendable {
    /// The id recorded when the envelope was appended.
    public let id: EnvelopeID
    /// The stored wire bytes.
    public let wireBytes: [UInt8]
    /// The position in arrival order (increasing, never reused; not a clock).
    public let receivedAt: Int64

    /// Describes a stored envelope.
    public init(id: EnvelopeID, wireBytes: [UInt8], receivedAt: Int64) {
        self.id = id
        self.wireBytes = wireBytes
        self.receivedAt = receivedAt
    }
}

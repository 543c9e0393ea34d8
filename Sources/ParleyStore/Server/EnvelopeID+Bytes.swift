import ParleyCrypto
import ParleyLog

extension EnvelopeID {
    /// An id from its 32 raw bytes, as the server stores keep it.
    ///
    /// - Parameter bytes: The SHA-256 digest.
    /// - Returns: `nil` unless `bytes` has exactly 32 bytes.
    init?(bytes: some Collection<UInt8>) {
        guard bytes.count == 32 else { return nil }
        self.init(hex: Hex.encode(bytes))
    }
}

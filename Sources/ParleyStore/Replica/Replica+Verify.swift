public import ParleyLog

extension Replica {
    /// Verifies an exchange's stored envelopes again, from their stored bytes.
    ///
    /// This is how `parley verify` reads a replica: a flipped bit in a stored envelope yields bytes
    /// that no longer parse, hash to another id, or fail their signature, and the envelope is named
    /// in ``StoredVerification/damaged`` by the id recorded when it was appended.
    ///
    /// - Parameter exchange: The exchange.
    /// - Returns: The verification.
    /// - Throws: ``StoreError`` if the file cannot be read.
    public func verifyStored(
        exchange: ExchangeID, preparing prepare: ([SignedEnvelope]) -> [SignedEnvelope] = { $0 }
    ) throws(StoreError) -> StoredVerification {
        StoredVerification(verifying: try storedEnvelopes(exchange: exchange), exchange: exchange, preparing: prepare)
    }
}

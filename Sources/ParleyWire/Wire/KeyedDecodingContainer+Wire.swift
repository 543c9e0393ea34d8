import ParleyCrypto

extension KeyedDecodingContainer {
    /// A list of 32-byte hashes in lowercase hex (a consistency proof).
    ///
    /// - Throws: `DecodingError.dataCorrupted` for any element that is not 64 lowercase hex digits.
    func decodeHashes(forKey key: Key) throws -> [String] {
        let hashes = try decode([String].self, forKey: key)
        guard hashes.allSatisfy({ Hex.decode($0, count: 32) != nil }) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self, debugDescription: "each hash is 64 lowercase hex digits"
            )
        }
        return hashes
    }

    /// A non-negative integer.
    ///
    /// - Throws: `DecodingError.dataCorrupted` for a negative one.
    func decodeCount(forKey key: Key) throws -> Int {
        let value = try decode(Int.self, forKey: key)
        guard value >= 0 else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "must not be negative")
        }
        return value
    }
}

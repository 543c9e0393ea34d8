/// A 32-byte digest (a SHA-256 output) held as four big-endian words: no heap allocation, so
/// copying it retains nothing; equality and hashing take four words; and comparing the words in order
/// compares the bytes in order, which is also the order of the hex forms. The value of
/// ``KeyID`` and of the log's envelope ids, which every verifier, fold and store keys its
/// tables by.
package struct DigestWords: Hashable, Sendable, Comparable {
    package let w0: UInt64
    package let w1: UInt64
    package let w2: UInt64
    package let w3: UInt64

    /// The digest of `bytes`, or `nil` unless there are exactly 32.
    package init?(bytes: [UInt8]) {
        guard bytes.count == 32 else { return nil }
        func word(at start: Int) -> UInt64 {
            var word: UInt64 = 0
            for index in start ..< start + 8 {
                word = word << 8 | UInt64(bytes[index])
            }
            return word
        }
        (w0, w1, w2, w3) = (word(at: 0), word(at: 8), word(at: 16), word(at: 24))
    }

    /// The digest of `bytes` in any collection (copied once into an array).
    package init?(bytes: some Collection<UInt8>) {
        self.init(bytes: Array(bytes))
    }

    /// The digest written as `hex`, or `nil` unless it is exactly 64 lowercase hex digits (so
    /// each digest has one spelling).
    package init?(hex: String) {
        guard hex.utf8.count == 64 else { return nil }
        var text = hex
        guard let words = text.withUTF8({ utf8 -> (UInt64, UInt64, UInt64, UInt64)? in
            func word(at start: Int) -> UInt64? {
                var word: UInt64 = 0
                for index in start ..< start + 16 {
                    guard let value = Hex.value(utf8[index]) else { return nil }
                    word = word << 4 | UInt64(value)
                }
                return word
            }
            guard let w0 = word(at: 0), let w1 = word(at: 16), let w2 = word(at: 32), let w3 = word(at: 48) else { return nil }
            return (w0, w1, w2, w3)
        }) else { return nil }
        (w0, w1, w2, w3) = words
    }

    /// The 32 bytes.
    package var bytes: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for word in [w0, w1, w2, w3] {
            for shift in stride(from: 56, through: 0, by: -8) {
                bytes.append(UInt8(truncatingIfNeeded: word >> UInt64(shift)))
            }
        }
        return bytes
    }

    /// The 64 lowercase hex digits.
    package var hex: String {
        String(unsafeUninitializedCapacity: 64) { out in
            for (index, word) in [w0, w1, w2, w3].enumerated() {
                for nibble in 0 ..< 16 {
                    out[16 * index + nibble] = Hex.digits[Int(truncatingIfNeeded: word >> UInt64(60 - 4 * nibble)) & 0x0f]
                }
            }
            return 64
        }
    }

    /// Hashes all four words: ids are digests, but many are read from text a peer chooses (a pull
    /// request's heads, a manifest's basis), and ids that share a word must not share a bucket.
    package func hash(into hasher: inout Hasher) {
        hasher.combine(w0)
        hasher.combine(w1)
        hasher.combine(w2)
        hasher.combine(w3)
    }

    /// Orders digests by their bytes.
    package static func < (lhs: DigestWords, rhs: DigestWords) -> Bool {
        (lhs.w0, lhs.w1, lhs.w2, lhs.w3) < (rhs.w0, rhs.w1, rhs.w2, rhs.w3)
    }
}

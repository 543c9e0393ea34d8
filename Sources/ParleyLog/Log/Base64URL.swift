/// Unpadded base64url (RFC 4648 §5), the encoding of signatures and sealed records in envelopes.
enum Base64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// The value of each byte as a digit of the alphabet; 0xff for a byte that is none.
    private static let values: [UInt8] = {
        var values = [UInt8](repeating: 0xff, count: 256)
        for (value, digit) in alphabet.enumerated() {
            values[Int(digit)] = UInt8(value)
        }
        return values
    }()

    /// `bytes` in base64url without `=` padding.
    static func encode(_ bytes: [UInt8]) -> String {
        let count = (bytes.count * 4 + 2) / 3
        return String(unsafeUninitializedCapacity: count) { out in
            var written = 0
            var index = 0
            while index < bytes.count {
                let available = min(3, bytes.count - index)
                var word = UInt32(bytes[index]) << 16
                if available > 1 { word |= UInt32(bytes[index + 1]) << 8 }
                if available > 2 { word |= UInt32(bytes[index + 2]) }
                for position in 0 ... available {
                    out[written] = alphabet[Int((word >> UInt32(18 - 6 * position)) & 0x3f)]
                    written += 1
                }
                index += 3
            }
            return written
        }
    }

    /// The bytes of `text`, or `nil` unless it is unpadded base64url in its one canonical spelling
    /// (no padding, no white space, unused trailing bits zero): exactly the texts ``encode(_:)``
    /// writes.
    static func decode(_ text: String) -> [UInt8]? {
        var text = text
        return text.withUTF8 { utf8 in decode(utf8) }
    }

    private static func decode(_ utf8: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        let remainder = utf8.count % 4
        guard remainder != 1 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count / 4 * 3 + max(0, remainder - 1))
        var index = 0
        while index < utf8.count {
            let digits = min(4, utf8.count - index)
            var word: UInt32 = 0
            for offset in 0 ..< digits {
                let value = values[Int(utf8[index + offset])]
                guard value != 0xff else { return nil }
                word |= UInt32(value) << UInt32(18 - 6 * offset)
            }
            let decoded = digits - 1
            // A short last group carries bits beyond its bytes; the canonical spelling has them zero.
            guard decoded == 3 || word & (UInt32(0xffffff) >> UInt32(8 * decoded)) == 0 else { return nil }
            for position in 0 ..< decoded {
                bytes.append(UInt8(truncatingIfNeeded: word >> UInt32(16 - 8 * position)))
            }
            index += 4
        }
        return bytes
    }
}

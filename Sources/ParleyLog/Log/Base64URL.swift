/// Base64 with the URL and file name safe alphabet and no padding (RFC 4648 §5), strict.
enum Base64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// `bytes` in base64url without `=` padding.
    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count * 4 + 2) / 3)
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            var word: UInt32 = 0
            for (offset, byte) in chunk.enumerated() {
                word |= UInt32(byte) << UInt32(16 - 8 * offset)
            }
            for position in 0...chunk.count {
                out.append(alphabet[Int((word >> UInt32(18 - 6 * position)) & 0x3f)])
            }
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes of `text`, or `nil` unless it is unpadded base64url in its one canonical spelling
    /// (no padding, no white space, unused trailing bits zero).
    static func decode(_ text: String) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count % 4 != 1 else { return nil }
        var bytes: [UInt8] = []
        var index = 0
        while index < utf8.count {
            let chunk = utf8[index..<min(index + 4, utf8.count)]
            var word: UInt32 = 0
            for (offset, character) in chunk.enumerated() {
                guard let value = alphabet.firstIndex(of: character) else { return nil }
                word |= UInt32(value) << UInt32(18 - 6 * offset)
            }
            for position in 0..<(chunk.count - 1) {
                bytes.append(UInt8(truncatingIfNeeded: word >> UInt32(16 - 8 * position)))
            }
            index += 4
        }
        return encode(bytes) == text ? bytes : nil
    }
}

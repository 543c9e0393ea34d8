/// Finds, eight bytes at a time, where a run of plain ASCII in a JSON string ends.
enum ASCIIScan {
    /// The first index at or after `start` whose byte is not printable ASCII other than `"` and
    /// `\` (that is, a byte below 0x20, `"`, `\` or 0x80 and above), or `buffer.count`.
    @inline(__always)
    static func endOfPlainRun(in buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        let count = buffer.count
        if let base = buffer.baseAddress {
            let raw = UnsafeRawPointer(base)
            while count - index >= 8 {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                if needsAttention(word) { break }
                index += 8
            }
        }
        while index < count {
            let byte = buffer[index]
            if byte < 0x20 || byte >= 0x80 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                return index
            }
            index += 1
        }
        return index
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// Whether any byte of `word` is below 0x20, `"`, `\` or has its high bit set.
    @inline(__always)
    private static func needsAttention(_ word: UInt64) -> Bool {
        let control = (word &- ones &* 0x20) & ~word
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let hasQuote = (quote &- ones) & ~quote
        let hasBackslash = (backslash &- ones) & ~backslash
        return (word | control | hasQuote | hasBackslash) & highBits != 0
    }
}

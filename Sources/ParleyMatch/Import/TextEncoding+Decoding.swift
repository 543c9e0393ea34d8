extension TextEncoding {
    /// The encoding a CSV file's bytes are in: valid UTF-8 is UTF-8; otherwise bytes that
    /// read as Cyrillic text in Windows-1251 are Windows-1251; otherwise UTF-8, which will
    /// then report the first bad byte.
    ///
    /// - Parameter bytes: The file's bytes, byte order mark removed.
    /// - Returns: The encoding to read the bytes with.
    static func detect(_ bytes: ArraySlice<UInt8>) -> TextEncoding {
        if TextEncoding.firstInvalidUTF8(bytes) == nil { return .utf8 }
        return Windows1251.looksCyrillic(bytes) ? .windows1251 : .utf8
    }

    /// Decodes a cell's bytes.
    ///
    /// - Parameters:
    ///   - bytes: The cell's bytes.
    ///   - known: Whether the bytes are already known to be valid in this encoding.
    /// - Returns: The text, or where it stopped being decodable.
    func decode(_ bytes: ArraySlice<UInt8>, knownValid known: Bool) -> Result<String, UndecodableByte> {
        switch self {
        case .utf8:
            if !known, let bad = TextEncoding.firstInvalidUTF8(bytes) {
                return .failure(UndecodableByte(offset: bad, byte: bytes[bad]))
            }
            return .success(String(decoding: bytes, as: UTF8.self))
        case .windows1251:
            return Windows1251.decode(bytes)
        }
    }

    /// The index of the first byte that breaks UTF-8 well-formedness (Unicode Table 3-7), if any.
    static func firstInvalidUTF8<C: RandomAccessCollection>(_ s: C) -> Int? where C.Element == UInt8, C.Index == Int {
        var i = s.startIndex
        let end = s.endIndex
        while i < end {
            let b = s[i]
            if b < 0x80 {
                i += 1
                continue
            }
            var need = 0
            var lo: UInt8 = 0x80
            var hi: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: need = 1
            case 0xE0: need = 2; lo = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: need = 2
            case 0xED: need = 2; hi = 0x9F
            case 0xF0: need = 3; lo = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4: need = 3; hi = 0x8F
            default: return i
            }
            guard end - i > need else { return i }
            let second = s[i + 1]
            guard second >= lo, second <= hi else { return i }
            var k = 2
            while k <= need {
                let c = s[i + k]
                guard c >= 0x80, c <= 0xBF else { return i }
                k += 1
            }
            i += need + 1
        }
        return nil
    }
}

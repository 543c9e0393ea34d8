/// A strict recursive-descent parser of I-JSON text over a buffer of UTF-8 bytes.
struct JSONParser {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let maxDepth: Int
    private var index = 0
    private var scratch: [UInt8] = []

    private init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    /// Parses one JSON text that fills `bytes` entirely.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) -> Result<JSONValue, LogError> {
        var parser = JSONParser(bytes: bytes, maxDepth: maxDepth)
        do throws(LogError) {
            return .success(try parser.parseDocument())
        } catch {
            return .failure(error)
        }
    }

    private mutating func parseDocument() throws(LogError) -> JSONValue {
        skipWhitespace()
        let value = try parseValue(depth: 0)
        skipWhitespace()
        guard index == bytes.count else {
            throw failure(.malformedJSON, "unexpected data after the JSON value")
        }
        return value
    }

    // MARK: Values

    private mutating func parseValue(depth: Int) throws(LogError) -> JSONValue {
        guard index < bytes.count else {
            throw failure(.malformedJSON, "unexpected end of input, expected a value")
        }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["):
            return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .number(try parseNumber())
        default:
            throw failure(.malformedJSON, "unexpected byte, expected a value")
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(LogError) {
        let count = literal.utf8CodeUnitCount
        guard bytes.count - index >= count else {
            throw failure(.malformedJSON, "unknown literal")
        }
        let expected = UnsafeBufferPointer(start: literal.utf8Start, count: count)
        for offset in 0..<count where bytes[index + offset] != expected[offset] {
            throw failure(.malformedJSON, "unknown literal", at: index + offset)
        }
        index += count
    }

    private mutating func parseArray(depth: Int) throws(LogError) -> JSONValue {
        guard depth <= maxDepth else {
            throw failure(.nestingTooDeep, "arrays and objects nest deeper than \(maxDepth)")
        }
        index += 1
        var values: [JSONValue] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "]") {
            index += 1
            return .array(values)
        }
        while true {
            skipWhitespace()
            values.append(try parseValue(depth: depth))
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","):
                index += 1
            case UInt8(ascii: "]"):
                index += 1
                return .array(values)
            default:
                throw failure(.malformedJSON, "expected ',' or ']' in an array")
            }
        }
    }

    private mutating func parseObject(depth: Int) throws(LogError) -> JSONValue {
        guard depth <= maxDepth else {
            throw failure(.nestingTooDeep, "arrays and objects nest deeper than \(maxDepth)")
        }
        index += 1
        var members: [String: JSONValue] = [:]
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\"") else {
                throw failure(.malformedJSON, "expected a member name in an object")
            }
            let nameOffset = index
            let name = try parseString()
            skipWhitespace()
            guard peek() == UInt8(ascii: ":") else {
                throw failure(.malformedJSON, "expected ':' after a member name")
            }
            index += 1
            skipWhitespace()
            let value = try parseValue(depth: depth)
            if members.updateValue(value, forKey: name) != nil {
                throw failure(.duplicateMemberName, "an object has two members with the same name", at: nameOffset)
            }
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","):
                index += 1
            case UInt8(ascii: "}"):
                index += 1
                return .object(members)
            default:
                throw failure(.malformedJSON, "expected ',' or '}' in an object")
            }
        }
    }

    // MARK: Strings

    private mutating func parseString() throws(LogError) -> String {
        index += 1
        let start = index
        // Fast path: printable ASCII with no escapes.
        index = ASCIIScan.endOfPlainRun(in: bytes, from: index)
        if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
            let string = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            index += 1
            return string
        }
        return try parseStringSlowly(from: start)
    }

    private mutating func parseStringSlowly(from start: Int) throws(LogError) -> String {
        scratch.removeAll(keepingCapacity: true)
        var runStart = start
        var escaped = false
        while true {
            guard index < bytes.count else {
                throw failure(.malformedJSON, "unterminated string")
            }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                break
            } else if byte == UInt8(ascii: "\\") {
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                try parseEscape()
                runStart = index
                escaped = true
            } else if byte < 0x20 {
                throw failure(.malformedJSON, "unescaped control character in a string")
            } else if byte < 0x80 {
                index = ASCIIScan.endOfPlainRun(in: bytes, from: index + 1)
            } else {
                try validateUTF8Sequence()
            }
        }
        let string: String
        if escaped {
            scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            string = String(decoding: scratch, as: UTF8.self)
        } else {
            string = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        }
        index += 1
        return string
    }

    /// Reads one escape sequence at `index` and appends what it stands for to `scratch`.
    private mutating func parseEscape() throws(LogError) {
        let escapeStart = index
        index += 1
        guard index < bytes.count else {
            throw failure(.malformedJSON, "unterminated string")
        }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"):
            scratch.append(byte)
        case UInt8(ascii: "b"):
            scratch.append(0x08)
        case UInt8(ascii: "f"):
            scratch.append(0x0C)
        case UInt8(ascii: "n"):
            scratch.append(0x0A)
        case UInt8(ascii: "r"):
            scratch.append(0x0D)
        case UInt8(ascii: "t"):
            scratch.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = UInt32(try parseHex4())
            if (0xDC00...0xDFFF).contains(scalar) {
                throw failure(.invalidUnicode, "lone low surrogate in a \\u escape", at: escapeStart)
            }
            if (0xD800...0xDBFF).contains(scalar) {
                guard bytes.count - index >= 6,
                      bytes[index] == UInt8(ascii: "\\"),
                      bytes[index + 1] == UInt8(ascii: "u")
                else {
                    throw failure(.invalidUnicode, "lone high surrogate in a \\u escape", at: escapeStart)
                }
                index += 2
                let low = UInt32(try parseHex4())
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw failure(.invalidUnicode, "lone high surrogate in a \\u escape", at: escapeStart)
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            }
            guard !Self.isNoncharacter(scalar) else {
                throw failure(.invalidUnicode, "Unicode noncharacter in a string", at: escapeStart)
            }
            appendUTF8(scalar)
        default:
            throw failure(.malformedJSON, "invalid escape sequence", at: escapeStart)
        }
    }

    private mutating func parseHex4() throws(LogError) -> UInt16 {
        guard bytes.count - index >= 4 else {
            throw failure(.malformedJSON, "truncated \\u escape")
        }
        var value: UInt16 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw failure(.malformedJSON, "invalid hex digit in a \\u escape")
            }
            value = value << 4 | UInt16(digit)
            index += 1
        }
        return value
    }

    private mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case ..<0x80:
            scratch.append(UInt8(scalar))
        case ..<0x800:
            scratch.append(UInt8(0xC0 | scalar >> 6))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        case ..<0x10000:
            scratch.append(UInt8(0xE0 | scalar >> 12))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | scalar >> 18))
            scratch.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// Checks one multi-byte UTF-8 sequence at `index` (Unicode Table 3-7) and steps over it.
    private mutating func validateUTF8Sequence() throws(LogError) {
        let lead = bytes[index]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; secondRange = 0x80...0x9F
        case 0xF0: length = 4; secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; secondRange = 0x80...0x8F
        default: throw failure(.invalidUnicode, "invalid UTF-8")
        }
        guard bytes.count - index >= length, secondRange.contains(bytes[index + 1]) else {
            throw failure(.invalidUnicode, "invalid UTF-8")
        }
        var scalar = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for offset in 1..<length {
            let byte = bytes[index + offset]
            guard byte & 0xC0 == 0x80 else {
                throw failure(.invalidUnicode, "invalid UTF-8")
            }
            scalar = scalar << 6 | UInt32(byte & 0x3F)
        }
        guard !Self.isNoncharacter(scalar) else {
            throw failure(.invalidUnicode, "Unicode noncharacter in a string")
        }
        index += length
    }

    /// Whether `scalar` is one of Unicode's 66 noncharacters, which I-JSON forbids.
    static func isNoncharacter(_ scalar: UInt32) -> Bool {
        (0xFDD0...0xFDEF).contains(scalar) || scalar & 0xFFFE == 0xFFFE
    }

    // MARK: Numbers

    private mutating func parseNumber() throws(LogError) -> Double {
        let start = index
        var negative = false
        if bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        // Significant digits are gathered into `mantissa` while they fit; `exponent10` scales them.
        var mantissa: UInt64 = 0
        var digitCount = 0
        var exponent10 = 0
        var exact = true

        guard index < bytes.count, isDigit(bytes[index]) else {
            throw failure(.malformedJSON, "expected a digit in a number")
        }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, isDigit(bytes[index]) {
                throw failure(.malformedJSON, "leading zero in a number", at: start)
            }
        } else {
            while index < bytes.count, isDigit(bytes[index]) {
                accumulate(bytes[index], into: &mantissa, digitCount: &digitCount, exact: &exact)
                if !exact { exponent10 += 1 }
                index += 1
            }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else {
                throw failure(.malformedJSON, "expected a digit after the decimal point")
            }
            while index < bytes.count, isDigit(bytes[index]) {
                accumulate(bytes[index], into: &mantissa, digitCount: &digitCount, exact: &exact)
                if exact { exponent10 -= 1 }
                index += 1
            }
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            var exponentNegative = false
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            guard index < bytes.count, isDigit(bytes[index]) else {
                throw failure(.malformedJSON, "expected a digit in an exponent")
            }
            var exponent = 0
            while index < bytes.count, isDigit(bytes[index]) {
                if exponent < 100_000 {
                    exponent = exponent * 10 + Int(bytes[index] - UInt8(ascii: "0"))
                }
                index += 1
            }
            exponent10 += exponentNegative ? -exponent : exponent
        }

        let value: Double
        if exact, let fast = Self.exactDouble(mantissa: mantissa, exponent10: exponent10) {
            value = negative ? -fast : fast
        } else {
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            guard let parsed = Double(text) else {
                throw failure(.malformedJSON, "invalid number", at: start)
            }
            value = parsed
        }
        guard value.isFinite else {
            throw failure(.numberOutOfRange, "number is too large for an IEEE-754 double", at: start)
        }
        return value
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }

    /// Adds one decimal digit to `mantissa` while it has at most 19 significant digits.
    private func accumulate(_ byte: UInt8, into mantissa: inout UInt64, digitCount: inout Int, exact: inout Bool) {
        guard exact else { return }
        if mantissa == 0 && byte == UInt8(ascii: "0") { return }
        if digitCount == 19 {
            exact = false
            return
        }
        mantissa = mantissa * 10 + UInt64(byte - UInt8(ascii: "0"))
        digitCount += 1
    }

    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// `mantissa × 10^exponent10` when one IEEE operation on exact operands gives it correctly rounded
    /// (Clinger's fast path), otherwise `nil`.
    private static func exactDouble(mantissa: UInt64, exponent10: Int) -> Double? {
        if mantissa == 0 { return 0 }
        guard mantissa <= 1 << 53, (-22...22).contains(exponent10) else { return nil }
        let significand = Double(mantissa)
        return exponent10 < 0
            ? significand / powersOfTen[-exponent10]
            : significand * powersOfTen[exponent10]
    }

    // MARK: Helpers

    private func peek() -> UInt8? {
        index < bytes.count ? bytes[index] : nil
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    private func failure(
        _ code: LogError.Code,
        _ message: String,
        at offset: Int? = nil,
        function: String = #function,
        line: Int = #line
    ) -> LogError {
        LogError(code: code, message: message, byteOffset: offset ?? index, function: function, line: line)
    }
}

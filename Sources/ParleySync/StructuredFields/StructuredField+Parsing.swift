import Foundation

extension StructuredField {
    /// Parses a dictionary field value (RFC 8941 §4.2 with field type "dictionary").
    ///
    /// Pass the values of every field line of the header joined by `", "`.
    ///
    /// - Parameter text: The field value.
    /// - Returns: The dictionary, possibly empty for an empty value.
    /// - Throws: ``SyncError/Code/malformedHeader`` naming the byte offset of the first thing that
    ///   breaks the grammar.
    package static func parseDictionary(_ text: String) throws(SyncError) -> Dictionary {
        var parser = Parser(Array(text.utf8))
        parser.skipSpaces()
        let dictionary = try parser.dictionary()
        parser.skipSpaces()
        guard parser.isAtEnd else { throw parser.failure("unexpected characters after the dictionary") }
        return dictionary
    }

    /// Parses an inner list with its parameters, alone (e.g. one `Signature-Input` member's value).
    ///
    /// - Parameter text: The text, e.g. `("@method");created=1`.
    /// - Returns: The inner list.
    /// - Throws: ``SyncError/Code/malformedHeader`` for anything else.
    package static func parseInnerList(_ text: String) throws(SyncError) -> InnerList {
        var parser = Parser(Array(text.utf8))
        parser.skipSpaces()
        let list = try parser.innerList()
        parser.skipSpaces()
        guard parser.isAtEnd else { throw parser.failure("unexpected characters after the inner list") }
        return list
    }

    /// A recursive-descent parser over the field value's bytes.
    private struct Parser {
        private let bytes: [UInt8]
        private var index = 0

        init(_ bytes: [UInt8]) {
            self.bytes = bytes
        }

        var isAtEnd: Bool { index == bytes.count }

        private var next: UInt8? { isAtEnd ? nil : bytes[index] }

        func failure(_ detail: String) -> SyncError {
            StructuredField.malformed("structured field, byte \(index): \(detail)")
        }

        mutating func skipSpaces() {
            while next == UInt8(ascii: " ") { index += 1 }
        }

        private mutating func skipOptionalWhitespace() {
            while next == UInt8(ascii: " ") || next == UInt8(ascii: "\t") { index += 1 }
        }

        /// §4.2.2.
        mutating func dictionary() throws(SyncError) -> Dictionary {
            var dictionary = Dictionary()
            while !isAtEnd {
                let key = try key()
                if next == UInt8(ascii: "=") {
                    index += 1
                    dictionary[key] = try member()
                } else {
                    dictionary[key] = .item(Item(.boolean(true), parameters: try parameters()))
                }
                skipOptionalWhitespace()
                if isAtEnd { return dictionary }
                guard next == UInt8(ascii: ",") else { throw failure("expected `,` between members") }
                index += 1
                skipOptionalWhitespace()
                if isAtEnd { throw failure("a trailing `,` ends the dictionary") }
            }
            return dictionary
        }

        /// §4.2.1.1.
        private mutating func member() throws(SyncError) -> Member {
            if next == UInt8(ascii: "(") {
                return .innerList(try innerList())
            }
            return .item(try item())
        }

        /// §4.2.1.2.
        mutating func innerList() throws(SyncError) -> InnerList {
            guard next == UInt8(ascii: "(") else { throw failure("expected `(` to open an inner list") }
            index += 1
            var items: [Item] = []
            while !isAtEnd {
                skipSpaces()
                if next == UInt8(ascii: ")") {
                    index += 1
                    return InnerList(items, parameters: try parameters())
                }
                items.append(try item())
                guard next == UInt8(ascii: " ") || next == UInt8(ascii: ")") else {
                    throw failure("expected a space or `)` after an inner list item")
                }
            }
            throw failure("the inner list has no closing `)`")
        }

        /// §4.2.3.
        private mutating func item() throws(SyncError) -> Item {
            let bareItem = try bareItem()
            return Item(bareItem, parameters: try parameters())
        }

        /// §4.2.3.1.
        private mutating func bareItem() throws(SyncError) -> BareItem {
            guard let first = next else { throw failure("expected an item, found the end") }
            switch first {
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
            case UInt8(ascii: "\""): return try string()
            case UInt8(ascii: ":"): return try byteSequence()
            case UInt8(ascii: "?"): return try boolean()
            case _ where Grammar.isTokenStart(first): return try token()
            default: throw failure("expected an item")
            }
        }

        /// §4.2.3.2.
        private mutating func parameters() throws(SyncError) -> Parameters {
            var parameters = Parameters()
            while next == UInt8(ascii: ";") {
                index += 1
                skipSpaces()
                let key = try key()
                var value = BareItem.boolean(true)
                if next == UInt8(ascii: "=") {
                    index += 1
                    value = try bareItem()
                }
                parameters[key] = value
            }
            return parameters
        }

        /// §4.2.3.3.
        private mutating func key() throws(SyncError) -> String {
            guard let first = next, Grammar.isKeyStart(first) else {
                throw failure("a key must start with a lowercase letter or `*`")
            }
            let start = index
            while let byte = next, Grammar.isKeyCharacter(byte) { index += 1 }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }

        /// §4.2.4.
        private mutating func number() throws(SyncError) -> BareItem {
            var negative = false
            if next == UInt8(ascii: "-") {
                negative = true
                index += 1
            }
            guard let first = next, Grammar.isDigit(first) else { throw failure("a number needs a digit") }
            var integerDigits: [UInt8] = []
            var fractionDigits: [UInt8]?
            while let byte = next {
                if Grammar.isDigit(byte) {
                    if fractionDigits != nil { fractionDigits?.append(byte) } else { integerDigits.append(byte) }
                } else if byte == UInt8(ascii: "."), fractionDigits == nil {
                    guard integerDigits.count <= 12 else { throw failure("a decimal has at most 12 integer digits") }
                    fractionDigits = []
                } else {
                    break
                }
                index += 1
                guard integerDigits.count <= 15 else { throw failure("an integer has at most 15 digits") }
            }
            let integer = Self.value(of: integerDigits)
            guard let fraction = fractionDigits else {
                return .integer(negative ? -integer : integer)
            }
            guard (1...3).contains(fraction.count) else { throw failure("a decimal has 1 to 3 fraction digits") }
            let padded = fraction + [UInt8](repeating: UInt8(ascii: "0"), count: 3 - fraction.count)
            let thousandths = integer * 1000 + Self.value(of: padded)
            return .decimal(thousandths: negative ? -thousandths : thousandths)
        }

        private static func value(of digits: [UInt8]) -> Int64 {
            digits.reduce(0) { $0 * 10 + Int64($1 - UInt8(ascii: "0")) }
        }

        /// §4.2.5.
        private mutating func string() throws(SyncError) -> BareItem {
            index += 1
            var text: [UInt8] = []
            while let byte = next {
                index += 1
                switch byte {
                case UInt8(ascii: "\\"):
                    guard let escaped = next, escaped == UInt8(ascii: "\"") || escaped == UInt8(ascii: "\\") else {
                        throw failure("a string may escape only `\"` and `\\`")
                    }
                    text.append(escaped)
                    index += 1
                case UInt8(ascii: "\""):
                    return .string(String(decoding: text, as: UTF8.self))
                case 0x20...0x7e:
                    text.append(byte)
                default:
                    throw failure("a string holds printable ASCII only")
                }
            }
            throw failure("the string has no closing quote")
        }

        /// §4.2.6.
        private mutating func token() throws(SyncError) -> BareItem {
            let start = index
            while let byte = next, Grammar.isTokenCharacter(byte) { index += 1 }
            return .token(String(decoding: bytes[start..<index], as: UTF8.self))
        }

        /// §4.2.7; missing `=` padding is accepted, as the RFC recommends.
        private mutating func byteSequence() throws(SyncError) -> BareItem {
            index += 1
            let start = index
            while let byte = next, byte != UInt8(ascii: ":") {
                guard Grammar.isBase64Character(byte) else { throw failure("a byte sequence holds base64 only") }
                index += 1
            }
            guard next == UInt8(ascii: ":") else { throw failure("the byte sequence has no closing `:`") }
            var base64 = String(decoding: bytes[start..<index], as: UTF8.self)
            index += 1
            if base64.utf8.count % 4 != 0 {
                base64 += String(repeating: "=", count: 4 - base64.utf8.count % 4)
            }
            guard let data = Data(base64Encoded: base64) else {
                throw failure("the byte sequence is not valid base64")
            }
            return .byteSequence(Array(data))
        }

        /// §4.2.8.
        private mutating func boolean() throws(SyncError) -> BareItem {
            index += 1
            switch next {
            case UInt8(ascii: "1"):
                index += 1
                return .boolean(true)
            case UInt8(ascii: "0"):
                index += 1
                return .boolean(false)
            default:
                throw failure("a boolean is `?0` or `?1`")
            }
        }
    }
}

import Foundation

extension StructuredField {
    /// The RFC 8941 §4.1 serialization of a dictionary.
    ///
    /// - Parameter dictionary: The dictionary; must have at least one member.
    /// - Returns: The field value.
    /// - Throws: ``SyncError/Code/malformedHeader`` for a value RFC 8941 cannot express (a bad key,
    ///   a string with non-printable or non-ASCII characters, an integer or decimal out of range).
    package static func serialize(_ dictionary: Dictionary) throws(SyncError) -> String {
        guard !dictionary.members.isEmpty else {
            throw malformed("a structured field dictionary needs at least one member")
        }
        var parts: [String] = []
        for (key, member) in dictionary.members {
            var text = try serialize(key: key)
            switch member {
            case let .item(item) where item.bareItem == .boolean(true):
                text += try serialize(item.parameters)
            case let .item(item):
                text += "=" + (try serialize(item))
            case let .innerList(list):
                text += "=" + (try serialize(list))
            }
            parts.append(text)
        }
        return parts.joined(separator: ", ")
    }

    /// The RFC 8941 §4.1.1.1 serialization of an inner list, e.g. `("a" "b");x=1`.
    ///
    /// - Parameter list: The inner list.
    /// - Returns: Its text.
    /// - Throws: ``SyncError/Code/malformedHeader`` for a value RFC 8941 cannot express.
    package static func serialize(_ list: InnerList) throws(SyncError) -> String {
        var items: [String] = []
        for item in list.items {
            items.append(try serialize(item))
        }
        return "(" + items.joined(separator: " ") + ")" + (try serialize(list.parameters))
    }

    /// The RFC 8941 §4.1.3 serialization of an item with its parameters.
    ///
    /// - Parameter item: The item.
    /// - Returns: Its text.
    /// - Throws: ``SyncError/Code/malformedHeader`` for a value RFC 8941 cannot express.
    package static func serialize(_ item: Item) throws(SyncError) -> String {
        try serialize(item.bareItem) + serialize(item.parameters)
    }

    /// The RFC 8941 §4.1.1.2 serialization of parameters, each as `;key` or `;key=value`.
    private static func serialize(_ parameters: Parameters) throws(SyncError) -> String {
        var text = ""
        for (key, value) in parameters.members {
            text += ";" + (try serialize(key: key))
            if value != .boolean(true) {
                text += "=" + (try serialize(value))
            }
        }
        return text
    }

    /// A key: `lcalpha` or `*`, then `lcalpha`, digits, `_`, `-`, `.` or `*`.
    private static func serialize(key: String) throws(SyncError) -> String {
        let bytes = Array(key.utf8)
        guard let first = bytes.first, Grammar.isKeyStart(first), bytes.allSatisfy(Grammar.isKeyCharacter) else {
            throw malformed("a structured field key must be lowercase letters, digits, `_-.*`")
        }
        return key
    }

    /// The RFC 8941 §4.1.3.1 serialization of a bare item.
    private static func serialize(_ item: BareItem) throws(SyncError) -> String {
        switch item {
        case let .integer(value):
            guard abs(value) <= Grammar.maxInteger else {
                throw malformed("a structured field integer has at most 15 digits")
            }
            return String(value)
        case let .decimal(thousandths):
            guard abs(thousandths) <= Grammar.maxInteger else {
                throw malformed("a structured field decimal has at most 12 integer digits")
            }
            let magnitude = abs(thousandths)
            var fraction = String(magnitude % 1000)
            fraction = String(repeating: "0", count: 3 - fraction.count) + fraction
            while fraction.count > 1, fraction.hasSuffix("0") {
                fraction.removeLast()
            }
            return (thousandths < 0 ? "-" : "") + String(magnitude / 1000) + "." + fraction
        case let .string(value):
            var text = "\""
            for byte in value.utf8 {
                guard (0x20...0x7e).contains(byte) else {
                    throw malformed("a structured field string holds printable ASCII only")
                }
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                    text += "\\"
                }
                text.unicodeScalars.append(Unicode.Scalar(byte))
            }
            return text + "\""
        case let .token(value):
            let bytes = Array(value.utf8)
            guard let first = bytes.first, Grammar.isTokenStart(first), bytes.allSatisfy(Grammar.isTokenCharacter) else {
                throw malformed("a structured field token must start with a letter or `*` and hold token characters")
            }
            return value
        case let .byteSequence(bytes):
            return ":" + Data(bytes).base64EncodedString() + ":"
        case let .boolean(value):
            return value ? "?1" : "?0"
        }
    }

    /// A ``SyncError/Code/malformedHeader`` error.
    static func malformed(
        _ message: String, function: String = #function, file: String = #fileID, line: Int = #line
    ) -> SyncError {
        SyncError(code: .malformedHeader, message: message, function: function, file: file, line: line)
    }
}

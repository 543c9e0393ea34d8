/// JSON text as every JSON report writes it: keys sorted, two-space pretty printing, slashes
/// unescaped, UTF-8. For keys in ASCII (every key a report writes) the text is, byte for byte,
/// what Foundation's `JSONEncoder` writes with `[.prettyPrinted, .sortedKeys,
/// .withoutEscapingSlashes]` (tests hold it to that on random documents), written straight into
/// bytes. Keys beyond ASCII are sorted by `String`'s order, which the encoder's is not.
///
/// Why not the encoder itself: at the size of a register a report is 170 MB of JSON, and the
/// encoder took about 12 of the 17 s that `parley diff --format json` needed, on one core (a
/// tree of boxed values per row, keys sorted by comparing strings for every object). Here a
/// fixed set of keys is sorted once (`Keys`), values are written where they end up, and the
/// rows of a report are written on every core, in order.
///
/// Layout, as the encoder's: `{`, then each member on a line of its own indented two spaces
/// deeper as `"key" : value`, members separated by `,`, then `}` on a line at the object's own
/// indentation; arrays alike; an empty object or array is `{`, a blank line, `}`. Numbers are
/// written as Swift describes a `Double`, without a trailing `.0`; strings escape `"`, `\` and
/// the control characters below U+0020 (`\b \t \n \f \r`, others `\u00XX`), nothing else.
package struct PrettyJSON: Sendable {
    /// The text written so far.
    package private(set) var bytes: [UInt8] = []
    /// How many levels deep the value being written is.
    private var depth: Int

    /// A writer for a value `depth` levels deep in its document (0: the document itself).
    package init(depth: Int = 0) {
        self.depth = depth
    }

    /// The text as a string.
    package var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The text of a whole document as a string, with its final line break.
    package consuming func document() -> String {
        bytes.append(UInt8(ascii: "\n"))
        return String(decoding: bytes, as: UTF8.self)
    }

    package mutating func null() { bytes += Self.nullBytes }

    package mutating func bool(_ value: Bool) { bytes += value ? Self.trueBytes : Self.falseBytes }

    package mutating func int(_ value: Int) { bytes += String(value).utf8 }

    /// A finite number (the encoder refuses infinities and NaN; reports write those as null).
    package mutating func number(_ value: Double) {
        precondition(value.isFinite, "JSON has no infinities or NaN")
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes += text.utf8
    }

    /// A number, or null when there is none or it is not finite.
    package mutating func number(_ value: Double?) {
        if let value, value.isFinite { number(value) } else { null() }
    }

    package mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            bytes.append(Self.quote)
            var start = 0
            for (i, byte) in utf8.enumerated() where byte < 0x20 || byte == Self.quote || byte == Self.backslash {
                bytes += UnsafeBufferPointer(rebasing: utf8[start..<i])
                bytes += Self.escaped[Int(byte == Self.quote ? 0x20 : byte == Self.backslash ? 0x21 : byte)]
                start = i + 1
            }
            bytes += UnsafeBufferPointer(rebasing: utf8[start...])
            bytes.append(Self.quote)
        }
    }

    /// A string, or null.
    package mutating func string(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    /// An array of `items`, each written by `element`.
    package mutating func array<S: Sequence>(_ items: S, _ element: (inout PrettyJSON, S.Element) -> Void) {
        bytes.append(UInt8(ascii: "["))
        depth += 1
        var empty = true
        for item in items {
            if !empty { bytes.append(UInt8(ascii: ",")) }
            empty = false
            newline()
            element(&self, item)
        }
        depth -= 1
        close(UInt8(ascii: "]"), empty: empty)
    }

    /// An array of `items` written on every core, in chunks of `chunkSize`, joined in order: the
    /// same text as `array(_:_:)`.
    package mutating func array<T: Sendable>(
        concurrently items: [T], chunkSize: Int = 1_024, _ element: @Sendable (inout PrettyJSON, T) -> Void
    ) {
        let depth = depth
        let parts = items.concurrentChunks(chunkSize: chunkSize) { chunk -> [[UInt8]] in
            // Each chunk's elements, each after its separator and line break, as `array` writes them.
            var part = PrettyJSON(depth: depth)
            part.array(chunk, element)
            return [part.bytes]
        }
        bytes.reserveCapacity(bytes.count + parts.reduce(0) { $0 + $1.count } + depth * 2 + 2)
        bytes.append(UInt8(ascii: "["))
        var empty = true
        for part in parts {
            // Each part is `[`, its elements, a line break and `]`: its elements are kept.
            let inner = part.dropFirst().dropLast(depth * 2 + 2)
            // An empty chunk (of an empty array) holds only its blank line.
            guard inner.count > 1 else { continue }
            if !empty { bytes.append(UInt8(ascii: ",")) }
            empty = false
            bytes += inner
        }
        close(UInt8(ascii: "]"), empty: empty)
    }

    /// An object whose members are `keys`, or those of them for which `present` holds (given
    /// each key's position in the list `keys` was made from): `member` is called once for each
    /// such key in sorted order, with that position, and writes its value.
    package mutating func object(
        _ keys: Keys, where present: (Int) -> Bool = { _ in true }, _ member: (inout PrettyJSON, Int) -> Void
    ) {
        bytes.append(UInt8(ascii: "{"))
        depth += 1
        var empty = true
        for (n, index) in keys.order.enumerated() where present(index) {
            if !empty { bytes.append(UInt8(ascii: ",")) }
            empty = false
            newline()
            bytes += keys.written[n]
            member(&self, index)
        }
        depth -= 1
        close(UInt8(ascii: "}"), empty: empty)
    }

    /// An object of `members` (keys sorted here), each value written by `value` (given its key).
    package mutating func object<V>(_ members: [String: V], _ value: (inout PrettyJSON, String, V) -> Void) {
        bytes.append(UInt8(ascii: "{"))
        depth += 1
        for (n, member) in members.sorted(by: { $0.key < $1.key }).enumerated() {
            if n > 0 { bytes.append(UInt8(ascii: ",")) }
            newline()
            string(member.key)
            bytes += Self.separator
            value(&self, member.key, member.value)
        }
        depth -= 1
        close(UInt8(ascii: "}"), empty: members.isEmpty)
    }

    /// The keys of an object, sorted once (by `String`'s order: for ASCII, the order of their
    /// bytes, as the encoder sorts them), each with its `"key" : ` written.
    package struct Keys: Sendable {
        /// For each key in sorted order, its position in the list given.
        let order: [Int]
        /// For each key in sorted order, `"key" : `.
        let written: [[UInt8]]

        package init(_ keys: [String]) {
            precondition(Set(keys).count == keys.count, "an object's keys are distinct")
            order = keys.indices.sorted { keys[$0] < keys[$1] }
            written = order.map { index in
                var key = PrettyJSON()
                key.string(keys[index])
                return key.bytes + PrettyJSON.separator
            }
        }
    }

    /// A line break and the indentation of the current depth.
    private mutating func newline() {
        bytes.append(UInt8(ascii: "\n"))
        bytes += repeatElement(UInt8(ascii: " "), count: depth * 2)
    }

    /// The closing bracket of a container at the current depth; an empty one holds a blank line.
    private mutating func close(_ bracket: UInt8, empty: Bool) {
        if empty { bytes.append(UInt8(ascii: "\n")) }
        newline()
        bytes.append(bracket)
    }

    private static let quote = UInt8(ascii: "\"")
    private static let backslash = UInt8(ascii: "\\")
    private static let separator = Array(" : ".utf8)
    private static let nullBytes = Array("null".utf8)
    private static let trueBytes = Array("true".utf8)
    private static let falseBytes = Array("false".utf8)

    /// How each control character (0x00–0x1F), `"` (at 0x20) and `\` (at 0x21) is escaped.
    private static let escaped: [[UInt8]] = (0..<0x22).map { (code: Int) -> [UInt8] in
        switch code {
        case 0x08: return Array(#"\b"#.utf8)
        case 0x09: return Array(#"\t"#.utf8)
        case 0x0A: return Array(#"\n"#.utf8)
        case 0x0C: return Array(#"\f"#.utf8)
        case 0x0D: return Array(#"\r"#.utf8)
        case 0x20: return Array(#"\""#.utf8)
        case 0x21: return Array(#"\\"#.utf8)
        default:
            let hex = Array("0123456789abcdef".utf8)
            return Array(#"\u00"#.utf8) + [hex[code >> 4], hex[code & 0xF]]
        }
    }
}

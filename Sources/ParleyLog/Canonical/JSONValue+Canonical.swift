import Dispatch
import ParleyCrypto
import ParleyMatch
import Synchronization

extension JSONValue {
    /// The RFC 8785 (JCS) canonical form of this value: the bytes that Parley signs and hashes.
    ///
    /// No whitespace; object members sorted by their names as arrays of UTF-16 code units; strings
    /// escaped as RFC 8785 §3.2.2.2 says; numbers written as ECMAScript's `Number.prototype.toString`
    /// writes them.
    ///
    /// - Parameter maxDepth: How deeply arrays and objects may nest; ``defaultMaxDepth`` by default,
    ///   so that whatever is written can be parsed back.
    /// - Returns: The canonical UTF-8 bytes.
    /// - Throws: ``LogError`` with code `numberOutOfRange` for NaN or an infinity, `invalidUnicode`
    ///   for a string holding a Unicode noncharacter, or `nestingTooDeep`.
    public func canonicalBytes(maxDepth: Int = JSONValue.defaultMaxDepth) throws(LogError) -> [UInt8] {
        var writer = CanonicalWriter(maxDepth: maxDepth)
        try writer.write(self, depth: 0)
        return writer.output
    }
}

/// Writes the canonical form of a ``JSONValue`` into one growing byte array.
///
/// A writer of a large form whose shape is fixed (the state hash's lists) may also write member
/// names and punctuation itself with ``punctuation(_:)`` and ``writeString(_:)``, in the order the
/// form's definition gives, straight into a digest (``hexDigest(prefix:_:)``): the values inside
/// still go through ``write(_:depth:)`` and ``writeString(_:)``, so escaping and numbers have one
/// writer.
struct CanonicalWriter {
    private(set) var output: [UInt8] = []
    private let maxDepth: Int
    /// Where ``handOver()`` feeds the output, when the writer hashes as it goes.
    private var digest: SHA256?

    init(maxDepth: Int) {
        self.maxDepth = maxDepth
        output.reserveCapacity(1024)
    }

    /// Appends ASCII punctuation or a member name the caller has quoted and ordered itself.
    mutating func punctuation(_ text: StaticString) {
        text.withUTF8Buffer { output.append(contentsOf: $0) }
    }

    /// Writes `items` as an array, each element by `element`.
    mutating func writeArray<Item>(_ items: [Item], _ element: (inout CanonicalWriter, Item) throws(LogError) -> Void) throws(LogError) {
        punctuation("[")
        for (index, item) in items.enumerated() {
            if index > 0 { punctuation(",") }
            try element(&self, item)
        }
        punctuation("]")
    }

    /// Writes a record's fields as the object `{<field name>: <value>}`, names in RFC 8785 order.
    mutating func writeFields(_ fields: [Field: String]) throws(LogError) {
        punctuation("{")
        var first = true
        for field in Self.fieldsInCanonicalOrder {
            guard let value = fields[field] else { continue }
            if !first { punctuation(",") }
            first = false
            try writeString(field.rawValue)
            punctuation(":")
            try writeString(value)
        }
        punctuation("}")
    }

    /// Every field, in the order RFC 8785 sorts their names (UTF-16 code units).
    private static let fieldsInCanonicalOrder = Field.allCases.sorted { precedesInUTF16($0.rawValue, $1.rawValue) }

    /// The lowercase hex SHA-256 of `prefix` followed by the canonical bytes `body` writes, which
    /// are fed to the digest as they grow (call ``handOver(atLeast:)`` between elements of a long
    /// array) rather than kept whole.
    ///
    /// - Parameters:
    ///   - prefix: Bytes hashed before the form (a signature context).
    ///   - body: Writes the form; every value in it must serialize (a failure is a bug: the
    ///     values were read by the strict parser or checked by a signer).
    static func hexDigest(prefix: [UInt8] = [], _ body: (inout CanonicalWriter) throws(LogError) -> Void) -> String {
        var writer = CanonicalWriter(digesting: prefix)
        do {
            try body(&writer)
        } catch {
            preconditionFailure("a hashed form has a value that RFC 8785 cannot serialize: \(error.message)")
        }
        return writer.finishDigest()
    }

    /// A writer that hashes what it writes, starting with `prefix` (see ``hexDigest(prefix:_:)``).
    init(digesting prefix: [UInt8]) {
        self.init(maxDepth: JSONValue.defaultMaxDepth)
        digest = SHA256()
        digest?.update(prefix)
    }

    /// The lowercase hex digest of everything a digesting writer wrote.
    consuming func finishDigest() -> String {
        handOver(atLeast: 0)
        return Hex.encode(digest!.finalize())
    }

    /// Appends text its caller knows to be canonical JSON already (a kept record's fields, written
    /// by this writer when they were kept).
    mutating func canonicalText(_ text: String) {
        output.append(contentsOf: text.utf8)
    }

    /// Feeds the output to the digest once it holds at least `count` bytes (64 KiB by default),
    /// and empties it, keeping its capacity.
    mutating func handOver(atLeast count: Int = 1 << 16) {
        guard output.count >= count, digest != nil else { return }
        output.withUnsafeBytes { digest!.update(buffer: $0) }
        output.removeAll(keepingCapacity: true)
    }

    /// Feeds the output so far, then `bytes` (canonical bytes written before), to the digest.
    mutating func digestDirectly(_ bytes: [UInt8]) {
        handOver(atLeast: 0)
        digest!.update(bytes)
    }

    /// Writes the elements of a long array (not its brackets), a comma before each but the
    /// first, into a digesting writer: on every core, a window of `window` elements at a time
    /// in chunks of `chunk`, each window fed to the digest in order once written, so that
    /// nothing of them is kept. The bytes are those of writing them one after another.
    mutating func digestConcurrently<Item: Sendable>(
        _ items: [Item], chunk: Int = 1_024, window: Int = 16_384,
        _ element: @Sendable (inout CanonicalWriter, Item) throws(LogError) -> Void
    ) {
        precondition(digest != nil && chunk > 0 && window > 0, "a digesting writer writes in chunks")
        let depth = maxDepth
        for start in stride(from: 0, to: items.count, by: window) {
            let end = Swift.min(items.count, start + window)
            let chunks = (end - start + chunk - 1) / chunk
            let written = Mutex([[UInt8]](repeating: [], count: chunks))
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                var part = CanonicalWriter(maxDepth: depth)
                do throws(LogError) {
                    for index in (start + c * chunk)..<Swift.min(end, start + (c + 1) * chunk) {
                        if index > 0 { part.punctuation(",") }
                        try element(&part, items[index])
                    }
                } catch {
                    preconditionFailure("a hashed form has a value that RFC 8785 cannot serialize: \(error.message)")
                }
                written.withLock { $0[c] = part.output }
            }
            for bytes in written.withLock({ $0 }) {
                digestDirectly(bytes)
            }
        }
    }

    /// Appends `value`, which sits inside `depth` arrays and objects.
    mutating func write(_ value: JSONValue, depth: Int) throws(LogError) {
        switch value {
        case .null:
            output.append(contentsOf: "null".utf8)
        case .bool(true):
            output.append(contentsOf: "true".utf8)
        case .bool(false):
            output.append(contentsOf: "false".utf8)
        case let .number(number):
            try ECMAScriptNumber.append(number, to: &output)
        case let .string(string):
            try writeString(string)
        case let .array(values):
            guard depth < maxDepth else { throw tooDeep() }
            output.append(UInt8(ascii: "["))
            var first = true
            for element in values {
                if !first { output.append(UInt8(ascii: ",")) }
                first = false
                try write(element, depth: depth + 1)
            }
            output.append(UInt8(ascii: "]"))
        case let .object(members):
            guard depth < maxDepth else { throw tooDeep() }
            output.append(UInt8(ascii: "{"))
            // Sorting positions moves integers rather than members, which is cheaper.
            let entries = Array(members)
            var order = Array(entries.indices)
            order.sort { Self.precedesInUTF16(entries[$0].key, entries[$1].key) }
            var first = true
            for position in order {
                if !first { output.append(UInt8(ascii: ",")) }
                first = false
                try writeString(entries[position].key)
                output.append(UInt8(ascii: ":"))
                try write(entries[position].value, depth: depth + 1)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    private func tooDeep() -> LogError {
        LogError(code: .nestingTooDeep, message: "arrays and objects nest deeper than \(maxDepth)")
    }

    /// Writes a string literal: `"` `\` and C0 controls escaped (short forms where JSON has them,
    /// else `\u00xx` in lowercase hex), every other character as raw UTF-8.
    mutating func writeString(_ string: String) throws(LogError) {
        output.append(UInt8(ascii: "\""))
        let valid = string.utf8.withContiguousStorageIfAvailable { writeEscaped($0) }
            ?? Array(string.utf8).withUnsafeBufferPointer { writeEscaped($0) }
        guard valid else {
            throw LogError(code: .invalidUnicode, message: "a string holds a Unicode noncharacter")
        }
        output.append(UInt8(ascii: "\""))
    }

    /// Appends the escaped UTF-8 of a string body; `false` if it holds a noncharacter.
    private mutating func writeEscaped(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        var runStart = 0
        var index = 0
        let count = utf8.count
        while index < count {
            index = ASCIIScan.endOfPlainRun(in: utf8, from: index)
            guard index < count else { break }
            let byte = utf8[index]
            if byte >= 0x80 {
                // Raw UTF-8, copied as is; a Swift string is always valid UTF-8.
                if byte >= 0xEF, Self.isNoncharacter(utf8, at: index) {
                    return false
                }
                index += byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                continue
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
            appendEscape(byte)
            index += 1
            runStart = index
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<count]))
        return true
    }

    private mutating func appendEscape(_ byte: UInt8) {
        output.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): output.append(byte)
        case 0x08: output.append(UInt8(ascii: "b"))
        case 0x09: output.append(UInt8(ascii: "t"))
        case 0x0A: output.append(UInt8(ascii: "n"))
        case 0x0C: output.append(UInt8(ascii: "f"))
        case 0x0D: output.append(UInt8(ascii: "r"))
        default:
            output.append(contentsOf: "u00".utf8)
            output.append(Self.lowercaseHexDigit(byte >> 4))
            output.append(Self.lowercaseHexDigit(byte & 0x0F))
        }
    }

    private static func lowercaseHexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }

    /// Whether the UTF-8 sequence starting at `index` (lead byte 0xEF or above) encodes a
    /// noncharacter: U+FDD0…U+FDEF, or U+xFFFE / U+xFFFF in any plane.
    private static func isNoncharacter(_ utf8: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        let lead = utf8[index]
        if lead == 0xEF {
            let second = utf8[index + 1], third = utf8[index + 2]
            return (second == 0xB7 && (0x90...0xAF).contains(third)) || (second == 0xBF && third >= 0xBE)
        }
        guard lead >= 0xF0 else { return false }
        return utf8[index + 1] & 0x0F == 0x0F && utf8[index + 2] == 0xBF && utf8[index + 3] >= 0xBE
    }

    /// Whether `lhs` sorts before `rhs` when both are read as arrays of UTF-16 code units
    /// (RFC 8785 §3.2.3).
    ///
    /// UTF-8 byte order is code point order, which agrees with UTF-16 order except that
    /// supplementary characters (UTF-8 lead bytes F0–F4, UTF-16 surrogates D800–DFFF) sort before
    /// U+E000…U+FFFF (lead bytes EE–EF) in UTF-16. Where two strings first differ both sit at the
    /// start of a character or both inside characters with the same lead byte, so only that one
    /// case needs fixing.
    static func precedesInUTF16(_ lhs: String, _ rhs: String) -> Bool {
        let result = lhs.utf8.withContiguousStorageIfAvailable { left in
            rhs.utf8.withContiguousStorageIfAvailable { right in
                precedesInUTF16(left, right)
            }
        }
        return (result ?? nil) ?? lhs.utf16.lexicographicallyPrecedes(rhs.utf16)
    }

    private static func precedesInUTF16(_ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = min(left.count, right.count)
        var index = 0
        while index < count {
            let a = left[index], b = right[index]
            if a != b {
                if a >= 0xF0, b == 0xEE || b == 0xEF { return true }
                if b >= 0xF0, a == 0xEE || a == 0xEF { return false }
                return a < b
            }
            index += 1
        }
        return left.count < right.count
    }
}

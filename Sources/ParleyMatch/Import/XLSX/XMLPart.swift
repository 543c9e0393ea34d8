import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Runs Foundation's SAX parser over a workbook part.
enum XMLPart {
    /// The most attributes one element may have; a worksheet's elements have a handful, and
    /// libxml2 checks an element's attributes against each other, so thousands would cost
    /// time quadratic in their number.
    static let maxAttributes = 256
    /// The deepest nesting of elements a part may have (worksheets nest five deep).
    static let maxDepth = 64

    /// Parses `data` with `delegate`, without resolving external entities.
    ///
    /// Only UTF-8 documents are handed to the parser (workbook parts are UTF-8): Foundation's
    /// parser on Linux traps on names that are not valid UTF-8 instead of failing, so bytes
    /// that are not, or a declaration naming another encoding, are refused first. So is, after
    /// one linear pass (`shapeProblem`), a document type declaration (workbook parts have none,
    /// and entity definitions are how XML bombs are built), an element with more than
    /// `maxAttributes` attributes or nesting deeper than `maxDepth`.
    ///
    /// - Returns: Whether the document was well formed and the delegate did not abort.
    static func parse(_ data: Data, with delegate: some XMLParserDelegate) -> Bool {
        let acceptable = data.withUnsafeBytes { raw -> Bool in
            let bytes = raw.bindMemory(to: UInt8.self)
            return TextEncoding.firstInvalidUTF8(bytes[...]) == nil && declaresUTF8(bytes)
                && shapeProblem(bytes) == nil
        }
        guard acceptable else { return false }
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = false
        parser.shouldReportNamespacePrefixes = false
        parser.shouldResolveExternalEntities = false
        parser.delegate = delegate
        return parser.parse()
    }

    /// Whether the XML declaration, if any, names UTF-8 (or no encoding at all).
    private static func declaresUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        guard bytes[start...].starts(with: Array("<?xml".utf8)) else { return true }
        let end = bytes[start...].firstIndex(of: UInt8(ascii: ">")) ?? bytes.count
        let declaration = String(decoding: bytes[start..<end], as: UTF8.self).lowercased()
        guard let range = declaration.range(of: "encoding") else { return true }
        let rest = declaration[range.upperBound...].drop(while: { $0 == " " || $0 == "=" || $0 == "\"" || $0 == "'" })
        return rest.hasPrefix("utf-8") || rest.hasPrefix("utf8")
    }

    /// Why a document's shape is refused before parsing, or nil: a `<!DOCTYPE`, an element with
    /// too many attributes, or nesting too deep. One pass over the bytes, outside comments,
    /// CDATA and processing instructions; attributes are counted by their `=` outside quotes.
    static func shapeProblem(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let n = bytes.count
        var i = 0
        var depth = 0
        func starts(_ text: StaticString, at: Int) -> Bool {
            let count = text.utf8CodeUnitCount
            guard at + count <= n else { return false }
            let pattern = UnsafeBufferPointer(start: text.utf8Start, count: count)
            for k in 0..<count where bytes[at + k] | 0x20 != pattern[k] | 0x20 { return false }
            return true
        }
        func skip(past end: StaticString, from: Int) -> Int {
            var k = from
            while k < n && !starts(end, at: k) { k += 1 }
            return k + end.utf8CodeUnitCount
        }
        while i < n {
            guard bytes[i] == UInt8(ascii: "<") else {
                i += 1
                continue
            }
            if starts("<!--", at: i) { i = skip(past: "-->", from: i + 4); continue }
            if starts("<![CDATA[", at: i) { i = skip(past: "]]>", from: i + 9); continue }
            if starts("<?", at: i) { i = skip(past: "?>", from: i + 2); continue }
            if starts("<!", at: i) { return "a document type declaration" }
            let closing = i + 1 < n && bytes[i + 1] == UInt8(ascii: "/")
            var attributes = 0
            var quote: UInt8 = 0
            var k = i + 1
            while k < n {
                let b = bytes[k]
                if quote != 0 {
                    if b == quote { quote = 0 }
                } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                    quote = b
                } else if b == UInt8(ascii: "=") {
                    attributes += 1
                    if attributes > maxAttributes { return "an element with more than \(maxAttributes) attributes" }
                } else if b == UInt8(ascii: ">") {
                    break
                }
                k += 1
            }
            if closing {
                depth -= 1
            } else if !(k > i + 1 && bytes[k - 1] == UInt8(ascii: "/")) {
                depth += 1
                if depth > maxDepth { return "elements nested more than \(maxDepth) deep" }
            }
            i = k + 1
        }
        return nil
    }

    /// An element or attribute name without its namespace prefix (`x:row` → `row`).
    static func local(_ name: String) -> Substring {
        guard let colon = name.lastIndex(of: ":") else { return name[...] }
        return name[name.index(after: colon)...]
    }

    /// The value of the attribute whose name, without prefix, is `name`.
    static func attribute(_ name: String, in attributes: [String: String]) -> String? {
        if let value = attributes[name] { return value }
        return attributes.first(where: { local($0.key) == name })?.value
    }
}

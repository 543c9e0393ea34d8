import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Runs Foundation's SAX parser over a workbook part.
enum XMLPart {
    /// Parses `data` with `delegate`, without resolving external entities.
    ///
    /// Only UTF-8 documents are handed to the parser (workbook parts are UTF-8): Foundation's
    /// parser on Linux traps on names that are not valid UTF-8 instead of failing, so bytes
    /// that are not, or a declaration naming another encoding, are refused first.
    ///
    /// - Returns: Whether the document was well formed and the delegate did not abort.
    static func parse(_ data: Data, with delegate: some XMLParserDelegate) -> Bool {
        let bytes = [UInt8](data)
        guard TextEncoding.firstInvalidUTF8(bytes[...]) == nil, declaresUTF8(bytes) else { return false }
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = false
        parser.shouldReportNamespacePrefixes = false
        parser.shouldResolveExternalEntities = false
        parser.delegate = delegate
        return parser.parse()
    }

    /// Whether the XML declaration, if any, names UTF-8 (or no encoding at all).
    private static func declaresUTF8(_ bytes: [UInt8]) -> Bool {
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        guard bytes[start...].starts(with: Array("<?xml".utf8)) else { return true }
        let end = bytes[start...].firstIndex(of: UInt8(ascii: ">")) ?? bytes.count
        let declaration = String(decoding: bytes[start..<end], as: UTF8.self).lowercased()
        guard let range = declaration.range(of: "encoding") else { return true }
        let rest = declaration[range.upperBound...].drop(while: { $0 == " " || $0 == "=" || $0 == "\"" || $0 == "'" })
        return rest.hasPrefix("utf-8") || rest.hasPrefix("utf8")
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

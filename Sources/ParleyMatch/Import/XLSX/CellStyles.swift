import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Which cell styles of a workbook (`xl/styles.xml`) show a number as a date.
final class CellStyles: NSObject, XMLParserDelegate {
    /// For each cell format (`<cellXfs>` entry, a cell's `s` index), whether it is a date format.
    private(set) var isDate: [Bool] = []

    private var customFormats: [Int: String] = [:]
    private var formatIDs: [Int] = []
    private var inCellXfs = false

    /// Reads a styles part; nil when it is not well-formed XML.
    static func parse(_ data: Data) -> CellStyles? {
        let styles = CellStyles()
        guard XMLPart.parse(data, with: styles) else { return nil }
        styles.isDate = styles.formatIDs.map { id in
            CellStyles.isDateFormat(id: id, code: styles.customFormats[id])
        }
        return styles
    }

    /// Whether a number format shows a date: built-in formats 14–22, or a format code with a
    /// day, month or year part (outside quoted text, brackets and escapes).
    static func isDateFormat(id: Int, code: String?) -> Bool {
        if (14...22).contains(id) { return true }
        guard let code else { return false }
        var letters = Set<Character>()
        var inQuotes = false
        var inBrackets = false
        var skipNext = false
        for ch in code.lowercased() {
            if skipNext {
                skipNext = false
                continue
            }
            switch ch {
            case "\"": inQuotes.toggle()
            case "[" where !inQuotes: inBrackets = true
            case "]" where !inQuotes: inBrackets = false
            case "\\", "_", "*": if !inQuotes { skipNext = true }
            default: if !inQuotes && !inBrackets { letters.insert(ch) }
            }
        }
        if letters.contains("d") || letters.contains("y") { return true }
        return letters.contains("m") && !letters.contains("h") && !letters.contains("s")
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
    ) {
        switch XMLPart.local(elementName) {
        case "numFmt":
            if let id = attributeDict["numFmtId"].flatMap({ Int($0) }), let code = attributeDict["formatCode"] {
                customFormats[id] = code
            }
        case "cellXfs":
            inCellXfs = true
        case "xf" where inCellXfs:
            formatIDs.append(attributeDict["numFmtId"].flatMap { Int($0) } ?? 0)
        default:
            break
        }
    }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?
    ) {
        if XMLPart.local(elementName) == "cellXfs" { inCellXfs = false }
    }
}

import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// What `xl/workbook.xml` says that import needs: the sheets, in order, and the date system.
final class WorkbookInfo: NSObject, XMLParserDelegate {
    /// A worksheet as the workbook lists it.
    struct Sheet: Sendable {
        /// Its name, as its tab shows it.
        var name: String
        /// Its relationship id (`r:id`), which `xl/_rels/workbook.xml.rels` resolves to a part.
        var relationship: String?
    }

    /// The sheets in tab order.
    private(set) var sheets: [Sheet] = []
    /// Whether dates count from 1904 (`<workbookPr date1904="1"/>`).
    private(set) var date1904 = false

    /// Reads a workbook part; nil when it is not well-formed XML.
    static func parse(_ data: Data) -> WorkbookInfo? {
        let info = WorkbookInfo()
        return XMLPart.parse(data, with: info) ? info : nil
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
    ) {
        switch XMLPart.local(elementName) {
        case "workbookPr":
            let value = XMLPart.attribute("date1904", in: attributeDict)?.lowercased()
            date1904 = value == "1" || value == "true"
        case "sheet" where sheets.count < XLSXReader.maxSheets:
            sheets.append(Sheet(name: attributeDict["name"] ?? "",
                                relationship: attributeDict.first(where: { $0.key.hasSuffix(":id") })?.value))
        default:
            break
        }
    }
}

/// The relationships of a part (`xl/_rels/workbook.xml.rels`): id → target.
final class Relationships: NSObject, XMLParserDelegate {
    /// Targets by relationship id.
    private(set) var targets: [String: String] = [:]

    /// Reads a relationships part; nil when it is not well-formed XML.
    static func parse(_ data: Data) -> Relationships? {
        let rels = Relationships()
        return XMLPart.parse(data, with: rels) ? rels : nil
    }

    /// The archive path of a target relative to `xl/`: `worksheets/sheet1.xml` →
    /// `xl/worksheets/sheet1.xml`, `/xl/x.xml` → `xl/x.xml`, `..` segments resolved.
    static func path(ofTarget target: String, base: String = "xl") -> String {
        var parts: [Substring] = target.hasPrefix("/") ? [] : base.split(separator: "/")
        for segment in target.split(separator: "/") {
            switch segment {
            case ".": continue
            case "..": _ = parts.popLast()
            default: parts.append(segment)
            }
        }
        return parts.joined(separator: "/")
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
    ) {
        guard XMLPart.local(elementName) == "Relationship",
              let id = attributeDict["Id"], let target = attributeDict["Target"] else { return }
        targets[id] = target
    }
}

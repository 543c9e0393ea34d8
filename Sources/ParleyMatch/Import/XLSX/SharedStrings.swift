import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A workbook's shared strings (`xl/sharedStrings.xml`): plain `<si><t>` and rich-text runs
/// `<si><r><t>`, whose texts are joined; phonetic hints (`<rPh>`) are left out.
final class SharedStrings: NSObject, XMLParserDelegate {
    /// The strings in index order.
    private(set) var strings: [String] = []

    private var current = ""
    private var inItem = false
    private var inText = false
    private var phoneticDepth = 0

    /// Reads a shared-strings part; nil when it is not well-formed XML.
    static func parse(_ data: Data) -> SharedStrings? {
        let table = SharedStrings()
        return XMLPart.parse(data, with: table) ? table : nil
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
    ) {
        switch XMLPart.local(elementName) {
        case "si":
            inItem = true
            current = ""
        case "rPh":
            phoneticDepth += 1
        case "t":
            inText = inItem && phoneticDepth == 0
        default:
            break
        }
    }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?
    ) {
        switch XMLPart.local(elementName) {
        case "si":
            strings.append(current)
            inItem = false
        case "rPh":
            phoneticDepth = max(0, phoneticDepth - 1)
        case "t":
            inText = false
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { current += string }
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        if inText { current += String(decoding: CDATABlock, as: UTF8.self) }
    }
}

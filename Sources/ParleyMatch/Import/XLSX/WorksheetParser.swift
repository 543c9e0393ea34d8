import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads a worksheet part (`xl/worksheets/sheetN.xml`) into rows of placed cells.
///
/// Cells are placed by their reference ("C7" is column 3), so empty cells in the middle leave
/// gaps; a cell without a reference follows the previous one. Shared strings, inline strings
/// (plain or rich), formula string results, booleans, errors and numbers are read; a number in a
/// date style becomes its `yyyy-mm-dd` date, and every number also keeps its value.
///
/// Only cells with a value are kept, and only rows with such a cell, each charged to the
/// read's budget: a sheet's memory follows its values, never its width (a cell in column
/// XFD is one cell, not 16,384).
final class WorksheetParser: NSObject, XMLParserDelegate {
    /// The largest column (XFD) and row numbers a worksheet can have.
    static let maxColumns = 16_384
    static let maxRows = 1_048_576

    /// The rows with a value, in sheet order.
    private(set) var rows: [RawTable.Row] = []
    /// Why the sheet could not be read, when it could not.
    private(set) var failure: String?
    /// The row on which the budget ran out, when it did.
    private(set) var budgetSpentOn: Int?
    /// What is left of the read's budget.
    var budget: ReadBudget

    private let sharedStrings: [String]
    private let dateStyles: [Bool]
    private let date1904: Bool

    private var rowNumber = 0
    private var cells: [RawTable.PlacedCell] = []
    private var column = -1
    private var type = ""
    private var style = 0
    private var value = ""
    private var inline = ""
    private var inValue = false
    private var inInlineText = false
    private var inInline = false
    private var phoneticDepth = 0

    /// Creates a parser for one sheet of a workbook.
    init(sharedStrings: [String], dateStyles: [Bool], date1904: Bool, budget: ReadBudget) {
        self.budget = budget
        self.sharedStrings = sharedStrings
        self.dateStyles = dateStyles
        self.date1904 = date1904
    }

    /// The 0-based column of a cell reference ("A1" → 0, "AB12" → 27), nil when malformed.
    static func column(ofReference reference: String) -> Int? {
        var column = 0
        var letters = 0
        for scalar in reference.unicodeScalars {
            let v = scalar.value
            if v >= 65 && v <= 90 || v >= 97 && v <= 122 {
                letters += 1
                guard letters <= 3 else { return nil }
                column = column * 26 + Int((v | 0x20) - 96)
            } else {
                break
            }
        }
        guard letters > 0, column <= maxColumns else { return nil }
        return column - 1
    }

    private func spent(_ parser: XMLParser) {
        if budgetSpentOn == nil { budgetSpentOn = rowNumber }
        parser.abortParsing()
    }

    private func fail(_ parser: XMLParser, _ reason: String) {
        if failure == nil { failure = reason }
        parser.abortParsing()
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
    ) {
        switch XMLPart.local(elementName) {
        case "row":
            let next = attributeDict["r"].flatMap { Int($0) } ?? rowNumber + 1
            guard next >= 1, next <= Self.maxRows else { return fail(parser, "a row number is out of range") }
            rowNumber = next
            cells = []
            column = -1
        case "c":
            if let reference = attributeDict["r"] {
                guard let placed = Self.column(ofReference: reference) else {
                    return fail(parser, "a cell reference is malformed")
                }
                column = placed
            } else {
                column += 1
            }
            guard column < Self.maxColumns else { return fail(parser, "a cell lies beyond the last column") }
            type = attributeDict["t"] ?? "n"
            style = attributeDict["s"].flatMap { Int($0) } ?? 0
            value = ""
            inline = ""
        case "v":
            inValue = true
        case "is":
            inInline = true
        case "rPh":
            phoneticDepth += 1
        case "t":
            inInlineText = inInline && phoneticDepth == 0
        default:
            break
        }
    }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?
    ) {
        switch XMLPart.local(elementName) {
        case "v": inValue = false
        case "is": inInline = false
        case "t": inInlineText = false
        case "rPh": phoneticDepth = max(0, phoneticDepth - 1)
        case "c":
            guard let cell = makeCell(parser), !cell.text.isEmpty else { return }
            guard budget.chargeCell(cell.text) else { return spent(parser) }
            cells.append(RawTable.PlacedCell(column: column, cell: cell))
        case "row":
            defer { cells = [] }
            guard !cells.isEmpty else { return }
            guard budget.charge(ReadBudget.rowOverhead) else { return spent(parser) }
            if zip(cells, cells.dropFirst()).contains(where: { $0.column >= $1.column }) {
                // Out of order, or a column twice: sort, the last value of a column winning.
                var byColumn: [Int: RawTable.PlacedCell] = [:]
                for placed in cells { byColumn[placed.column] = placed }
                cells = byColumn.values.sorted { $0.column < $1.column }
            }
            rows.append(RawTable.Row(line: rowNumber, cells: cells))
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        collect(string)
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        collect(String(decoding: CDATABlock, as: UTF8.self))
    }

    private func collect(_ text: String) {
        if inValue { value += text } else if inInlineText { inline += text }
    }

    /// The finished cell, from its type, style and collected text.
    private func makeCell(_ parser: XMLParser) -> RawTable.Cell? {
        switch type {
        case "s":
            guard !value.isEmpty else { return RawTable.Cell("") }
            guard let index = Int(value.trimmingWhitespace()), sharedStrings.indices.contains(index) else {
                fail(parser, "a cell refers to a shared string that does not exist")
                return nil
            }
            return RawTable.Cell(sharedStrings[index].trimmingWhitespace())
        case "inlineStr":
            return RawTable.Cell(inline.trimmingWhitespace())
        case "b":
            let text = value.trimmingWhitespace()
            return RawTable.Cell(text == "1" ? "TRUE" : text == "0" ? "FALSE" : text)
        case "d":
            let text = value.trimmingWhitespace()
            return RawTable.Cell(String(text.prefix(while: { $0 != "T" })))
        case "n":
            let text = value.trimmingWhitespace()
            guard let number = Double(text), number.isFinite else { return RawTable.Cell(text) }
            if dateStyles.indices.contains(style), dateStyles[style],
               let date = CalendarDate(spreadsheetSerial: number, date1904: date1904) {
                return RawTable.Cell(date.description, number: number)
            }
            if number == number.rounded(), abs(number) < 1e15 {
                return RawTable.Cell(String(Int(number)), number: number)
            }
            return RawTable.Cell(text, number: number)
        default:  // "str" (a formula's text), "e" (an error such as #N/A)
            return RawTable.Cell(value.trimmingWhitespace())
        }
    }
}

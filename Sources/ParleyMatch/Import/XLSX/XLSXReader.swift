import Foundation

/// Reads the first worksheet of an xlsx workbook into a `RawTable`, all in memory.
///
/// The first sheet is the first `<sheet>` of `xl/workbook.xml`, found through
/// `xl/_rels/workbook.xml.rels`; without those, `xl/worksheets/sheet1.xml`. Rows keep their
/// sheet row numbers as lines. The header is the first row with a value; its last value sets
/// the width, and a value beyond it in a later row is a ragged row.
enum XLSXReader {
    /// The largest part (uncompressed) read from a workbook: beyond it the file is refused.
    static let maxPartSize = 256 << 20

    /// Reads a workbook.
    ///
    /// - Parameters:
    ///   - bytes: The file's bytes.
    ///   - file: The file name errors name.
    /// - Returns: The header and the rows that have a value.
    /// - Throws: `.invalidWorkbook` for a corrupt archive or a missing or malformed part,
    ///   `.emptyFile` for a sheet with no values, `.raggedRow` for a value outside the header.
    static func read(_ bytes: [UInt8], file: String) throws(ListError) -> RawTable {
        let archive: ZipDirectory
        do {
            archive = try ZipDirectory(bytes)
        } catch {
            throw ListError(.invalidWorkbook, "the workbook is not a readable zip archive (\(error.reason))",
                            file: file, underlying: error)
        }

        var date1904 = false
        var sheetPath: String?
        if let data = try part("xl/workbook.xml", of: archive, file: file) {
            guard let workbook = WorkbookInfo.parse(data) else { throw invalid("xl/workbook.xml is malformed", file) }
            date1904 = workbook.date1904
            if let id = workbook.firstSheetRelationship,
               let rels = try part("xl/_rels/workbook.xml.rels", of: archive, file: file).flatMap(Relationships.parse),
               let target = rels.targets[id] {
                sheetPath = Relationships.path(ofTarget: target)
            }
        }
        var sheet: Data?
        for path in [sheetPath, "xl/worksheets/sheet1.xml"].compactMap({ $0 }) {
            sheet = try part(path, of: archive, file: file)
            if sheet != nil { break }
        }
        guard let sheet else { throw invalid("the workbook has no worksheet", file) }

        var shared: [String] = []
        if let data = try part("xl/sharedStrings.xml", of: archive, file: file) {
            guard let table = SharedStrings.parse(data) else { throw invalid("xl/sharedStrings.xml is malformed", file) }
            shared = table.strings
        }
        var dateStyles: [Bool] = []
        if let data = try part("xl/styles.xml", of: archive, file: file) {
            guard let styles = CellStyles.parse(data) else { throw invalid("xl/styles.xml is malformed", file) }
            dateStyles = styles.isDate
        }

        let parser = WorksheetParser(sharedStrings: shared, dateStyles: dateStyles, date1904: date1904)
        let parsed = XMLPart.parse(sheet, with: parser)
        if let failure = parser.failure { throw invalid("the worksheet is malformed: \(failure)", file) }
        guard parsed else { throw invalid("the worksheet is malformed", file) }
        return try table(of: parser.rows, date1904: date1904, file: file)
    }

    /// The header and rows of a parsed sheet.
    private static func table(of sheetRows: [WorksheetParser.Row], date1904: Bool, file: String) throws(ListError) -> RawTable {
        var header: [String]?
        var headerLine = 1
        var rows: [RawTable.Row] = []
        rows.reserveCapacity(sheetRows.count)
        for row in sheetRows where !row.cells.isEmpty {
            guard let header else {
                let width = (row.cells.map(\.column).max() ?? 0) + 1
                var names = Array(repeating: "", count: width)
                for placed in row.cells { names[placed.column] = placed.cell.text }
                header = names
                headerLine = row.number
                continue
            }
            var cells = Array(repeating: RawTable.Cell(""), count: header.count)
            for placed in row.cells {
                guard placed.column < header.count else {
                    throw ListError(.raggedRow, "the row has a value in column \(placed.column + 1), "
                                        + "the header has \(header.count) columns",
                                    file: file, line: row.number)
                }
                cells[placed.column] = placed.cell
            }
            rows.append(RawTable.Row(line: row.number, cells: cells))
        }
        guard let header else { throw ListError(.emptyFile, "the first worksheet is empty", file: file) }
        return RawTable(header: header, headerLine: headerLine, rows: rows, date1904: date1904)
    }

    /// The uncompressed bytes of one part, or nil when the archive has no such part.
    private static func part(_ path: String, of archive: ZipDirectory, file: String) throws(ListError) -> Data? {
        do {
            return try archive.extract(path, limit: maxPartSize)
        } catch {
            throw ListError(.invalidWorkbook, error.reason, file: file, underlying: error)
        }
    }

    private static func invalid(_ message: String, _ file: String) -> ListError {
        ListError(.invalidWorkbook, message, file: file)
    }
}

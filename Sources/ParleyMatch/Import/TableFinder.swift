/// Finds the table of people in a sheet's rows: which row is the header, and so which rows
/// above it are titles.
///
/// Offices put a title ("Список осіб…"), a date or a letterhead above the table, so the header
/// is not assumed to be the first row: of the first `searchRows` rows with a value, it is the
/// one with the most cells that name a field or the record id (as `HeaderSynonyms` reads them,
/// or as the column map names them), the earliest on a tie. A sheet in which no row names two
/// such columns keeps its first row as the header (whose columns then name what is missing).
enum TableFinder {
    /// How many rows with a value are looked at for the header.
    static let searchRows = 50
    /// The widest header read: Excel's last column, XFD.
    static let maxColumns = 16_384

    /// A table found in a sheet.
    struct Found: Sendable {
        /// The header cells, one per column up to its last non-empty one.
        var header: [String]
        /// Where the header is among the sheet's rows.
        var headerIndex: Int
        /// The columns read.
        var layout: ColumnLayout
    }

    /// How many cells of `row` name a field or the id.
    static func headerScore(_ row: RawTable.Row, options: ImportOptions) -> Int {
        let mapped = Set((Array(options.columnMap.values) + [options.idColumn].compactMap { $0 }).map(HeaderSynonyms.key))
        var score = 0
        for placed in row.cells {
            let key = HeaderSynonyms.key(placed.cell.text)
            if HeaderSynonyms.byKey[key] != nil || HeaderSynonyms.idKeys.contains(key) || mapped.contains(key) { score += 1 }
        }
        return score
    }

    /// Finds the header and resolves its columns.
    ///
    /// - Throws: `.emptyFile` for a sheet with no rows, `.tooLarge` for a header wider than
    ///   `maxColumns`, and what `ColumnLayout.resolve` throws.
    static func find(_ table: RawTable, options: ImportOptions, file: String) throws(ListError) -> Found {
        guard !table.rows.isEmpty else { throw ListError(.emptyFile, "the sheet has no values", file: file) }
        var best = 0
        var bestScore = 0
        for (index, row) in table.rows.prefix(searchRows).enumerated() {
            let score = headerScore(row, options: options)
            if score > bestScore {
                best = index
                bestScore = score
            }
        }
        if bestScore < 2 { best = 0 }
        let row = table.rows[best]
        guard row.lastColumn <= maxColumns else {
            throw ListError(.tooLarge, "the header has more than \(maxColumns) columns", file: file, line: row.line)
        }
        var header = Array(repeating: "", count: row.lastColumn)
        for placed in row.cells { header[placed.column] = placed.cell.text }
        let layout = try ColumnLayout.resolve(header: header, headerLine: row.line, options: options, file: file)
        return Found(header: header, headerIndex: best, layout: layout)
    }
}

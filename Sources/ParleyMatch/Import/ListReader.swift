/// Reads a list of people from a file's bytes: CSV (UTF-8 or Windows-1251) or xlsx.
///
/// It does no file I/O: the caller reads the file and passes its bytes and its name, which
/// errors and the list are named by.
///
/// What a list becomes:
/// - Headers are recognised in English, Ukrainian and Russian (see `HeaderSynonyms`), or
///   chosen with `ImportOptions.columnMap`. Unrecognised columns are ignored.
/// - Values are kept as given, surrounding whitespace trimmed; empty cells are absent.
///   A date a spreadsheet stored as a number is kept in `yyyy-mm-dd` form.
/// - A full-name column is kept as `Field.fullName`; when the list has no separate surname
///   or given-name column, the full name is split into them (derived values).
/// - Record ids come from the id column, else are the record's line (CSV) or row (xlsx).
/// - The header is found among the first rows (`TableFinder`): title rows above it are skipped,
///   and so are the rows after the last person that are no person (`RecordBuilder`).
/// - Of a workbook, the sheet chosen, else the first sheet that holds a table of people.
/// - Rows that are entirely empty are skipped; a header with no rows is an empty list.
/// - Every bad row is reported in one read, up to `ListError.maxProblems`.
/// - Memory is bounded (`ReadBudget`): only non-empty cells are stored.
public enum ListReader {
    /// A list read from a file, with the report of how it was read.
    public struct Read: Sendable {
        /// The list.
        public var list: PersonList
        /// Which sheet, header, skipped lines and columns.
        public var report: ImportReport
    }

    /// Reads a list.
    ///
    /// - Parameters:
    ///   - bytes: The file's contents.
    ///   - file: The file's name, used for format detection (its extension) and in errors.
    ///   - options: Format, encoding, column choices and name order; detected when left out.
    /// - Returns: The list, named `file`, with its records in file order.
    /// - Throws: `ListError` naming the file and, where there is one, the line and column; when
    ///   several rows are bad, the first, carrying the others (`ListError.lines`).
    public static func read(_ bytes: [UInt8], file: String, options: ImportOptions = .init()) throws(ListError) -> PersonList {
        try readWithReport(bytes, file: file, options: options).list
    }

    /// Reads a list and says how: the sheet, the header's line, the title and footer lines
    /// skipped, and which column was read as which field.
    ///
    /// - Parameters: As `read(_:file:options:)`.
    /// - Returns: The list and its import report.
    /// - Throws: As `read(_:file:options:)`.
    public static func readWithReport(
        _ bytes: [UInt8], file: String, options: ImportOptions = .init()
    ) throws(ListError) -> Read {
        guard bytes.contains(where: { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D) }) else {
            throw ListError(.emptyFile, "the file is empty", file: file)
        }
        var budget = options.memoryLimit.map { ReadBudget(limit: $0) } ?? ReadBudget.forInput(size: bytes.count)
        switch try format(of: bytes, file: file, options: options) {
        case .csv:
            let table = try CSVReader.read(bytes, file: file, encoding: options.encoding, budget: &budget)
            return try build(table, file: file, options: options)
        case .xlsx:
            return try readWorkbook(bytes, file: file, options: options, budget: &budget)
        }
    }

    /// Reads the chosen sheet, or the first that holds a table of people.
    private static func readWorkbook(
        _ bytes: [UInt8], file: String, options: ImportOptions, budget: inout ReadBudget
    ) throws(ListError) -> Read {
        var workbook = try XLSXReader(bytes, file: file)
        let count = workbook.sheets.count
        var chosen: Int?
        if let wanted = options.sheet?.trimmingWhitespace() {
            if let n = Int(wanted), (1...count).contains(n) {
                chosen = n - 1
            } else {
                chosen = workbook.sheets.firstIndex { $0.name == wanted }
                    ?? workbook.sheets.firstIndex { $0.name.lowercased() == wanted.lowercased() }
            }
            guard chosen != nil else {
                let names = workbook.sheets.enumerated().map { "\($0 + 1) \"\($1.name)\"" }.joined(separator: ", ")
                throw ListError(.unknownSheet, "the workbook has no sheet \"\(wanted)\"; its sheets are \(names)", file: file)
            }
        }
        var firstError: ListError?
        for index in chosen.map({ [$0] }) ?? Array(0..<count) {
            do {
                let table = try workbook.table(ofSheet: index, budget: &budget)
                var read = try build(table, file: file, options: options)
                read.report.sheet = workbook.sheets[index].name
                read.report.sheetNumber = index + 1
                read.report.sheetCount = count
                return read
            } catch where chosen == nil && count > 1 && (error.code == .missingColumns || error.code == .emptyFile) {
                // Not a table of people: try the next sheet.
                if firstError == nil { firstError = error }
            }
        }
        guard var error = firstError else { throw ListError(.emptyFile, "the workbook has no sheet", file: file) }
        error.message += " (in none of the workbook's \(count) sheets; choose one with --sheet)"
        throw error
    }

    /// The records of a sheet's rows: header found, columns resolved, rows built.
    private static func build(_ table: RawTable, file: String, options: ImportOptions) throws(ListError) -> Read {
        let found: TableFinder.Found
        do {
            found = try TableFinder.find(table, options: options, file: file)
        } catch {
            let undecodable = table.undecodable.map {
                ListError(.undecodableBytes, $0.message + " in column \($0.column + 1)", file: file, line: $0.line)
            }
            throw ListError.collected(undecodable) ?? error
        }
        let headerRow = table.rows[found.headerIndex]
        let built = RecordBuilder.build(
            table.rows[(found.headerIndex + 1)...], header: found.header, headerCellCount: headerRow.cellCount,
            layout: found.layout, nameOrder: options.nameOrder, date1904: table.date1904, file: file)
        var problems = built.problems
        for bad in table.undecodable where bad.line >= headerRow.line {
            let named = found.header.indices.contains(bad.column) && !found.header[bad.column].isEmpty
            problems.append(ListError(.undecodableBytes, named ? bad.message : bad.message + " in column \(bad.column + 1)",
                                      file: file, line: bad.line, column: named ? found.header[bad.column] : nil))
        }
        problems.sort { ($0.line ?? 0) < ($1.line ?? 0) }
        if let error = ListError.collected(problems) { throw error }
        let report = ImportReport(
            headerLine: headerRow.line,
            titleLines: table.rows[..<found.headerIndex].map(\.line),
            footerLines: built.footerLines,
            columns: found.layout.report(header: found.header))
        return Read(list: PersonList(name: file, records: built.records), report: report)
    }

    /// The format of a file: the one chosen in `options`, else xlsx for a zip archive, else by the
    /// file name's extension, else CSV.
    ///
    /// - Parameters:
    ///   - bytes: The file's contents.
    ///   - file: The file's name.
    ///   - options: Options whose `format`, when set, decides.
    /// - Returns: The format to read the file as.
    /// - Throws: `.unsupportedFormat` for a legacy `.xls` or an OpenDocument spreadsheet.
    public static func format(of bytes: [UInt8], file: String, options: ImportOptions = .init()) throws(ListError) -> ListFormat {
        if let format = options.format { return format }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return .xlsx }
        let legacy = bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
        let name = file.lowercased()
        if legacy || name.hasSuffix(".xls") || name.hasSuffix(".ods") {
            throw ListError(.unsupportedFormat, "this spreadsheet format is not read; save the list as .xlsx or CSV",
                            file: file)
        }
        if name.hasSuffix(".xlsx") || name.hasSuffix(".xlsm") { return .xlsx }
        return .csv
    }
}

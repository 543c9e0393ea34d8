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
/// - Rows that are entirely empty are skipped; a header with no rows is an empty list.
public enum ListReader {
    /// Reads a list.
    ///
    /// - Parameters:
    ///   - bytes: The file's contents.
    ///   - file: The file's name, used for format detection (its extension) and in errors.
    ///   - options: Format, encoding, column choices and name order; detected when left out.
    /// - Returns: The list, named `file`, with its records in file order.
    /// - Throws: `ListError` naming the file and, where there is one, the line and column.
    public static func read(_ bytes: [UInt8], file: String, options: ImportOptions = .init()) throws(ListError) -> PersonList {
        guard bytes.contains(where: { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D) }) else {
            throw ListError(.emptyFile, "the file is empty", file: file)
        }
        let table: RawTable
        switch try format(of: bytes, file: file, options: options) {
        case .csv: table = try CSVReader.read(bytes, file: file, encoding: options.encoding)
        case .xlsx: table = try XLSXReader.read(bytes, file: file)
        }
        let layout = try ColumnLayout.resolve(header: table.header, headerLine: table.headerLine,
                                              options: options, file: file)
        let records = try RecordBuilder.build(table, layout: layout, nameOrder: options.nameOrder, file: file)
        return PersonList(name: file, records: records)
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

/// How to read a list: everything here is optional, and detected when left out.
public struct ImportOptions: Sendable {
    /// The file format; nil detects it from the bytes, then from the file name.
    public var format: ListFormat?
    /// The text encoding of a CSV file; nil detects UTF-8 or Windows-1251.
    public var encoding: TextEncoding?
    /// Columns chosen by hand (`--map FIELD=COLUMN`): a header as written in the file
    /// (case and spacing do not matter) or a 1-based column number. Overrides detection.
    public var columnMap: [Field: String]
    /// The column holding record ids (a header or a 1-based number); nil detects a column
    /// named like `id` or `№`, else ids are row numbers.
    public var idColumn: String?
    /// The order of the parts in a full-name column; nil decides per value.
    public var nameOrder: NameOrder?
    /// The worksheet of a workbook to read: its name, or its 1-based number; nil reads the
    /// first sheet that holds a table of people. A CSV file, which has one table, ignores it.
    public var sheet: String?
    /// The most bytes reading the list may store; nil for the default (`ReadBudget.forInput`:
    /// a small multiple of the file, at most 1 GiB).
    public var memoryLimit: Int?

    /// Creates options; every parameter defaults to detection.
    public init(
        format: ListFormat? = nil,
        encoding: TextEncoding? = nil,
        columnMap: [Field: String] = [:],
        idColumn: String? = nil,
        nameOrder: NameOrder? = nil,
        sheet: String? = nil,
        memoryLimit: Int? = nil
    ) {
        self.sheet = sheet
        self.memoryLimit = memoryLimit
        self.format = format
        self.encoding = encoding
        self.columnMap = columnMap
        self.idColumn = idColumn
        self.nameOrder = nameOrder
    }
}

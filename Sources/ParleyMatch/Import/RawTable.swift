/// A sheet's rows as the file gave them, before any row is the header or a column means anything.
///
/// The CSV and xlsx readers both produce one, and store it sparsely: a row keeps only its
/// non-empty cells, each with its column, and rows with no value at all are not kept. So a
/// header cell in the last column of a spreadsheet, or a line of delimiters, costs one cell,
/// not a row's width of them. `TableFinder` then finds the header among the rows.
struct RawTable: Sendable {
    /// One cell: its text (surrounding whitespace trimmed) and, for a spreadsheet number,
    /// the number itself, so that a date column can read it as a date serial.
    struct Cell: Sendable {
        /// The cell's text; empty for an empty cell.
        var text: String
        /// The cell's value when the spreadsheet stored a number.
        var number: Double?

        /// Creates a cell.
        init(_ text: String, number: Double? = nil) {
            self.text = text
            self.number = number
        }
    }

    /// A non-empty cell with its 0-based column.
    struct PlacedCell: Sendable {
        var column: Int
        var cell: Cell
    }

    /// One row that has a value.
    struct Row: Sendable {
        /// The 1-based line (CSV) or row number (xlsx) where the row starts.
        var line: Int
        /// The non-empty cells, in column order.
        var cells: [PlacedCell]
        /// How many cells the line had, empty ones included (CSV); nil for a spreadsheet row,
        /// whose empty cells are simply absent.
        var cellCount: Int?

        /// The cell in `column`, or nil when it is empty.
        func cell(_ column: Int) -> Cell? {
            var lo = 0
            var hi = cells.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if cells[mid].column < column { lo = mid + 1 } else { hi = mid }
            }
            return lo < cells.count && cells[lo].column == column ? cells[lo].cell : nil
        }

        /// The text in `column`, empty when the cell is.
        func text(_ column: Int) -> String {
            cell(column)?.text ?? ""
        }

        /// One past the last column with a value.
        var lastColumn: Int { (cells.last?.column ?? -1) + 1 }
    }

    /// A byte that is not text in the file's encoding, kept until the header names its column.
    struct UndecodableCell: Sendable {
        var line: Int
        var column: Int
        var message: String
    }

    /// The rows with a value, in file order.
    var rows: [Row] = []
    /// Whether spreadsheet date serials count from 1904 (an xlsx workbook's `date1904`).
    var date1904: Bool = false
    /// Cells whose bytes could not be decoded (CSV), in file order.
    var undecodable: [UndecodableCell] = []

    /// How many cells are stored, for the budget and for tests that prove sparseness.
    var storedCells: Int { rows.reduce(0) { $0 + $1.cells.count } }
}

extension String {
    /// The string without leading and trailing whitespace (spaces, tabs, line breaks, no-break spaces).
    func trimmingWhitespace() -> String {
        guard let head = unicodeScalars.first, let tail = unicodeScalars.last else { return self }
        if !String.mayBeWhitespace(head) && !String.mayBeWhitespace(tail) { return self }  // the common case, fast
        guard let first = first, let last = last, first.isWhitespace || last.isWhitespace else {
            return self
        }
        guard let start = firstIndex(where: { !$0.isWhitespace }),
              let end = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[start...end])
    }

    /// Whether a scalar may begin or end a whitespace character: false for every letter and
    /// digit of the scripts lists use, decided without a Unicode property lookup.
    private static func mayBeWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x21...0x7E, 0xA1...0x167F, 0x1681...0x1FFF: false
        default: true
        }
    }
}

/// A list's header and rows as the file gave them, before columns mean anything.
///
/// The CSV and xlsx readers both produce one; `RecordBuilder` turns it into records.
/// Every row has exactly as many cells as the header (readers check or pad), and rows that
/// are entirely empty are already left out.
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

    /// One data row.
    struct Row: Sendable {
        /// The 1-based line (CSV) or row number (xlsx) where the row starts.
        var line: Int
        /// The cells, one per header column.
        var cells: [Cell]
    }

    /// The header cells, trimmed.
    var header: [String]
    /// The line or row of the header.
    var headerLine: Int
    /// The data rows in file order.
    var rows: [Row]
    /// Whether spreadsheet date serials count from 1904 (an xlsx workbook's `date1904`).
    var date1904: Bool = false
}

extension String {
    /// The string without leading and trailing whitespace (spaces, tabs, line breaks, no-break spaces).
    func trimmingWhitespace() -> String {
        guard let first = first, let last = last, first.isWhitespace || last.isWhitespace else {
            return self
        }
        guard let start = firstIndex(where: { !$0.isWhitespace }),
              let end = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[start...end])
    }
}

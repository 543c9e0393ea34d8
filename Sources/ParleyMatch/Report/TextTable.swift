/// An aligned table for a terminal: cells padded to their column's width, two spaces apart.
///
/// Widths are counted in `Character`s (a Cyrillic letter is one column) and capped per column;
/// a longer value is cut and ends in `…`. The last column is never padded, and lines have no
/// trailing blanks. Values are made displayable first (control and format characters become
/// `�`), so a list cannot send escape codes to the terminal.
package struct TextTable: Sendable {
    /// A column: its heading, its widest width, and whether it aligns right.
    package struct Column: Sendable {
        /// The heading.
        package var heading: String
        /// The widest a cell may be; longer values are cut.
        package var maxWidth: Int
        /// Whether cells align right (numbers).
        package var rightAligned: Bool

        /// Describes a column.
        /// - Parameters:
        ///   - heading: The heading.
        ///   - maxWidth: The widest a cell may be.
        ///   - rightAligned: Whether cells align right.
        package init(heading: String, maxWidth: Int, rightAligned: Bool = false) {
            self.heading = heading
            self.maxWidth = maxWidth
            self.rightAligned = rightAligned
        }
    }

    /// The columns, in order.
    package let columns: [Column]

    /// Describes a table.
    /// - Parameter columns: The columns, in order.
    package init(columns: [Column]) {
        self.columns = columns
    }

    /// The table of person rows both text reports use: the outcome, then id, name and date of
    /// birth of each side, the score, and a last column (reasons) that is never cut.
    /// - Parameters:
    ///   - sides: The sides' labels, left then right (`A`, `request`).
    ///   - outcomeWidth: The widest outcome.
    ///   - notes: The last column's heading.
    /// - Returns: The table: outcome, 3 columns a side, score, notes.
    package static func personRows(sides: [String], outcomeWidth: Int, notes: String) -> TextTable {
        TextTable(columns: [Column(heading: "outcome", maxWidth: outcomeWidth)]
            + sides.flatMap { side in
                [
                    Column(heading: "\(side) id", maxWidth: 20),
                    Column(heading: "\(side) name", maxWidth: 36),
                    Column(heading: "\(side) born", maxWidth: 12),
                ]
            }
            + [Column(heading: "score", maxWidth: 9, rightAligned: true), Column(heading: notes, maxWidth: .max)])
    }

    /// The headings, in order.
    package var headings: [String] { columns.map(\.heading) }

    /// A row's cells: each value made displayable and cut to its column's widest width.
    /// - Parameter values: One value a column, in order.
    /// - Returns: The cells.
    package func cells(_ values: [String]) -> [String] {
        zip(values, columns).map { value, column in
            Self.truncated(ReportFormatting.displayable(value), to: column.maxWidth)
        }
    }

    /// Each column's width: its widest cell or its heading.
    /// - Parameter rows: The cells of every row.
    /// - Returns: One width a column.
    package func widths(_ rows: [[String]]) -> [Int] {
        columns.indices.map { i in
            rows.reduce(Self.width(of: columns[i].heading)) { max($0, Self.width(of: $1[i])) }
        }
    }

    /// One line: cells padded to their widths, two spaces apart, no trailing blanks.
    /// - Parameters:
    ///   - cells: One cell a column.
    ///   - widths: The columns' widths.
    /// - Returns: The line, without a newline.
    package func line(_ cells: [String], _ widths: [Int]) -> String {
        line(cells, cellWidths: cells.map(Self.width(of:)), widths)
    }

    /// One line, from cells whose own widths are known (`width(of:)` of each).
    /// - Parameters:
    ///   - cells: One cell a column.
    ///   - cellWidths: Each cell's width.
    ///   - widths: The columns' widths.
    /// - Returns: The line, without a newline.
    package func line(_ cells: [String], cellWidths: [Int], _ widths: [Int]) -> String {
        var text = ""
        text.reserveCapacity(widths.dropLast().reduce(0, +) + (cellWidths.last ?? 0) + 2 * cells.count)
        var blanks = 0
        for (i, cell) in cells.enumerated() {
            if i > 0 { blanks += 2 }
            let fill = i == cells.count - 1 ? 0 : max(0, widths[i] - cellWidths[i])
            if columns[i].rightAligned { blanks += fill }
            if !cell.isEmpty {
                // Blanks go in only before something that follows them: no trailing blanks.
                text.append(contentsOf: String(repeating: " ", count: blanks))
                text += cell
                blanks = 0
            }
            if !columns[i].rightAligned { blanks += fill }
        }
        // Trailing blanks are cut as whole Characters, as a padded line cut at its end would be:
        // a blank owed after a character that joins the next one (a Unicode "prepend") stays.
        if blanks > 0 { text += " " }
        while text.last == " " { text.removeLast() }
        return text
    }

    /// Groups of rows drawn as one table, as both text reports draw 100,000 rows: each row's
    /// cells and their widths are made on every core (each cell's width counted once), the
    /// columns' widths taken from all of them, then the heading and each group's lines, in the
    /// rows' order, a blank line between groups.
    ///
    /// - Parameters:
    ///   - groups: The rows, in groups (empty groups are drawn as nothing but their blank line).
    ///   - indent: Put before the heading and every line.
    ///   - cells: A row's cells (``cells(_:)`` of its values).
    ///   - paint: The heading's line (row `nil`) or a row's line, as shown (colour).
    /// - Returns: The heading and the rows, each line ending in a newline.
    package func draw<Row: Sendable>(
        _ groups: [[Row]], indent: String = "", cells: @escaping @Sendable (Row) -> [String],
        paint: @escaping @Sendable (_ line: String, _ row: Row?) -> String
    ) -> String {
        let drawn = groups.map { group in
            group.concurrentMap(chunkSize: 2_048) { row in
                let cells = cells(row)
                return DrawnRow(row: row, cells: cells, widths: cells.map(Self.width(of:)))
            }
        }
        var widths = headings.map(Self.width(of:))
        for row in drawn.joined() {
            for i in widths.indices { widths[i] = max(widths[i], row.widths[i]) }
        }
        let columnWidths = widths
        var out = indent + paint(line(headings, columnWidths), nil) + "\n"
        for (index, group) in drawn.enumerated() {
            if index > 0 { out += "\n" }
            out += group.concurrentText(chunkSize: 2_048) { row in
                indent + paint(self.line(row.cells, cellWidths: row.widths, columnWidths), row.row) + "\n"
            }
        }
        return out
    }

    /// A row as ``draw(_:indent:cells:paint:)`` lays it out: its cells and each one's width.
    private struct DrawnRow<Row: Sendable>: Sendable {
        let row: Row
        let cells: [String]
        let widths: [Int]
    }

    /// Text padded with spaces to a width in Characters.
    /// - Parameters:
    ///   - text: The text.
    ///   - width: The width to fill.
    ///   - right: Whether to pad on the left (align right).
    /// - Returns: The padded text.
    package static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - Self.width(of: text)))
        return right ? fill + text : text + fill
    }

    /// The width of text in Characters, as `count` gives it; text whose every scalar is a
    /// Character of its own (printable ASCII, Cyrillic letters: nearly every value of a list) is
    /// counted by its scalars, without finding grapheme boundaries.
    /// - Parameter text: The text.
    /// - Returns: How many Characters it has.
    package static func width(of text: String) -> Int {
        var scalars = 0
        for scalar in text.unicodeScalars {
            let v = scalar.value
            guard (0x20..<0x7F).contains(v) || (0x0400...0x0482).contains(v) || (0x048A...0x04FF).contains(v) else {
                return text.count
            }
            scalars += 1
        }
        return scalars
    }

    /// Text cut to a width in Characters, ending in `…` when cut.
    /// - Parameters:
    ///   - text: The text.
    ///   - width: The widest it may be.
    /// - Returns: The text, cut when longer.
    package static func truncated(_ text: String, to width: Int) -> String {
        guard Self.width(of: text) > width else { return text }
        return String(text.prefix(width - 1)) + "…"
    }
}

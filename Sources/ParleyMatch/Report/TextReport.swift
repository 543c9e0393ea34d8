/// The text report (the default): a summary, then one table of every row, grouped by
/// outcome with the rows that need a person first.
///
/// Layout:
/// ```
/// A  list-a.csv  (1040 records)
/// B  list-b.csv  (1003 records)
///
/// agreed 812  disputed 31  only-a 120  only-b 77  duplicate-a 5  duplicate-b 3
///
/// outcome   A id  A name  A born  B id  B name  B born  score  reasons
/// disputed  …
///
/// only-a    …
/// ```
/// Groups come in `Outcome.reportOrder` (disputed, only-a, only-b, duplicate-a, duplicate-b,
/// agreed), separated by a blank line; inside a group, rows keep the result's order.
/// Column widths are computed from the content in `Character`s (a Cyrillic letter is one
/// column), capped per column; a longer value is cut and ends in `…`. The reasons column is
/// last and never cut. Control and format characters in values are shown as `�`, so a list
/// cannot send escape codes to the terminal. ANSI colour only when `ReportOptions.color` is
/// set: disputed rows red when a key field conflicts and yellow when only ambiguous, agreed
/// green, duplicates dim, only-a and only-b plain.
struct TextReport {
    /// The result to write.
    let result: DiffResult
    /// Colour and timestamp.
    let options: ReportOptions

    /// A column: its heading, its widest width, and whether it aligns right.
    private struct Column {
        var heading: String
        var maxWidth: Int
        var rightAligned = false
    }

    /// The table's columns, in order.
    private static let columns = [
        Column(heading: "outcome", maxWidth: 11),
        Column(heading: "A id", maxWidth: 20),
        Column(heading: "A name", maxWidth: 36),
        Column(heading: "A born", maxWidth: 12),
        Column(heading: "B id", maxWidth: 20),
        Column(heading: "B name", maxWidth: 36),
        Column(heading: "B born", maxWidth: 12),
        Column(heading: "score", maxWidth: 9, rightAligned: true),
        Column(heading: "reasons", maxWidth: .max),
    ]

    /// The escapes the coloured report uses.
    private enum ANSI {
        static let reset = "\u{1B}[0m"
        static let bold = "\u{1B}[1m"
        static let dim = "\u{1B}[2m"
        static let red = "\u{1B}[31m"
        static let green = "\u{1B}[32m"
        static let yellow = "\u{1B}[33m"
    }

    /// The whole report.
    func render() -> String {
        var out = summary()
        let groups = Outcome.reportOrder.map { outcome in
            result.rows.filter { $0.outcome == outcome }
        }.filter { !$0.isEmpty }
        guard !groups.isEmpty else { return out + "\nNo records on either list.\n" }

        let cellGroups = groups.map { $0.map { row in (row, cells(of: row)) } }
        let widths = columnWidths(cellGroups.flatMap { $0.map(\.1) })
        out += "\n" + paint(line(TextReport.columns.map(\.heading), widths), ANSI.bold) + "\n"
        for (index, group) in cellGroups.enumerated() {
            if index > 0 { out += "\n" }
            for (row, cells) in group {
                out += paint(line(cells, widths), colour(of: row)) + "\n"
            }
        }
        return out
    }

    /// The lists, their sizes, the optional timestamp and the counts.
    private func summary() -> String {
        let names = [result.listA, result.listB].map(ReportFormatting.displayable)
        let nameWidth = names.map(\.count).max() ?? 0
        let sizes = [result.recordCounts.a, result.recordCounts.b].map { String($0) }
        let sizeWidth = sizes.map(\.count).max() ?? 0
        var out = ""
        for (label, (name, size)) in zip(["A", "B"], zip(names, sizes)) {
            out += "\(label)  \(pad(name, nameWidth))  (\(pad(size, sizeWidth, right: true)) records)\n"
        }
        if let generatedAt = options.generatedAt {
            out += "generated \(ReportFormatting.displayable(generatedAt))\n"
        }
        let counts = result.counts
        out += "\n" + Outcome.allCases.map { "\($0.rawValue) \(counts[$0] ?? 0)" }.joined(separator: "  ") + "\n"
        return out
    }

    /// The row's cells, in the columns' order, cut to each column's widest width.
    private func cells(of row: DiffRow) -> [String] {
        func side(_ record: Record?) -> [String] {
            guard let record else { return ["", "", ""] }
            return [record.id, ReportFormatting.name(of: record), ReportFormatting.dateOfBirth(of: record)]
        }
        let values = [row.outcome.rawValue] + side(row.a) + side(row.b)
            + [row.score.map { ReportFormatting.decimal($0) } ?? "", row.reasons.joined(separator: " ")]
        return zip(values, TextReport.columns).map { value, column in
            truncated(ReportFormatting.displayable(value), to: column.maxWidth)
        }
    }

    /// Each column's width: its widest cell or heading.
    private func columnWidths(_ rows: [[String]]) -> [Int] {
        TextReport.columns.indices.map { i in
            rows.reduce(TextReport.columns[i].heading.count) { max($0, $1[i].count) }
        }
    }

    /// One line of the table: cells padded to their widths, two spaces apart, no trailing blanks.
    private func line(_ cells: [String], _ widths: [Int]) -> String {
        var text = ""
        for (i, cell) in cells.enumerated() {
            if i > 0 { text += "  " }
            text += i == cells.count - 1 ? cell : pad(cell, widths[i], right: TextReport.columns[i].rightAligned)
        }
        while text.last == " " { text.removeLast() }
        return text
    }

    /// The ANSI colour of a row, or nil for plain.
    private func colour(of row: DiffRow) -> String? {
        switch row.outcome {
        case .agreed: ANSI.green
        case .disputed:
            row.evidence.contains { $0.field.isKey && $0.agreement.isKeyConflict } ? ANSI.red : ANSI.yellow
        case .onlyA, .onlyB: nil
        case .duplicateA, .duplicateB: ANSI.dim
        }
    }

    /// Text wrapped in a colour when colour is on.
    private func paint(_ text: String, _ colour: String?) -> String {
        guard options.color, let colour else { return text }
        return colour + text + ANSI.reset
    }

    /// Text padded with spaces to a width in Characters.
    private func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - text.count))
        return right ? fill + text : text + fill
    }

    /// Text cut to a width in Characters, ending in `…` when cut.
    private func truncated(_ text: String, to width: Int) -> String {
        guard text.count > width else { return text }
        return String(text.prefix(width - 1)) + "…"
    }
}

/// The text report (the default): a summary, then one table of every row, grouped by
/// outcome with the rows that need a person first.
///
/// Layout:
/// ```
/// A  list-a.csv  (1040 records)
/// B  list-b.csv  (1003 records)
/// A  header on line 2; title line 1 skipped         (when the caller gave import reports)
/// A  columns: "Прізвище" → surname, …; not read: "Примітка"
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
struct TextReport: Sendable {
    /// The result to write.
    let result: DiffResult
    /// Colour and timestamp.
    let options: ReportOptions

    /// The table's columns, in order.
    private static let table = TextTable.personRows(sides: ["A", "B"], outcomeWidth: 11, notes: "reasons")

    /// The whole report.
    func render() -> String {
        let out = summary()
        let groups = result.rowIndices(by: Outcome.reportOrder).filter { !$0.isEmpty }
        guard !groups.isEmpty else { return out + "\nNo records on either list.\n" }

        let table = TextReport.table
        return out + "\n" + table.draw(groups, cells: { self.cells(of: self.result.rows[$0]) }) { line, index in
            guard let index else { return self.paint(line, ANSI.bold) }
            return self.paint(line, self.colour(of: self.result.rows[index]))
        }
    }

    /// The lists, their sizes, the optional timestamp and the counts.
    private func summary() -> String {
        let names = [result.listA, result.listB].map(ReportFormatting.displayable)
        let nameWidth = names.map(\.count).max() ?? 0
        let sizes = [result.recordCounts.a, result.recordCounts.b].map { String($0) }
        let sizeWidth = sizes.map(\.count).max() ?? 0
        var out = ""
        for (label, (name, size)) in zip(["A", "B"], zip(names, sizes)) {
            out += "\(label)  \(TextTable.pad(name, nameWidth))  (\(TextTable.pad(size, sizeWidth, right: true)) records)\n"
        }
        for (label, report) in zip(["A", "B"], [result.importA, result.importB]) {
            guard let report else { continue }
            if report.headerLine != 1 || report.sheetSummary != nil || report.skippedSummary != nil {
                let place = [report.sheetSummary, "header on line \(report.headerLine)", report.skippedSummary]
                    .compactMap { $0 }.joined(separator: "; ")
                out += "\(label)  " + ReportFormatting.displayable(place) + "\n"
            }
            out += "\(label)  " + ReportFormatting.displayable(report.columnSummary) + "\n"
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
            + [row.score.map { ReportFormatting.decimal($0) } ?? "", reasons(of: row)]
        return TextReport.table.cells(values)
    }

    /// The row's reasons, a conflicting key field shown with both values as the lists gave
    /// them: `service number А-583920 ≠ А-58392 (one-digit-off)`.
    private func reasons(of row: DiffRow) -> String {
        row.reasons.map { reason in
            guard let colon = reason.firstIndex(of: ":"),
                  let field = Field(rawValue: String(reason[..<colon])), field.isKey,
                  let evidence = row.evidence.first(where: { $0.field == field }),
                  evidence.agreement.isKeyConflict, let a = evidence.a, let b = evidence.b else { return reason }
            let name = String(field.rawValue.map { $0 == "_" ? " " : $0 })
            return "\(name) \(ReportFormatting.displayable(a)) ≠ \(ReportFormatting.displayable(b)) (\(evidence.agreement.rawValue))"
        }.joined(separator: " ")
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
        ANSI.paint(text, colour, enabled: options.color)
    }
}

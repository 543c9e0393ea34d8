/// The HTML report: one self-contained page a mediator can open in a browser and print.
///
/// The page has inline CSS only: no script, no external resource, no link out. It holds the
/// two list names (in the title too), the counts, and one table per outcome that has rows,
/// in `Outcome.reportOrder` (disputed first, agreed last). Each row with evidence carries it
/// one click away in a `<details>` element: field, agreement, weight, the value on each side.
/// Printing (`@media print`) puts each outcome on a new page in landscape, repeats table
/// headers, keeps rows whole, prints black on white, and replaces the closed `<details>` with
/// the same evidence written out compactly. Every value is HTML-escaped
/// (`&`, `<`, `>`, `"`, `'`) and control or format characters are shown as `�`.
package struct HTMLReport {
    /// The result to write.
    let result: DiffResult
    /// The options; only `generatedAt` is used.
    let options: ReportOptions

    /// One side of a section's table: its heading and how a row gives its record.
    private struct Side: Sendable {
        var heading: String
        var record: @Sendable (DiffRow) -> Record?
    }

    /// The whole page.
    func render() -> String {
        let title = "Parley diff: \(result.listA) ⇄ \(result.listB)"
        var out = HTMLReport.opening(title: title, css: HTMLReport.css)
        out += "<header>\n<h1>\(HTMLReport.escaped(title))</h1>\n</header>\n"
        out += summary()
        for (outcome, rows) in zip(Outcome.reportOrder, result.rowIndices(by: Outcome.reportOrder)) where !rows.isEmpty {
            out += section(outcome, rows)
        }
        if result.rows.isEmpty { out += "<p>No records on either list.</p>\n" }
        return out + HTMLReport.closing(madeBy: "parley diff", generatedAt: options.generatedAt)
    }

    /// The start of a report page, up to and including `<body>`: UTF-8, the escaped title, and
    /// the inline style sheet.
    /// - Parameters:
    ///   - title: The page's title, as plain text.
    ///   - css: The whole style sheet.
    /// - Returns: The HTML, ending in a newline.
    package static func opening(title: String, css: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escaped(title))</title>
        <style>
        \(css)
        </style>
        </head>
        <body>

        """
    }

    /// The end of a report page: a footer naming the command and, when given, when it was made.
    /// - Parameters:
    ///   - madeBy: The command that made the page, as plain text.
    ///   - generatedAt: When the page was made, or nil to leave it out.
    /// - Returns: The HTML from `<footer>` to `</html>`, ending in a newline.
    package static func closing(madeBy: String, generatedAt: String?) -> String {
        var out = "<footer><p>Made by \(escaped(madeBy))"
        if let generatedAt { out += " · generated \(escaped(generatedAt))" }
        return out + ".</p></footer>\n</body>\n</html>\n"
    }

    /// The lists and the count of every outcome, each linked to its section.
    private func summary() -> String {
        let counts = result.counts
        var out = """
        <section class="summary">
        <table class="lists">
        <thead><tr><th scope="col">List</th><th scope="col">Name</th><th scope="col">Records</th></tr></thead>
        <tbody>
        <tr><th scope="row">A</th><td>\(HTMLReport.escaped(result.listA))</td><td class="num">\(result.recordCounts.a)</td></tr>
        <tr><th scope="row">B</th><td>\(HTMLReport.escaped(result.listB))</td><td class="num">\(result.recordCounts.b)</td></tr>
        </tbody>
        </table>
        <table class="counts">
        <thead><tr><th scope="col">Outcome</th><th scope="col">Rows</th></tr></thead>
        <tbody>

        """
        for outcome in Outcome.reportOrder {
            let n = counts[outcome] ?? 0
            let label = n > 0 ? "<a href=\"#\(outcome.rawValue)\">\(outcome.rawValue)</a>" : outcome.rawValue
            out += "<tr class=\"\(outcome.rawValue)\"><th scope=\"row\">\(label)</th><td class=\"num\">\(n)</td></tr>\n"
        }
        out += "</tbody>\n</table>\n</section>\n"
        return out
    }

    /// The section of one outcome: heading, explanation and table.
    private func section(_ outcome: Outcome, _ rows: [Int]) -> String {
        let sides = HTMLReport.sides(of: outcome)
        var out = """
        <section class="outcome \(outcome.rawValue)" id="\(outcome.rawValue)">
        <h2>\(outcome.heading) (\(rows.count))</h2>
        <p class="explanation">\(HTMLReport.escaped(outcome.explanation))</p>

        """
        out += HTMLReport.rowsTableHead(sides: sides.map(\.heading), notesHeading: "Reasons")
        // Rows on every core, joined in order.
        out += rows.concurrentText(chunkSize: 1_024) { index in
            let row = result.rows[index]
            var line = "<tr>"
            for side in sides { line += recordCells(side.record(row)) }
            line += "<td class=\"num\">\(row.score.map { ReportFormatting.decimal($0) } ?? "")</td>"
            line += "<td>\(reasons(of: row))</td>"
            return line + "<td>\(evidence(of: row, sides: sides))</td></tr>\n"
        }
        out += "</tbody>\n</table>\n</section>\n"
        return out
    }

    /// The start of a table of rows, up to and including `<tbody>`: four columns a side (id, name,
    /// born, service number) under the side's heading, then score, reasons or notes, and evidence.
    /// - Parameters:
    ///   - sides: The sides' headings, as plain text.
    ///   - notesHeading: The heading of the reasons column, as plain text.
    /// - Returns: The HTML, ending in a newline.
    package static func rowsTableHead(sides: [String], notesHeading: String) -> String {
        var out = "<table class=\"rows\">\n<thead>\n<tr>"
        for side in sides {
            out += "<th scope=\"colgroup\" colspan=\"4\">\(escaped(side))</th>"
        }
        out += "<th scope=\"col\" rowspan=\"2\">Score</th><th scope=\"col\" rowspan=\"2\">\(escaped(notesHeading))</th>"
        out += "<th scope=\"col\" rowspan=\"2\">Evidence</th></tr>\n<tr>"
        for _ in sides {
            out += "<th scope=\"col\">Id</th><th scope=\"col\">Name</th><th scope=\"col\">Born</th><th scope=\"col\">Service no.</th>"
        }
        return out + "</tr>\n</thead>\n<tbody>\n"
    }

    /// The four cells of a record: id and line, name, date of birth, service number.
    private func recordCells(_ record: Record?) -> String {
        guard let record else { return HTMLReport.emptyPersonCells }
        return HTMLReport.personCells(
            id: record.id, note: "line \(record.line)", name: ReportFormatting.name(of: record),
            born: ReportFormatting.dateOfBirth(of: record), serviceNumber: record[.serviceNumber] ?? ""
        )
    }

    /// The four cells of a person, every value escaped: id with a note under it, name, date of
    /// birth, service number.
    /// - Parameters:
    ///   - id: The record's or entry's id.
    ///   - note: A short line under the id (its line in the file, its author).
    ///   - name: The name in reading order.
    ///   - born: The date of birth.
    ///   - serviceNumber: The service number.
    /// - Returns: Four `<td>` elements.
    package static func personCells(id: String, note: String, name: String, born: String, serviceNumber: String) -> String {
        let e = HTMLReport.escaped
        return "<td><span class=\"id\">\(e(id))</span><br><small>\(e(note))</small></td>"
            + "<td>\(e(name))</td><td class=\"date\">\(e(born))</td><td class=\"id\">\(e(serviceNumber))</td>"
    }

    /// The four empty cells of a side with no person.
    package static let emptyPersonCells = "<td></td><td></td><td></td><td></td>"

    /// The reasons, one a line, and the other candidates of an ambiguous match.
    private func reasons(of row: DiffRow) -> String {
        var lines = row.reasons.map { "<code>\(HTMLReport.escaped($0))</code>" }
        for alternative in row.alternatives {
            lines.append("also possible: list \(HTMLReport.escaped(alternative.list.uppercased())) "
                + "<span class=\"id\">\(HTMLReport.escaped(alternative.id))</span>, "
                + "score \(ReportFormatting.decimal(alternative.score))")
        }
        return lines.joined(separator: "<br>")
    }

    /// The evidence in a `<details>` table, and the same written out for print.
    private func evidence(of row: DiffRow, sides: [Side]) -> String {
        // On duplicate rows the evidence's `a` is the earlier record, shown in the right column.
        let isDuplicate = row.outcome == .duplicateA || row.outcome == .duplicateB
        return HTMLReport.evidence(row.evidence, headings: sides.map(\.heading), swapped: isDuplicate)
    }

    /// Field evidence in a `<details>` table, one click away, followed by the same evidence
    /// written out compactly for print (key-field conflicts in bold).
    /// - Parameters:
    ///   - items: The evidence, one item a field.
    ///   - headings: The headings of the value columns, left then right.
    ///   - swapped: Whether the left column shows each item's `b` and the right one its `a`.
    /// - Returns: The HTML, or an empty string when there is no evidence.
    package static func evidence(_ items: [FieldEvidence], headings: [String], swapped: Bool) -> String {
        guard !items.isEmpty else { return "" }
        let e = HTMLReport.escaped
        func values(_ item: FieldEvidence) -> (String, String) {
            let pair = swapped ? (item.b, item.a) : (item.a, item.b)
            return (e(pair.0 ?? ""), e(pair.1 ?? ""))
        }
        var table = "<details><summary>\(items.count) fields</summary>\n<table class=\"evidence\">"
        table += "<thead><tr><th scope=\"col\">Field</th><th scope=\"col\">Agreement</th><th scope=\"col\">Weight</th>"
        table += headings.map { "<th scope=\"col\">\(e($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        var printed: [String] = []
        for item in items {
            let conflict = item.field.isKey && item.agreement.isKeyConflict
            let (left, right) = values(item)
            let weight = HTMLReport.signed(item.weight)
            table += "<tr\(conflict ? " class=\"conflict\"" : "")><td>\(item.field.rawValue)</td>"
                + "<td title=\"\(item.agreement.rawValue)\">\(item.agreement.words)\(conflict ? " (conflict)" : "")</td>"
                + "<td class=\"num\">\(weight)</td><td>\(left)</td><td>\(right)</td></tr>\n"
            let text = "\(item.field.rawValue) \(item.agreement.words) \(weight): \(left) | \(right)"
            printed.append(conflict ? "<strong>\(text)</strong>" : text)
        }
        table += "</tbody></table>\n</details>"
        return table + "<div class=\"print-only evidence-print\">\(printed.joined(separator: "; "))</div>"
    }

    /// The sides a section's table shows.
    private static func sides(of outcome: Outcome) -> [Side] {
        switch outcome {
        case .agreed, .disputed:
            [Side(heading: "List A") { $0.a }, Side(heading: "List B") { $0.b }]
        case .onlyA: [Side(heading: "List A") { $0.a }]
        case .onlyB: [Side(heading: "List B") { $0.b }]
        case .duplicateA:
            [Side(heading: "Record (A)") { $0.a }, Side(heading: "Duplicate of (A)") { $0.duplicateOf }]
        case .duplicateB:
            [Side(heading: "Record (B)") { $0.b }, Side(heading: "Duplicate of (B)") { $0.duplicateOf }]
        }
    }

    /// A weight with its sign (`+4.20`, `-3.10`, `0.00`).
    /// - Parameter weight: A weight in bits.
    /// - Returns: The weight with 2 decimal places and its sign.
    package static func signed(_ weight: Double) -> String {
        let text = ReportFormatting.decimal(weight)
        return weight > 0 && text != "0.00" ? "+" + text : text
    }

    /// Text safe inside an element or a quoted attribute: `&`, `<`, `>`, `"` and `'` escaped,
    /// control and format characters shown as `�`.
    /// - Parameter text: Any text.
    /// - Returns: The text as HTML.
    package static func escaped(_ text: String) -> String {
        let shown = ReportFormatting.displayable(text)
        // Nearly every value has nothing to escape: kept as it is, without going through its
        // characters one by one (most of the report's time at the size of a register).
        guard shown.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
            return shown
        }
        var out = ""
        for character in shown {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// The page's style sheet, for screen and print; the exchange report adds its own rules to it.
    package static let css = """
    :root { color-scheme: light; }
    body { font: 14px/1.4 system-ui, sans-serif; color: #111; background: #fff; margin: 1.5rem; }
    h1 { font-size: 1.4rem; margin: 0 0 1rem; }
    h2 { font-size: 1.15rem; margin: 2rem 0 .25rem; padding-left: .5rem; border-left: 6px solid #888; }
    .explanation { margin: 0 0 .5rem; color: #444; }
    table { border-collapse: collapse; }
    table.rows { width: 100%; }
    th, td { border: 1px solid #bbb; padding: .2rem .4rem; text-align: left; vertical-align: top; }
    thead th { background: #eee; }
    .summary table { display: inline-table; margin: 0 2rem 1rem 0; }
    .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    .id, code { font-family: ui-monospace, monospace; }
    .date { white-space: nowrap; }
    small { color: #555; }
    section.disputed h2, tr.disputed th { border-left-color: #b00020; }
    section.agreed h2 { border-left-color: #1b7a2e; }
    section.duplicate-a h2, section.duplicate-b h2 { border-left-color: #bbb; }
    tr.conflict td { font-weight: bold; color: #b00020; }
    details summary { cursor: pointer; white-space: nowrap; }
    table.evidence { margin-top: .25rem; font-size: .9em; }
    .print-only { display: none; }
    footer { margin-top: 2rem; color: #555; font-size: .9em; }
    @media print {
      @page { size: A4 landscape; margin: 12mm; }
      * { color: #000 !important; background: transparent !important; }
      body { margin: 0; font-size: 8.5pt; }
      a { text-decoration: none; }
      section.outcome + section.outcome { break-before: page; }
      h2 { break-after: avoid; border-left: 4px solid #000; }
      thead { display: table-header-group; }
      tr { break-inside: avoid; }
      th, td { border-color: #000; }
      thead th { border-bottom: 2px solid #000; }
      details { display: none; }
      .print-only { display: block; }
      .evidence-print { font-size: .9em; max-width: 40em; }
    }
    """
}

import ParleyCrypto
import ParleyMatch

/// The HTML report of an exchange: one self-contained page a mediator can open and print.
///
/// Inline CSS only (the diff report's style sheet and a few rules of its own): no script, no
/// external resource, no link out of the page. In order: the title, exchange id and
/// reconciliation hash; the participants; each direction's agreed count against the terms and its
/// confirmations; the open disputes; then each direction with its counts, priority breakdown and
/// one table per outcome in ``ReconciliationOutcome/reportOrder`` (disputed first, agreed last).
/// A row's reasons and notes (hand decisions with their authors, registry corroboration, open
/// disputes, attestations) stand beside its entries, and its field evidence is one click away in
/// a `<details>` element. Printing starts each direction on a new page in landscape, repeats
/// table headers, keeps rows whole, prints black on white and writes the evidence out compactly.
/// Every value is HTML-escaped (`&`, `<`, `>`, `"`, `'`), control and format characters shown as `�`.
struct ExchangeHTMLReport {
    /// The report to write.
    let report: ExchangeReport
    /// The options; only `generatedAt` is used.
    let options: ReportOptions

    /// The whole page.
    func render() -> String {
        let e = HTMLReport.escaped
        let title = "Parley exchange: \(report.state.title)"
        var out = HTMLReport.opening(title: title, css: HTMLReport.css + "\n" + Self.css)
        out += """
        <header>
        <h1>\(e(title))</h1>
        <p class="ids">Exchange <span class="id">\(report.state.exchange.hex)</span><br>
        Reconciliation <span class="id">\(report.reconciliation.hash)</span></p>
        </header>

        """
        out += summary() + disputes()
        for direction in report.reconciliation.directions {
            out += section(direction)
        }
        return out + HTMLReport.closing(madeBy: "parley", generatedAt: options.generatedAt)
    }

    /// The participants, and each direction's agreed count against the terms.
    private func summary() -> String {
        let e = HTMLReport.escaped
        var out = "<section class=\"summary\">\n<table class=\"participants\">\n<thead><tr><th scope=\"col\">Participant</th>"
            + "<th scope=\"col\">Role</th><th scope=\"col\">Side</th><th scope=\"col\">Key</th></tr></thead>\n<tbody>\n"
        for participant in report.state.participants {
            out += "<tr><th scope=\"row\">\(e(participant.name))</th><td>\(participant.role.rawValue)</td>"
                + "<td>\(participant.side.rawValue)</td><td class=\"id\">\(ExchangeReport.short(participant.keyID.hex))</td></tr>\n"
        }
        out += "</tbody>\n</table>\n<table class=\"terms\">\n<thead><tr><th scope=\"col\">Direction</th><th scope=\"col\">Agreed</th>"
            + "<th scope=\"col\">Terms</th><th scope=\"col\">Against the terms</th><th scope=\"col\">Confirmation</th></tr></thead>\n<tbody>\n"
        for direction in report.reconciliation.directions {
            let name = direction.direction.rawValue
            out += "<tr><th scope=\"row\"><a href=\"#\(name)\">\(name)</a></th>"
                + "<td class=\"num\">\(direction.counts[.agreed] ?? 0)</td>"
                + "<td class=\"num\">\(direction.termsCount.map { String($0) } ?? "none")</td>"
                + "<td\(Self.verdictClass(direction))>\(e(report.termsLine(direction)))</td>"
                + "<td>\(e(report.confirmationLine(direction)))</td></tr>\n"
        }
        out += "</tbody>\n</table>\n"
        out += "<p>Terms: \(e(report.termsSummary)). Priorities as of \(report.prioritiesAsOf).</p>\n</section>\n"
        return out
    }

    /// The open disputes, before the directions.
    private func disputes() -> String {
        let e = HTMLReport.escaped
        let open = report.openDisputes
        var out = "<section class=\"disputes\" id=\"open-disputes\">\n<h2>Open disputes (\(open.count))</h2>\n"
        guard !open.isEmpty else { return out + "<p>No open disputes.</p>\n</section>\n" }
        out += "<p class=\"explanation\">An open dispute keeps the rows of its entries disputed until its opener or a mediator closes it.</p>\n"
            + "<table class=\"rows\">\n<thead><tr><th scope=\"col\">Dispute</th><th scope=\"col\">Reason</th><th scope=\"col\">Opened by</th>"
            + "<th scope=\"col\">About</th><th scope=\"col\">Note</th><th scope=\"col\">Comments</th></tr></thead>\n<tbody>\n"
        for dispute in open {
            let about = dispute.about.map { e(report.describe($0)) }.joined(separator: "<br>")
            out += "<tr><td class=\"id\">\(ExchangeReport.short(dispute.id.hex))</td>"
                + "<td><code>\(dispute.open.body.reason.rawValue)</code></td><td>\(e(report.name(of: dispute.opener)))</td>"
                + "<td>\(about)</td><td>\(e(dispute.open.body.remark.readable))</td><td class=\"num\">\(dispute.comments.count)</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n</section>\n"
    }

    /// One direction: its summary, counts, priorities and a table per outcome.
    private func section(_ direction: DirectionReport) -> String {
        let e = HTMLReport.escaped
        let name = direction.direction.rawValue
        var out = "<section class=\"direction\" id=\"\(name)\">\n<h2>\(e(direction.direction.reportTitle))</h2>\n"
            + "<p\(Self.verdictClass(direction))>\(e(report.termsLine(direction)))</p>\n"
            + "<p>\(e(report.confirmationLine(direction))) · hash <span class=\"id\">\(direction.hash)</span></p>\n"
            + "<table class=\"counts\">\n<thead><tr><th scope=\"col\">Outcome</th><th scope=\"col\">Rows</th></tr></thead>\n<tbody>\n"
        let counts = direction.counts
        for outcome in ReconciliationOutcome.reportOrder {
            let n = counts[outcome] ?? 0
            let label = n > 0 ? "<a href=\"#\(name)-\(outcome.rawValue)\">\(outcome.rawValue)</a>" : outcome.rawValue
            out += "<tr><th scope=\"row\">\(label)</th><td class=\"num\">\(n)</td></tr>\n"
        }
        out += "</tbody>\n</table>\n<table class=\"priorities\">\n<thead><tr><th scope=\"col\">Priority (agreed)</th>"
            + "<th scope=\"col\">People</th></tr></thead>\n<tbody>\n"
        let priorities = report.priorities(direction)
        for category in PriorityCategory.allCases {
            out += "<tr><th scope=\"row\">\(category.rawValue)</th><td class=\"num\">\(priorities[category] ?? 0)</td></tr>\n"
        }
        out += "</tbody>\n</table>\n"
        let groups = report.groups(direction)
        if groups.isEmpty { out += "<p>No entries on either list.</p>\n" }
        for group in groups {
            out += table(group.outcome, group.rows.map { direction.rows[$0] }, in: direction.direction)
        }
        return out + "</section>\n"
    }

    /// The table of one outcome's rows.
    private func table(_ outcome: ReconciliationOutcome, _ rows: [ReconciliationRow], in direction: Direction) -> String {
        var out = """
        <section class="group \(outcome.rawValue)" id="\(direction.rawValue)-\(outcome.rawValue)">
        <h3>\(outcome.heading) (\(rows.count))</h3>
        <p class="explanation">\(HTMLReport.escaped(outcome.explanation))</p>

        """
        let sides = ["Request (side \(direction.requester.rawValue))", "Release (side \(direction.releaser.rawValue))"]
        out += HTMLReport.rowsTableHead(sides: sides, notesHeading: "Reasons and notes")
        for row in rows {
            out += "<tr>\(cells(row.request))\(cells(row.release))"
                + "<td class=\"num\">\(row.score.map { ReportFormatting.decimal($0) } ?? "")</td>"
                + "<td>\(notes(of: row))</td><td>\(evidence(of: row))</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n</section>\n"
    }

    /// The four cells of an entry: id and origin, name, date of birth, service number.
    private func cells(_ entry: ReconciledEntry?) -> String {
        guard let entry else { return HTMLReport.emptyPersonCells }
        return HTMLReport.personCells(
            id: entry.ref.recordID, note: report.origin(of: entry), name: ReportFormatting.name(of: entry.fields),
            born: ReportFormatting.dateOfBirth(of: entry.fields), serviceNumber: entry.fields[.serviceNumber] ?? ""
        )
    }

    /// The reasons as code, then the notes, one a line.
    private func notes(of row: ReconciliationRow) -> String {
        let lines = row.reasons.map { "<code>\(HTMLReport.escaped($0))</code>" } + report.notes(of: row).map(HTMLReport.escaped)
        return lines.joined(separator: "<br>")
    }

    /// The field evidence, one click away; on a duplicate row the entry's own values stand left.
    private func evidence(of row: ReconciliationRow) -> String {
        let isDuplicate = row.outcome == .duplicate
        let headings = isDuplicate ? ["This entry", "Duplicate of"] : ["Request", "Release"]
        return HTMLReport.evidence(row.evidence, headings: headings, swapped: isDuplicate)
    }

    /// The class attribute of a direction's terms verdict: met, missed, or none without terms.
    private static func verdictClass(_ direction: DirectionReport) -> String {
        direction.meetsTerms.map { $0 ? " class=\"meets\"" : " class=\"misses\"" } ?? ""
    }

    /// The rules this page adds to the diff report's style sheet.
    private static let css = """
    .ids { margin: -.5rem 0 1rem; color: #444; }
    h3 { font-size: 1rem; margin: 1.25rem 0 .25rem; padding-left: .5rem; border-left: 4px solid #888; }
    section.disputes h2, section.group.disputed h3 { border-left-color: #b00020; }
    section.group.agreed h3 { border-left-color: #1b7a2e; }
    section.group.duplicate h3 { border-left-color: #bbb; }
    section.direction table.counts, section.direction table.priorities { display: inline-table; margin: 0 2rem .5rem 0; }
    .meets { color: #1b7a2e; }
    .misses { color: #b00020; font-weight: bold; }
    @media print {
      section.direction { break-before: page; }
      h3 { break-after: avoid; border-left: 3px solid #000; }
      .misses { font-weight: bold; }
    }
    """
}

import ParleyCrypto
import ParleyMatch

/// The text report of an exchange: a terminal summary, the open disputes first, then one table
/// of rows per direction.
///
/// Layout:
/// ```
/// Synthetic exchange, phase 1
/// exchange        <64 hex>
/// reconciliation  <64 hex>
///
/// participants
///   Side A headquarters  headquarters  A        1a2b3c4d
///   …
///
/// terms: agreed, set by Mediator: to-A 1, to-B 1
/// priorities as of 2025-05-01
///
/// open disputes (1)
///   1a2b3c4d status-contested, opened by Side B headquarters; 0 comments
///     about A/request/1a2b3c4d/A-1 (Koval Ivan)
///     note: …
///
/// to-A: side A's request against side B's release
///   agreed 1 of 1 by the terms (meets the terms)
///   disputed 1  unoffered 2  unrequested 1  duplicate 1  agreed 1
///   priorities: seriously-wounded 0  seriously-ill 0  woman 0  young 0  long-held 0  civilian 0
///   not confirmed; hash <64 hex>
///
///   outcome   request id  request name  request born  release id  …  score  reasons and notes
///   disputed  A-1         …
/// ```
/// Row groups come in ``ReconciliationOutcome/reportOrder``, separated by a blank line. Columns
/// are laid out by `TextTable` (widths in `Character`s, capped, cut values end in `…`); the last
/// column (reasons, then the notes of ``ExchangeReport/notes(of:)``) is never cut. Control and
/// format characters in values are shown as `�`. ANSI colour only when `ReportOptions.color` is
/// set: headings bold, the open-disputes heading and disputed rows red, agreed rows green,
/// duplicates dim, and the terms line green when a direction meets its terms, red otherwise.
struct ExchangeTextReport {
    /// The report to write.
    let report: ExchangeReport
    /// Colour and timestamp.
    let options: ReportOptions

    /// The participants' table.
    private static let participants = TextTable(columns: [
        .init(heading: "name", maxWidth: 40), .init(heading: "role", maxWidth: 12),
        .init(heading: "side", maxWidth: 7), .init(heading: "key", maxWidth: 8),
    ])

    /// The rows' table.
    private static let rows = TextTable.personRows(sides: ["request", "release"], outcomeWidth: 11, notes: "reasons and notes")

    /// The whole report.
    func render() -> String {
        var out = header() + "\n" + disputes()
        for direction in report.reconciliation.directions {
            out += "\n" + section(direction)
        }
        return out
    }

    /// Title, ids, participants, terms and the priorities' day.
    private func header() -> String {
        let state = report.state
        var out = paint(show(state.title), ANSI.bold) + "\n"
        out += "exchange        \(state.exchange.hex)\nreconciliation  \(report.reconciliation.hash)\n"
        if let generatedAt = options.generatedAt { out += "generated       \(show(generatedAt))\n" }
        out += "\n" + paint("participants", ANSI.bold) + "\n"
        let table = Self.participants
        let cells = state.participants.map { table.cells([$0.name, $0.role.rawValue, $0.side.rawValue, ExchangeReport.short($0.keyID.hex)]) }
        let widths = table.widths(cells)
        for row in cells { out += "  " + table.line(row, widths) + "\n" }
        out += "\nterms: \(show(report.termsSummary))\npriorities as of \(report.prioritiesAsOf)\n"
        return out
    }

    /// The open disputes, before any direction.
    private func disputes() -> String {
        let open = report.openDisputes
        guard !open.isEmpty else { return "no open disputes\n" }
        var out = paint("open disputes (\(open.count))", ANSI.red) + "\n"
        for dispute in open {
            let comments = dispute.comments.count
            out += "  \(show(report.headline(of: dispute))); \(comments) comment\(comments == 1 ? "" : "s")\n"
            for ref in dispute.about { out += "    about \(show(report.describe(ref)))\n" }
            if !dispute.open.body.remark.readable.isEmpty { out += "    note: \(show(dispute.open.body.remark.readable))\n" }
        }
        return out
    }

    /// One direction: its summary lines and its table.
    private func section(_ direction: DirectionReport) -> String {
        var out = paint(direction.direction.reportTitle, ANSI.bold) + "\n"
        let meets = direction.meetsTerms.map { $0 ? ANSI.green : ANSI.red }
        out += "  " + paint(show(report.termsLine(direction)), meets) + "\n"
        let counts = direction.counts
        out += "  " + ReconciliationOutcome.reportOrder.map { "\($0.rawValue) \(counts[$0] ?? 0)" }.joined(separator: "  ") + "\n"
        let priorities = report.priorities(direction)
        out += "  priorities: " + PriorityCategory.allCases.map { "\($0.rawValue) \(priorities[$0] ?? 0)" }.joined(separator: "  ") + "\n"
        out += "  \(show(report.confirmationLine(direction))); hash \(direction.hash)\n"

        // The cells and the lines of 100,000 rows are made on every core, in order.
        let groups = report.groups(direction)
        guard !groups.isEmpty else { return out + "\n  no entries on either list\n" }
        let rows = direction.rows
        return out + "\n" + Self.rows.draw(groups.map(\.rows), indent: "  ", cells: { self.cells(of: rows[$0]) }) { line, index in
            guard let index else { return self.paint(line, ANSI.bold) }
            return self.paint(line, self.colour(of: rows[index].outcome))
        }
    }

    /// A row's cells, in the columns' order.
    private func cells(of row: ReconciliationRow) -> [String] {
        func side(_ entry: ReconciledEntry?) -> [String] {
            guard let entry else { return ["", "", ""] }
            return [entry.ref.recordID, ReportFormatting.name(of: entry.fields), ReportFormatting.dateOfBirth(of: entry.fields)]
        }
        let notes = (row.reasons + report.notes(of: row)).joined(separator: "; ")
        let values = [row.outcome.rawValue] + side(row.request) + side(row.release)
            + [row.score.map { ReportFormatting.decimal($0) } ?? "", notes]
        return Self.rows.cells(values)
    }

    /// The colour of a row, or nil for plain.
    private func colour(of outcome: ReconciliationOutcome) -> String? {
        switch outcome {
        case .agreed: ANSI.green
        case .disputed: ANSI.red
        case .duplicate: ANSI.dim
        case .unoffered, .unrequested: nil
        }
    }

    /// Text made safe for a terminal.
    private func show(_ text: String) -> String {
        ReportFormatting.displayable(text)
    }

    /// Text wrapped in a colour when colour is on.
    private func paint(_ text: String, _ colour: String?) -> String {
        ANSI.paint(text, colour, enabled: options.color)
    }
}

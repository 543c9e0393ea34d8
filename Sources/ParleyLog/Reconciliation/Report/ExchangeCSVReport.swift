import ParleyCrypto
import ParleyMatch

/// The CSV report of an exchange: one line per reconciliation row, for scripts and spreadsheets.
///
/// The format is a contract:
/// - UTF-8 without a byte-order mark; records end in LF (`\n`), the last one too. Quoting follows
///   RFC 4180 as in the diff's CSV report (`CSVReport.quoted`).
/// - The header is ``columns``; columns keep their names and places, and new ones are added only
///   at the end.
/// - One line per row: the `to-A` rows, then the `to-B` rows, each in the reconciliation's order
///   (by first entry). No line for disputes, terms or participants: the JSON report has them.
/// - `direction`: `to-A` or `to-B`. `outcome`, `match_outcome`: ``ReconciliationOutcome`` raw
///   values (`match_outcome` is the outcome before open disputes are considered).
/// - `request_list`, `request_author`, `request_entry` (and the same for `release`): the entry's
///   list (`A/request`), its author's key id (64 hex digits) and its entry id; empty when the row
///   has no entry on that side.
/// - `duplicate_of`, `registered`: entry references written `side/list/author key id/entry`;
///   `registered` holds the mediator's registry entries that hold the person, joined with `;`.
/// - `score`: bits with 2 decimal places and a `.` separator; empty when none.
/// - `reasons`: joined with `;`. `disputes`: the open disputes' ids (64 hex digits), joined with
///   `;`. `decisions`: each hand decision as `same:<author key id>` or `different:<author key id>`,
///   joined with `;`.
/// - Names, date of birth and service number of each entry exactly as its list gave them.
/// - `request_record`, `release_record`: the record's id as its list wrote it (the entry id decoded,
///   ``EntryRef/recordID``; it differs from the entry id for ids in another script or with
///   characters entry ids do not keep, such as `РФ-101` or `1/15`); empty when the row has no entry
///   on that side.
/// - `priorities`: the row's ``PriorityCategory`` raw values on ``ExchangeReport/prioritiesAsOf``,
///   joined with `;` (for every outcome, not only agreed rows).
///
/// Unlike the diff's CSV, values are guarded against spreadsheet formulas: a value that starts
/// with `=`, `+`, `-`, `@`, a tab or a carriage return is written with a `'` before it (OWASP's
/// advice), so a hostile list cannot run a formula where the file is opened. `score` is the only
/// value never guarded: it is a number the report writes, and a negative score stays a number.
/// A script that reads the file strips one leading `'` from any other value that has one.
struct ExchangeCSVReport {
    /// The header's column names, in order.
    static let columns = [
        "direction", "outcome", "match_outcome",
        "request_list", "request_author", "request_entry",
        "release_list", "release_author", "release_entry",
        "duplicate_of", "score", "reasons", "disputes", "registered", "decisions",
        "request_surname", "request_given_name", "request_patronymic", "request_date_of_birth", "request_service_number",
        "release_surname", "release_given_name", "release_patronymic", "release_date_of_birth", "release_service_number",
        "priorities",
        "request_record", "release_record",
    ]

    /// The fields written for each entry.
    private static let entryFields: [Field] = [.surname, .givenName, .patronymic, .dateOfBirth, .serviceNumber]

    /// The index of `score`, the one column not guarded.
    private static let scoreColumn = columns.firstIndex(of: "score")!

    /// The report to write.
    let report: ExchangeReport

    /// The whole CSV document.
    func render() -> String {
        var out = CSVReport.line(Self.columns)
        for direction in report.reconciliation.directions {
            for row in direction.rows {
                let values = values(of: row, in: direction.direction).enumerated().map { index, value in
                    index == Self.scoreColumn ? value : Self.guarded(value)
                }
                out += CSVReport.line(values)
            }
        }
        return out
    }

    /// The values of one row, in the columns' order, before guarding.
    private func values(of row: ReconciliationRow, in direction: Direction) -> [String] {
        func place(_ entry: ReconciledEntry?) -> [String] {
            guard let ref = entry?.ref else { return ["", "", ""] }
            return [ref.list.description, ref.author.hex, ref.entry]
        }
        var values = [direction.rawValue, row.outcome.rawValue, row.matchOutcome.rawValue]
        values += place(row.request) + place(row.release)
        values += [
            row.duplicateOf.map(Self.reference) ?? "",
            row.score.map { ReportFormatting.decimal($0) } ?? "",
            row.reasons.joined(separator: ";"),
            row.disputes.map(\.hex).joined(separator: ";"),
            row.registered.map { Self.reference($0.ref) }.joined(separator: ";"),
            row.decisions.map { "\($0.body.same ? "same" : "different"):\($0.author.hex)" }.joined(separator: ";"),
        ]
        for entry in [row.request, row.release] {
            values += Self.entryFields.map { entry?.fields[$0] ?? "" }
        }
        let categories = PriorityCategory.categories(of: row, asOf: report.prioritiesAsOf)
        values.append(PriorityCategory.allCases.filter(categories.contains).map(\.rawValue).joined(separator: ";"))
        values += [row.request?.ref.recordID ?? "", row.release?.ref.recordID ?? ""]
        return values
    }

    /// A reference in full: `side/list/<author key id>/<entry>`.
    static func reference(_ ref: EntryRef) -> String {
        "\(ref.list)/\(ref.author.hex)/\(ref.entry)"
    }

    /// A value a spreadsheet will not read as a formula: with `'` before it when it starts with
    /// `=`, `+`, `-`, `@`, a tab or a carriage return.
    static func guarded(_ value: String) -> String {
        guard let first = value.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) else { return value }
        return "'" + value
    }
}

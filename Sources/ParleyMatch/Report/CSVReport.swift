/// The CSV report: one row per diff row, for scripts and spreadsheets.
///
/// The format is a contract:
/// - UTF-8 without a byte-order mark unless `ReportOptions.byteOrderMark` asks for one
///   (`parley diff --bom`, for Excel); records end in LF (`\n`), the last one too.
/// - Quoting follows RFC 4180: a field containing a comma, a double quote, CR or LF is
///   enclosed in double quotes, and its double quotes are doubled. No other field is quoted.
/// - The header is `outcome,a_id,b_id,duplicate_of,score,reasons` followed by
///   `a_line,b_line,a_surname,a_given_name,a_patronymic,a_date_of_birth,a_service_number,`
///   `b_surname,b_given_name,b_patronymic,b_date_of_birth,b_service_number`. The first six
///   columns keep their names and places; columns may be added only at the end.
/// - One row per `DiffRow`, in the result's order.
/// - `outcome` is the outcome's raw value (`agreed`, `disputed`, `only-a`, `only-b`,
///   `duplicate-a`, `duplicate-b`).
/// - `a_id`, `b_id`: the records' ids exactly as the lists gave them; empty when the row has
///   no record on that side. `duplicate_of`: on duplicate rows, the id of the record (of the
///   same list) that the row repeats; empty otherwise.
/// - `score`: the score in bits with 2 decimal places and a `.` separator; empty when none.
/// - `reasons`: the row's reasons joined with `;`.
/// - `a_line`, `b_line`: the line or row of the record in its file; names, date of birth
///   (the value as given) and service number exactly as the lists gave them.
///
/// Values are not altered for spreadsheets (no `'` before a leading `=`, `+`, `-` or `@`),
/// because ids must round-trip exactly; import the file as text to be safe from formulas.
package struct CSVReport {
    /// The header's column names, in order.
    static let columns = [
        "outcome", "a_id", "b_id", "duplicate_of", "score", "reasons",
        "a_line", "b_line",
        "a_surname", "a_given_name", "a_patronymic", "a_date_of_birth", "a_service_number",
        "b_surname", "b_given_name", "b_patronymic", "b_date_of_birth", "b_service_number",
    ]

    /// The fields given for each side, after the line columns.
    private static let recordFields: [Field] = [.surname, .givenName, .patronymic, .dateOfBirth, .serviceNumber]

    /// The result to write.
    let result: DiffResult

    /// The whole CSV document.
    func render() -> String {
        var out = CSVReport.line(CSVReport.columns)
        // A register's lines are made on every core, in the rows' order.
        out += result.rows.concurrentText(chunkSize: 2_048) { CSVReport.line(CSVReport.values(of: $0)) }
        return out
    }

    /// The values of one row, in the columns' order.
    static func values(of row: DiffRow) -> [String] {
        var values = [
            row.outcome.rawValue,
            row.a?.id ?? "",
            row.b?.id ?? "",
            row.duplicateOf?.id ?? "",
            row.score.map { ReportFormatting.decimal($0) } ?? "",
            row.reasons.joined(separator: ";"),
            row.a.map { String($0.line) } ?? "",
            row.b.map { String($0.line) } ?? "",
        ]
        for record in [row.a, row.b] {
            for field in recordFields {
                values.append(record?[field] ?? "")
            }
        }
        return values
    }

    /// One CSV record: the fields quoted as needed, joined by commas, ended by LF.
    /// - Parameter fields: The record's fields, in order.
    /// - Returns: The record's text, ending in `\n`.
    package static func line(_ fields: [String]) -> String {
        fields.map(quoted).joined(separator: ",") + "\n"
    }

    /// A field as RFC 4180 writes it: in double quotes (its own doubled) when it contains a
    /// comma, a double quote, CR or LF; as it is otherwise.
    /// - Parameter field: The field's value.
    /// - Returns: The value as it stands in the file.
    package static func quoted(_ field: String) -> String {
        let needsQuotes = field.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
        guard needsQuotes else { return field }
        var out = "\""
        for scalar in field.unicodeScalars {
            if scalar == "\"" { out.unicodeScalars.append(scalar) }
            out.unicodeScalars.append(scalar)
        }
        out += "\""
        return out
    }
}

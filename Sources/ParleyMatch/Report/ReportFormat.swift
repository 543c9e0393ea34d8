/// The formats `parley diff` writes its report in.
public enum ReportFormat: String, Sendable, CaseIterable {
    /// A summary and an aligned table for a terminal (the default).
    case text
    /// A stable JSON document for programs; see `JSONReport` for its structure.
    case json
    /// One CSV row per diff row for scripts and spreadsheets; see `CSVReport` for its columns.
    case csv
    /// One self-contained HTML page a mediator can open and print.
    case html
}

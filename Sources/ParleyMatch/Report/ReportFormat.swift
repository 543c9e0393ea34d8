/// The formats reports are written in: `parley diff`'s, and the exchange report of ParleyLog.
public enum ReportFormat: String, Sendable, CaseIterable {
    /// A summary and an aligned table for a terminal (the default).
    case text
    /// A stable JSON document for programs; see `JSONReport` (and `ExchangeJSONReport`) for its structure.
    case json
    /// One CSV row per report row for scripts and spreadsheets; see `CSVReport` (and
    /// `ExchangeCSVReport`) for its columns.
    case csv
    /// One self-contained HTML page a mediator can open and print.
    case html
}

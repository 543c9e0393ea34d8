/// The file formats a list can come in.
public enum ListFormat: String, Sendable, CaseIterable {
    /// Comma-, semicolon- or tab-separated text (RFC 4180 quoting).
    case csv
    /// An Office Open XML workbook; its first worksheet is read.
    case xlsx
}

/// Choices that change how a report is written, not what it says.
public struct ReportOptions: Sendable {
    /// Whether the text report may use ANSI colour escapes. Other formats ignore it.
    public var color: Bool
    /// When the report was made (e.g. an ISO 8601 timestamp), as the caller wants it shown;
    /// nil leaves it out, so that the same result always renders to the same bytes.
    /// The CSV report never shows it (its columns are a contract).
    public var generatedAt: String?
    /// Whether the CSV report begins with a UTF-8 byte-order mark (for Excel, which reads a CSV
    /// without one in the system's legacy code page). Other formats ignore it.
    public var byteOrderMark: Bool

    /// Creates options.
    /// - Parameters:
    ///   - color: Whether the text report may use ANSI colour escapes.
    ///   - generatedAt: When the report was made, or nil to leave it out.
    ///   - byteOrderMark: Whether a CSV report begins with a UTF-8 byte-order mark.
    public init(color: Bool = false, generatedAt: String? = nil, byteOrderMark: Bool = false) {
        self.byteOrderMark = byteOrderMark
        self.color = color
        self.generatedAt = generatedAt
    }
}

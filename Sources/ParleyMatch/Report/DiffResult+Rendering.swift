extension DiffResult {
    /// The report of this result in a format, as text; a pure function of the result and
    /// the options (no clock, no I/O).
    /// - Parameters:
    ///   - format: The format to write.
    ///   - options: Colour and an optional timestamp to show.
    /// - Returns: The whole report. CSV, JSON and HTML are UTF-8 text ending in a newline.
    public func rendered(as format: ReportFormat, options: ReportOptions = .init()) -> String {
        switch format {
        case .text: TextReport(result: self, options: options).render()
        case .json: JSONReport(result: self, options: options).render()
        case .csv: (options.byteOrderMark ? "\u{FEFF}" : "") + CSVReport(result: self).render()
        case .html: HTMLReport(result: self, options: options).render()
        }
    }
}

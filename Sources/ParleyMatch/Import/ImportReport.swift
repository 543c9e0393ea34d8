/// What reading a list found besides its records: which sheet, where the table was, which
/// rows were skipped, and which column was read as what. `parley diff` shows it above the
/// report and in the JSON report, so nobody has to guess what the importer did.
public struct ImportReport: Sendable, Hashable, Codable {
    /// One column of the header and what it was read as.
    public struct Column: Sendable, Hashable, Codable {
        /// Its 1-based position.
        public var number: Int
        /// Its header, as the file wrote it (empty for a column without one).
        public var header: String
        /// The field it was read as (`surname`, `date_of_birth`…), `id` for the record id,
        /// or nil when it was not read.
        public var readAs: String?

        enum CodingKeys: String, CodingKey {
            case number, header
            case readAs = "read_as"
        }

        /// Writes `read_as` as null when the column was not read, rather than leaving it out.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(number, forKey: .number)
            try c.encode(header, forKey: .header)
            try c.encode(readAs, forKey: .readAs)
        }
    }

    enum CodingKeys: String, CodingKey {
        case sheet, columns
        case sheetNumber = "sheet_number"
        case sheetCount = "sheet_count"
        case headerLine = "header_line"
        case titleLines = "title_lines"
        case footerLines = "footer_lines"
    }

    /// The worksheet read, by name (xlsx only; empty when the workbook names none).
    public var sheet: String?
    /// Its 1-based position among the workbook's sheets.
    public var sheetNumber: Int?
    /// How many sheets the workbook has.
    public var sheetCount: Int?
    /// The line (CSV) or row (xlsx) of the header.
    public var headerLine: Int
    /// Lines with a value above the header (titles), skipped.
    public var titleLines: [Int]
    /// Lines after the last person that are no person (signatures, totals, notes), skipped.
    public var footerLines: [Int]
    /// Every column of the header.
    public var columns: [Column]

    /// The columns read, as `"Прізвище" → surname`, and those not read.
    public var columnSummary: String {
        let read = columns.filter { $0.readAs != nil }.map { "\(Self.name($0)) → \($0.readAs ?? "")" }
        let unread = columns.filter { $0.readAs == nil && !$0.header.isEmpty }.map(Self.name)
        var out = "columns: " + (read.isEmpty ? "none read" : read.joined(separator: ", "))
        if !unread.isEmpty { out += "; not read: " + unread.joined(separator: ", ") }
        if !columns.contains(where: { $0.readAs?.hasPrefix("id") == true }) { out += "; ids are line numbers" }
        return out
    }

    /// The lines skipped, as `title line 1; footer lines 14–16`, or nil when none were.
    public var skippedSummary: String? {
        var parts: [String] = []
        if !titleLines.isEmpty { parts.append("title \(Self.lines(titleLines)) skipped") }
        if !footerLines.isEmpty { parts.append("footer \(Self.lines(footerLines)) skipped (not people)") }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    /// The sheet read, as `sheet "Список" (2 of 3)`, when the workbook has more than one.
    public var sheetSummary: String? {
        guard let sheetNumber, let sheetCount, sheetCount > 1 else { return nil }
        let name = (sheet ?? "").isEmpty ? "" : "\"\(sheet ?? "")\" "
        return "sheet \(name)(\(sheetNumber) of \(sheetCount))"
    }

    private static func name(_ column: Column) -> String {
        column.header.isEmpty ? "column \(column.number)" : "\"\(column.header)\""
    }

    /// `line 3`, `lines 3, 5`, `lines 14–16`.
    static func lines(_ numbers: [Int]) -> String {
        var ranges: [String] = []
        var start = numbers.first ?? 0
        var previous = start
        for n in numbers.dropFirst() + [Int.min] {
            if n == previous + 1 {
                previous = n
                continue
            }
            ranges.append(start == previous ? "\(start)" : "\(start)–\(previous)")
            start = n
            previous = n
        }
        return (numbers.count == 1 ? "line " : "lines ") + ranges.joined(separator: ", ")
    }
}

/// The error of reading a list: what went wrong and exactly where.
///
/// Its description is one line that names the file, the line and the column or field,
/// as `a.csv:12: column "date_of_birth": unreadable date "31.13.1990"` would, and never
/// anything beyond the offending cell.
public struct ListError: Error, Sendable, CustomStringConvertible, Equatable {
    /// What kind of failure; codes can be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Kind: String, Hashable, Sendable {
            case emptyFile = "empty-file"
            case undecodableBytes = "undecodable-bytes"
            case raggedRow = "ragged-row"
            case unterminatedQuote = "unterminated-quote"
            case missingColumns = "missing-columns"
            case unknownColumn = "unknown-column"
            case duplicateColumn = "duplicate-column"
            case unreadableDate = "unreadable-date"
            case duplicateID = "duplicate-id"
            case invalidWorkbook = "invalid-workbook"
            case unsupportedFormat = "unsupported-format"
            case invalidOption = "invalid-option"
            case unreadableFile = "unreadable-file"
            case tooLarge = "too-large"
            case unknownSheet = "unknown-sheet"
        }
        private let kind: Kind
        private init(_ kind: Kind) { self.kind = kind }

        public static let emptyFile = Code(.emptyFile)
        public static let undecodableBytes = Code(.undecodableBytes)
        public static let raggedRow = Code(.raggedRow)
        public static let unterminatedQuote = Code(.unterminatedQuote)
        public static let missingColumns = Code(.missingColumns)
        public static let unknownColumn = Code(.unknownColumn)
        public static let duplicateColumn = Code(.duplicateColumn)
        public static let unreadableDate = Code(.unreadableDate)
        public static let duplicateID = Code(.duplicateID)
        public static let invalidWorkbook = Code(.invalidWorkbook)
        public static let unsupportedFormat = Code(.unsupportedFormat)
        public static let invalidOption = Code(.invalidOption)
        public static let unreadableFile = Code(.unreadableFile)
        /// The file would take more memory than reading a list may, or a part inflates too far.
        public static let tooLarge = Code(.tooLarge)
        /// `--sheet` names no sheet of the workbook, or no sheet holds a table of people.
        public static let unknownSheet = Code(.unknownSheet)

        public var description: String { kind.rawValue }
    }

    /// What kind of failure.
    public var code: Code
    /// A message safe to show a user: no record contents beyond the offending cell.
    public var message: String
    /// The file the list came from.
    public var file: String
    /// The 1-based line (CSV) or row (xlsx), when the failure has one.
    public var line: Int?
    /// The column header or field name, when the failure has one.
    public var column: String?
    /// The error underneath, if any.
    public var underlying: (any Error & Sendable)?
    /// The further problems of the same file found in the same read, in file order, so that a
    /// long list is fixed in one go (at most `ListError.maxProblems` in all with this one).
    public var more: [ListError] = []
    /// How many problems were found beyond those kept.
    public var omitted = 0

    /// The most problems one read reports; beyond it they are only counted.
    public static let maxProblems = 100

    /// Creates an error.
    public init(
        _ code: Code, _ message: String, file: String, line: Int? = nil, column: String? = nil,
        underlying: (any Error & Sendable)? = nil
    ) {
        self.code = code
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.underlying = underlying
    }

    /// `file:line: column "x": message`, on one line, control characters shown as `�`; when
    /// the read found more problems, it says how many (`lines` has them all).
    public var description: String {
        let others = more.count + omitted
        return others == 0 ? line(of: self) : line(of: self) + " (and \(others) more problem\(others == 1 ? "" : "s"))"
    }

    /// Every problem the read found, one line each, ending with a count of those left out.
    public var lines: [String] {
        var out = [line(of: self)] + more.map { line(of: $0) }
        if omitted > 0 { out.append("\(ReportFormatting.displayable(file)): \(omitted) more problems not shown") }
        return out
    }

    private func line(of error: ListError) -> String {
        var s = error.file
        if let line = error.line { s += ":\(line)" }
        s += ": "
        if let column = error.column { s += "column \"\(column)\": " }
        s += error.message
        return ReportFormatting.displayable(s.replacingNewlines())
    }

    /// The first of `problems` carrying the others (up to `maxProblems`, the rest counted).
    static func collected(_ problems: [ListError], omitted: Int = 0) -> ListError? {
        guard var first = problems.first else { return nil }
        let kept = problems.dropFirst().prefix(maxProblems - 1)
        first.more = Array(kept)
        first.omitted = problems.count - 1 - kept.count + omitted
        return first
    }

    /// Errors are equal when their codes are.
    public static func == (lhs: ListError, rhs: ListError) -> Bool {
        lhs.code == rhs.code
    }
}

extension String {
    /// The string with line breaks shown as `\n`, so a message stays on one line.
    func replacingNewlines() -> String {
        guard contains(where: { $0.isNewline }) else { return self }
        var out = ""
        for ch in self {
            if ch == "\r\n" || ch == "\n" || ch == "\r" { out += "\\n" } else { out.append(ch) }
        }
        return out
    }
}

import Foundation

/// Reads the worksheets of an xlsx workbook into `RawTable`s, all in memory, within limits.
///
/// The sheets are the `<sheet>`s of `xl/workbook.xml`, found through
/// `xl/_rels/workbook.xml.rels`; without those, `xl/worksheets/sheet1.xml` alone. Rows keep
/// their sheet row numbers as lines, and only cells with a value are kept.
///
/// Every part is inflated (by the system zlib) to at most the size its entry declares, which
/// may be at most `Limits.part`; all the parts read together may inflate to at most
/// `Limits.total`. So a workbook costs at most those bytes of XML, whatever it claims.
struct XLSXReader {
    /// The most sheets a workbook's list is read for.
    static let maxSheets = 1024

    /// How far a workbook's parts may inflate.
    struct Limits: Sendable {
        /// The largest part (uncompressed) read from a workbook: beyond it the file is refused.
        var part = 128 << 20
        /// The most bytes all the parts read from one workbook may inflate to.
        var total = 256 << 20
    }

    /// A worksheet of the workbook: its name and where its part is.
    struct Sheet: Sendable {
        /// Its name, as its tab shows it.
        var name: String
        /// Its part's path in the archive, when the workbook says.
        var path: String?
    }

    /// The sheets, in tab order; at least one.
    let sheets: [Sheet]
    /// Whether date serials count from 1904.
    let date1904: Bool

    private let archive: ZipDirectory
    private let file: String
    private let limits: Limits
    private var inflated = 0
    private var sharedStrings: [String]?
    private var dateStyles: [Bool]?

    /// Opens a workbook: reads its directory, its sheet list and its date system.
    ///
    /// - Throws: `.invalidWorkbook` for a corrupt archive or a malformed workbook part.
    init(_ bytes: [UInt8], file: String, limits: Limits = .init()) throws(ListError) {
        self.file = file
        self.limits = limits
        do {
            archive = try ZipDirectory(bytes)
        } catch {
            throw ListError(.invalidWorkbook, "the workbook is not a readable zip archive (\(error.reason))",
                            file: file, underlying: error)
        }
        var date1904 = false
        var sheets: [Sheet] = []
        if let data = try Self.part("xl/workbook.xml", of: archive, file: file, limits: limits, inflated: &inflated) {
            guard let workbook = WorkbookInfo.parse(data) else { throw Self.invalid("xl/workbook.xml is malformed", file) }
            date1904 = workbook.date1904
            let rels = try Self.part("xl/_rels/workbook.xml.rels", of: archive, file: file, limits: limits, inflated: &inflated)
                .flatMap(Relationships.parse)
            sheets = workbook.sheets.map { sheet in
                Sheet(name: sheet.name, path: sheet.relationship.flatMap { rels?.targets[$0] }
                    .map { Relationships.path(ofTarget: $0) })
            }
        }
        if sheets.isEmpty { sheets = [Sheet(name: "", path: "xl/worksheets/sheet1.xml")] }
        if sheets.count == 1 && sheets[0].path == nil { sheets[0].path = "xl/worksheets/sheet1.xml" }
        self.sheets = sheets
        self.date1904 = date1904
    }

    /// Reads one sheet's rows.
    ///
    /// - Parameters:
    ///   - index: The sheet's 0-based position in `sheets`.
    ///   - budget: What its stored cells may cost; what is left on return.
    /// - Returns: The rows that have a value.
    /// - Throws: `.invalidWorkbook` for a missing or malformed part, `.tooLarge` when a part or
    ///   the stored cells pass their limits.
    mutating func table(ofSheet index: Int, budget: inout ReadBudget) throws(ListError) -> RawTable {
        let sheet = sheets[index]
        var data: Data?
        for path in [sheet.path, index == 0 ? "xl/worksheets/sheet1.xml" : nil].compactMap({ $0 }) {
            data = try Self.part(path, of: archive, file: file, limits: limits, inflated: &inflated)
            if data != nil { break }
        }
        guard let data else { throw Self.invalid("the workbook has no worksheet \(describe(index))", file) }
        if sharedStrings == nil {
            sharedStrings = []
            if let part = try Self.part("xl/sharedStrings.xml", of: archive, file: file, limits: limits, inflated: &inflated) {
                guard let table = SharedStrings.parse(part) else { throw Self.invalid("xl/sharedStrings.xml is malformed", file) }
                sharedStrings = table.strings
            }
        }
        if dateStyles == nil {
            dateStyles = []
            if let part = try Self.part("xl/styles.xml", of: archive, file: file, limits: limits, inflated: &inflated) {
                guard let styles = CellStyles.parse(part) else { throw Self.invalid("xl/styles.xml is malformed", file) }
                dateStyles = styles.isDate
            }
        }
        let parser = WorksheetParser(sharedStrings: sharedStrings ?? [], dateStyles: dateStyles ?? [],
                                     date1904: date1904, budget: budget)
        let parsed = XMLPart.parse(data, with: parser)
        budget = parser.budget
        if let line = parser.budgetSpentOn { throw budget.exhausted(file: file, line: line) }
        if let failure = parser.failure { throw Self.invalid("worksheet \(describe(index)) is malformed: \(failure)", file) }
        guard parsed else { throw Self.invalid("worksheet \(describe(index)) is malformed", file) }
        return RawTable(rows: parser.rows, date1904: date1904)
    }

    /// A sheet as messages name it: `"Name" (2 of 3)`.
    func describe(_ index: Int) -> String {
        let name = sheets[index].name.isEmpty ? "" : "\"\(sheets[index].name)\" "
        return "\(name)(\(index + 1) of \(sheets.count))"
    }

    /// The uncompressed bytes of one part, or nil when the archive has no such part; counts
    /// them against `Limits.total`.
    private static func part(
        _ path: String, of archive: ZipDirectory, file: String, limits: Limits, inflated: inout Int
    ) throws(ListError) -> Data? {
        guard let declared = archive.entries[path]?.uncompressedSize else { return nil }
        guard declared <= limits.part, inflated + declared <= limits.total else {
            throw ListError(.tooLarge, "\(path) inflates to more than a workbook may (\(limits.part >> 20) MiB a part, "
                                + "\(limits.total >> 20) MiB in all)", file: file)
        }
        inflated += declared
        do {
            return try archive.extract(path, limit: limits.part)
        } catch {
            throw ListError(.invalidWorkbook, error.reason, file: file, underlying: error)
        }
    }

    private static func invalid(_ message: String, _ file: String) -> ListError {
        ListError(.invalidWorkbook, message, file: file)
    }
}

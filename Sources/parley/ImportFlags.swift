import ArgumentParser
internal import Foundation
import ParleyMatch

/// How to read lists: flags shared by every command that imports one.
struct ImportFlags: ParsableArguments {
    @Option(help: "Text encoding of CSV files: utf-8 or windows-1251 (default: detected).")
    var encoding: TextEncoding?

    @Option(name: .customLong("map"), help: ArgumentHelp("Read FIELD from COLUMN (a header or a 1-based number), in both lists; FIELD id names the record-id column. Repeatable.", valueName: "FIELD=COLUMN"))
    var map: [String] = []

    @Option(name: .customLong("map-a"), help: ArgumentHelp("As --map, for list A only.", valueName: "FIELD=COLUMN"))
    var mapA: [String] = []

    @Option(name: .customLong("map-b"), help: ArgumentHelp("As --map, for list B only.", valueName: "FIELD=COLUMN"))
    var mapB: [String] = []

    @Option(help: "The column holding record ids (default: a column named id, № запису, № з/п or similar; else the row number).")
    var idColumn: String?

    @Option(name: .customLong("id-column-a"), help: ArgumentHelp("As --id-column, for list A only.", valueName: "COLUMN"))
    var idColumnA: String?

    @Option(name: .customLong("id-column-b"), help: ArgumentHelp("As --id-column, for list B only.", valueName: "COLUMN"))
    var idColumnB: String?

    @Option(help: ArgumentHelp("The worksheet of an .xlsx to read: its name or 1-based number (default: the first that holds a table of people).", valueName: "NAME|N"))
    var sheet: String?

    @Option(help: "Order of a single full-name column: surname-first or given-first (default: decided per value).")
    var nameOrder: NameOrder?

    func validate() throws {
        for m in map + mapA + mapB { _ = try ImportFlags.parse(m) }
    }

    /// The import options for list A (`forA`) or list B.
    func options(forA: Bool) throws -> ImportOptions {
        var columnMap: [Field: String] = [:]
        var id = idColumn
        for m in map + (forA ? mapA : mapB) {
            switch try ImportFlags.parse(m) {
            case (nil, let column): id = column
            case (let field?, let column): columnMap[field] = column
            }
        }
        if let own = forA ? idColumnA : idColumnB { id = own }
        return ImportOptions(encoding: encoding, columnMap: columnMap, idColumn: id, nameOrder: nameOrder, sheet: sheet)
    }

    /// A `FIELD=COLUMN` mapping; the field is nil for `id`.
    static func parse(_ mapping: String) throws -> (Field?, String) {
        let shown = ImportFlags.displayable(mapping)
        guard let eq = mapping.firstIndex(of: "="), eq != mapping.startIndex, mapping.index(after: eq) != mapping.endIndex else {
            throw ValidationError("--map \(shown): expected FIELD=COLUMN, e.g. surname=Прізвище or id=\"№ запису\"")
        }
        let name = String(mapping[..<eq]).trimmingCharacters(in: .whitespaces)
        let column = String(mapping[mapping.index(after: eq)...])
        if name == "id" { return (nil, column) }
        guard let field = Field(rawValue: name) else {
            let fields = (["id"] + Field.allCases.map(\.rawValue)).joined(separator: ", ")
            throw ValidationError("--map \(shown): unknown field '\(ImportFlags.displayable(name))'; fields are \(fields)")
        }
        return (field, column)
    }

    /// Text for a one-line message: line breaks and other control characters shown as `�`.
    static func displayable(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map {
            $0.properties.generalCategory == .control || $0.properties.generalCategory == .format ? "\u{FFFD}" : $0
        }))
    }
}

extension ImportFlags {
    /// Reads a list file with its import report; a file with several bad rows prints each on its
    /// own line to standard error and exits with status 2.
    static func read(_ path: String, options: ImportOptions) throws -> ListReader.Read {
        try reported(Result { () throws(ListError) in try ListReader.readWithReport(Files.read(path), file: path, options: options) })
    }

    /// Reads the two lists of a diff: both files' bytes first, in order (so a missing list A is
    /// said at once, and one pipe named twice goes to A as before), then both parsed at once,
    /// one on each core. What goes wrong is reported as `read(_:options:)` reports it, list A's
    /// problems first.
    static func read(
        _ a: (path: String, options: ImportOptions), _ b: (path: String, options: ImportOptions)
    ) throws -> (ListReader.Read, ListReader.Read) {
        let bytesA = try reported(Result { () throws(ListError) in try Files.read(a.path) })
        let bytes = [.success(bytesA), Result { () throws(ListError) in try Files.read(b.path) }]
        let lists = [a, b]
        let reads = [0, 1].concurrentMap(chunkSize: 1) { k in
            bytes[k].flatMap { bytes in
                Result { () throws(ListError) in try ListReader.readWithReport(bytes, file: lists[k].path, options: lists[k].options) }
            }
        }
        return (try reported(reads[0]), try reported(reads[1]))
    }

    /// What was read, or its error: one line thrown, several printed one per line (exit 2).
    private static func reported<T>(_ read: Result<T, ListError>) throws -> T {
        switch read {
        case .success(let value): return value
        case .failure(let error):
            let lines = error.lines
            guard lines.count > 1 else { throw error }
            for line in lines { Terminal.printError(line) }
            throw ExitCode(2)
        }
    }
}

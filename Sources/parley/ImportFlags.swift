import ArgumentParser
internal import Foundation
import ParleyMatch

/// How to read lists: flags shared by every command that imports one.
struct ImportFlags: ParsableArguments {
    @Option(help: "Text encoding of CSV files: utf-8 or windows-1251 (default: detected).")
    var encoding: TextEncoding?

    @Option(name: .customLong("map"), help: ArgumentHelp("Read FIELD from COLUMN (a header or a 1-based number), in both lists. Repeatable.", valueName: "FIELD=COLUMN"))
    var map: [String] = []

    @Option(name: .customLong("map-a"), help: ArgumentHelp("As --map, for list A only.", valueName: "FIELD=COLUMN"))
    var mapA: [String] = []

    @Option(name: .customLong("map-b"), help: ArgumentHelp("As --map, for list B only.", valueName: "FIELD=COLUMN"))
    var mapB: [String] = []

    @Option(help: "The column holding record ids (default: a column named id, record_id, № or similar; else the row number).")
    var idColumn: String?

    @Option(help: "Order of a single full-name column: surname-first or given-first (default: decided per value).")
    var nameOrder: NameOrder?

    func validate() throws {
        for m in map + mapA + mapB { _ = try ImportFlags.parse(m) }
    }

    /// The import options for list A (`forA`) or list B.
    func options(forA: Bool) throws -> ImportOptions {
        var columnMap: [Field: String] = [:]
        for m in map + (forA ? mapA : mapB) {
            let (field, column) = try ImportFlags.parse(m)
            columnMap[field] = column
        }
        return ImportOptions(encoding: encoding, columnMap: columnMap, idColumn: idColumn, nameOrder: nameOrder)
    }

    static func parse(_ mapping: String) throws -> (Field, String) {
        guard let eq = mapping.firstIndex(of: "="), eq != mapping.startIndex, mapping.index(after: eq) != mapping.endIndex else {
            throw ValidationError("--map \(mapping): expected FIELD=COLUMN, e.g. surname=Прізвище")
        }
        let name = String(mapping[..<eq]).trimmingCharacters(in: .whitespaces)
        guard let field = Field(rawValue: name) else {
            throw ValidationError("--map \(mapping): unknown field '\(name)'; fields are \(Field.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return (field, String(mapping[mapping.index(after: eq)...]))
    }
}

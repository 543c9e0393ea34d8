/// The JSON report: a stable document for programs.
///
/// Structure (keys sorted, two-space pretty printing, UTF-8, a final newline):
/// ```
/// {
///   "counts": { "agreed": 0, "disputed": 0, "duplicate-a": 0, "duplicate-b": 0,
///               "only-a": 0, "only-b": 0 },              // every outcome, zero when none
///   "generated_at": "2025-01-01T00:00:00Z",               // only when options.generatedAt is set
///   "lists": { "a": { "name": "…", "records": 0, "import": { … } }, "b": { … } },
///                                                         // "import" when the diff read the file:
///                                                         // ImportReport (sheet, sheet_number, sheet_count,
///                                                         // header_line, title_lines, footer_lines,
///                                                         // columns: [{number, header, read_as|null}])
///   "rows": [                                             // the result's order
///     {
///       "outcome": "disputed",                            // Outcome's raw value
///       "a": { "id": "…", "line": 2, "fields": { "surname": "…", … } } | null,
///       "b": { … } | null,
///       "duplicate_of": "…" | null,                       // id of the record a duplicate repeats
///       "score": 12.34 | null,                            // bits, 2 decimal places
///       "reasons": [ "date_of_birth:day-month-swapped" ],
///       "evidence": [ { "field": "surname", "agreement": "exact", "weight": 4.2,
///                       "a": "…" | null, "b": "…" | null } ],
///       "alternatives": [ { "list": "b", "id": "…", "score": 11.9 } ],
///       "nearest": [ { "list": "b", "id": "…", "score": -3.5 } ]   // only-a rows: the nearest records of B
///     }
///   ],
///   "version": 1
/// }
/// ```
/// `fields` holds the source values exactly as the list gave them, keyed by `Field`'s raw
/// value; empty cells are absent. On duplicate rows, the evidence's `a` is the value on the
/// `duplicate_of` record and `b` the value on the row's own record. Numbers are rounded to
/// 2 decimal places; a non-finite number is written as null. `version` changes only when a
/// key is removed or its meaning changes; adding keys does not change it.
package struct JSONReport {
    /// The version of the structure above.
    static let version = 1

    /// The result to write.
    let result: DiffResult
    /// The options; only `generatedAt` is used.
    let options: ReportOptions

    /// The whole JSON document, its rows written on every core.
    func render() -> String {
        var json = PrettyJSON()
        let generatedAt = options.generatedAt
        json.object(Self.documentKeys, where: { $0 < 4 || generatedAt != nil }) { (json: inout PrettyJSON, member: Int) in
            switch member {
            case 0: json.int(Self.version)
            case 1: writeLists(to: &json)
            case 2:
                let counts = Dictionary(uniqueKeysWithValues: result.counts.map { ($0.key.rawValue, $0.value) })
                json.object(counts) { (json: inout PrettyJSON, _: String, count: Int) in json.int(count) }
            case 3: json.array(concurrently: result.rows) { (json: inout PrettyJSON, row: DiffRow) in Self.write(row: row, to: &json) }
            default: json.string(generatedAt)
            }
        }
        return json.document()
    }

    /// Each list's name, size and, when the diff read the file, what reading it found.
    private func writeLists(to json: inout PrettyJSON) {
        json.object(Self.listsKeys) { (json: inout PrettyJSON, member: Int) in
            let name = member == 0 ? result.listA : result.listB
            let records = member == 0 ? result.recordCounts.a : result.recordCounts.b
            let report = member == 0 ? result.importA : result.importB
            json.object(Self.listKeys, where: { $0 < 2 || report != nil }) { (json: inout PrettyJSON, member: Int) in
                switch member {
                case 0: json.string(name)
                case 1: json.int(records)
                default: if let report { Self.write(report, to: &json) }
                }
            }
        }
    }

    private static let documentKeys = PrettyJSON.Keys(["version", "lists", "counts", "rows", "generated_at"])
    private static let listsKeys = PrettyJSON.Keys(["a", "b"])
    private static let listKeys = PrettyJSON.Keys(["name", "records", "import"])
    private static let rowKeys = PrettyJSON.Keys(["outcome", "a", "b", "duplicate_of", "score", "reasons", "evidence", "alternatives", "nearest"])
    private static let recordKeys = PrettyJSON.Keys(["id", "line", "fields"])
    private static let evidenceKeys = PrettyJSON.Keys(["field", "agreement", "weight", "a", "b"])
    private static let alternativeKeys = PrettyJSON.Keys(["list", "id", "score"])
    private static let columnKeys = PrettyJSON.Keys(["number", "header", "read_as"])
    private static let fields = Field.allCases
    private static let fieldKeys = PrettyJSON.Keys(fields.map(\.rawValue))

    /// One diff row; absent records and numbers are written as null, not left out.
    private static func write(row: DiffRow, to json: inout PrettyJSON) {
        json.object(rowKeys) { json, member in
            switch member {
            case 0: json.string(row.outcome.rawValue)
            case 1: write(row.a, to: &json)
            case 2: write(row.b, to: &json)
            case 3: json.string(row.duplicateOf?.id)
            case 4: json.number(row.score.flatMap(ReportFormatting.rounded))
            case 5: json.array(row.reasons) { $0.string($1) }
            case 6: write(row.evidence, to: &json)
            case 7: write(row.alternatives, to: &json)
            default: write(row.nearest, to: &json)
            }
        }
    }

    /// Field-by-field evidence: each item's field, agreement, weight (2 decimal places) and the
    /// two values, as every JSON report writes it.
    package static func write(_ evidence: [FieldEvidence], to json: inout PrettyJSON) {
        json.array(evidence) { json, item in
            json.object(evidenceKeys) { json, member in
                switch member {
                case 0: json.string(item.field.rawValue)
                case 1: json.string(item.agreement.rawValue)
                case 2: json.number(ReportFormatting.rounded(item.weight))
                case 3: json.string(item.a)
                default: json.string(item.b)
                }
            }
        }
    }

    /// A record: its id, its line in its file, and its source fields (keyed by `Field`'s raw
    /// value; empty cells are absent).
    private static func write(_ record: Record?, to json: inout PrettyJSON) {
        guard let record else { return json.null() }
        json.object(recordKeys) { json, member in
            switch member {
            case 0: json.string(record.id)
            case 1: json.int(record.line)
            default:
                json.object(fieldKeys, where: { record.fields[fields[$0]] != nil }) { json, member in
                    json.string(record.fields[fields[member]])
                }
            }
        }
    }

    /// Rival or nearest candidates.
    private static func write(_ alternatives: [DiffRow.Alternative], to json: inout PrettyJSON) {
        json.array(alternatives) { json, alternative in
            json.object(alternativeKeys) { json, member in
                switch member {
                case 0: json.string(alternative.list)
                case 1: json.string(alternative.id)
                default: json.number(ReportFormatting.rounded(alternative.score))
                }
            }
        }
    }

    /// What reading a list found (`ImportReport`): its optional members left out when absent,
    /// a column's `read_as` written as null.
    private static func write(_ report: ImportReport, to json: inout PrettyJSON) {
        let present = [report.sheet != nil, report.sheetNumber != nil, report.sheetCount != nil]
        json.object(importKeys, where: { $0 >= 3 || present[$0] }) { json, member in
            switch member {
            case 0: json.string(report.sheet)
            case 1: json.int(report.sheetNumber ?? 0)
            case 2: json.int(report.sheetCount ?? 0)
            case 3: json.int(report.headerLine)
            case 4: json.array(report.titleLines) { $0.int($1) }
            case 5: json.array(report.footerLines) { $0.int($1) }
            default:
                json.array(report.columns) { json, column in
                    json.object(columnKeys) { json, member in
                        switch member {
                        case 0: json.int(column.number)
                        case 1: json.string(column.header)
                        default: json.string(column.readAs)
                        }
                    }
                }
            }
        }
    }

    private static let importKeys = PrettyJSON.Keys(
        ["sheet", "sheet_number", "sheet_count", "header_line", "title_lines", "footer_lines", "columns"]
    )
}

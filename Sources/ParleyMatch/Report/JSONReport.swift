internal import Foundation

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

    /// The whole JSON document.
    func render() -> String {
        JSONReport.encoded(Document(result, generatedAt: options.generatedAt))
    }

    /// A report document as the JSON reports write it: keys sorted, two-space pretty printing,
    /// slashes unescaped, UTF-8, a final newline.
    /// - Parameter document: A document of strings, integers, booleans and finite numbers.
    /// - Returns: The JSON text.
    package static func encoded(_ document: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(document) else {
            // Report documents hold only strings, integers, booleans and finite numbers, which always encode.
            preconditionFailure("a JSON report could not be encoded")
        }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The top-level object.
    private struct Document: Encodable {
        var version = JSONReport.version
        var lists: [String: ListSummary]
        var counts: [String: Int]
        var rows: [Row]
        var generatedAt: String?

        enum CodingKeys: String, CodingKey {
            case version, lists, counts, rows
            case generatedAt = "generated_at"
        }

        init(_ result: DiffResult, generatedAt: String?) {
            lists = [
                "a": ListSummary(name: result.listA, records: result.recordCounts.a, importReport: result.importA),
                "b": ListSummary(name: result.listB, records: result.recordCounts.b, importReport: result.importB),
            ]
            counts = Dictionary(uniqueKeysWithValues: result.counts.map { ($0.key.rawValue, $0.value) })
            rows = result.rows.map(Row.init)
            self.generatedAt = generatedAt
        }
    }

    /// A list's name and size.
    private struct ListSummary: Encodable {
        var name: String
        var records: Int
        var importReport: ImportReport?

        enum CodingKeys: String, CodingKey {
            case name, records
            case importReport = "import"
        }
    }

    /// One diff row; absent records and numbers are written as null, not left out.
    private struct Row: Encodable {
        var outcome: String
        var a: RecordDTO?
        var b: RecordDTO?
        var duplicateOf: String?
        var score: Double?
        var reasons: [String]
        var evidence: [Evidence]
        var alternatives: [Alternative]
        var nearest: [Alternative]

        enum CodingKeys: String, CodingKey {
            case outcome, a, b, score, reasons, evidence, alternatives, nearest
            case duplicateOf = "duplicate_of"
        }

        init(_ row: DiffRow) {
            outcome = row.outcome.rawValue
            a = row.a.map(RecordDTO.init)
            b = row.b.map(RecordDTO.init)
            duplicateOf = row.duplicateOf?.id
            score = row.score.flatMap(ReportFormatting.rounded)
            reasons = row.reasons
            evidence = row.evidence.map(Evidence.init)
            alternatives = row.alternatives.map(Alternative.init)
            nearest = row.nearest.map(Alternative.init)
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(outcome, forKey: .outcome)
            try c.encode(a, forKey: .a)
            try c.encode(b, forKey: .b)
            try c.encode(duplicateOf, forKey: .duplicateOf)
            try c.encode(score, forKey: .score)
            try c.encode(reasons, forKey: .reasons)
            try c.encode(evidence, forKey: .evidence)
            try c.encode(alternatives, forKey: .alternatives)
            try c.encode(nearest, forKey: .nearest)
        }
    }

    /// A record: its id, its line in its file, and its source fields.
    private struct RecordDTO: Encodable {
        var id: String
        var line: Int
        var fields: [String: String]

        init(_ record: Record) {
            id = record.id
            line = record.line
            fields = Dictionary(uniqueKeysWithValues: record.fields.map { ($0.key.rawValue, $0.value) })
        }
    }

    /// How one field compared.
    private struct Evidence: Encodable {
        var field: String
        var agreement: String
        var weight: Double?
        var a: String?
        var b: String?

        init(_ evidence: FieldEvidence) {
            field = evidence.field.rawValue
            agreement = evidence.agreement.rawValue
            weight = ReportFormatting.rounded(evidence.weight)
            a = evidence.a
            b = evidence.b
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(field, forKey: .field)
            try c.encode(agreement, forKey: .agreement)
            try c.encode(weight, forKey: .weight)
            try c.encode(a, forKey: .a)
            try c.encode(b, forKey: .b)
        }

        enum CodingKeys: String, CodingKey { case field, agreement, weight, a, b }
    }

    /// A rival candidate of an ambiguous match.
    private struct Alternative: Encodable {
        var list: String
        var id: String
        var score: Double?

        init(_ alternative: DiffRow.Alternative) {
            list = alternative.list
            id = alternative.id
            score = ReportFormatting.rounded(alternative.score)
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(list, forKey: .list)
            try c.encode(id, forKey: .id)
            try c.encode(score, forKey: .score)
        }

        enum CodingKeys: String, CodingKey { case list, id, score }
    }
}

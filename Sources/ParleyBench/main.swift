import ParleyMatch
import Foundation

// Temporary harness: naive CSV (no quotes) until the importer lands.
func load(_ path: String) -> PersonList {
    let text = try! String(contentsOfFile: path, encoding: .utf8)
    var lines = text.split(whereSeparator: \.isNewline)
    let header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    var records: [Record] = []
    for (n, line) in lines.enumerated() {
        let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        var fields: [Field: String] = [:]
        var id = ""
        for (k, h) in header.enumerated() where k < cells.count && !cells[k].isEmpty {
            if h == "record_id" { id = cells[k]; continue }
            if let f = Field(rawValue: h) { fields[f] = cells[k] }
        }
        func date(_ s: String?) -> CalendarDate? {
            guard let s else { return nil }
            let p = s.split(separator: "-").compactMap { Int($0) }
            return p.count == 3 ? CalendarDate(year: p[0], month: p[1], day: p[2]) : nil
        }
        records.append(Record(id: id, line: n + 2, fields: fields, dateOfBirth: date(fields[.dateOfBirth]), captureDate: date(fields[.captureDate])))
    }
    return PersonList(name: path, records: records)
}

let args = CommandLine.arguments
let a = load(args[1]), b = load(args[2])
let t0 = Date()
let matcher = Matcher()
let prepared = matcher.prepare(a, b)
let t1 = Date()
let cands = prepared.candidates()
let t2 = Date()
let scored = prepared.score(cands)
let t3 = Date()
let result = prepared.assign(scored)
let t4 = Date()
FileHandle.standardError.write("prepare \(t1.timeIntervalSince(t0)) block \(t2.timeIntervalSince(t1)) (\(cands.count)) score \(t3.timeIntervalSince(t2)) assign \(t4.timeIntervalSince(t3))\n".data(using: .utf8)!)
print("outcome,a_id,b_id,duplicate_of,score,reasons")
for r in result.rows {
    print([r.outcome.rawValue, r.a?.id ?? "", r.b?.id ?? "", r.duplicateOf?.id ?? "", r.score.map { String(format: "%.2f", $0) } ?? "", r.reasons.joined(separator: ";")].joined(separator: ","))
}

internal import Foundation
import ParleyLog
import ParleyMatch

/// What importing a list file changes in one of its author's lists: the `list.put` of every added
/// or changed entry and the `list.remove` of every entry the file no longer has, with the counts.
///
/// A pure function of the records read and the entries the author has in that list now, so
/// importing the same file twice plans nothing the second time.
struct ListImportPlan {
    /// The reason written in every `list.remove` of an import.
    static let removalReason = "absent from re-import"

    /// The operations to sign, in this order: puts in file order, then removes by entry id.
    private(set) var operations: [ParleyLog.Operation] = []
    /// Entries that are new.
    private(set) var added = 0
    /// Entries whose fields differ from the author's current entry.
    private(set) var changed = 0
    /// Entries the author has that the file no longer holds.
    private(set) var removed = 0
    /// Entries exactly as the author already has them.
    private(set) var unchanged = 0

    /// Plans an import.
    ///
    /// - Parameters:
    ///   - list: The records read from the file.
    ///   - kind: The list written (the author's side's list of that kind).
    ///   - current: The author's entries in that list now: entry id → fields.
    /// - Throws: A one-line failure naming the file and line of a record whose id cannot be an
    ///   entry id, of two records whose ids become the same entry id, or of a record with no fields.
    init(list: PersonList, kind: ListKind, current: [String: [Field: String]]) throws {
        var lines: [String: Int] = [:]
        for record in list.records {
            guard let entry = EntryIDs.sanitized(record.id) else {
                throw ValidationFailure(
                    "\(list.name):\(record.line): record id \"\(record.id)\" cannot be an entry id "
                        + "(\(EntryIDs.rule)); choose an id column with --id-column"
                )
            }
            if let first = lines.updateValue(record.line, forKey: entry) {
                throw ValidationFailure(
                    "\(list.name):\(record.line): record id \"\(record.id)\" becomes entry id \(entry), as the record on line \(first) does"
                )
            }
            guard !record.fields.isEmpty else {
                throw ValidationFailure("\(list.name):\(record.line): record \(entry) has no fields")
            }
            switch current[entry] {
            case record.fields?:
                unchanged += 1
                continue
            case nil:
                added += 1
            case .some:
                changed += 1
            }
            operations.append(.putEntry(PutEntry(list: kind, entry: entry, fields: record.fields)))
        }
        for entry in current.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) where lines[entry] == nil {
            removed += 1
            operations.append(.removeEntry(RemoveEntry(list: kind, entry: entry, reason: Self.removalReason)))
        }
    }

    /// Whether every record id was the line number, i.e. the file has no id column.
    static func keysAreLineNumbers(_ list: PersonList) -> Bool {
        !list.records.isEmpty && list.records.allSatisfy { $0.id == String($0.line) }
    }
}

/// Record ids made into entry ids (PROTOCOL.md §5.2: 1 to 128 characters from `A–Z a–z 0–9 . _ : -`).
enum EntryIDs {
    /// The rule, for messages.
    static let rule = "1 to 128 characters from A-Z a-z 0-9 . _ : -"

    /// `id` as an entry id: surrounding whitespace dropped, each run of inner whitespace written
    /// `_`, each `/` or `\` written `-`; `nil` when anything else falls outside the rule.
    static func sanitized(_ id: String) -> String? {
        var entry = ""
        var inSpace = false
        for scalar in id.trimmingCharacters(in: .whitespacesAndNewlines).unicodeScalars {
            if scalar.properties.isWhitespace {
                if !inSpace { entry.append("_") }
                inSpace = true
                continue
            }
            inSpace = false
            switch scalar {
            case "A"..."Z", "a"..."z", "0"..."9", ".", "_", ":", "-": entry.unicodeScalars.append(scalar)
            case "/", "\\": entry.append("-")
            default: return nil
            }
        }
        return (1...128).contains(entry.utf8.count) ? entry : nil
    }
}

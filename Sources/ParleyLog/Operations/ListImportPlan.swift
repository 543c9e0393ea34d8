public import ParleyMatch

/// What importing a list file changes in one of its author's lists: the `list.put` of every added
/// or changed entry and the `list.remove` of every entry the file no longer has, with the counts.
///
/// A pure function of the records read and the entries the author has in that list now, so
/// importing the same file twice plans nothing the second time.
public struct ListImportPlan: Hashable, Sendable {
    /// The reason written in every `list.remove` of an import.
    public static let removalReason = "absent from re-import"

    /// What an entry id may be, for messages: `1 to 128 characters from A-Z a-z 0-9 . _ : -`.
    public static let entryIDRule = EntryID.characters

    /// The operations to sign, in this order: puts in file order, then removes by entry id.
    public private(set) var operations: [Operation] = []
    /// Entries that are new.
    public private(set) var added = 0
    /// Entries whose fields differ from the author's current entry.
    public private(set) var changed = 0
    /// Entries the author has that the file no longer holds.
    public private(set) var removed = 0
    /// Entries exactly as the author already has them.
    public private(set) var unchanged = 0

    /// Plans an import.
    ///
    /// Each record becomes the entry whose id is ``entryID(forRecordID:)`` of the record's id.
    ///
    /// - Parameters:
    ///   - list: The records read from the file.
    ///   - kind: The list written (the author's side's list of that kind).
    ///   - current: The author's entries in that list now: entry id → fields.
    /// - Throws: ``ListImportProblem`` for the first record whose id cannot be an entry id, whose
    ///   id becomes the same entry id as an earlier record's, or that has no fields.
    public init(list: PersonList, kind: ListKind, current: [String: [Field: String]]) throws(ListImportProblem) {
        var lines: [String: Int] = [:]
        for record in list.records {
            guard let entry = Self.entryID(forRecordID: record.id) else {
                throw .invalidEntryID(line: record.line, recordID: record.id)
            }
            if let first = lines.updateValue(record.line, forKey: entry) {
                throw .sharedEntryID(line: record.line, recordID: record.id, entry: entry, firstLine: first)
            }
            guard !record.fields.isEmpty else {
                throw .noFields(line: record.line, entry: entry)
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

    /// A record id as an entry id, one to one and reversible (``recordID(forEntryID:)``): an id
    /// that already keeps the entry-id rule (and does not begin with `u:`) is itself; any other,
    /// in any script, is `u:` and the id with each other character written `_hex.`
    /// (`РФ-101` → `u:_420._424.-101`; `1/15` → `u:1_2f.15`, so it never meets `1-15`).
    ///
    /// - Parameter id: The record's id, as the list gave it.
    /// - Returns: The entry id, or `nil` when the id is empty or too long once encoded (``entryIDRule``).
    public static func entryID(forRecordID id: String) -> String? {
        EntryID.encoded(id)
    }

    /// The record id an entry id stands for, exactly as the list wrote it: the inverse of
    /// ``entryID(forRecordID:)``, for showing entries to people.
    ///
    /// - Parameter entry: An entry id.
    /// - Returns: The record id.
    public static func recordID(forEntryID entry: String) -> String {
        EntryID.recordID(entry)
    }

    /// Whether every record id is the record's line number, i.e. the file has no id column.
    ///
    /// - Parameter list: The records read from the file.
    /// - Returns: `true` when the list has records and each one's id is its line.
    public static func keysAreLineNumbers(_ list: PersonList) -> Bool {
        !list.records.isEmpty && list.records.allSatisfy { $0.id == String($0.line) }
    }
}

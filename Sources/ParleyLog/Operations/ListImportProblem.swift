/// Why a list cannot be imported: the first record that cannot become an entry.
///
/// The cases carry what a caller needs to name the record; ``description`` names only the line,
/// so it never repeats the file's contents.
public enum ListImportProblem: Error, Hashable, Sendable, CustomStringConvertible {
    /// The record on `line` has an id that cannot be made an entry id (``ListImportPlan/entryIDRule``).
    case invalidEntryID(line: Int, recordID: String)
    /// The record on `line` has an id that becomes entry id `entry`, as the record on `firstLine` does.
    case sharedEntryID(line: Int, recordID: String, entry: String, firstLine: Int)
    /// The record on `line`, entry `entry`, has no fields.
    case noFields(line: Int, entry: String)

    /// The line (CSV) or row (xlsx) of the record.
    public var line: Int {
        switch self {
        case let .invalidEntryID(line, _), let .sharedEntryID(line, _, _, _), let .noFields(line, _): line
        }
    }

    /// E.g. `line 7: the record id cannot be an entry id (1 to 128 characters from …)`.
    public var description: String {
        switch self {
        case let .invalidEntryID(line, _):
            "line \(line): the record id cannot be an entry id (\(ListImportPlan.entryIDRule))"
        case let .sharedEntryID(line, _, _, first):
            "line \(line): the record id becomes the same entry id as the record on line \(first)"
        case let .noFields(line, _):
            "line \(line): the record has no fields"
        }
    }
}

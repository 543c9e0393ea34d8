public import ParleyLog

/// One entry of the replica's derived `entry` table: a list entry of an exchange's state, with the
/// list it is in.
public struct StoredEntry: Hashable, Sendable {
    /// The list.
    public let list: ListKey
    /// The entry.
    public let entry: ListEntry

    /// Describes a derived entry.
    public init(list: ListKey, entry: ListEntry) {
        self.list = list
        self.entry = entry
    }
}

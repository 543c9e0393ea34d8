public import ParleyCrypto
public import ParleyMatch

/// One entry of a list in the state: its author's record as last put.
public struct ListEntry: Hashable, Sendable {
    /// Who wrote it (entries have exactly one writer).
    public let author: KeyID
    /// The author's entry id.
    public let entry: String
    /// The record's source fields.
    public let fields: [Field: String]
    /// The `list.put` envelope that set it.
    public let envelope: EnvelopeID

    /// Records an entry.
    public init(author: KeyID, entry: String, fields: [Field: String], envelope: EnvelopeID) {
        self.author = author
        self.entry = entry
        self.fields = fields
        self.envelope = envelope
    }
}

/// Where an entry sits in its list: its author and the author's entry id.
public struct EntryKey: Hashable, Sendable, Comparable {
    /// The author.
    public let author: KeyID
    /// The author's entry id.
    public let entry: String

    /// Names an entry.
    public init(author: KeyID, entry: String) {
        self.author = author
        self.entry = entry
    }

    /// Orders by author key id, then by entry id bytes (the canonical state order).
    public static func < (lhs: EntryKey, rhs: EntryKey) -> Bool {
        // Entry ids are ASCII (``EntryID``'s rule, checked before anything is folded), where
        // String's order is byte order, and String's own comparison of ASCII text is several times
        // faster than a generic byte comparison when sorting 100,000 entries.
        lhs.author != rhs.author ? lhs.author < rhs.author : lhs.entry < rhs.entry
    }
}

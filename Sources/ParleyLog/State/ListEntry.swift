#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
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
        lhs.author != rhs.author ? lhs.author < rhs.author : Self.bytesPrecede(lhs.entry, rhs.entry)
    }

    /// Whether `lhs`'s UTF-8 bytes sort before `rhs`'s: one `memcmp` on contiguous storage (the
    /// generic sequence comparison dominated sorting a list of 100,000 entries).
    private static func bytesPrecede(_ lhs: String, _ rhs: String) -> Bool {
        var lhs = lhs, rhs = rhs
        return lhs.withUTF8 { left in
            rhs.withUTF8 { right in
                let common = min(left.count, right.count)
                if common > 0, let a = left.baseAddress, let b = right.baseAddress {
                    let order = memcmp(a, b, common)
                    if order != 0 { return order < 0 }
                }
                return left.count < right.count
            }
        }
    }
}

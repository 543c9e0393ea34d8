/// A phase whose manifest every participant has signed: its people cross as signed and are drawn
/// into no other phase.
public struct SealedPhase: Hashable, Sendable {
    /// The phase's name in the terms.
    public let name: String
    /// Every entry of the people it lists (request and release entries).
    public let entries: Set<EntryRef>

    /// Describes a sealed phase.
    public init(name: String, entries: Set<EntryRef>) {
        self.name = name
        self.entries = entries
    }

    /// The sealed phase of a final manifest.
    public init(name: String, manifest: Manifest) {
        self.init(name: name, entries: manifest.includedEntries)
    }
}

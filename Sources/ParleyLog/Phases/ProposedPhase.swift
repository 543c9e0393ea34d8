import ParleyCrypto

/// The phase a `manifest.propose` covers (PROTOCOL.md §5.11, §10.5): the phase as the terms name
/// it, with its counts, and every entry of the people its manifest lists, so that every verifier
/// knows which people a final phase manifest freezes without matching lists (§7.1).
///
/// JSON form (the optional `phase` member of a `manifest.propose` body):
/// `{"name": <phase name>, "counts": {"to-A": <n>, "to-B": <n>}, "entries": [<group>, …]}`, where a
/// group is `{"side", "list", "author", "entries": [<entry id>, …]}`: the entries of one list by
/// one author, ids sorted bytewise and distinct, groups sorted by side, list and author, each once,
/// none empty. Entry ids are written once per group so that a phase of thousands of people fits an
/// envelope.
public struct ProposedPhase: Hashable, Sendable {
    /// The most entries a proposal may name.
    public static let maxEntries = 200_000

    /// The phase: its name and counts, as the terms in force give them.
    public let phase: Terms.Phase
    /// Every request and release entry of the people the phase's manifest lists.
    public let entries: Set<EntryRef>

    /// Describes the phase a proposal covers.
    ///
    /// - Parameters:
    ///   - phase: The phase as the terms name it.
    ///   - entries: The entries of its manifest's people.
    public init(phase: Terms.Phase, entries: Set<EntryRef>) {
        self.phase = phase
        self.entries = entries
    }

    /// The phase a phase manifest covers (``Manifest/phase``), with the manifest's entries.
    ///
    /// - Parameter manifest: A manifest built for a phase.
    /// - Returns: `nil` for a manifest of the whole exchange.
    public init?(manifest: Manifest) {
        guard let phase = manifest.phase else { return nil }
        self.init(phase: phase.phase, entries: manifest.includedEntries)
    }

    /// The sealed phase this proposal makes when its manifest is final.
    public var sealed: SealedPhase {
        SealedPhase(name: phase.name, entries: entries)
    }
}

extension ProposedPhase {
    init(json: JSONValue) throws(LogError) {
        let reader = try JSONObjectReader(json, context: "manifest.propose phase", members: ["name", "counts", "entries"])
        let name = try reader.string("name")
        guard !name.isEmpty else { throw .malformed("manifest.propose phase `name` must be non-empty") }
        var entries: Set<EntryRef> = []
        var previous: (ListKey, KeyID)?
        for value in try reader.array("entries") {
            let group = try JSONObjectReader(value, context: "manifest.propose phase entries", members: ["side", "list", "author", "entries"])
            guard let author = KeyID(hex: try group.string("author")) else {
                throw .malformed("manifest.propose phase entries member `author` must be a key id (64 lowercase hex digits)")
            }
            let list = ListKey(side: try group.enumeration("side", as: Side.self), kind: try group.enumeration("list", as: ListKind.self))
            if let (lastList, lastAuthor) = previous, !(lastList < list || (lastList == list && lastAuthor < author)) {
                throw .malformed("manifest.propose phase entries must be grouped by side, list and author, sorted, each group once")
            }
            previous = (list, author)
            var last: String?
            let ids = try group.array("entries")
            guard !ids.isEmpty else { throw .malformed("manifest.propose phase entries: a group names at least one entry") }
            for id in ids {
                guard let text = id.stringValue else { throw .malformed("manifest.propose phase entries are entry ids (strings)") }
                if let last, !last.utf8.lexicographicallyPrecedes(text.utf8) {
                    throw .malformed("manifest.propose phase entry ids must be sorted bytewise and distinct")
                }
                last = text
                let ref = EntryRef(list: list, author: author, entry: text)
                if let problem = ref.problem { throw .malformed(problem) }
                entries.insert(ref)
                if entries.count > Self.maxEntries {
                    throw .malformed("manifest.propose phase names more than \(Self.maxEntries) entries")
                }
            }
        }
        self.init(phase: Terms.Phase(name: name, counts: try Terms.counts(reader.value("counts"))), entries: entries)
    }

    var json: JSONValue {
        let groups = Dictionary(grouping: entries) { ListAuthor(list: $0.list, author: $0.author) }
        return [
            "name": .string(phase.name),
            "counts": Terms.countsJSON(phase.counts),
            "entries": .array(groups.keys.sorted().map { key in
                [
                    "side": .string(key.list.side.rawValue), "list": .string(key.list.kind.rawValue), "author": .string(key.author.hex),
                    "entries": .array((groups[key] ?? []).map(\.entry).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { .string($0) }),
                ]
            }),
        ]
    }
}

/// One list of one author: how a proposed phase groups its entries.
private struct ListAuthor: Hashable, Comparable {
    let list: ListKey
    let author: KeyID

    static func < (lhs: ListAuthor, rhs: ListAuthor) -> Bool {
        lhs.list != rhs.list ? lhs.list < rhs.list : lhs.author < rhs.author
    }
}

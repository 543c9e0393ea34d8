/// One way two manifests differ, e.g. a proposed manifest and the one a participant builds from
/// its own state before signing. Never quotes record contents: people are named by their entries.
public enum ManifestDifference: Hashable, Sendable, CustomStringConvertible {
    /// Different exchanges.
    case exchange
    /// Different titles.
    case title
    /// Different participants.
    case participants
    /// Different terms.
    case terms
    /// Built from different reconciliations (the two parties do not hold the same envelopes).
    case reconciliation
    /// The other manifest has this person and this one does not.
    case added(Direction, request: EntryRef, release: EntryRef)
    /// This manifest has this person and the other does not.
    case removed(Direction, request: EntryRef, release: EntryRef)
    /// Both have the pair, with other entry versions or fields.
    case changed(Direction, request: EntryRef, release: EntryRef)

    /// E.g. `added to-A A/request/3b6a27bc/A-1 + B/release/9f0c1d2e/B-1`.
    public var description: String {
        switch self {
        case .exchange: "exchange"
        case .title: "title"
        case .participants: "participants"
        case .terms: "terms"
        case .reconciliation: "reconciliation"
        case let .added(direction, request, release): "added \(direction.rawValue) \(request) + \(release)"
        case let .removed(direction, request, release): "removed \(direction.rawValue) \(request) + \(release)"
        case let .changed(direction, request, release): "changed \(direction.rawValue) \(request) + \(release)"
        }
    }
}

extension Manifest {
    /// How `other` differs from this manifest; empty when they have the same hash.
    ///
    /// - Parameter other: E.g. the proposed manifest, when this is the one built locally.
    /// - Returns: The header differences, then per direction the people added, removed and changed
    ///   (ordered by request entry, then release entry).
    public func differences(from other: Manifest) -> [ManifestDifference] {
        var out: [ManifestDifference] = []
        if exchange != other.exchange { out.append(.exchange) }
        if title != other.title { out.append(.title) }
        if participants != other.participants { out.append(.participants) }
        if terms != other.terms { out.append(.terms) }
        if reconciliation != other.reconciliation { out.append(.reconciliation) }
        for direction in Direction.allCases {
            let mine = Dictionary((people[direction] ?? []).map { ([$0.request.ref, $0.release.ref], $0) }) { first, _ in first }
            let theirs = Dictionary((other.people[direction] ?? []).map { ([$0.request.ref, $0.release.ref], $0) }) { first, _ in first }
            for key in Set(mine.keys).union(theirs.keys).sorted(by: { $0.lexicographicallyPrecedes($1) }) {
                switch (mine[key], theirs[key]) {
                case (nil, _): out.append(.added(direction, request: key[0], release: key[1]))
                case (_, nil): out.append(.removed(direction, request: key[0], release: key[1]))
                case let (a?, b?) where a != b: out.append(.changed(direction, request: key[0], release: key[1]))
                default: break
                }
            }
        }
        return out
    }
}

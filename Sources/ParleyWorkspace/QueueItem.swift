import ParleyLog

/// One thing in the decision queue: a row of a direction's reconciliation that needs a person.
struct QueueItem: Sendable, Hashable {
    /// Why it needs a person, in the queue's order.
    enum Kind: String, Sendable, CaseIterable, Comparable {
        /// An open dispute, a conflicting key field, an ambiguous match or hand decisions that disagree.
        case disputed
        /// Agreed, but another candidate came near (a doubtful pair).
        case rival
        /// A second entry of a person already on the same list.
        case duplicate
        /// Requested, not offered: a missed match is spotted here.
        case notOffered = "not-offered"

        /// How the queue names it.
        var label: String {
            switch self {
            case .disputed: "disputed"
            case .rival: "near-equal rival"
            case .duplicate: "duplicate"
            case .notOffered: "requested, not offered"
            }
        }

        static func < (lhs: Kind, rhs: Kind) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// The direction.
    let direction: Direction
    /// Its index in the direction's rows.
    let row: Int
    /// Why.
    let kind: Kind
    /// The row's first entry.
    let primary: EntryRef
    /// The person's priority categories, in the terms' order.
    let priorities: [PriorityCategory]

    /// The key review marks are kept under: `to-A:A/request/1a2b3c4d/UA-001`.
    var key: String { Self.key(direction, primary) }

    /// The key of a row by its direction and first entry.
    static func key(_ direction: Direction, _ primary: EntryRef) -> String {
        "\(direction.rawValue):\(primary.description)"
    }

    /// The kind of queue item `row` is, or nil when it needs no person.
    static func kind(of row: ReconciliationRow) -> Kind? {
        switch row.outcome {
        case .disputed: .disputed
        case .duplicate: .duplicate
        case .unoffered: .notOffered
        case .agreed: row.alternatives.isEmpty ? nil : .rival
        case .unrequested: nil
        }
    }
}

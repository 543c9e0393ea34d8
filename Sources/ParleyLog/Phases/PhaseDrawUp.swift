public import ParleyMatch

/// Draws up the phases of an exchange from its agreed people (PROTOCOL.md §10.5).
///
/// Per direction, the agreed people not in a sealed phase are put in one order: by the first
/// category of the terms' priority order each is in (those in none last, as `remaining`); the
/// long held among themselves by time held, longest first (a partial date counting as its first
/// day); then by request entry reference and release entry reference (PROTOCOL.md §10.1's order
/// of references). The phases then take, in the terms' order, the next people of that order up to
/// their count; a sealed phase takes none (its people are its manifest's). A pure function: the
/// same people, terms and sealed phases give the same plans, whatever order they come in.
public struct PhaseDrawUp: Hashable, Sendable {
    /// The terms drawn up.
    public let terms: Terms
    /// The day ages and time held were measured on.
    public let asOf: CalendarDate
    /// Every phase of the terms, in order.
    public let plans: [PhasePlan]
    /// Per direction, the agreed people no phase takes.
    public let undrawn: [Direction: Int]

    /// Draws up the phases of `terms` from a reconciliation.
    ///
    /// - Parameters:
    ///   - reconciliation: The reconciliation; its `agreed` rows are the people drawn from.
    ///   - terms: The terms: phases with their counts, the priority order, `as_of`.
    ///   - sealed: The phases sealed by a final manifest.
    ///   - today: The day ages and time held are measured on when the terms set no `as_of`.
    public init(reconciliation: Reconciliation, terms: Terms, sealed: [SealedPhase] = [], today: CalendarDate) {
        let day = terms.asOf ?? today
        var candidates: [Direction: [PhaseCandidate]] = [:]
        for report in reconciliation.directions {
            candidates[report.direction] = PhaseCandidate.agreed(in: report, asOf: day)
        }
        self.init(candidates: candidates, terms: terms, sealed: sealed, asOf: day)
    }

    /// Draws up the phases of `terms` from candidates.
    ///
    /// - Parameters:
    ///   - candidates: The agreed people of each direction, in any order (repeats count once).
    ///   - terms: The terms: phases with their counts and the priority order.
    ///   - sealed: The phases sealed by a final manifest; their entries are drawn into no phase.
    ///   - asOf: The day the candidates' categories were measured on (recorded, not used).
    public init(candidates: [Direction: [PhaseCandidate]], terms: Terms, sealed: [SealedPhase] = [], asOf: CalendarDate) {
        self.terms = terms
        self.asOf = asOf
        let order = terms.priorityOrder
        let sealedEntries = sealed.reduce(into: Set<EntryRef>()) { $0.formUnion($1.entries) }
        var byPhase: [Int: [PhasePlan.DirectionPlan]] = [:]
        var undrawn: [Direction: Int] = [:]
        for direction in Direction.allCases {
            let ranked = Set(candidates[direction] ?? []).map { Ranked($0, order: order) }.sorted()
            let pool = ranked.filter { !$0.candidate.isAmong(sealedEntries) }
            var next = 0
            for (index, phase) in terms.phases.enumerated() {
                let expected = phase.counts[direction] ?? 0
                let drawn: ArraySlice<Ranked>
                let available: Int
                if let seal = sealed.first(where: { $0.name == phase.name }) {
                    drawn = ranked.filter { $0.candidate.isAmong(seal.entries) }[...]
                    available = drawn.count
                } else {
                    available = pool.count - next
                    drawn = pool[next..<(next + min(expected, available))]
                    next += drawn.count
                }
                let people = drawn.enumerated().map { offset, person in
                    PlannedPerson(position: offset + 1, candidate: person.candidate, reason: person.reason(order: order))
                }
                byPhase[index, default: []].append(PhasePlan.DirectionPlan(direction: direction, expected: expected, people: people, available: available))
            }
            undrawn[direction] = pool.count - next
        }
        let sealedNames = Set(sealed.map(\.name))
        self.plans = terms.phases.enumerated().map { index, phase in
            PhasePlan(phase: phase, number: index + 1, isSealed: sealedNames.contains(phase.name), order: order, directions: byPhase[index] ?? [])
        }
        self.undrawn = undrawn
    }

    /// The plan of the phase named `name`, if the terms have it.
    public func plan(named name: String) -> PhasePlan? {
        plans.first { $0.phase.name == name }
    }
}

/// A candidate with its place in the priority order, sortable.
private struct Ranked: Comparable {
    let candidate: PhaseCandidate
    /// The index in the order of the first category the person is in; the order's count if none.
    let rank: Int
    /// For the long held, since when (year, month, day): earlier first.
    let since: [Int]

    init(_ candidate: PhaseCandidate, order: [PriorityCategory]) {
        self.candidate = candidate
        self.rank = order.firstIndex(where: candidate.categories.contains) ?? order.count
        if rank < order.count, order[rank] == .longHeld, let held = candidate.heldSince {
            since = [held.year, held.month, held.day]
        } else {
            since = []
        }
    }

    func reason(order: [PriorityCategory]) -> PhaseReason {
        rank < order.count ? .priority(order[rank]) : .remaining
    }

    static func < (lhs: Ranked, rhs: Ranked) -> Bool {
        if lhs.rank != rhs.rank { return lhs.rank < rhs.rank }
        if lhs.since != rhs.since { return lhs.since.lexicographicallyPrecedes(rhs.since) }
        if lhs.candidate.request != rhs.candidate.request { return lhs.candidate.request < rhs.candidate.request }
        return lhs.candidate.release < rhs.candidate.release
    }

    static func == (lhs: Ranked, rhs: Ranked) -> Bool {
        lhs.rank == rhs.rank && lhs.since == rhs.since && lhs.candidate.request == rhs.candidate.request && lhs.candidate.release == rhs.candidate.release
    }
}

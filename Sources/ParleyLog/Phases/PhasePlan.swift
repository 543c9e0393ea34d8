import ParleyMatch

/// The people of one phase, each direction in the terms' priority order, with the reason each
/// is there, and whether the phase has as many as its terms say (parity).
public struct PhasePlan: Hashable, Sendable {
    /// One direction of a phase.
    public struct DirectionPlan: Hashable, Sendable {
        /// The direction.
        public let direction: Direction
        /// How many cross this way in the phase by the terms.
        public let expected: Int
        /// Who crosses, in order.
        public let people: [PlannedPerson]
        /// How many agreed people the phase could draw from: not sealed in a phase and not drawn
        /// into an earlier one.
        public let available: Int

        /// How many the phase lacks to meet its terms (0 when it has enough).
        public var missing: Int { max(0, expected - people.count) }

        /// Whether the phase has exactly its terms' count this way.
        public var meetsTerms: Bool { people.count == expected }
    }

    /// The phase, as the terms name it.
    public let phase: Terms.Phase
    /// Its number in the terms' order, from 1.
    public let number: Int
    /// Whether the phase is sealed: its people are those of its final manifest (those still
    /// agreed are listed), not drawn again.
    public let isSealed: Bool
    /// The priority order it was drawn in.
    public let order: [PriorityCategory]
    /// Both directions, `to-A` first.
    public let directions: [DirectionPlan]

    /// The plan of `direction`.
    public func direction(_ direction: Direction) -> DirectionPlan {
        directions.first { $0.direction == direction }!
    }

    /// Whether both directions meet the phase's terms.
    public var meetsTerms: Bool {
        directions.allSatisfy(\.meetsTerms)
    }
}

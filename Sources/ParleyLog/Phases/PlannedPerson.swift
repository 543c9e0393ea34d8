/// One person a phase plan draws, in the plan's order.
public struct PlannedPerson: Hashable, Sendable {
    /// The person's place in the phase's direction, from 1.
    public let position: Int
    /// The agreed pair of entries and the person's categories.
    public let candidate: PhaseCandidate
    /// Why the person is in the phase at this place.
    public let reason: PhaseReason
}

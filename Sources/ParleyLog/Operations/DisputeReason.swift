/// Why a dispute was opened.
public enum DisputeReason: String, Sendable, Hashable, Codable, CaseIterable {
    /// The entries may not be the same person, or one entry may stand for two persons.
    case identityConflict = "identity-conflict"
    /// The person's status is contested (civilian or combatant, prisoner of war or not).
    case statusContested = "status-contested"
    /// The releasing side says it does not hold the person.
    case notHeld = "not-held"
    /// The person appears twice.
    case duplicate
    /// Anything else; the note says what.
    case other
}

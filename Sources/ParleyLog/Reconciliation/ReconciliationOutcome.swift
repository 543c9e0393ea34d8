/// What the reconciliation of one direction concludes about a person or an entry.
public enum ReconciliationOutcome: String, Sendable, Hashable, Codable, CaseIterable {
    /// Requested and offered: the same person, no key field in conflict, no open dispute.
    case agreed
    /// A key field conflicts, the match is ambiguous, hand decisions disagree, or a dispute is open.
    case disputed
    /// Requested, not offered.
    case unoffered
    /// Offered, not requested.
    case unrequested
    /// A second entry of a person already on the same list.
    case duplicate
}

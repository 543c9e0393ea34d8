/// What `parley diff` concludes about one person, or one record.
public enum Outcome: String, Sendable, Hashable, Codable, CaseIterable {
    /// The same person on both lists, no key field in conflict, not ambiguous.
    case agreed
    /// The same person by the weight of evidence, but a key field (date of birth, service
    /// number) conflicts, or another candidate is nearly as likely.
    case disputed
    /// Only on list A.
    case onlyA = "only-a"
    /// Only on list B.
    case onlyB = "only-b"
    /// A second record of a person already on list A.
    case duplicateA = "duplicate-a"
    /// A second record of a person already on list B.
    case duplicateB = "duplicate-b"
}

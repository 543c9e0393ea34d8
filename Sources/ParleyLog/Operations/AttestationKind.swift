/// What a mediator attests about a person.
public enum AttestationKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// The mediator has registered the person.
    case registered
    /// The mediator has visited the person.
    case visited
    /// The person has been medically assessed.
    case medicallyAssessed = "medically-assessed"
}

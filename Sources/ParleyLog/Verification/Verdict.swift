/// The outcome of verifying one envelope.
public enum Verdict: Hashable, Sendable {
    /// Signed by a participant of this exchange, chained to the author's previous envelope, and
    /// allowed by the author's role.
    case valid
    /// Not accepted, for these reasons (at least one, in a fixed order).
    case invalid([Reason])

    /// Whether the verdict is ``valid``.
    public var isValid: Bool {
        if case .valid = self { true } else { false }
    }

    /// The reasons, empty when valid.
    public var reasons: [Reason] {
        if case let .invalid(reasons) = self { reasons } else { [] }
    }
}

/// Why a person is in a phase where they are.
public enum PhaseReason: Hashable, Sendable, CustomStringConvertible {
    /// The first category of the terms' priority order the person is in.
    case priority(PriorityCategory)
    /// In none of the order's categories: the rest, by entry reference.
    case remaining

    /// The category's name, or `remaining`.
    public var description: String {
        switch self {
        case let .priority(category): category.rawValue
        case .remaining: "remaining"
        }
    }
}

/// Why a person is in a phase where they are.
public enum PhaseReason: Hashable, Sendable, CustomStringConvertible {
    /// The first category of the terms' priority order the person is in.
    case priority(PriorityCategory)
    /// In none of the order's categories: the rest, by entry reference.
    case remaining

    /// Reads a reason as ``description`` writes it.
    ///
    /// - Throws: ``LogError/Code/malformedEnvelope`` for any other text.
    init(name: String) throws(LogError) {
        if name == "remaining" {
            self = .remaining
        } else if let category = PriorityCategory(rawValue: name) {
            self = .priority(category)
        } else {
            throw .malformed("a phase reason is a priority category or `remaining`")
        }
    }

    /// The category's name, or `remaining`.
    public var description: String {
        switch self {
        case let .priority(category): category.rawValue
        case .remaining: "remaining"
        }
    }
}

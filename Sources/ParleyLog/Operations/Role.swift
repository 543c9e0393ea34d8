/// What a participant does in an exchange.
public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
    /// A side's coordinating body: submits that side's request and release lists.
    case headquarters
    /// A side's ombudsman: also submits that side's request and release lists.
    case ombudsman
    /// The neutral go-between: keeps the `registry` list, later attests and confirms.
    case mediator
}

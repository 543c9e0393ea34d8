/// What prevents a manifest from being proposed, unless a mediator waives it with a reason.
public enum Blocker: Hashable, Sendable, Codable, CustomStringConvertible {
    /// An open dispute is about people the manifest includes (the entries named).
    case openDispute(EnvelopeID, entries: [EntryRef])
    /// The number crossing in a direction is not the number the terms give.
    case termsBroken(Direction, expected: Int, actual: Int)
    /// Mediators set terms that disagree.
    case termsConflict

    /// The key a ``Waiver`` names: `dispute:<id>`, `terms:to-A`, `terms:to-B` or `terms:conflict`.
    public var key: String {
        switch self {
        case let .openDispute(id, _): "dispute:\(id.hex)"
        case let .termsBroken(direction, _, _): "terms:\(direction.rawValue)"
        case .termsConflict: "terms:conflict"
        }
    }

    /// E.g. `terms:to-A (expected 390, manifest has 388)`; never quotes record contents.
    public var description: String {
        switch self {
        case let .openDispute(_, entries): "\(key) (open, about \(entries.count) included entr\(entries.count == 1 ? "y" : "ies"))"
        case let .termsBroken(_, expected, actual): "\(key) (expected \(expected), manifest has \(actual))"
        case .termsConflict: "\(key) (mediators set different terms)"
        }
    }
}

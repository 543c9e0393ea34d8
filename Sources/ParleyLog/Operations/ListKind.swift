/// The kinds of list a participant keeps.
public enum ListKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A side's people it asks to have back.
    case request
    /// The other side's people a side offers to release.
    case release
    /// People the mediator has registered or visited, used as corroboration.
    case registry
}

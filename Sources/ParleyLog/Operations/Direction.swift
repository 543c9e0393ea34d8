/// Which way people cross, named by the side that receives them.
///
/// `to-A` is side A's `request` list against side B's `release` list: the people side A asks back
/// and side B offers to release cross from B to A. `to-B` is the reverse.
public enum Direction: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Side A's request against side B's release.
    case toA = "to-A"
    /// Side B's request against side A's release.
    case toB = "to-B"

    /// The side that asks for the people and receives them.
    public var requester: Side { self == .toA ? .a : .b }

    /// The side that holds the people and releases them.
    public var releaser: Side { self == .toA ? .b : .a }

    /// The requester's `request` list.
    public var requestList: ListKey { ListKey(side: requester, kind: .request) }

    /// The releaser's `release` list.
    public var releaseList: ListKey { ListKey(side: releaser, kind: .release) }

    /// The direction whose request list is `request` and release list `release`, if they face each other.
    public init?(request: ListKey, release: ListKey) {
        guard request.kind == .request, release.kind == .release else { return nil }
        switch (request.side, release.side) {
        case (.a, .b): self = .toA
        case (.b, .a): self = .toB
        default: return nil
        }
    }

    /// `to-A` before `to-B`.
    public static func < (lhs: Direction, rhs: Direction) -> Bool {
        lhs == .toA && rhs == .toB
    }
}

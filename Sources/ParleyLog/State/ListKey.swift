/// One list of an exchange: a side's list of a kind (`A`/`request`, `neutral`/`registry`, …).
public struct ListKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Whose list it is.
    public var side: Side
    /// Which list.
    public var kind: ListKind

    /// Names a list.
    public init(side: Side, kind: ListKind) {
        self.side = side
        self.kind = kind
    }

    /// Orders by side then kind, each by the UTF-8 bytes of its raw value (the canonical state order).
    public static func < (lhs: ListKey, rhs: ListKey) -> Bool {
        if lhs.side != rhs.side {
            return lhs.side.rawValue.utf8.lexicographicallyPrecedes(rhs.side.rawValue.utf8)
        }
        return lhs.kind.rawValue.utf8.lexicographicallyPrecedes(rhs.kind.rawValue.utf8)
    }

    /// `A/request`.
    public var description: String { "\(side.rawValue)/\(kind.rawValue)" }
}

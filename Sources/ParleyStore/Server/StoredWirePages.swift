/// Gathers envelopes into pages of a fixed size: how every backend's
/// ``ServerStore/envelopes(of:after:size:pageSize:_:)`` cuts what it reads.
///
/// Every page but the last is full; an empty read gives no page at all.
struct StoredWirePages {
    /// Envelopes per page.
    let size: Int
    private var buffer: [StoredWire] = []

    /// Pages of `size` (at least 1) envelopes.
    init(size: Int) {
        self.size = max(1, size)
        buffer.reserveCapacity(self.size)
    }

    /// How many envelopes the current page still takes (at least 1).
    var room: Int { size - buffer.count }

    /// Adds an envelope.
    ///
    /// - Returns: The page, when this envelope filled it.
    mutating func add(_ wire: StoredWire) -> [StoredWire]? {
        buffer.append(wire)
        guard buffer.count == size else { return nil }
        defer { buffer.removeAll(keepingCapacity: true) }
        return buffer
    }

    /// The last, partly filled page, if any.
    mutating func finish() -> [StoredWire]? {
        guard !buffer.isEmpty else { return nil }
        defer { buffer.removeAll() }
        return buffer
    }
}

/// A binary min-heap of values by expiry time, for ``ReplayGuard``.
struct ExpiryHeap<Value> {
    private var nodes: [(time: Int64, value: Value)] = []

    /// The earliest entry, if any.
    var min: (time: Int64, value: Value)? { nodes.first }

    /// Adds an entry.
    mutating func insert(_ time: Int64, _ value: Value) {
        nodes.append((time, value))
        var child = nodes.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard nodes[child].time < nodes[parent].time else { break }
            nodes.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes the earliest entry; does nothing when empty.
    mutating func removeMin() {
        guard !nodes.isEmpty else { return }
        nodes.swapAt(0, nodes.count - 1)
        nodes.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < nodes.count, nodes[left].time < nodes[smallest].time { smallest = left }
            if right < nodes.count, nodes[right].time < nodes[smallest].time { smallest = right }
            guard smallest != parent else { return }
            nodes.swapAt(parent, smallest)
            parent = smallest
        }
    }
}

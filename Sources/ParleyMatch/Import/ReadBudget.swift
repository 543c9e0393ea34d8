/// How much memory reading one list may take: a small multiple of its input, never more than a
/// hard cap. Readers charge every row and cell they store, and stop with `.tooLarge` when the
/// budget is spent, so no file, however built, makes the reader hold more than this.
struct ReadBudget: Sendable {
    /// The hard cap, whatever the input: 1 GiB.
    static let hardCap = 1 << 30
    /// What a stored cell costs beyond its text: the cell, its column and the row's array slot.
    static let cellOverhead = 48
    /// What a stored row costs beyond its cells.
    static let rowOverhead = 64

    /// Bytes left.
    private(set) var remaining: Int
    /// The budget it started with.
    let limit: Int

    /// A budget of `limit` bytes.
    init(limit: Int) {
        self.limit = max(0, limit)
        remaining = self.limit
    }

    /// The default budget for an input of `size` bytes: 16 MiB plus 24 bytes per input byte,
    /// capped at `hardCap`.
    static func forInput(size: Int) -> ReadBudget {
        ReadBudget(limit: min(hardCap, (16 << 20) + 24 * size))
    }

    /// Charges `bytes`; false (and nothing charged) when they do not fit.
    mutating func charge(_ bytes: Int) -> Bool {
        guard bytes <= remaining else { return false }
        remaining -= bytes
        return true
    }

    /// Charges one stored cell of `text`.
    mutating func chargeCell(_ text: String) -> Bool {
        charge(text.utf8.count + ReadBudget.cellOverhead)
    }

    /// The error for a spent budget.
    func exhausted(file: String, line: Int?) -> ListError {
        ListError(.tooLarge,
                  "the list holds more than reading it may take (\(limit >> 20) MiB); split it, or raise the limit",
                  file: file, line: line)
    }
}

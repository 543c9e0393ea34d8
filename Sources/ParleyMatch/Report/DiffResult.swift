/// The result of comparing two lists: one row per person or record, and the totals.
public struct DiffResult: Sendable, Hashable {
    /// The name of list A (its file name).
    public var listA: String
    /// The name of list B.
    public var listB: String
    /// How many records each list had.
    public var recordCounts: (a: Int, b: Int) {
        get { (countA, countB) }
        set { countA = newValue.a; countB = newValue.b }
    }
    private var countA: Int
    private var countB: Int
    /// The rows: matches in list A's order, then what is only on B, duplicates beside
    /// the record they repeat.
    public var rows: [DiffRow]
    /// How list A was read (sheet, header, skipped lines, columns), when the caller says.
    public var importA: ImportReport?
    /// How list B was read.
    public var importB: ImportReport?

    /// Creates a result.
    public init(listA: String, listB: String, recordCounts: (a: Int, b: Int), rows: [DiffRow]) {
        self.listA = listA
        self.listB = listB
        self.countA = recordCounts.a
        self.countB = recordCounts.b
        self.rows = rows
    }

    /// How many rows have each outcome (every outcome present, zero when none).
    public var counts: [Outcome: Int] {
        // Tallied by position among the outcomes: no hashing a row.
        let outcomes = Outcome.allCases
        var tally = [Int](repeating: 0, count: outcomes.count)
        for i in rows.indices { tally[outcomes.firstIndex(of: rows[i].outcome)!] += 1 }
        return Dictionary(uniqueKeysWithValues: zip(outcomes, tally))
    }

    /// The indexes of the rows of each outcome, in `order`, each group in the rows' order: the
    /// reports' grouping, made without copying a row.
    /// - Parameter order: The outcomes, each once.
    /// - Returns: One array of row indexes an outcome of `order` (empty when it has none).
    package func rowIndices(by order: [Outcome]) -> [[Int]] {
        var groups = [[Int]](repeating: [], count: order.count)
        for i in rows.indices {
            if let k = order.firstIndex(of: rows[i].outcome) { groups[k].append(i) }
        }
        return groups
    }

    /// Whether every record on both sides is agreed (diff's exit status 0).
    public var isAllAgreed: Bool {
        rows.allSatisfy { $0.outcome == .agreed }
    }
}

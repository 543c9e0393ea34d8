/// Candidate pairs found by blocking: across the lists, and inside each list (for duplicates).
public struct CandidatePairs: Sendable {
    /// Pairs (index in A, index in B).
    var cross: [(Int32, Int32)] = []
    /// Pairs (i, j), i < j, inside A.
    var insideA: [(Int32, Int32)] = []
    /// Pairs (i, j), i < j, inside B.
    var insideB: [(Int32, Int32)] = []

    /// How many pairs blocking proposed in all.
    public var count: Int { cross.count + insideA.count + insideB.count }

    /// Candidate pairs per record: across the lists per record of A, and inside each list per
    /// record of that list. The benchmark prints them, so a key that blocks too widely shows.
    public func perRecord(countA: Int, countB: Int) -> (cross: Double, insideA: Double, insideB: Double) {
        func ratio(_ n: Int, _ d: Int) -> Double { d == 0 ? 0 : Double(n) / Double(d) }
        return (ratio(cross.count, countA), ratio(insideA.count, countA), ratio(insideB.count, countB))
    }
}

/// Pairs that scored high enough to matter, with their scores.
public struct ScoredPairs: Sendable {
    struct Pair: Sendable {
        var i: Int32
        var j: Int32
        var score: Double
    }
    var cross: [Pair] = []
    var insideA: [Pair] = []
    var insideB: [Pair] = []
    /// For each record of A, its best-scoring candidates in B whatever their score (at most
    /// ``PreparedLists/nearestCount``, best first, ties by position in B): what a person reviewing
    /// a record that matched nothing looks at first. Sorted by the record of A.
    var nearestOfA: [Pair] = []
    /// Pairs inside A that score as duplicates but whose service numbers differ: namesakes,
    /// two people, shown as possible duplicates and never merged.
    var namesakesA: [Pair] = []
    /// The same inside B.
    var namesakesB: [Pair] = []

    /// How many pairs were kept.
    public var count: Int { cross.count + insideA.count + insideB.count + namesakesA.count + namesakesB.count }
}

extension PreparedLists {
    /// Stage 2, blocking: the pairs worth scoring. Both indexes are built, and the queries run,
    /// on every core; the pairs come out in the same order whatever the number of cores.
    public func candidates() -> CandidatePairs {
        let bytes = self.bytes
        let indexes = [normalizedA, normalizedB].concurrentMap(chunkSize: 1) { BlockIndex(records: $0, bytes: bytes) }
        let (indexA, indexB) = (indexes[0], indexes[1])
        var out = CandidatePairs()
        out.cross = PreparedLists.pairs(queries: normalizedA, index: indexB, targetCount: normalizedB.count, inside: false, bytes: bytes)
        out.insideA = PreparedLists.pairs(queries: normalizedA, index: indexA, targetCount: normalizedA.count, inside: true, bytes: bytes)
        out.insideB = PreparedLists.pairs(queries: normalizedB, index: indexB, targetCount: normalizedB.count, inside: true, bytes: bytes)
        return out
    }

    /// Every pair of a query record and an indexed record that share a bucket, once, grouped by
    /// the query in its order (inside one list, only pairs (i, j) with i < j). Queries run in
    /// chunks on every core, each with its own `seen` marks.
    private static func pairs(queries: [NormalizedRecord], index: BlockIndex, targetCount: Int, inside: Bool, bytes: ByteArena) -> [(Int32, Int32)] {
        let chunkSize = 8_192
        let starts = Array(stride(from: 0, to: queries.count, by: chunkSize))
        let parts = starts.concurrentMap(chunkSize: 1) { start -> [(Int32, Int32)] in
            var out: [(Int32, Int32)] = []
            out.reserveCapacity(chunkSize * 8)
            var seen = [Int32](repeating: -1, count: targetCount)
            var keys: [UInt64] = []
            bytes.withView { bytes in
                for i in start..<min(queries.count, start + chunkSize) {
                    let qi = Int32(i)
                    index.forEachBucket(of: queries[i], bytes: bytes, keys: &keys) { bucket in
                        for j in bucket where seen[Int(j)] != qi {
                            seen[Int(j)] = qi
                            if inside && j <= qi { continue }
                            out.append((qi, j))
                        }
                    }
                }
            }
            return out
        }
        return Array(parts.joined())
    }

    /// Stage 3, scoring: every candidate pair weighed; keeps those that could matter
    /// (within the ambiguity margin of the threshold). Runs on every core; the result does
    /// not depend on how many.
    public func score(_ candidates: CandidatePairs) -> ScoredPairs {
        var out = ScoredPairs()
        let floor = model.matchThreshold - model.ambiguityMargin
        (out.cross, out.nearestOfA) = scorePairs(candidates.cross, floor: floor, nearest: PreparedLists.nearestCount, normalizedA, exactA, normalizedB, exactB)
        let insideA = scorePairs(candidates.insideA, floor: model.duplicateThreshold, nearest: 0, normalizedA, exactA, normalizedA, exactA).kept
        (out.insideA, out.namesakesA) = separateNamesakes(insideA, normalizedA)
        let insideB = scorePairs(candidates.insideB, floor: model.duplicateThreshold, nearest: 0, normalizedB, exactB, normalizedB, exactB).kept
        (out.insideB, out.namesakesB) = separateNamesakes(insideB, normalizedB)
        return out
    }

    /// Duplicate pairs split into true duplicates and namesakes: two records of one list whose
    /// service numbers both exist and differ (not by one digit) are two people, however alike
    /// their names and dates of birth.
    private func separateNamesakes(
        _ pairs: [ScoredPairs.Pair], _ records: [NormalizedRecord]
    ) -> (duplicates: [ScoredPairs.Pair], namesakes: [ScoredPairs.Pair]) {
        var duplicates: [ScoredPairs.Pair] = []
        var namesakes: [ScoredPairs.Pair] = []
        bytes.withView { bytes in
            for p in pairs {
                if Comparison.serviceNumbers(records[Int(p.i)], records[Int(p.j)], bytes) == .different {
                    namesakes.append(p)
                } else {
                    duplicates.append(p)
                }
            }
        }
        return (duplicates, namesakes)
    }

    /// How many nearest candidates a record of A keeps (``ScoredPairs/nearestOfA``).
    static let nearestCount = 3

    /// Scores `pairs` (indexes into `x` and `y`, grouped by the index into `x`, as blocking makes
    /// them) on all cores and keeps those at or above `floor`, in the order of `pairs`; with them,
    /// each record of `x`'s `nearest` best pairs whatever their score. Records hold no
    /// references (their byte strings are runs in `bytes`), so reading one costs no reference
    /// counting. The result does not depend on the number of cores.
    private func scorePairs(
        _ pairs: [(Int32, Int32)], floor: Double, nearest: Int,
        _ x: [NormalizedRecord], _ wx: [ExactWeights], _ y: [NormalizedRecord], _ wy: [ExactWeights]
    ) -> (kept: [ScoredPairs.Pair], nearest: [ScoredPairs.Pair]) {
        // Each chunk returns its kept pairs and, per record of `x`, its best `nearest` pairs; a
        // record whose pairs straddle two chunks is merged below.
        let parts = pairs.concurrentChunks(chunkSize: 50_000) { chunk -> [(kept: [ScoredPairs.Pair], nearest: [ScoredPairs.Pair])] in
            x.withUnsafeBufferPointer { xs in
                y.withUnsafeBufferPointer { ys in
                  self.bytes.withView { bytes in
                    var kept: [ScoredPairs.Pair] = []
                    var best = NearestPairs(limit: nearest)
                    // Records borrowed through their pointers: a subscript would copy each.
                    guard let xb = xs.baseAddress, let yb = ys.baseAddress else { return [([], [])] }
                    for (i, j) in chunk {
                        let s = self.score(xb[Int(i)], wx[Int(i)], yb[Int(j)], wy[Int(j)], bytes: bytes).0
                        if s >= floor { kept.append(.init(i: i, j: j, score: s)) }
                        best.offer(.init(i: i, j: j, score: s))
                    }
                    return [(kept, best.finish())]
                  }
                }
            }
        }
        var merged = NearestPairs(limit: nearest)
        for part in parts {
            for pair in part.nearest { merged.offer(pair) }
        }
        return (parts.flatMap(\.kept), merged.finish())
    }
}

/// The best `limit` pairs of each record of one side, from pairs that come grouped by that
/// record: best score first, ties by the other record's position.
struct NearestPairs {
    private let limit: Int
    private var current: [ScoredPairs.Pair] = []
    private var out: [ScoredPairs.Pair] = []

    init(limit: Int) {
        self.limit = limit
    }

    mutating func offer(_ pair: ScoredPairs.Pair) {
        guard limit > 0 else { return }
        if let first = current.first, first.i != pair.i { flush() }
        current.append(pair)
        if current.count > limit * 4 { trim() }
    }

    mutating func finish() -> [ScoredPairs.Pair] {
        flush()
        return out
    }

    private mutating func trim() {
        current.sort { $0.score != $1.score ? $0.score > $1.score : $0.j < $1.j }
        if current.count > limit { current.removeLast(current.count - limit) }
    }

    private mutating func flush() {
        guard !current.isEmpty else { return }
        trim()
        out += current
        current.removeAll(keepingCapacity: true)
    }
}

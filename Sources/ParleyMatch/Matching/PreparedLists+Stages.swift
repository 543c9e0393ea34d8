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
    /// Pairs inside A that score as duplicates but whose service numbers differ: namesakes,
    /// two people, shown as possible duplicates and never merged.
    var namesakesA: [Pair] = []
    /// The same inside B.
    var namesakesB: [Pair] = []

    /// How many pairs were kept.
    public var count: Int { cross.count + insideA.count + insideB.count + namesakesA.count + namesakesB.count }
}

extension PreparedLists {
    /// Stage 2, blocking: the pairs worth scoring.
    public func candidates() -> CandidatePairs {
        var out = CandidatePairs()
        let indexB = BlockIndex(records: normalizedB)
        out.cross = PreparedLists.pairs(queries: normalizedA, index: indexB, targetCount: normalizedB.count, inside: false)
        let indexA = BlockIndex(records: normalizedA)
        out.insideA = PreparedLists.pairs(queries: normalizedA, index: indexA, targetCount: normalizedA.count, inside: true)
        out.insideB = PreparedLists.pairs(queries: normalizedB, index: indexB, targetCount: normalizedB.count, inside: true)
        return out
    }

    private static func pairs(queries: [NormalizedRecord], index: BlockIndex, targetCount: Int, inside: Bool) -> [(Int32, Int32)] {
        var out: [(Int32, Int32)] = []
        out.reserveCapacity(queries.count * 4)
        var seen = [Int32](repeating: -1, count: targetCount)
        var keys: [UInt64] = []
        for (i, r) in queries.enumerated() {
            let qi = Int32(i)
            index.forEachBucket(of: r, keys: &keys) { bucket in
                for j in bucket where seen[Int(j)] != qi {
                    seen[Int(j)] = qi
                    if inside && j <= qi { continue }
                    out.append((qi, j))
                }
            }
        }
        return out
    }

    /// Stage 3, scoring: every candidate pair weighed; keeps those that could matter
    /// (within the ambiguity margin of the threshold). Runs on every core; the result does
    /// not depend on how many.
    public func score(_ candidates: CandidatePairs) -> ScoredPairs {
        var out = ScoredPairs()
        let floor = model.matchThreshold - model.ambiguityMargin
        out.cross = scorePairs(candidates.cross, floor: floor, normalizedA, exactA, normalizedB, exactB)
        let insideA = scorePairs(candidates.insideA, floor: model.duplicateThreshold, normalizedA, exactA, normalizedA, exactA)
        (out.insideA, out.namesakesA) = PreparedLists.separateNamesakes(insideA, normalizedA)
        let insideB = scorePairs(candidates.insideB, floor: model.duplicateThreshold, normalizedB, exactB, normalizedB, exactB)
        (out.insideB, out.namesakesB) = PreparedLists.separateNamesakes(insideB, normalizedB)
        return out
    }

    /// Duplicate pairs split into true duplicates and namesakes: two records of one list whose
    /// service numbers both exist and differ (not by one digit) are two people, however alike
    /// their names and dates of birth.
    private static func separateNamesakes(
        _ pairs: [ScoredPairs.Pair], _ records: [NormalizedRecord]
    ) -> (duplicates: [ScoredPairs.Pair], namesakes: [ScoredPairs.Pair]) {
        var duplicates: [ScoredPairs.Pair] = []
        var namesakes: [ScoredPairs.Pair] = []
        for p in pairs {
            if Comparison.serviceNumbers(records[Int(p.i)], records[Int(p.j)]) == .different {
                namesakes.append(p)
            } else {
                duplicates.append(p)
            }
        }
        return (duplicates, namesakes)
    }

    /// Scores `pairs` (indexes into `x` and `y`) on all cores and keeps those at or above
    /// `floor`, in the order of `pairs`. Records are read through buffer pointers, so scoring
    /// a pair borrows the two records instead of copying them (a copy retains every array in them).
    private func scorePairs(
        _ pairs: [(Int32, Int32)], floor: Double,
        _ x: [NormalizedRecord], _ wx: [ExactWeights], _ y: [NormalizedRecord], _ wy: [ExactWeights]
    ) -> [ScoredPairs.Pair] {
        pairs.concurrentChunks(chunkSize: 50_000) { chunk in
            x.withUnsafeBufferPointer { xs in
                y.withUnsafeBufferPointer { ys in
                    var kept: [ScoredPairs.Pair] = []
                    for (i, j) in chunk {
                        let s = self.score(xs[Int(i)], wx[Int(i)], ys[Int(j)], wy[Int(j)]).0
                        if s >= floor { kept.append(.init(i: i, j: j, score: s)) }
                    }
                    return kept
                }
            }
        }
    }
}

import Testing
@testable import ParleyMatch

/// A record of A that matched nothing names the records of B that came nearest to it: the
/// reviewer's first places to look for a person requested but not offered.
@Suite struct NearestCandidateTests {
    @Test func anUnmatchedRecordNamesItsNearestRecordsOfTheOtherListBestFirst() throws {
        let r = diff(
            [
                person("A1", "Testenko Ivan Petrovych", born: "1990-01-01", service: "A-100001"),
                person("A2", "Probko Oleh Ivanovych", born: "1985-02-03"),
            ],
            [
                person("B1", "Probko Oleh Ivanovych", born: "1985-02-03"),
                person("B2", "Testenko Mykola Serhiiovych", born: "1971-05-05"),
                person("B3", "Testenko Ivan Petrovych", born: "1962-11-30", service: "A-999999"),
            ])
        let lone = try #require(r.rows.first { $0.a?.id == "A1" })
        #expect(lone.outcome == .onlyA)
        #expect(lone.nearest.map(\.id).contains("B3"), "same name, other birth date and number")
        #expect(lone.nearest.allSatisfy { $0.list == "b" })
        #expect(lone.nearest.count <= PreparedLists.nearestCount)
        #expect(zip(lone.nearest, lone.nearest.dropFirst()).allSatisfy { $0.score >= $1.score }, "best first")
        // Matched rows name none.
        #expect(r.rows.first { $0.a?.id == "A2" }?.nearest.isEmpty == true)
        #expect(r.rows.first { $0.a?.id == "A2" }?.outcome == .agreed)
    }

    @Test func aRecordThatSharesNoBlockWithTheOtherListHasNoNearest() {
        let r = diff([person("A1", "Testenko Ivan", born: "1990-01-01")], [person("B1", "Zrazko Oleh", born: "1979-12-31")])
        #expect(r.rows.first { $0.a != nil }?.nearest == [])
    }

    /// The best pairs per record do not depend on how the pairs are cut into chunks (cores):
    /// any split, merged in order, gives what one pass over all of them gives.
    @Test(arguments: [1, 2, 3, 7]) func nearestPairsDoNotDependOnTheChunks(seed: UInt64) {
        var rng = SeededGenerator(state: seed)
        var pairs: [ScoredPairs.Pair] = []
        for i in 0..<40 {
            for _ in 0..<Int.random(in: 0...9, using: &rng) {
                // Few distinct scores, so ties (broken by position in B) happen.
                pairs.append(.init(i: Int32(i), j: Int32.random(in: 0..<50, using: &rng), score: Double(Int.random(in: -3...3, using: &rng))))
            }
        }
        var whole = NearestPairs(limit: 3)
        for p in pairs { whole.offer(p) }
        let expected = whole.finish()
        // By hand: per record, sort by score then j, keep three.
        func better(_ x: ScoredPairs.Pair, _ y: ScoredPairs.Pair) -> Bool { x.score != y.score ? x.score > y.score : x.j < y.j }
        var byHand: [ScoredPairs.Pair] = []
        for i in Set(pairs.map(\.i)).sorted() {
            byHand += pairs.filter { $0.i == i }.sorted(by: better).prefix(3)
        }
        #expect(expected.map { [$0.i, $0.j] } == byHand.map { [$0.i, $0.j] })
        for _ in 0..<20 {
            var cuts = Set([0, pairs.count])
            for _ in 0..<Int.random(in: 1...6, using: &rng) { cuts.insert(Int.random(in: 0...pairs.count, using: &rng)) }
            let bounds = cuts.sorted()
            var merged = NearestPairs(limit: 3)
            for (from, to) in zip(bounds, bounds.dropFirst()) {
                var chunk = NearestPairs(limit: 3)
                for p in pairs[from..<to] { chunk.offer(p) }
                for p in chunk.finish() { merged.offer(p) }
            }
            #expect(merged.finish().map { [$0.i, $0.j] } == expected.map { [$0.i, $0.j] })
        }
    }
}

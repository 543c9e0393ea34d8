import Testing
@testable import ParleyMatch

/// The comparisons that scoring runs millions of times, against plain reference definitions:
/// their fast forms must say the same on every input.
@Suite struct ComparisonReferenceTests {
    /// One substitution, insertion, deletion or exchange of neighbours, by brute force.
    static func referenceWithinOneEdit(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        if a == b { return true }
        var one: Set<[UInt8]> = []
        for i in 0...a.count {
            if i < a.count {
                var d = a; d.remove(at: i); one.insert(d)
                for c in Set(a + b) { var s = a; s[i] = c; one.insert(s) }
                if i + 1 < a.count { var t = a; t.swapAt(i, i + 1); one.insert(t) }
            }
            for c in Set(a + b) { var n = a; n.insert(c, at: i); one.insert(n) }
        }
        return one.contains(b)
    }

    @Test func withinOneEditAgreesWithBruteForce() {
        var rng = SeededGenerator(state: 11)
        for _ in 0..<4_000 {
            let a = (0..<Int.random(in: 0...6, using: &rng)).map { _ in UInt8.random(in: 48...51, using: &rng) }
            var b = a
            for _ in 0..<Int.random(in: 0...2, using: &rng) {
                switch Int.random(in: 0...3, using: &rng) {
                case 0 where !b.isEmpty: b[Int.random(in: 0..<b.count, using: &rng)] = UInt8.random(in: 48...51, using: &rng)
                case 1: b.insert(UInt8.random(in: 48...51, using: &rng), at: Int.random(in: 0...b.count, using: &rng))
                case 2 where !b.isEmpty: b.remove(at: Int.random(in: 0..<b.count, using: &rng))
                case 3 where b.count > 1: let i = Int.random(in: 0..<(b.count - 1), using: &rng); b.swapAt(i, i + 1)
                default: break
                }
            }
            #expect(Comparison.withinOneEdit(a, b) == Self.referenceWithinOneEdit(a, b), "\(a) \(b)")
        }
    }

    @Test func aDateOneDigitOffIsOneCharacterOffInItsWrittenForm() throws {
        var rng = SeededGenerator(state: 12)
        var seen = 0
        for _ in 0..<20_000 {
            let a = try #require(CalendarDate(year: Int.random(in: 1900...2100, using: &rng), month: Int.random(in: 1...12, using: &rng), day: Int.random(in: 1...28, using: &rng)))
            // Another date sharing most of its digits: each of year, month, day kept or nudged.
            let year = Bool.random(using: &rng) ? a.year : a.year + [-100, -10, -1, 1, 10, 100].randomElement(using: &rng)!
            let month = Bool.random(using: &rng) ? a.month : Int.random(in: 1...12, using: &rng)
            let day = Bool.random(using: &rng) ? a.day : Int.random(in: 1...28, using: &rng)
            guard let b = CalendarDate(year: year, month: month, day: day) else { continue }
            let written = zip(a.description.utf8, b.description.utf8).filter { $0 != $1 }.count
            let agreement = Comparison.dates(a, b)
            if agreement == .oneDigitOff { seen += 1 }
            if [Agreement.exact, .dayMonthSwapped, .yearOffByOne].contains(agreement) { continue }
            #expect((agreement == .oneDigitOff) == (written == 1), "\(a) \(b)")
        }
        #expect(seen > 100)
    }
}

/// Jaro–Winkler's mask form (names up to 64 letters, what scoring runs) against its textbook
/// form with arrays of matched letters (`jaroWinklerLong`).
@Suite struct JaroWinklerReferenceTests {
    static func reference(_ a: [UInt8], _ b: [UInt8]) -> Double {
        if a == b { return a.isEmpty ? 0 : 1 }
        if a.isEmpty || b.isEmpty { return 0 }
        return a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in jaroWinklerLong(a, b) } }
    }

    @Test func theMaskFormAgreesWithTheTextbookOnEveryInput() {
        var rng = SeededGenerator(state: 31)
        // Small alphabets make many equal letters (and so transpositions); lengths cross 64.
        for alphabet in [Array("ab".utf8), Array("abcdeZH ".utf8), Array(0...255) as [UInt8]] {
            for _ in 0..<3_000 {
                let la = Int.random(in: 0...(Bool.random(using: &rng) ? 12 : 70), using: &rng)
                let a = (0..<la).map { _ in alphabet.randomElement(using: &rng)! }
                var b = a.isEmpty || Bool.random(using: &rng)
                    ? (0..<Int.random(in: 0...70, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! } : a
                if !b.isEmpty && Bool.random(using: &rng) { b.swapAt(0, b.count - 1) }
                #expect(jaroWinkler(a, b) == Self.reference(a, b), "\(a) \(b)")
            }
        }
    }
}

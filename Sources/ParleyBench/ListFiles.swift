internal import Foundation

/// `parley-bench lists`: writes the synthetic lists as CSV files, for benchmarks that run the
/// real binary (scripts/bench-scale.sh).
enum ListFiles {
    /// Writes `a.csv` (side A's request, `a` people and their duplicates) and `b.csv` (side B's
    /// release, `b` people, about 70 % of them A's) into `folder`.
    static func write(a: Int, b: Int, seed: UInt64, to folder: String) throws {
        var generator = SyntheticLists(seed: seed)
        let (csvA, csvB, _) = generator.csv(a: a, b: b)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data(csvA.utf8).write(to: URL(fileURLWithPath: folder + "/a.csv"))
        try Data(csvB.utf8).write(to: URL(fileURLWithPath: folder + "/b.csv"))
        let rows = { (text: String) in text.utf8.reduce(0) { $0 + ($1 == 10 ? 1 : 0) } - 1 }
        print("wrote \(folder)/a.csv (\(rows(csvA)) rows) and \(folder)/b.csv (\(rows(csvB)) rows), seed \(seed)")
    }
}

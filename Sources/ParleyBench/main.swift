import ParleyMatch
#if canImport(Glibc)
import Glibc
#endif
internal import Foundation

// parley-bench: matching at scale on synthetic lists, and the stages' share of the time;
// with `log`, the signed log's speed.
//
//   parley-bench [diff] [--size N] [--size-b N] [--seed S]
//   parley-bench log [--envelopes N]
//   parley-bench sync [--envelopes N] [--clients N] [--openssl-verify N]   (scripts/bench-sync.sh)
//   parley-bench lists --out DIR [--size N] [--size-b N] [--seed S]          (scripts/bench-scale.sh)
//   parley-bench crypto [--bodies N] [--body-bytes B] [--shares N]          (content encryption's cost)
//   parley-bench sync-sealed [--envelopes N] [--rounds R]                   (full sync, sealed vs clear)
//
// Generates two lists (A Ukrainian, B Russian forms, B holding ~70 % of A), imports them
// from CSV bytes with the same reader `parley diff` uses, matches them, and prints the time
// of each stage, the peak memory, and precision and recall against the generator's truth.

func option(_ name: String, _ fallback: Int) -> Int {
    let args = CommandLine.arguments
    if let i = args.firstIndex(of: name), i + 1 < args.count, let v = Int(args[i + 1]) { return v }
    return fallback
}

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

func peakMemoryMiB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024  // ru_maxrss is in KiB on Linux
}

if CommandLine.arguments.dropFirst().first == "sync" {
    do {
        try await SyncBench.run(
            envelopes: option("--envelopes", 100_000), clients: option("--clients", 50),
            opensslVerify: Double(option("--openssl-verify", 0))
        )
        exit(0)
    } catch {
        print("parley-bench: \(error)")
        exit(2)
    }
}

if CommandLine.arguments.dropFirst().first == "sync-sealed" {
    do {
        try await SealedSyncBench.run(envelopes: option("--envelopes", 20_000), rounds: option("--rounds", 3))
        exit(0)
    } catch {
        print("parley-bench: \(error)")
        exit(2)
    }
}

if CommandLine.arguments.dropFirst().first == "lists" {
    let args = CommandLine.arguments
    guard let i = args.firstIndex(of: "--out"), i + 1 < args.count else {
        print("parley-bench lists: --out DIR is required")
        exit(2)
    }
    do {
        let a = option("--size", 100_000)
        try ListFiles.write(a: a, b: option("--size-b", a * 4 / 5), seed: UInt64(option("--seed", 1)), to: args[i + 1])
        exit(0)
    } catch {
        print("parley-bench: \(error)")
        exit(2)
    }
}

if CommandLine.arguments.dropFirst().first == "crypto" {
    do {
        try CryptoBench.run(bodies: option("--bodies", 100_000), bodyBytes: option("--body-bytes", 200), shares: option("--shares", 5_000))
        exit(0)
    } catch {
        print("parley-bench: \(error)")
        exit(2)
    }
}

if CommandLine.arguments.dropFirst().first == "log" {
    do {
        try LogBench.run(envelopes: option("--envelopes", 100_000))
        exit(0)
    } catch {
        print("parley-bench: \(error)")
        exit(2)
    }
}

let sizeA = option("--size", 100_000)
let sizeB = option("--size-b", sizeA)
let seed = UInt64(option("--seed", 1))

var generator = SyntheticLists(seed: seed)
let t0 = now()
let (csvA, csvB, truth) = generator.csv(a: sizeA, b: sizeB)
let bytesA = Array(csvA.utf8), bytesB = Array(csvB.utf8)
let tGenerated = now()

do {
    let listA = try ListReader.read(bytesA, file: "a.csv")
    let listB = try ListReader.read(bytesB, file: "b.csv")
    let t1 = now()
    let prepared = Matcher().prepare(listA, listB)
    let t2 = now()
    let candidates = prepared.candidates()
    let t3 = now()
    let scored = prepared.score(candidates)
    let t4 = now()
    let result = prepared.assign(scored)
    let t5 = now()
    let text = result.rendered(as: .text)
    let t6 = now()
    let csv = result.rendered(as: .csv)
    let t7 = now()

    var tp = 0, predicted = 0
    for row in result.rows where row.outcome == .agreed || row.outcome == .disputed {
        guard let a = row.a, let b = row.b else { continue }
        predicted += 1
        if truth.contains("\(a.id) \(b.id)") { tp += 1 }
    }
    func ms(_ x: Double) -> String { String(format: "%8.0f ms", x * 1000) }
    print("lists           A \(listA.records.count) records (\(bytesA.count / 1024) KiB), B \(listB.records.count) records (\(bytesB.count / 1024) KiB), seed \(seed)")
    print("generate        \(ms(tGenerated - t0))   (not counted)")
    print("import          \(ms(t1 - tGenerated))   CSV bytes to records, both lists")
    print("normalize       \(ms(t2 - t1))   transliteration, skeletons, name table, term frequencies")
    print("blocking        \(ms(t3 - t2))   \(candidates.count) candidate pairs")
    let per = candidates.perRecord(countA: listA.records.count, countB: listB.records.count)
    print(String(format: "blocking stats  %.1f candidate pairs per A record across, %.1f inside A, %.1f inside B",
                 per.cross, per.insideA, per.insideB))
    print("scoring         \(ms(t4 - t3))   \(scored.count) pairs kept")
    print("assignment      \(ms(t5 - t4))   \(result.rows.count) rows")
    print("total           \(ms(t5 - tGenerated))   (reports not counted)")
    print("text report     \(ms(t6 - t5))   \(text.utf8.count / 1024) KiB")
    print("csv report      \(ms(t7 - t6))   \(csv.utf8.count / 1024) KiB")
    print("peak memory     \(String(format: "%8.0f", peakMemoryMiB())) MiB (max RSS, generator included)")
    let p = predicted == 0 ? 0 : Double(tp) / Double(predicted)
    let r = truth.isEmpty ? 0 : Double(tp) / Double(truth.count)
    print(String(format: "quality         precision %.4f  recall %.4f  (one-to-one pairs against the generator's truth)", p, r))
} catch {
    print("parley-bench: \(error)")
    exit(2)
}

import Foundation
import ParleyLog
import Testing

@Suite struct PerformanceTests {
    /// A synthetic envelope of about 1 KB.
    private static let envelope: JSONValue = {
        var entries: [JSONValue] = []
        for index in 0..<4 {
            entries.append([
                "surname": "Testenko", "given": "Synthetic", "patronymic": "Прикладович",
                "born": "1990-01-31", "service": .string("AB-12345\(index)"), "score": .number(0.8125 + Double(index)),
                "flags": ["wounded": false, "woman": false, "held": 1_715_000_000],
            ])
        }
        return [
            "v": 1, "exchange": "3f1c2a9e-7d4b-4c1e-9a52-0b8e6f2d1a77", "seq": 42,
            "author": "b3a1c9d7e5f40213b3a1c9d7e5f40213b3a1c9d7e5f40213b3a1c9d7e5f40213",
            "prev": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            "op": "list.put", "body": ["list": "request", "entries": .array(entries)],
        ]
    }()

    /// Canonical bytes survive a parse and a re-serialization a few thousand times; prints the cost
    /// per call (the speed itself is `parley-bench log`'s to judge, not a unit test's).
    @Test func canonicalizingAKilobyteIsFast() throws {
        let bytes = try Self.envelope.canonicalBytes()
        #expect((900...1_400).contains(bytes.count))
        let iterations = 2_000
        let clock = ContinuousClock()
        var total = 0
        let serialize = try clock.measure {
            for _ in 0..<iterations { total &+= try Self.envelope.canonicalBytes().count }
        }
        let parse = try clock.measure {
            for _ in 0..<iterations { total &+= try JSONValue(parsing: bytes).arrayValue?.count ?? 0 }
        }
        #expect(total == bytes.count * iterations)
        let serializeEach = serialize / iterations
        let parseEach = parse / iterations
        print("canonical JSON, \(bytes.count) bytes: serialize \(serializeEach), parse \(parseEach) per call")
    }
}

extension PerformanceTests {
    /// Reconciles 600 requested against 600 released synthetic people with 60 open disputes and
    /// builds the manifest; prints the time (the speed is the scale benchmark's to judge).
    @Test func reconcilingSixHundredPeopleIsQuick() throws {
        var scenario = try ExchangeScenario()
        let syllables = ["ko", "va", "len", "mel", "nyk", "shev", "chu", "tka", "bon", "dar"]
        func name(_ index: Int) -> String {
            (syllables[index % 10] + syllables[index / 10 % 10] + syllables[index / 100 % 10]).capitalized + "enko"
        }
        for index in 0..<600 {
            let born = "19\(60 + index % 40)-\(String(format: "%02d", 1 + index % 12))-\(String(format: "%02d", 1 + index % 28))"
            try scenario.put(ExchangeScenario.hqA, .request, "A-\(index)", ExchangeScenario.person(name(index), "Ivan", born: born))
            try scenario.put(ExchangeScenario.hqB, .release, "B-\(index)", ExchangeScenario.person(name(index), "Ivan", born: born))
        }
        for index in stride(from: 0, to: 600, by: 10) {
            try scenario.sign(ExchangeScenario.hqB, .openDispute(OpenDispute(
                about: [ExchangeScenario.ref(ExchangeScenario.hqA, .request, "A-\(index)")], reason: .other, note: ""
            )))
        }
        let state = scenario.state()
        let clock = ContinuousClock()
        var reconciliation: Reconciliation?
        var manifest: Manifest?
        let elapsed = clock.measure {
            reconciliation = Reconciliation(state: state)
            manifest = Manifest(reconciliation: reconciliation!, state: state)
        }
        print("reconciliation of 600 + 600 people and manifest: \(elapsed)")
        #expect(reconciliation?.report(.toA).rows(.disputed).count ?? 0 >= 60)
        #expect(manifest.map { $0.blockers(in: state).count } == 60)
    }
}

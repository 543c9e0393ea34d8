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

    /// Prints the cost per call; the bound is loose because tests run unoptimized on shared cores.
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
        #expect(serializeEach < .milliseconds(1))
        #expect(parseEach < .milliseconds(1))
    }
}

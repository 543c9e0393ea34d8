import ParleyLog
import Testing

@Suite struct NumberSerializationTests {
    private func serialize(_ value: Double) throws -> String {
        String(decoding: try JSONValue.number(value).canonicalBytes(), as: UTF8.self)
    }

    @Test("RFC 8785 Appendix B", arguments: try Vectors.appendixB())
    func appendixB(_ row: Vectors.AppendixB) throws {
        if let json = row.json {
            #expect(try serialize(row.value) == json)
            let parsed = try JSONValue(parsing: Array(json.utf8))
            #expect(parsed.numberValue?.bitPattern == (row.value == 0 ? 0 : row.value.bitPattern))
        } else {
            #expect(throws: LogError(code: .numberOutOfRange, message: "")) {
                try JSONValue.number(row.value).canonicalBytes()
            }
        }
    }

    @Test("layout thresholds around 1e21, 1e-6 and 1e-7", arguments: [
        (1e21, "1e+21"),
        (1e21.nextDown, "999999999999999900000"),
        (1e21.nextUp, "1.0000000000000001e+21"),
        (-1e21, "-1e+21"),
        (1e20, "100000000000000000000"),
        (1.5e20, "150000000000000000000"),
        (1.5e21, "1.5e+21"),
        (1e-6, "0.000001"),
        (1e-6.nextDown, "9.999999999999997e-7"),
        (1e-6.nextUp, "0.0000010000000000000002"),
        (1.5e-6, "0.0000015"),
        (1e-7, "1e-7"),
        (1e-7.nextDown, "9.999999999999998e-8"),
        (1e-7.nextUp, "1.0000000000000001e-7"),
        (1.5e-7, "1.5e-7"),
        (-1.5e-7, "-1.5e-7"),
        (1.2345e-7, "1.2345e-7"),
        (0.1, "0.1"),
        (0.1 + 0.2, "0.30000000000000004"),
        (100, "100"),
        (-1.5, "-1.5"),
        (1e16, "10000000000000000"),
        (1.2e16, "12000000000000000"),
        (123456789.123, "123456789.123"),
        (9_007_199_254_740_992.0.nextUp, "9007199254740994"),
        (18446744073709551616, "18446744073709552000"),
        (1e300, "1e+300"),
        (-0.0, "0"),
        (2.2250738585072014e-308, "2.2250738585072014e-308"),
    ] as [(Double, String)])
    func thresholds(_ value: Double, _ expected: String) throws {
        #expect(try serialize(value) == expected)
    }

    /// 2,885 doubles whose ECMAScript form Node.js computed (`Vectors/numbers-ecmascript.js`).
    @Test func agreesWithECMAScript() throws {
        let numbers = try Vectors.numbers()
        #expect(numbers.count > 2_000)
        var failures = 0
        for number in numbers {
            let serialized = try serialize(number.value)
            if serialized != number.ecmascript {
                failures += 1
                if failures <= 10 {
                    Issue.record("\(number.bits): got \(serialized), expected \(number.ecmascript)")
                }
            }
        }
        #expect(failures == 0)
    }

    /// Parsing both the ECMAScript form and a 25-digit form gives back the exact double.
    @Test func parsesToTheExactDouble() throws {
        var failures = 0
        for number in try Vectors.numbers() {
            for text in [number.ecmascript, number.precise] {
                let parsed = try JSONValue(parsing: Array(text.utf8)).numberValue
                if parsed?.bitPattern != number.value.bitPattern {
                    failures += 1
                    if failures <= 10 {
                        Issue.record("\(number.bits): parsing \(text) gave \(String(describing: parsed))")
                    }
                }
            }
        }
        #expect(failures == 0)
    }

    @Test("non-finite numbers are refused", arguments: [Double.nan, .infinity, -.infinity, .signalingNaN])
    func nonFinite(_ value: Double) {
        #expect(throws: LogError(code: .numberOutOfRange, message: "")) {
            try JSONValue.array([.number(value)]).canonicalBytes()
        }
    }
}

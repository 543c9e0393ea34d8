import Foundation
import Testing
@testable import ParleyMatch

/// `PrettyJSON` writes what Foundation's `JSONEncoder` writes with the reports' settings, byte
/// for byte: on random documents (every way of writing an object and an array, ASCII keys that
/// sort in every way, every escape, any finite number) and on the diff's JSON report.
@Suite struct PrettyJSONTests {
    /// A JSON document as the encoder sees it.
    indirect enum Value: Codable, Sendable {
        case string(String), number(Double), int(Int), bool(Bool), null
        case array([Value]), object([String: Value])

        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() {
                self = .null
            } else if let v = try? c.decode(Bool.self) {
                self = .bool(v)
            } else if let v = try? c.decode(Double.self) {
                self = .number(v)
            } else if let v = try? c.decode(String.self) {
                self = .string(v)
            } else if let v = try? c.decode([Value].self) {
                self = .array(v)
            } else {
                self = .object(try c.decode([String: Value].self))
            }
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case let .string(v): try c.encode(v)
            case let .number(v): try c.encode(v)
            case let .int(v): try c.encode(v)
            case let .bool(v): try c.encode(v)
            case .null: try c.encodeNil()
            case let .array(v): try c.encode(v)
            case let .object(v): try c.encode(v)
            }
        }
    }

    /// The encoder's text of `value`, with the reports' settings.
    static func encoderText(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// `value` through the writer, each container written one of the ways it can be (`style`
    /// picks: an object by its dictionary, by `Keys`, or by `Keys` with members left out; an
    /// array in order or on every core in chunks of 1 to 3).
    static func write(_ value: Value, style: Int, to json: inout PrettyJSON) {
        switch value {
        case let .string(v): json.string(v)
        case let .number(v): json.number(v)
        case let .int(v): json.int(v)
        case let .bool(v): json.bool(v)
        case .null: json.null()
        case let .array(items):
            if style % 2 == 0 {
                json.array(items) { json, item in write(item, style: style / 2, to: &json) }
            } else {
                json.array(concurrently: items, chunkSize: 1 + style % 3) { json, item in write(item, style: style / 2, to: &json) }
            }
        case let .object(members):
            switch style % 3 {
            case 0:
                json.object(members) { json, _, member in write(member, style: style / 3, to: &json) }
            case 1:
                let keys = Array(members.keys)
                json.object(PrettyJSON.Keys(keys)) { json, index in write(members[keys[index]]!, style: style / 3, to: &json) }
            default:
                // Extra keys, left out: the object is the same as without them.
                let keys = Array(members.keys) + ["\u{1}left out", "zz left out"].filter { members[$0] == nil }
                json.object(PrettyJSON.Keys(keys), where: { members[keys[$0]] != nil }) { json, index in
                    write(members[keys[index]]!, style: style / 3, to: &json)
                }
            }
        }
    }

    /// Keys in ASCII (every report's keys are): the encoder sorts them by their bytes.
    static let keyPieces = [
        "a", "A", "b", "B", "z", "Z", "_", "-", " ", "0", "1", "9", "10", "\u{0}", "\u{1F}", "\"", "\\", "/", "[", "~", "\u{7F}",
    ]
    static let stringPieces = keyPieces + [
        "é", "e\u{301}", "ё", "Я", "я", "ß", "\u{1F600}", "ǅ", "ﬁ", "İ", "\u{2028}",
        "Шевчук", "\n", "\r\n", "\t", "\u{8}", "\u{C}", "\u{1B}[31m", "a/b", "</script>", "\u{FEFF}", "\u{200D}", "",
    ] + (0..<0x20).map { String(UnicodeScalar(UInt8($0))) }

    static func randomValue(_ depth: Int, _ rng: inout SeededGenerator) -> Value {
        func text(_ pieces: [String]) -> String {
            (0..<Int.random(in: 0...4, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
        }
        switch Int.random(in: 0..<(depth > 3 ? 5 : 7), using: &rng) {
        case 0: return .string(text(stringPieces))
        case 1:
            let number: Double
            switch Int.random(in: 0..<5, using: &rng) {
            case 0: number = Double(Int.random(in: -100_000...100_000, using: &rng)) / 100
            case 1: number = [0.0, -0.0, 1e16, 1e15, 1e-5, 0.1 + 0.2, 123456789.12, 1e300, -2.5e-300].randomElement(using: &rng)!
            case 2: number = Double(Int.random(in: .min ... .max, using: &rng))
            default:
                let any = Double(bitPattern: UInt64.random(in: .min ... .max, using: &rng))
                number = any.isFinite ? any : 1
            }
            return .number(number)
        case 2: return .int(Int.random(in: -1_000_000...1_000_000, using: &rng))
        case 3: return .bool(Bool.random(using: &rng))
        case 4: return .null
        case 5: return .array((0..<Int.random(in: 0...5, using: &rng)).map { _ in randomValue(depth + 1, &rng) })
        default:
            var members: [String: Value] = [:]
            for _ in 0..<Int.random(in: 0...6, using: &rng) { members[text(keyPieces)] = randomValue(depth + 1, &rng) }
            return .object(members)
        }
    }

    @Test func randomDocumentsAreWrittenAsTheEncoderWritesThem() throws {
        var rng = SeededGenerator(state: 41)
        for round in 0..<2_000 {
            let value = Self.randomValue(0, &rng)
            let depth = Int.random(in: 0...3, using: &rng)
            var json = PrettyJSON(depth: depth)
            Self.write(value, style: Int.random(in: 0..<1_000, using: &rng), to: &json)
            // A value written deeper is the encoder's text with every line after the first
            // indented, blank lines (of empty containers) left blank.
            let expected = try Self.encoderText(value).replacingOccurrences(
                of: "\n(?!\n)", with: "\n" + String(repeating: "  ", count: depth), options: .regularExpression
            )
            #expect(json.text == expected, "round \(round)")
            if json.text != expected { break }
        }
    }

    /// Keys beyond ASCII (which no report writes as a key) are sorted by `String`'s order; the
    /// encoder's order for them is not one of code points, and is not followed.
    @Test func keysBeyondASCIIAreInStringOrder() {
        let keys = ["é", "e", "ё", "Я", "ß", "z", "9", "\u{1F600}", "éß", "B"]
        var json = PrettyJSON()
        json.object(Dictionary(uniqueKeysWithValues: keys.map { ($0, 0) })) { json, _, value in json.int(value) }
        var byKeys = PrettyJSON()
        byKeys.object(PrettyJSON.Keys(keys)) { json, _ in json.int(0) }
        let expected = "{\n" + keys.sorted().map { "  \"\($0)\" : 0" }.joined(separator: ",\n") + "\n}"
        #expect(json.text == expected)
        #expect(byKeys.text == expected)
    }

    @Test func theDiffReportIsTheEncodersTextOfWhatItSays() throws {
        let json = ReportFixture.result.rendered(as: .json)
        let value = try JSONDecoder().decode(Value.self, from: Data(json.utf8))
        #expect(json == (try Self.encoderText(value)) + "\n")
        let dated = ReportFixture.result.rendered(as: .json, options: ReportOptions(generatedAt: "2026-01-15T10:00:00Z"))
        #expect(dated == (try Self.encoderText(try JSONDecoder().decode(Value.self, from: Data(dated.utf8)))) + "\n")
    }

    /// What reading a list found is written as its `Codable` conformance says (optional members
    /// left out when absent, a column not read as `"read_as" : null`).
    @Test func theImportReportIsWrittenAsItsCodableForm() throws {
        var sheet = ImportReport(
            headerLine: 3, titleLines: [1, 2], footerLines: [],
            columns: [.init(number: 1, header: "№ з/п", readAs: "id"), .init(number: 2, header: "Примітка", readAs: nil)]
        )
        sheet.sheet = "Лист \"2\""
        sheet.sheetNumber = 2
        sheet.sheetCount = 3
        let plain = ImportReport(headerLine: 1, titleLines: [], footerLines: [9, 10], columns: [])
        var result = ReportFixture.result
        result.importA = sheet
        result.importB = plain
        let json = result.rendered(as: .json)
        guard case let .object(root) = try JSONDecoder().decode(Value.self, from: Data(json.utf8)),
              case let .object(lists)? = root["lists"],
              case let .object(a)? = lists["a"], case let .object(b)? = lists["b"],
              let readA = a["import"], let readB = b["import"]
        else {
            Issue.record("no import reports in the JSON report")
            return
        }
        #expect(try Self.encoderText(readA) == Self.encoderText(sheet))
        #expect(try Self.encoderText(readB) == Self.encoderText(plain))
    }

    @Test func manyRowsAreWrittenInOrderOnEveryCore() throws {
        // More rows than one chunk: the rows of the report come back in the result's order.
        var result = ReportFixture.result
        result.rows = (0..<5_000).map { ReportFixture.result.rows[$0 % ReportFixture.result.rows.count] }
        let json = result.rendered(as: .json)
        let value = try JSONDecoder().decode(Value.self, from: Data(json.utf8))
        #expect(json == (try Self.encoderText(value)) + "\n")
        guard case let .object(root) = value, case let .array(rows)? = root["rows"] else {
            Issue.record("no rows")
            return
        }
        let outcomes = rows.map { row -> String? in
            guard case let .object(members) = row, case let .string(outcome)? = members["outcome"] else { return nil }
            return outcome
        }
        #expect(outcomes == result.rows.map(\.outcome.rawValue))
    }
}

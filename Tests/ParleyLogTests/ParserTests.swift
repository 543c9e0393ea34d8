import ParleyLog
import Testing

@Suite struct ParserTests {
    private func parse(_ text: String) throws(LogError) -> JSONValue {
        try JSONValue(parsing: Array(text.utf8))
    }

    private func code(of bytes: [UInt8]) -> LogError.Code? {
        do {
            _ = try JSONValue(parsing: bytes)
            return nil
        } catch {
            return error.code
        }
    }

    @Test func parsesEveryKindOfValue() throws {
        let value = try parse(#" {"a": [null, true, false, -12.5e1, "x\ty"], "b": {}, "c": []} "#)
        #expect(value == ["a": [.null, true, false, -125, "x\ty"], "b": [:], "c": []])
        #expect(value["a"]?[3]?.numberValue == -125)
        #expect(value["a"]?[4]?.stringValue == "x\ty")
        #expect(value["a"]?[0]?.isNull == true)
        #expect(value["a"]?[1]?.boolValue == true)
        #expect(value["b"]?.objectValue?.isEmpty == true)
        #expect(value["c"]?.arrayValue?.isEmpty == true)
        #expect(value["z"] == nil)
        #expect(value["a"]?[9] == nil)
    }

    @Test func decodesEscapes() throws {
        let value = try parse(#""\"\\\/\b\f\n\r\t\u0041\u00e9\u20AC\ud83d\ude00\u0000""#)
        #expect(value.stringValue == "\"\\/\u{8}\u{c}\n\r\tAé€😀\u{0}")
    }

    @Test func acceptsAnyTopLevelValueAndKeepsRawUTF8() throws {
        #expect(try parse("1") == 1)
        #expect(try parse(#""Коваленко""#) == "Коваленко")
        #expect(try parse("[1,[2,[3]]]") == [1, [2, [3]]])
    }

    @Test("malformed JSON is rejected", arguments: [
        "", " ", "nul", "nulll", "True", "NaN", "-NaN", "Infinity", "-Infinity", "undefined",
        "01", "-01", "00", "1.", ".5", "-", "+1", "1e", "1e+", "0x10", "1.5.5", "- 1",
        "[1,]", "[,1]", "[1 2]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "{'a':1}", "{\"a\":}", "{,}",
        "[", "]", "{", "}", "[1", "{\"a\":1", "\"abc", "\"\\x\"", "\"\\u12\"", "\"\\u12G4\"",
        "\"tab\tinside\"", "\"new\nline\"", "1 2", "{} {}", "[]x", "null,", "\u{FEFF}1", "/*c*/1", "[1]//",
    ])
    func malformed(_ text: String) {
        #expect(code(of: Array(text.utf8)) == .malformedJSON)
    }

    @Test("duplicate member names are rejected", arguments: [
        #"{"a":1,"a":2}"#,
        #"{"a":1,"b":2,"a":1}"#,
        #"{"x":{"a":1,"\u0061":2}}"#,
        #"[{"é":1,"\u00e9":2}]"#,
    ])
    func duplicates(_ text: String) {
        #expect(code(of: Array(text.utf8)) == .duplicateMemberName)
    }

    @Test func sameNameInDifferentObjectsIsFine() throws {
        #expect(try parse(#"{"a":{"a":1},"b":{"a":2}}"#)["b"]?["a"] == 2)
    }

    @Test("invalid Unicode is rejected", arguments: [
        [0x22, 0x80, 0x22],                    // lone continuation byte
        [0x22, 0xC0, 0xAF, 0x22],              // overlong '/'
        [0x22, 0xE0, 0x80, 0xAF, 0x22],        // overlong three-byte
        [0x22, 0xC3, 0x22],                    // truncated sequence
        [0x22, 0xED, 0xA0, 0x80, 0x22],        // UTF-8-encoded surrogate U+D800
        [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22],  // above U+10FFFF
        [0x22, 0xF5, 0x80, 0x80, 0x80, 0x22],  // invalid lead byte
        [0x22, 0xFF, 0x22],
        [0x22, 0xEF, 0xBF, 0xBF, 0x22],        // raw noncharacter U+FFFF
        [0x22, 0xEF, 0xB7, 0x90, 0x22],        // raw noncharacter U+FDD0
        [0x22, 0xF0, 0x9F, 0xBF, 0xBE, 0x22],  // raw noncharacter U+1FFFE
        Array(#""\ud800""#.utf8),              // lone high surrogate
        Array(#""\udc00""#.utf8),              // lone low surrogate
        Array(#""\ud800\u0041""#.utf8),        // high surrogate, then not a low one
        Array(#""\ud800x""#.utf8),
        Array(#""\ude00\ud83d""#.utf8),        // reversed pair
        Array(#""\uFFFE""#.utf8),              // escaped noncharacter
        Array(#""\uFDEF""#.utf8),
        Array(#""\udbff\udfff""#.utf8),        // U+10FFFF, a noncharacter
        Array(#"{"\udc00":1}"#.utf8),          // in a member name
    ] as [[UInt8]])
    func invalidUnicode(_ bytes: [UInt8]) {
        #expect(code(of: bytes) == .invalidUnicode)
    }

    @Test("numbers beyond the double range are rejected", arguments: [
        "1e309", "-1e309", "1.7976931348623159e308", "[1e400]", "123456789e999999999999",
    ])
    func outOfRange(_ text: String) {
        #expect(code(of: Array(text.utf8)) == .numberOutOfRange)
    }

    @Test func tinyNumbersUnderflowToZero() throws {
        #expect(try parse("1e-400").numberValue == 0)
        #expect(try parse("-1e-99999999999").numberValue == 0)
    }

    @Test func nestingLimit() throws {
        let ok = String(repeating: "[", count: 128) + String(repeating: "]", count: 128)
        let tooDeep = String(repeating: "[", count: 129) + String(repeating: "]", count: 129)
        let deepObject = String(repeating: #"{"a":"#, count: 129) + "1" + String(repeating: "}", count: 129)
        let attack = String(repeating: "[", count: 100_000)
        _ = try parse(ok)
        #expect(code(of: Array(tooDeep.utf8)) == .nestingTooDeep)
        #expect(code(of: Array(deepObject.utf8)) == .nestingTooDeep)
        #expect(code(of: Array(attack.utf8)) == .nestingTooDeep)
        #expect(code(of: Array("[[[1]]]".utf8)) == nil)
        #expect(throws: LogError(code: .nestingTooDeep, message: "")) {
            try JSONValue(parsing: Array("[[[1]]]".utf8), maxDepth: 2)
        }
    }

    @Test func errorsCarryTheByteOffsetButNotTheInput() {
        do {
            _ = try JSONValue(parsing: Array(#"{"secret": 1, "secret": 2}"#.utf8))
            Issue.record("expected a duplicate name error")
        } catch {
            #expect(error.code == .duplicateMemberName)
            #expect(error.byteOffset == 14)
            #expect(!error.description.contains("secret"))
            #expect(error.description.contains("duplicateMemberName"))
            #expect(error.location.file.hasSuffix("JSONParser.swift"))
        }
        do {
            _ = try JSONValue(parsing: Array("[1, 2] x".utf8))
            Issue.record("expected trailing data to be rejected")
        } catch {
            #expect(error.code == .malformedJSON)
            #expect(error.byteOffset == 7)
        }
    }

    @Test func acceptsNonContiguousCollections() throws {
        let bytes = Array(#"{"b":[1,2],"a":"x"}"#.utf8)
        let value = try JSONValue(parsing: bytes.lazy.map { $0 })
        #expect(value == ["a": "x", "b": [1, 2]])
        #expect(try JSONValue(parsing: bytes[5...9]) == [1, 2])
    }
}

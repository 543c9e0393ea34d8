import ParleyLog
import Testing

@Suite struct CanonicalizationTests {
    private func text(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    @Test("vectors from the ECMAScript reference", arguments: try Vectors.canonicalization())
    func vector(_ vector: Vectors.Canonicalization) throws {
        let canonical = try CanonicalJSON.canonicalize(Array(vector.input.utf8))
        #expect(canonical == Array(vector.canonical.utf8))
        #expect(CanonicalJSON.isCanonical(canonical))
        // Idempotent, and parse → canonical → parse is the identity.
        #expect(try CanonicalJSON.canonicalize(canonical) == canonical)
        let value = try JSONValue(parsing: Array(vector.input.utf8))
        #expect(try JSONValue(parsing: canonical) == value)
    }

    @Test func rfc8785Example() throws {
        let input = #"""
            {
              "numbers": [333333333.33333329, 1E30, 4.50,
                          2e-3, 0.000000000000000000000000001],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """#
        let expected = #"{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}"#
        #expect(text(try CanonicalJSON.canonicalize(Array(input.utf8))) == expected)
    }

    @Test func rfc8785SortingExample() throws {
        let value: JSONValue = [
            "\u{20ac}": "Euro Sign",
            "\r": "Carriage Return",
            "\u{fb33}": "Hebrew Letter Dalet With Dagesh",
            "1": "One",
            "\u{1F600}": "Emoji: Grinning Face",
            "\u{0080}": "Control",
            "\u{00f6}": "Latin Small Letter O With Diaeresis",
        ]
        let expectedOrder: [(name: String, escaped: String)] = [
            ("\r", "\\r"), ("1", "1"), ("\u{0080}", "\u{0080}"), ("\u{00f6}", "\u{00f6}"),
            ("\u{20ac}", "\u{20ac}"), ("\u{1F600}", "\u{1F600}"), ("\u{fb33}", "\u{fb33}"),
        ]
        let members = expectedOrder.map { #""\#($0.escaped)":"\#(value[$0.name]?.stringValue ?? "")""# }
        #expect(text(try value.canonicalBytes()) == "{" + members.joined(separator: ",") + "}")
    }

    @Test func swiftValuesSerializeCanonically() throws {
        let value: JSONValue = [
            "z": 1.0, "a": [true, false, .null, 0.5, -0.0], "m": ["nested": "a/b\u{7F}\u{1F}"], "é": "e\u{301}",
        ]
        #expect(text(try value.canonicalBytes())
            == #"{"a":[true,false,null,0.5,0],"m":{"nested":"a/b\#u{7F}\u001f"},"z":1,"é":"e\#u{301}"}"#)
        #expect(try CanonicalJSON.encode(value) == value.canonicalBytes())
    }

    @Test func serializerRefusesWhatCannotBeParsedBack() {
        #expect(throws: LogError(code: .invalidUnicode, message: "")) {
            try JSONValue.string("bad \u{FFFF}").canonicalBytes()
        }
        #expect(throws: LogError(code: .invalidUnicode, message: "")) {
            try JSONValue.object([String(Unicode.Scalar(0xFDD0 as UInt32)!): .null]).canonicalBytes()
        }
        #expect(throws: LogError(code: .invalidUnicode, message: "")) {
            try JSONValue.string("\u{10FFFF}").canonicalBytes()
        }
        #expect(throws: Never.self) { try JSONValue.string("\u{FFFD}\u{EFFF}\u{10FFFD}").canonicalBytes() }
        var deep = JSONValue.null
        for _ in 0..<129 { deep = .array([deep]) }
        #expect(throws: LogError(code: .nestingTooDeep, message: "")) { try deep.canonicalBytes() }
        #expect(throws: Never.self) { try deep.canonicalBytes(maxDepth: 129) }
    }

    /// Every special character at every position of strings long enough for the 8-byte scan.
    @Test("special characters anywhere in a string", arguments: [
        ("\"", #"\""#), ("\\", #"\\"#), ("\u{1F}", #"\u001f"#), ("\n", #"\n"#), ("\u{0}", #"\u0000"#),
        ("\u{7F}", "\u{7F}"), ("é", "é"), ("😀", "😀"), ("/", "/"), (" ", " "),
    ])
    func specialCharacterPositions(_ character: String, _ escaped: String) throws {
        for length in [7, 8, 9, 16, 23] {
            for position in 0...length {
                let prefix = String(repeating: "a", count: position)
                let suffix = String(repeating: "b", count: length - position)
                let value = JSONValue.string(prefix + character + suffix)
                let canonical = try value.canonicalBytes()
                #expect(text(canonical) == "\"" + prefix + escaped + suffix + "\"")
                #expect(try JSONValue(parsing: canonical) == value)
            }
        }
    }

    @Test func isCanonicalRejectsNonCanonicalText() {
        #expect(CanonicalJSON.isCanonical(Array(#"{"a":1,"b":[true]}"#.utf8)))
        #expect(!CanonicalJSON.isCanonical(Array(#"{"b":[true],"a":1}"#.utf8)))
        #expect(!CanonicalJSON.isCanonical(Array(#"{"a": 1}"#.utf8)))
        #expect(!CanonicalJSON.isCanonical(Array(#"{"a":1.0}"#.utf8)))
        #expect(!CanonicalJSON.isCanonical(Array(#""\u0041""#.utf8)))
        #expect(!CanonicalJSON.isCanonical(Array(#"{"a":1,"a":1}"#.utf8)))
        #expect(!CanonicalJSON.isCanonical(Array("".utf8)))
    }

    @Test func equalityIsEqualityOfCanonicalForms() throws {
        #expect(JSONValue.number(-0.0) == .number(0))
        #expect(JSONValue.string("é") != .string("e\u{301}"))
        #expect(JSONValue.object(["é": 1]) != .object(["e\u{301}": 1]))
        let a: JSONValue = ["x": 1, "y": [1, 2]]
        let b = try JSONValue(parsing: Array(#"{"y":[1,2],"x":1.0}"#.utf8))
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(Set([a, b, ["x": 2]]).count == 2)
        #expect(JSONValue.array([1, 2]) != [2, 1])
    }

    private struct Envelope: Encodable {
        var version = 1
        var seq = 7
        var author = "key"
        var body: [String: String] = ["surname": "Testenko", "given": "Synthetic"]
        var weight = 0.1
        var note: String? = nil
    }

    @Test func encodesEncodableValues() throws {
        #expect(text(try CanonicalJSON.encode(Envelope()))
            == #"{"author":"key","body":{"given":"Synthetic","surname":"Testenko"},"seq":7,"version":1,"weight":0.1}"#)
        #expect(text(try CanonicalJSON.encode([1.5, 1e21, 1e-7])) == "[1.5,1e+21,1e-7]")
        #expect(text(try CanonicalJSON.encode("a/b")) == #""a/b""#)
        #expect(throws: LogError(code: .unencodableValue, message: "")) {
            try CanonicalJSON.encode([Double.nan])
        }
    }

    @Test func jsonValueIsCodable() throws {
        let value: JSONValue = ["list": ["a", 1, true, .null, ["k": 2.5]]]
        let canonical = try CanonicalJSON.encode(Envelope2(value: value))
        #expect(text(canonical) == #"{"value":{"list":["a",1,true,null,{"k":2.5}]}}"#)
    }

    private struct Envelope2: Encodable {
        var value: JSONValue
    }
}

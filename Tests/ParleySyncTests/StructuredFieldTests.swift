@testable import ParleySync
import Testing

@Suite struct StructuredFieldTests {
    typealias SF = StructuredField

    @Test func parsesADictionaryOfEveryKind() throws {
        let dictionary = try SF.parseDictionary(
            #"a=1, b="x\"y\\z";p, c=tok/en:1, d=:AQID:, e=?0, f, g=("s" 2;q=?0);r=-4.5, h=-0.25"#
        )
        #expect(dictionary.members.map(\.key) == ["a", "b", "c", "d", "e", "f", "g", "h"])
        #expect(dictionary["a"] == .item(SF.Item(.integer(1))))
        #expect(dictionary["b"] == .item(SF.Item(.string(#"x"y\z"#), parameters: SF.Parameters([("p", .boolean(true))]))))
        #expect(dictionary["c"] == .item(SF.Item(.token("tok/en:1"))))
        #expect(dictionary["d"] == .item(SF.Item(.byteSequence([1, 2, 3]))))
        #expect(dictionary["e"] == .item(SF.Item(.boolean(false))))
        #expect(dictionary["f"] == .item(SF.Item(.boolean(true))))
        #expect(dictionary["g"] == .innerList(SF.InnerList(
            [SF.Item(.string("s")), SF.Item(.integer(2), parameters: SF.Parameters([("q", .boolean(false))]))],
            parameters: SF.Parameters([("r", .decimal(thousandths: -4500))])
        )))
        #expect(dictionary["h"] == .item(SF.Item(.decimal(thousandths: -250))))
        #expect(try SF.serialize(dictionary)
            == #"a=1, b="x\"y\\z";p, c=tok/en:1, d=:AQID:, e=?0, f, g=("s" 2;q=?0);r=-4.5, h=-0.25"#)
    }

    @Test func serializationIsCanonical() throws {
        // Extra white space, a missing base64 padding and a repeated key all normalize.
        let dictionary = try SF.parseDictionary("  a=( 1   2 ),\tb=:AQI:, a=3;x=1.500  ")
        #expect(try SF.serialize(dictionary) == "a=3;x=1.5, b=:AQI=:")
        #expect(try SF.parseDictionary("").members.isEmpty)
    }

    @Test func repeatedParameterKeepsItsPlaceAndLastValue() throws {
        let list = try SF.parseInnerList(#"("a");x=1;y=2;x=3"#)
        #expect(list.parameters.members.map(\.key) == ["x", "y"])
        #expect(list.parameters["x"] == .integer(3))
    }

    @Test("malformed values are refused", arguments: [
        "A=1", "a=1,", "a=1,,b=2", "a=1 b=2", "a=(1 2", "a=(1,2)", "a=\"unterminated", "a=\"bad\\n\"",
        "a=\"tab\t\"", "a=:not base64!:", "a=:AQID", "a=?2", "a=1234567890123456", "a=1.2345",
        "a=1234567890123.5", "a=1.", "a=-", "a=#", "a=\u{e9}", "a=(\"x\")junk", "1a=1", "a=1;B=2",
    ])
    func malformed(_ text: String) {
        #expect(throws: SyncError(code: .malformedHeader, message: "")) { try SF.parseDictionary(text) }
    }

    @Test func serializerRefusesWhatRFC8941CannotSay() {
        let bad: [SF.BareItem] = [.string("caf\u{e9}"), .string("line\n"), .token("1abc"), .integer(1_000_000_000_000_000)]
        for item in bad {
            #expect(throws: SyncError(code: .malformedHeader, message: "")) {
                try SF.serialize(SF.Item(item))
            }
        }
        #expect(throws: SyncError(code: .malformedHeader, message: "")) {
            try SF.serialize(SF.Dictionary([("Key", .item(SF.Item(.integer(1))))]))
        }
        #expect(throws: SyncError(code: .malformedHeader, message: "")) { try SF.serialize(SF.Dictionary()) }
    }

    @Test func integersAndDecimalsAtTheirLimits() throws {
        #expect(try SF.parseDictionary("a=999999999999999")["a"] == .item(SF.Item(.integer(999_999_999_999_999))))
        #expect(try SF.parseDictionary("a=-999999999999.999")["a"]
            == .item(SF.Item(.decimal(thousandths: -999_999_999_999_999))))
        #expect(try SF.serialize(SF.Item(.decimal(thousandths: 2_000))) == "2.0")
        #expect(try SF.serialize(SF.Item(.decimal(thousandths: 1_050))) == "1.05")
    }
}

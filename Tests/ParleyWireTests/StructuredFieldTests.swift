@testable import ParleyWire
import RawStructuredFieldValues
import Testing

/// What the signature headers rely on of RFC 8941 as swift-http-structured-headers reads and
/// writes it through ``StructuredFields``.
@Suite struct StructuredFieldTests {
    @Test func parsesADictionaryOfEveryKind() throws {
        let text = #"a=1, b="x\"y\\z";p, c=tok/en:1, d=:AQID:, e=?0, f, g=("s" 2;q=?0);r=-4.5, h=-0.25"#
        let dictionary = try SF.parse(text)
        #expect(dictionary.map(\.0) == ["a", "b", "c", "d", "e", "f", "g", "h"])
        #expect(dictionary["a"] == .item(SF.item(.integer(1))))
        #expect(dictionary["b"] == .item(SF.item(.string(#"x"y\z"#), [("p", .bool(true))])))
        #expect(dictionary["c"] == .item(SF.item(.token("tok/en:1"))))
        guard case let .item(bytes)? = dictionary["d"] else {
            Issue.record("d is not an item")
            return
        }
        #expect(StructuredFields.bytes(bytes.rfc9651BareItem) == [1, 2, 3])
        #expect(dictionary["e"] == .item(SF.item(.bool(false))))
        #expect(dictionary["f"] == .item(SF.item(.bool(true))))
        #expect(dictionary["g"] == .innerList(SF.innerList(
            [SF.item(.string("s")), SF.item(.integer(2), [("q", .bool(false))])], [("r", .decimal(PseudoDecimal(mantissa: -45, exponent: -1)))]
        )))
        #expect(try StructuredFields.serialize(dictionary) == text)
    }

    @Test func serializationIsCanonical() throws {
        // Extra white space and a repeated key normalize; a repeated key keeps its place.
        let dictionary = try SF.parse("  a=( 1   2 ),\tb=:AQI=:, a=3;x=1.500  ")
        #expect(try StructuredFields.serialize(dictionary) == "a=3;x=1.5, b=:AQI=:")
        #expect(try SF.parse("").isEmpty)
    }

    @Test func byteSequencesDecodeWithOrWithoutPadding() {
        #expect(StructuredFields.bytes(.undecodedByteSequence("AQI=")) == [1, 2])
        #expect(StructuredFields.bytes(.undecodedByteSequence("AQI")) == [1, 2])
        #expect(StructuredFields.bytes(.undecodedByteSequence("")) == [])
        #expect(StructuredFields.bytes(.undecodedByteSequence("A")) == nil)
        #expect(StructuredFields.bytes(.undecodedByteSequence("AQ==AQ==")) == nil)
        #expect(StructuredFields.bytes(.string("AQI=")) == nil)
        #expect(StructuredFields.bytes(StructuredFields.byteSequence([0xFF, 0xEE])) == [0xFF, 0xEE])
    }

    @Test func repeatedParameterKeepsItsPlaceAndLastValue() throws {
        guard case let .innerList(list)? = try SF.parse(#"s=("a");x=1;y=2;x=3"#)["s"] else {
            Issue.record("s is not an inner list")
            return
        }
        #expect(list.rfc9651Parameters.map(\.0) == ["x", "y"])
        #expect(list.rfc9651Parameters["x"] == .integer(3))
    }

    @Test("malformed values are refused", arguments: [
        "A=1", "a=1,", "a=1,,b=2", "a=1 b=2", "a=(1 2", "a=(1,2)", "a=\"unterminated", "a=\"bad\\n\"",
        "a=\"tab\t\"", "a=:not base64!:", "a=:AQID", "a=?2", "a=1234567890123456", "a=1.2345",
        "a=1234567890123.5", "a=1.", "a=-", "a=#", "a=\u{e9}", "a=(\"x\")junk", "1a=1", "a=1;B=2",
    ])
    func malformed(_ text: String) {
        #expect(throws: SyncError(code: .malformedHeader, message: "")) { try SF.parse(text) }
    }

    @Test func serializerRefusesWhatRFC8941CannotSay() {
        let bad: [SF.BareItem] = [.string("caf\u{e9}"), .string("line\n"), .token("1abc"), .integer(1_000_000_000_000_000)]
        for item in bad {
            #expect(throws: SyncError(code: .malformedHeader, message: "")) {
                try StructuredFields.serialize(SF.item(item))
            }
        }
        #expect(throws: SyncError(code: .malformedHeader, message: "")) {
            try StructuredFields.serialize(["Key": .item(SF.item(.integer(1)))])
        }
        #expect(throws: SyncError(code: .malformedHeader, message: "")) {
            try StructuredFields.serialize(StructuredFields.Dictionary())
        }
    }

    @Test func integersAtTheirLimits() throws {
        #expect(try SF.parse("a=999999999999999")["a"] == .item(SF.item(.integer(999_999_999_999_999))))
        #expect(try SF.parse("a=-999999999999999")["a"] == .item(SF.item(.integer(-999_999_999_999_999))))
    }
}

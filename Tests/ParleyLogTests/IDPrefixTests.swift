import ParleyLog
import Testing

/// One resolver of ids for every command: a whole hash or a prefix of 8 or more hex digits, in
/// either case; none, several (listed) and too short each said plainly.
@Suite struct IDPrefixTests {
    let ids = [
        "3550aa0000000000000000000000000000000000000000000000000000000001",
        "3550aa0000000000000000000000000000000000000000000000000000000002",
        "77ff000000000000000000000000000000000000000000000000000000000003",
    ]

    @Test func aUniquePrefixOfEightOrMoreDigitsNamesOne() throws {
        #expect(try IDPrefix("77FF0000", kind: "exchange").resolve(among: ids) { $0 } == ids[2])
        #expect(try IDPrefix(ids[0], kind: "exchange").resolve(among: ids) { $0 } == ids[0])
        #expect(try IDPrefix("3550aa00", kind: "exchange").matches(ids[1]))
    }

    @Test func severalAreListed() throws {
        let error = try #require(throws: LogError.self) { try IDPrefix("3550aa00", kind: "exchange").resolve(among: ids) { $0 } }
        #expect(error.code == .ambiguousID)
        #expect(error.message.contains("2 exchanges match 3550aa00") && error.message.contains(ids[0]) && error.message.contains(ids[1]))
    }

    @Test(arguments: ["3550", "3550aa0", "", "zz550aa00", "3550 aa00"])
    func tooShortOrNotHexNamesNothing(_ text: String) throws {
        let error = try #require(throws: LogError.self) { try IDPrefix(text, kind: "exchange") }
        #expect(error.code == .noMatch)
        #expect(error.message.hasPrefix("no exchange matches"))
    }

    @Test func noneIsSaid() throws {
        let error = try #require(throws: LogError.self) { try IDPrefix("abcdef12", kind: "manifest").resolve(among: ids) { $0 } }
        #expect(error.code == .noMatch && error.message == "no manifest matches abcdef12")
    }
}

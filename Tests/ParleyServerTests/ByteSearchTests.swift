@testable import ParleyServer
import Testing

/// The search a server runs over every stored envelope when it first loads an exchange, to parse
/// only those that carry a key operation (the restart test in KeyRotationServerTests depends on it
/// finding them).
@Suite struct ByteSearchTests {
    private static let marker = Array(#""op":"key."#.utf8)

    @Test func findsTheMarkerWhereverItIs() {
        let text = Array(#"{"envelope":{"op":"key.rotate"}}"#.utf8)
        #expect(ExchangeLog.contains(Self.marker, in: text))
        #expect(ExchangeLog.contains(Self.marker, in: Self.marker))
        #expect(ExchangeLog.contains(Self.marker, in: Array(#"x"op":"key."#.utf8)))
        #expect(ExchangeLog.contains([], in: []))
    }

    @Test func refusesNearMisses() {
        #expect(!ExchangeLog.contains(Self.marker, in: Array(#"{"op":"list.put"}"#.utf8)))
        #expect(!ExchangeLog.contains(Self.marker, in: Array(#""op":"key"#.utf8)))
        #expect(!ExchangeLog.contains(Self.marker, in: Array(#""op": "key."#.utf8)))
        #expect(!ExchangeLog.contains(Self.marker, in: []))
    }
}

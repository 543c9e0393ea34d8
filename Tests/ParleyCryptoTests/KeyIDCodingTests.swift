import Foundation
import ParleyCrypto
import Testing

/// `KeyID`'s `Codable` form is its lowercase hex string.
@Suite struct KeyIDCodingTests {
    @Test("encodes as a hex string and decodes back")
    func json() throws {
        let id = try #require(KeyID(hex: "21fe31dfa154a261626bf854046fd2271b7bed4b6abe45aa58877ef47f9721b9"))
        let data = try JSONEncoder().encode([id])
        #expect(String(decoding: data, as: UTF8.self) == #"["21fe31dfa154a261626bf854046fd2271b7bed4b6abe45aa58877ef47f9721b9"]"#)
        #expect(try JSONDecoder().decode([KeyID].self, from: data) == [id])
    }

    @Test("refuses upper case and wrong lengths", arguments: [
        #""21FE31DFA154A261626BF854046FD2271B7BED4B6ABE45AA58877EF47F9721B9""#,
        #""21fe31""#,
        #"42"#,
    ])
    func refuses(json: String) {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(KeyID.self, from: Data(json.utf8)) }
    }
}

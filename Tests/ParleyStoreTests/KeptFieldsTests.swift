import ParleyLog
import ParleyMatch
@testable import ParleyStore
import Testing

/// A kept entry's fields are read back by hand when they need no escape and by the strict parser
/// otherwise; both must give back exactly what was kept, and refuse what is not a fields object.
@Suite struct KeptFieldsTests {
    private static let pieces = ["Коваленко", "Ivan", "\"q\"", "b\\s", "t\tx", "\u{01}", "𝔸", "\u{E000}", "1990-01-02", ":", ",", "{}"]

    @Test func fieldsReadBackAsKept() throws {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            var fields: [Field: String] = [:]
            for field in Field.allCases.shuffled(using: &rng).prefix(Int.random(in: 0...6, using: &rng)) {
                fields[field] = (0..<Int.random(in: 1...3, using: &rng)).map { _ in Self.pieces.randomElement(using: &rng)! }.joined()
            }
            let object = JSONValue.object(Dictionary(uniqueKeysWithValues: fields.map { ($0.key.rawValue, JSONValue.string($0.value)) }))
            let text = String(decoding: try CanonicalJSON.encode(object), as: UTF8.self)
            #expect(Replica.fields(json: text) == fields, "\(text)")
        }
    }

    @Test(arguments: [
        "", "{", "}", "{\"surname\":\"a\"", "{\"surname\":\"a\",}", "{\"surname\":\"a\"}x", "{\"surname\":\"a\",\"surname\":\"b\"}",
        "{\"nickname\":\"a\"}", "{\"surname\":1}", "[\"surname\"]", "{\"surname\":\"a\u{0A}\"}",
        "{\"surname\"\"a\"}", "{\"surname\":\"a\"\"given_name\":\"b\"}",
    ])
    func whatIsNotAFieldsObjectIsRefused(text: String) {
        #expect(Replica.fields(json: text) == nil)
    }
}

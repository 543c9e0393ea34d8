import ParleyCrypto
import ParleyWire
import Testing

/// The pull body's one door: what the client writes the server reads back as the same request,
/// and every body the protocol does not allow is refused with `malformedMessage`.
@Suite struct PullRequestTests {
    static let alice = SyncFixture.alice.publicKey.keyID

    /// Seqs and sizes at the edges of the protocol's integers, and some between.
    static let integers = [0, 1, 2, 255, 256, 65_535, 1 << 32, 9_007_199_254_740_990, 9_007_199_254_740_991]

    /// Requests of 0 … 11 authors, each seq and size taken from ``integers`` in a spread order.
    static var requests: [PullRequest] {
        (0..<12).map { authors in
            var have: [KeyID: Int] = [:]
            for index in 0..<authors {
                have[SyncFixture.key(UInt8(index + 1)).publicKey.keyID] = integers[(index * 7 + authors) % integers.count]
            }
            return PullRequest(have: have, checkpoint: authors % 3 == 0 ? nil : integers[authors % integers.count])
        }
    }

    @Test func whatTheClientWritesTheServerReadsAsTheSameRequest() throws {
        for request in Self.requests {
            let bytes = try request.encoded()
            #expect(try PullRequest(parsing: bytes) == request)
            // Canonical: written again, byte for byte the same.
            #expect(try PullRequest(parsing: bytes).encoded() == bytes)
        }
    }

    @Test func theBodyIsCanonicalWithANullCheckpoint() throws {
        let request = PullRequest(have: [Self.alice: 1], checkpoint: nil)
        #expect(try request.encoded() == Array(#"{"checkpoint":null,"have":{"\#(Self.alice.hex)":1}}"#.utf8))
        #expect(try PullRequest(have: [:], checkpoint: 5).encoded() == Array(#"{"checkpoint":5,"have":{}}"#.utf8))
    }

    @Test(arguments: [
        (#"{"have":{}}"#, nil),
        (#"{"have":{},"checkpoint":null}"#, nil),
        (#"{"checkpoint":0,"have":{}}"#, 0),
        (#" {"have" : {} , "checkpoint" : 7 } "#, 7),
    ] as [(String, Int?)])
    func whatTheProtocolAllowsIsRead(body: String, checkpoint: Int?) throws {
        let request = try PullRequest(parsing: Array(body.utf8))
        #expect(request.have.isEmpty)
        #expect(request.checkpoint == checkpoint)
    }

    @Test(arguments: [
        // Not an object.
        "", "null", "[]", #""have""#, "{", #"{"have":{}} x"#,
        // Members: `have` missing or not an object, or one more member.
        "{}", #"{"checkpoint":null}"#, #"{"have":null}"#, #"{"have":[]}"#, #"{"have":{},"since":0}"#,
        #"{"have":{},"have":{}}"#,
        // Authors that are not key ids.
        #"{"have":{"x":1}}"#, #"{"have":{"\#(String(repeating: "A", count: 64))":1}}"#,
        #"{"have":{"\#(String(repeating: "0", count: 62))":1}}"#,
        // Seqs that are not integers 0 … 2^53 − 1.
        #"{"have":{"\#(PullRequestTests.alice.hex)":-1}}"#, #"{"have":{"\#(PullRequestTests.alice.hex)":1.5}}"#,
        #"{"have":{"\#(PullRequestTests.alice.hex)":9007199254740992}}"#, #"{"have":{"\#(PullRequestTests.alice.hex)":1e300}}"#,
        #"{"have":{"\#(PullRequestTests.alice.hex)":"1"}}"#, #"{"have":{"\#(PullRequestTests.alice.hex)":null}}"#,
        // Sizes that are not integers 0 … 2^53 − 1.
        #"{"have":{},"checkpoint":-2}"#, #"{"have":{},"checkpoint":9007199254740993}"#,
        #"{"have":{},"checkpoint":"5"}"#, #"{"have":{},"checkpoint":true}"#, #"{"have":{},"checkpoint":0.5}"#,
    ])
    func whatTheProtocolDoesNotAllowIsRefused(body: String) {
        #expect(throws: SyncError(code: .malformedMessage, message: "")) {
            _ = try PullRequest(parsing: Array(body.utf8))
        }
    }

    @Test func aRefusalNamesTheRuleNotTheValue() {
        let body = #"{"have":{"\#(Self.alice.hex)":9007199254740992}}"#
        do {
            _ = try PullRequest(parsing: Array(body.utf8))
            Issue.record("a seq past 2^53 − 1 was read")
        } catch {
            #expect(error.message.contains("`have`"))
            #expect(!error.message.contains(Self.alice.hex))
            #expect(!error.message.contains("9007199254740992"))
        }
    }

    @Test func theClientWritesNoBodyTheServerWouldRefuse() {
        for request in [
            PullRequest(have: [Self.alice: -1], checkpoint: nil),
            PullRequest(have: [:], checkpoint: 1 << 53),
        ] {
            #expect(throws: SyncError(code: .malformedMessage, message: "")) { _ = try request.encoded() }
        }
    }
}

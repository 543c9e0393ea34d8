import Foundation
import ParleyCrypto
import ParleyLog
import ParleyWire
import Testing

@Suite struct WireMessageTests {
    static let fixture = SyncFixture.envelopes(2)
    var exchange: ExchangeID { Self.fixture.0 }
    var envelopes: [SignedEnvelope] { Self.fixture.1 }
    var alice: KeyID { SyncFixture.alice.publicKey.keyID }
    let checkpoint: JSONValue = [
        "checkpoint": ["exchange": "e", "size": 2, "root": "r", "timestamp": "2025-05-01T09:00:00Z", "server": "s"],
        "signature": "sig",
    ]
    let hash = String(repeating: "ab", count: 32)

    private func text(_ message: some Encodable) throws -> String {
        String(decoding: try WireJSON.encode(message), as: UTF8.self)
    }

    private var heads: ChainHeads { [alice: ChainHead(seq: 2, id: envelopes[1].id)] }
    private var headsJSON: String { #"{"\#(alice.hex)":{"id":"\#(envelopes[1].id.hex)","seq":2}}"# }

    @Test func serverInfo() throws {
        let key = SyncFixture.bob.publicKey
        let info = ServerInfo(key: key, limits: .init(maxBodyBytes: 8_388_608, maxEnvelopeBytes: 65_536, maxBatch: 1_000))
        let json = try text(info)
        #expect(json == #"{"fingerprint":"\#(key.keyID.fingerprint.text)","key":"\#(Hex.encode(key.rawRepresentation))","key_id":"\#(key.keyID.hex)","limits":{"max_batch":1000,"max_body_bytes":8388608,"max_envelope_bytes":65536},"protocol":1}"#)
        #expect(try WireJSON.decode(ServerInfo.self, from: Array(json.utf8)) == info)
        let otherID = json.replacingOccurrences(of: key.keyID.hex, with: alice.hex)
        #expect(throws: SyncError(code: .malformedMessage, message: "")) {
            try WireJSON.decode(ServerInfo.self, from: Array(otherID.utf8))
        }
    }

    @Test func headsResponse() throws {
        let response = HeadsResponse(exchange: exchange, size: 2, heads: heads, checkpoint: checkpoint)
        let json = try text(response)
        #expect(json == #"{"checkpoint":\#(String(decoding: try checkpoint.canonicalBytes(), as: UTF8.self)),"exchange":"\#(exchange.hex)","heads":\#(headsJSON),"size":2}"#)
        #expect(try WireJSON.decode(HeadsResponse.self, from: Array(json.utf8)) == response)
    }

    @Test func pushResponse() throws {
        let response = PushResponse(accepted: 1, duplicates: 1, size: 2, heads: heads, checkpoint: checkpoint, consistency: ["ab"])
        let json = try text(response)
        #expect(json == #"{"accepted":1,"checkpoint":\#(String(decoding: try checkpoint.canonicalBytes(), as: UTF8.self)),"consistency":["ab"],"duplicates":1,"heads":\#(headsJSON),"size":2}"#)
        #expect(try WireJSON.decode(PushResponse.self, from: Array(json.utf8)) == response)
    }

    @Test func pullStreamLines() throws {
        let header = PullHeader(size: 2, heads: heads, count: 2, checkpoint: checkpoint, consistency: [hash])
        let json = try text(header)
        #expect(json.hasPrefix(#"{"checkpoint":"#) && json.hasSuffix(#","consistency":["\#(hash)"],"count":2,"heads":\#(headsJSON),"size":2}"#))
        #expect(try WireJSON.decode(PullHeader.self, from: Array(json.utf8)) == header)
        #expect(try text(PullEnd(count: 2)) == #"{"end":{"count":2}}"#)
        #expect(try WireJSON.decode(PullEnd.self, from: SyncFixture.bytes(#"{"end":{"count":7}}"#)).count == 7)
        #expect(try text(WaitResponse(size: 9)) == #"{"size":9}"#)
        let checkpointResponse = CheckpointResponse(checkpoint: checkpoint, consistency: [])
        #expect(try WireJSON.decode(CheckpointResponse.self, from: try WireJSON.encode(checkpointResponse)) == checkpointResponse)
    }

    @Test func errorBodies() throws {
        let body = ErrorBody(code: .seqGap, message: "seq 5 follows head 3", index: 2, author: alice, seq: 5)
        #expect(try text(body) == #"{"error":{"author":"\#(alice.hex)","code":"seq_gap","index":2,"message":"seq 5 follows head 3","seq":5}}"#)
        #expect(try text(ErrorBody(code: .unauthenticated, message: "no")) == #"{"error":{"code":"unauthenticated","message":"no"}}"#)
        let future = try WireJSON.decode(ErrorBody.self, from: SyncFixture.bytes(#"{"error":{"code":"brand_new","message":"m","extra":true}}"#))
        #expect(future.error.code.rawValue == "brand_new")
        #expect(!future.error.code.isKnown && future.error.code.httpStatus == 500)
    }

    @Test("every code has the plan's status", arguments: [
        (WireErrorCode.malformedRequest, 400), (.malformedEnvelope, 400), (.digestMismatch, 400),
        (.unauthenticated, 401), (.staleRequest, 401), (.replayedRequest, 401), (.badSignature, 422),
        (.forbidden, 403), (.notAParticipant, 403), (.roleNotAllowed, 403), (.unknownExchange, 404),
        (.exchangeErased, 410), (.notFound, 404), (.wrongExchange, 422), (.seqGap, 409), (.prevMismatch, 409), (.equivocation, 409),
        (.unknownAuthor, 422), (.tooLarge, 413), (.methodNotAllowed, 405), (.requestTimeout, 408),
        (.rateLimited, 429), (.internal, 500), (.unavailable, 503),
    ])
    func statuses(_ code: WireErrorCode, _ status: Int) {
        #expect(code.httpStatus == status)
        #expect(code.rawValue.allSatisfy { $0.isLowercase || $0 == "_" })
    }

    @Test func allCodesAreListed() {
        #expect(WireErrorCode.statuses.count == 24)
    }

    @Test("malformed messages are refused", arguments: [
        #"{"size":-1}"#, #"{"size":1.5}"#, #"{"size":"1"}"#, #"{}"#, #"{"size":1,"size":2}"#, "[", "{\"size\":1} x",
    ])
    func malformedWait(_ json: String) {
        #expect(throws: SyncError(code: .malformedMessage, message: "")) {
            _ = try WireJSON.decode(WaitResponse.self, from: Array(json.utf8))
        }
    }

    @Test func malformedHeadsAndHashes() {
        let cases: [(any Decodable.Type, String)] = [
            (PushResponse.self, #"{"accepted":1,"duplicates":0,"size":1,"heads":{"ABC":{"seq":1,"id":"\#(hash)"}}}"#),
            (PushResponse.self, #"{"accepted":1,"duplicates":0,"size":1,"heads":{"\#(alice.hex)":{"seq":0,"id":"\#(hash)"}}}"#),
            (PushResponse.self, #"{"accepted":-1,"duplicates":0,"size":1,"heads":{}}"#),
            (CheckpointResponse.self, #"{"checkpoint":{},"consistency":["AB"]}"#),
            (HeadsResponse.self, #"{"exchange":"xyz","size":1,"heads":{},"checkpoint":{}}"#),
        ]
        for (type, json) in cases {
            #expect(throws: SyncError(code: .malformedMessage, message: ""), "\(json)") {
                _ = try WireJSON.decode(type, from: Array(json.utf8))
            }
        }
    }

    @Test func decodingErrorsNameThePath() {
        do {
            _ = try WireJSON.decode(PullEnd.self, from: SyncFixture.bytes(#"{"end":{}}"#))
            Issue.record("decoded a PullEnd without a count")
        } catch {
            #expect(error.message.contains("end.count"))
        }
    }
}

extension WireMessageTests {
    @Test func negativeEndCountsAreRefused() {
        #expect(throws: SyncError(code: .malformedMessage, message: "")) {
            _ = try WireJSON.decode(PullEnd.self, from: SyncFixture.bytes(#"{"end":{"count":-1}}"#))
        }
    }
}

@Suite struct RetryAfterRuleTests {
    @Test func onlyRateLimitedAndUnavailableWithDeltaSecondsAreRetried() {
        #expect(RetryAfter.delay(status: 429, header: "3") == .seconds(3))
        #expect(RetryAfter.delay(status: 503, header: " 2\t") == .seconds(2))
        #expect(RetryAfter.delay(status: 429, header: "0") == .seconds(1))
        #expect(RetryAfter.delay(status: 429, header: nil) == nil)
        #expect(RetryAfter.delay(status: 500, header: "1") == nil)
        #expect(RetryAfter.delay(status: 429, header: "-1") == nil)
        #expect(RetryAfter.delay(status: 429, header: "Wed, 21 Oct 2026 07:28:00 GMT") == nil)
        #expect(RetryAfter.delay(status: 429, header: "99999999999999999999") == nil)
    }
}

@Suite struct WireEndpointTests {
    @Test func targetsAndMatchingAgree() {
        let exchange = ExchangeID(hex: String(repeating: "07", count: 32))!
        for endpoint in WireEndpoint.allCases {
            let target = endpoint.target(exchange: exchange)
            #expect(WireEndpoint.match(method: endpoint.method, path: target) == .endpoint(endpoint))
            #expect(target.hasPrefix("/v1/"))
            #expect(target.contains(exchange.hex) == endpoint.isPerExchange)
        }
        #expect(WireEndpoint.wait.target(exchange: exchange, query: [("size", 7), ("timeout", 60)])
            == "/v1/exchanges/\(exchange.hex)/wait?size=7&timeout=60")
        #expect(WireEndpoint.match(method: "PUT", path: "/v1/exchanges/x/heads") == .wrongMethod(allowed: ["GET"]))
        #expect(WireEndpoint.match(method: "GET", path: "/v1/exchanges/x/nothing") == .unknownPath)
        #expect(WireEndpoint.match(method: "GET", path: "/v2/server") == .unknownPath)
        #expect(WireEndpoint.match(method: "GET", path: "/v1/exchanges//heads") == .unknownPath)
    }
}

/// `protocol/openapi.yaml` lists the same endpoints as ``WireEndpoint``: paths, methods, query
/// parameters.
@Suite struct OpenAPIEndpointTests {
    @Test func theDocumentNamesExactlyTheEndpoints() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("protocol/openapi.yaml")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        // Per path: its methods, and the names of its query parameters (at the path or a method).
        var methods: [String: Set<String>] = [:]
        var queries: [String: Set<String>] = [:]
        var path: String?
        var name: String?
        for line in lines {
            if line.hasPrefix("components:") { break }
            if line.hasPrefix("  /"), line.hasSuffix(":"), !line.hasPrefix("   ") {
                path = String(line.dropFirst(2).dropLast())
                methods[path!] = []
                queries[path!] = []
            } else if let path, line.hasPrefix("    "), !line.hasPrefix("     "), line.hasSuffix(":") {
                let method = line.trimmingCharacters(in: .whitespaces).dropLast().uppercased()
                if method != "PARAMETERS" { methods[path, default: []].insert(method) }
            } else if let path {
                let text = line.trimmingCharacters(in: .whitespaces)
                if text.hasPrefix("- name: ") { name = String(text.dropFirst("- name: ".count)) }
                if text == "in: query", let name { queries[path, default: []].insert(name) }
            }
        }
        let expected = Dictionary(grouping: WireEndpoint.allCases, by: \.pattern)
        // The error codes: the schema's enum is exactly the codes this version knows.
        let enumStart = try #require(lines.firstIndex { $0.hasPrefix("    ErrorCode:") })
        let codes = lines[enumStart...].drop { $0.trimmingCharacters(in: .whitespaces) != "enum:" }.dropFirst()
            .prefix { $0.trimmingCharacters(in: .whitespaces).hasPrefix("- ") }
            .map { String($0.trimmingCharacters(in: .whitespaces).dropFirst(2)) }
        #expect(Set(codes) == Set(WireErrorCode.statuses.keys.map(\.rawValue)) && codes.count == WireErrorCode.statuses.count)
        #expect(Set(methods.keys) == Set(expected.keys))
        for (pattern, endpoints) in expected {
            #expect(methods[pattern] == Set(endpoints.map(\.method)), "\(pattern)")
            #expect(queries[pattern] == endpoints.reduce(into: Set<String>()) { $0.formUnion($1.query) }, "\(pattern)")
        }
    }
}

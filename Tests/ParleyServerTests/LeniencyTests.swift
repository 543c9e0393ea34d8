import Foundation
import Hummingbird
import HTTPTypes
import HummingbirdTesting
import ParleyCrypto
import ParleyLog
import ParleyServer
import ParleySync
import ParleyWire
import Testing

/// What the protocol does not allow is refused, never read generously.
@Suite struct LeniencyTests {
    typealias F = ServerFixture

    private func registered(_ client: some TestClientProtocol, clock: TestClock) async throws -> ExchangeID {
        let (genesis, signer) = F.genesis()
        let response = try await client.signed(.post, "/v1/exchanges", by: F.headquartersA, body: genesis.wireBytes, created: clock.now)
        #expect(response.status == .created)
        return signer.exchange
    }

    @Test(arguments: [HTTPRequest.Method.trace, .put, .delete, .options, .patch, .head, .connect])
    func unsupportedMethodsAreNotAllowed(method: HTTPRequest.Method) async throws {
        let clock = TestClock()
        try await F.application(clock: clock).test(.router) { client in
            let exchange = try await registered(client, clock: clock)
            for target in ["/v1/server", "/v1/exchanges/\(exchange.hex)/heads", "/v1/nothing", "/"] {
                let response = try await client.signed(method, target, by: F.headquartersA, created: clock.now)
                #expect(response.status == .methodNotAllowed, "\(method) \(target)")
                #expect(method == .head || response.errorCode == "method_not_allowed")
            }
        }
    }

    @Test func aKnownPathWithTheWrongMethodIsNotAllowed() async throws {
        let clock = TestClock()
        try await F.application(clock: clock).test(.router) { client in
            let exchange = try await registered(client, clock: clock)
            let response = try await client.signed(.get, "/v1/exchanges/\(exchange.hex)/pull", by: F.headquartersA, created: clock.now)
            #expect(response.status == .methodNotAllowed)
            #expect(response.headers[.allow] == "POST")
            let unknown = try await client.signed(.get, "/v1/exchanges/\(exchange.hex)/other", by: F.headquartersA, created: clock.now)
            #expect(unknown.status == .notFound)
        }
    }

    @Test func unknownOrRepeatedQueryParametersAreRefused() async throws {
        let clock = TestClock()
        try await F.application(clock: clock).test(.router) { client in
            let exchange = try await registered(client, clock: clock)
            let base = "/v1/exchanges/\(exchange.hex)"
            for target in [
                "\(base)/heads?x=1", "\(base)/wait?size=0&timeout=0&debug=1", "\(base)/checkpoint?from=0&from=0",
                "\(base)/checkpoint?since=0", "/v1/server?verbose",
            ] {
                let response = try await client.signed(.get, target, by: F.headquartersA, created: clock.now)
                #expect(response.status == .badRequest, "\(target)")
                #expect(response.errorCode == "malformed_request")
            }
            let fine = try await client.signed(.get, "\(base)/wait?size=5&timeout=0", by: F.headquartersA, created: clock.now)
            #expect(fine.status == .ok)
        }
    }

    @Test(arguments: [
        "timeout=99999999999999999999999", "timeout=-1", "timeout=61", "timeout=+1", "timeout=", "timeout=1.0",
        "size=9007199254740992", "size=99999999999999999999", "size=-0",
    ])
    func waitParametersOutOfRangeAreRefused(query: String) async throws {
        let clock = TestClock()
        try await F.application(clock: clock).test(.router) { client in
            let exchange = try await registered(client, clock: clock)
            let target = "/v1/exchanges/\(exchange.hex)/wait?" + (query.hasPrefix("size") ? query : "size=0&" + query)
            let response = try await client.signed(.get, target, by: F.headquartersA, created: clock.now)
            #expect(response.status == .badRequest)
            #expect(response.errorCode == "malformed_request")
        }
    }

    @Test(arguments: ["9007199254740992", "9007199254740993", "1e300", "-1", "1.5"])
    func pullCountsPastTwoToTheFiftyThreeAreRefused(count: String) async throws {
        let clock = TestClock()
        try await F.application(clock: clock).test(.router) { client in
            let exchange = try await registered(client, clock: clock)
            for body in [
                #"{"checkpoint":null,"have":{"\#(F.headquartersA.publicKey.keyID.hex)":\#(count)}}"#,
                #"{"checkpoint":\#(count),"have":{}}"#,
            ] {
                let response = try await client.signed(
                    .post, "/v1/exchanges/\(exchange.hex)/pull", by: F.headquartersA, body: Array(body.utf8), created: clock.now
                )
                #expect(response.status == .badRequest)
                #expect(response.errorCode == "malformed_request")
            }
            let largest = #"{"checkpoint":null,"have":{"\#(F.headquartersA.publicKey.keyID.hex)":9007199254740991}}"#
            let response = try await client.signed(
                .post, "/v1/exchanges/\(exchange.hex)/pull", by: F.headquartersA, body: Array(largest.utf8), created: clock.now
            )
            #expect(response.status == .ok)
        }
    }

    @Test(arguments: ["", "!!!", "short"])
    func malformedNoncesAreUnauthenticated(nonce: String) async throws {
        let clock = TestClock()
        try await F.application(clock: clock).test(.router) { client in
            let exchange = try await registered(client, clock: clock)
            let response = try await client.signed(.get, "/v1/exchanges/\(exchange.hex)/heads", by: F.headquartersA, created: clock.now) { fields in
                let input = fields[HTTPField.Name("Signature-Input")!]!
                let start = input.range(of: #"nonce=""#)!.upperBound
                let end = input[start...].firstIndex(of: "\"")!
                fields[HTTPField.Name("Signature-Input")!] = input.replacingCharacters(in: start..<end, with: nonce)
            }
            #expect(response.status == .unauthorized)
            #expect(response.errorCode == "unauthenticated")
        }
    }
}

import Foundation
import Hummingbird
import HTTPTypes
import HummingbirdTesting
import ParleyCrypto
import ParleyLog
import ParleyServer
import ParleySync
import ParleyWire
import RawStructuredFieldValues
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

    /// The fields of a request to `target` whose `Signature-Input` is `parley=` then `member` as
    /// written, validly signed by side A over the signature base that member gives.
    private func crafted(_ member: String, target: String) throws -> HTTPFields {
        let dictionary = try StructuredFields.parseDictionary("parley=" + member, field: "Signature-Input")
        guard case let .innerList(list)? = dictionary["parley"] else { throw SyncError(code: .malformedHeader, message: "no inner list") }
        let digest = ContentDigest.headerValue(for: [])
        let values = list.bareInnerList.map { component in
            switch component.rfc9651BareItem.stringValue {
            case "@method": "GET"
            case "@request-target": target
            case "content-digest": digest
            default: "application/json"
            }
        }
        let signature = try F.headquartersA.signature(for: SignatureBase.make(signatureInput: list, componentValues: values))
        let item = Item(bareItem: StructuredFields.byteSequence(signature), parameters: StructuredFields.Parameters())
        var fields = HTTPFields()
        fields[HTTPField.Name("Content-Digest")!] = digest
        fields[HTTPField.Name("Content-Type")!] = "application/json"
        fields[HTTPField.Name("Signature-Input")!] = "parley=" + member
        fields[HTTPField.Name("Signature")!] = try StructuredFields.serialize(["parley": .item(item)])
        return fields
    }

    /// One request, one signature base: the server refuses a validly signed request whose
    /// parameters are in another order, that adds `expires` or a component, or whose
    /// `Signature-Input` is not in RFC 8941 serialized form; the protocol's own spelling passes.
    @Test func signatureInputsOtherThanTheProtocolsAreRefused() async throws {
        let clock = TestClock()
        try await F.application(clock: clock).test(.router) { client in
            let exchange = try await registered(client, clock: clock)
            let target = "/v1/exchanges/\(exchange.hex)/heads"
            let keyID = F.headquartersA.publicKey.keyID.hex
            func member(components: String = #""@method" "@request-target" "content-digest""#, _ parameters: [String]) -> String {
                "(" + components + ")" + parameters.map { ";" + $0 }.joined()
            }
            func parameters(_ nonce: String) -> [String] {
                ["created=\(clock.now)", #"nonce="\#(nonce)""#, #"keyid="\#(keyID)""#, #"alg="ed25519""#, #"tag="parley/v1/request""#]
            }
            let refused: [String] = [
                member(Array(parameters("AAAAAAAAAAAAAAAAAAAAAA").reversed())),
                member([parameters("AQAAAAAAAAAAAAAAAAAAAA")[1]] + parameters("AQAAAAAAAAAAAAAAAAAAAA").filter { !$0.hasPrefix("nonce") }),
                member(parameters("AgAAAAAAAAAAAAAAAAAAAA") + ["expires=\(clock.now + 60)"]),
                member(components: #""@method" "@request-target" "content-digest" "content-type""#, parameters("AwAAAAAAAAAAAAAAAAAAAA")),
                member(components: #" "@method"  "@request-target" "content-digest" "#, parameters("BAAAAAAAAAAAAAAAAAAAAA")),
                member(parameters("BQAAAAAAAAAAAAAAAAAAAA") + ["created=\(clock.now)"]),
            ]
            for input in refused {
                let response = try await client.execute(uri: target, method: .get, headers: try crafted(input, target: target))
                #expect(response.status == .unauthorized, "\(input)")
                #expect(response.errorCode == "unauthenticated", "\(input)")
            }
            let accepted = member(parameters("BgAAAAAAAAAAAAAAAAAAAA"))
            let response = try await client.execute(uri: target, method: .get, headers: try crafted(accepted, target: target))
            #expect(response.status == .ok)
        }
    }
}

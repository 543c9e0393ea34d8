import Foundation
import Hummingbird
import HTTPTypes
import HummingbirdTesting
import ParleyCrypto
import ParleyLog
import ParleyServer
import ParleyStore
import ParleySync
import ParleyWire
import Testing

/// Every fault of the push and request paths gets a clear error with a code, and nothing of the
/// refused request is stored.
@Suite struct ServerFaultTests {
    typealias F = ServerFixture

    /// Registers the exchange and returns the signer to go on with.
    private func registered(_ client: some TestClientProtocol, clock: TestClock) async throws -> (ExchangeID, EnvelopeSigner) {
        let (genesis, signer) = F.genesis()
        let response = try await client.signed(.post, "/v1/exchanges", by: F.headquartersA, body: genesis.wireBytes, created: clock.now)
        #expect(response.status == .created)
        return (signer.exchange, signer)
    }

    private func size(_ client: some TestClientProtocol, _ exchange: ExchangeID, clock: TestClock) async throws -> Int? {
        let response = try await client.signed(.get, "/v1/exchanges/\(exchange.hex)/heads", by: F.headquartersA, created: clock.now)
        return response.json?["size"]?.intValue
    }

    @Test func serverInfoNeedsNoSignatureAndNamesTheKey() async throws {
        try await F.application().test(.router) { client in
            let response = try await client.execute(uri: "/v1/server", method: .get)
            #expect(response.status == .ok)
            #expect(response.json?["key_id"]?.stringValue == F.serverKey.publicKey.keyID.hex)
        }
    }

    @Test func pushStoresAndIsIdempotent() async throws {
        let clock = TestClock()
        try await F.application(clock: clock).test(.router) { client in
            var (exchange, signer) = try await registered(client, clock: clock)
            let batch = try (0..<3).map { try signer.sign(F.put(.request, "p\($0)", surname: "Bondar\($0)"), at: F.time($0 + 1)) }
            let first = try await client.signed(.post, "/v1/exchanges/\(exchange.hex)/envelopes", by: F.headquartersA, body: ndjson(batch), created: clock.now)
            #expect(first.status == .ok)
            #expect(first.json?["accepted"]?.intValue == 3)
            let again = try await client.signed(.post, "/v1/exchanges/\(exchange.hex)/envelopes", by: F.headquartersA, body: ndjson(batch), created: clock.now)
            #expect(again.status == .ok)
            #expect(again.json?["accepted"]?.intValue == 0)
            #expect(again.json?["duplicates"]?.intValue == 3)
            #expect(try await size(client, exchange, clock: clock) == 4)
        }
    }

    @Test func forgedEnvelopeSignatureIsRefused() async throws {
        let clock = TestClock()
        try await F.application(clock: clock).test(.router) { client in
            var (exchange, signer) = try await registered(client, clock: clock)
            let good = try signer.sign(F.put(.request, "p0", surname: "Hnatyuk"), at: F.time(1))
            // The same envelope signed by the outsider: the author's signature is forged.
            let forged = try SignedEnvelope(parsing: Array(
                String(decoding: good.wireBytes, as: UTF8.self).replacingOccurrences(
                    of: good.signatureBase64URL,
                    with: Data(try F.outsider.signature(for: good.signedMessage)).base64EncodedString()
                        .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                        .replacingOccurrences(of: "=", with: "")
                ).utf8
            ))
            let response = try await client.signed(.post, "/v1/exchanges/\(exchange.hex)/envelopes", by: F.headquartersA, body: ndjson([forged]), created: clock.now)
            #expect(response.status == .unprocessableContent)
            #expect(response.errorCode == "bad_signature")
            #expect(response.json?["error"]?["index"]?.intValue == 0)
            #expect(try await size(client, exchange, clock: clock) == 1)
        }
    }

    @Test func unknownKeyIsUnauthenticated() async throws {
        let clock = TestClock()
        try await F.application(clock: clock).test(.router) { client in
            let (exchange, _) = try await registered(client, clock: clock)
            let response = try await client.signed(.get, "/v1/exchanges/\(exchange.hex)/heads", by: F.outsider, created: clock.now)
            #expect(response.status == .unauthorized)
            #expect(response.errorCode == "unauthenticated")
        }
    }

    @Test func unsignedRequestIsUnauthenticated() async throws {
        let clock = TestClock()
        try await F.application(clock: clock).test(.router) { client in
            let (exchange, _) = try await registered(client, clock: clock)
            let response = try await client.execute(uri: "/v1/exchanges/\(exchange.hex)/heads", method: .get)
            #expect(response.status == .unauthorized)
            #expect(response.errorCode == "unauthenticated")
        }
    }

    @Test func nonParticipantCannotReadAnExchange() async throws {
        let clock = TestClock()
        try await F.application(clock: clock).test(.router) { client in
            let (exchange, _) = try await registered(client, clock: clock)
            // A participant of another exchange is known to the server, but not a participant here.
            let other = CreateExchange(
                nonce: String(repeating: "ab", count: 16), title: "Other synthetic exchange", terms: [:],
                participants: [
                    Participant(publicKey: F.headquartersA.publicKey, role: .headquarters, side: .a, name: "A"),
                    Participant(publicKey: F.outsider.publicKey, role: .headquarters, side: .b, name: "B"),
                ]
            )
            let (otherGenesis, _) = try EnvelopeSigner.createExchange(other, key: F.headquartersA, at: F.time(0))
            let created = try await client.signed(.post, "/v1/exchanges", by: F.headquartersA, body: otherGenesis.wireBytes, created: clock.now)
            #expect(created.status == .created)
            // A foreign exchange answers exactly as one the server does not hold: no existence oracle.
            let foreign = try await client.signed(.get, "/v1/exchanges/\(exchange.hex)/heads", by: F.outsider, created: clock.now)
            let missing = try await client.signed(
                .get, "/v1/exchanges/\(String(repeating: "0", count: 64))/heads", by: F.outsider, created: clock.now
            )
            #expect(foreign.status == .notFound)
            #expect(foreign.errorCode == "unknown_exchange")
            #expect(foreign.body == missing.body)
            #expect(foreign.status == missing.status)
        }
    }

    @Test func creatingNeedsAnAdmittedKey() async throws {
        let clock = TestClock()
        try await F.application(clock: clock).test(.router) { client in
            let create = CreateExchange(
                nonce: String(repeating: "cd", count: 16), title: "Synthetic", terms: [:], participants: F.participants
            )
            let (genesis, _) = try EnvelopeSigner.createExchange(create, key: F.mediator, at: F.time(0))
            let response = try await client.signed(.post, "/v1/exchanges", by: F.mediator, body: genesis.wireBytes, created: clock.now)
            #expect(response.status == .unauthorized || response.status == .forbidden)
        }
    }

    @Test func roleNotAllowedIsRefused() async throws {
        let clock = TestClock()
        try await F.application(clock: clock).test(.router) { client in
            let (exchange, _) = try await registered(client, clock: clock)
            var mediator = EnvelopeSigner(key: F.mediator, exchange: exchange, head: nil)
            let put = try mediator.sign(F.put(.request, "m0", surname: "Savchuk"), at: F.time(1))
            let response = try await client.signed(.post, "/v1/exchanges/\(exchange.hex)/envelopes", by: F.mediator, body: ndjson([put]), created: clock.now)
            #expect(response.status == .forbidden)
            #expect(response.errorCode == "role_not_allowed")
            #expect(try await size(client, exchange, clock: clock) == 1)
        }
    }

    @Test func replayedRequestIsRefused() async throws {
        let clock = TestClock()
        try await F.application(clock: clock).test(.router) { client in
            let (exchange, _) = try await registered(client, clock: clock)
            let nonce = [UInt8](repeating: 7, count: 16)
            let first = try await client.signed(.get, "/v1/exchanges/\(exchange.hex)/heads", by: F.headquartersA, created: clock.now, nonce: nonce)
            #expect(first.status == .ok)
            let replay = try await client.signed(.get, "/v1/exchanges/\(exchange.hex)/heads", by: F.headquartersA, created: clock.now, nonce: nonce)
            #expect(replay.status == .unauthorized)
            #expect(replay.errorCode == "replayed_request")
        }
    }

    @Test func staleRequestIsRefused() async throws {
        let clock = TestClock()
        try await F.application(clock: clock).test(.router) { client in
            let (exchange, _) = try await registered(client, clock: clock)
            clock.advance(by: 301)
            let response = try await client.signed(.get, "/v1/exchanges/\(exchange.hex)/heads", by: F.headquartersA, created: clock.now - 301)
            #expect(response.status == .unauthorized)
            #expect(response.errorCode == "stale_request")
        }
    }

    @Test func tamperedBodyFailsItsDigest() async throws {
        let clock = TestClock()
        try await F.application(clock: clock).test(.router) { client in
            let (exchange, _) = try await registered(client, clock: clock)
            let response = try await client.signed(
                .post, "/v1/exchanges/\(exchange.hex)/pull", by: F.headquartersA, body: Array(#"{"have":{}}"#.utf8),
                created: clock.now
            ) { fields in
                fields[HTTPField.Name("content-digest")!] = ContentDigest.headerValue(for: Array(#"{"have":{"x":1}}"#.utf8))
            }
            #expect(response.status == .unauthorized || response.status == .badRequest)
        }
    }

    @Test func seqGapPrevMismatchAndEquivocationAreConflicts() async throws {
        let clock = TestClock()
        try await F.application(clock: clock).test(.router) { client in
            var (exchange, signer) = try await registered(client, clock: clock)
            let first = try signer.sign(F.put(.request, "p0", surname: "Kravets"), at: F.time(1))
            let second = try signer.sign(F.put(.request, "p1", surname: "Lysenko"), at: F.time(2))
            let third = try signer.sign(F.put(.request, "p2", surname: "Melnyk"), at: F.time(3))
            let target = "/v1/exchanges/\(exchange.hex)/envelopes"

            let gap = try await client.signed(.post, target, by: F.headquartersA, body: ndjson([first, third]), created: clock.now)
            #expect(gap.status == .conflict)
            #expect(gap.errorCode == "seq_gap")
            #expect(gap.json?["error"]?["index"]?.intValue == 1)
            #expect(try await size(client, exchange, clock: clock) == 1)

            // A second replica of the same party signs its own chain from the genesis.
            var twin = EnvelopeSigner(key: F.headquartersA, exchange: exchange, head: ChainHead(seq: 1, id: exchange.genesis))
            let twinFirst = try twin.sign(F.put(.request, "q0", surname: "Tkachenko"), at: F.time(1))
            _ = try twin.sign(F.put(.request, "q1", surname: "Shevchuk"), at: F.time(2))
            let twinThird = try twin.sign(F.put(.request, "q2", surname: "Rudenko"), at: F.time(3))
            let ok = try await client.signed(.post, target, by: F.headquartersA, body: ndjson([first, second]), created: clock.now)
            #expect(ok.status == .ok)

            // The twin's seq 2 conflicts with the stored seq 2.
            let equivocation = try await client.signed(.post, target, by: F.headquartersA, body: ndjson([twinFirst]), created: clock.now)
            #expect(equivocation.status == .conflict)
            #expect(equivocation.errorCode == "equivocation")
            #expect(equivocation.json?["error"]?["conflicts_with"]?.stringValue == first.id.hex)

            // The twin's seq 4 follows the stored seq 3 but names the twin's seq 3 as prev.
            let mismatch = try await client.signed(.post, target, by: F.headquartersA, body: ndjson([twinThird]), created: clock.now)
            #expect(mismatch.status == .conflict)
            #expect(mismatch.errorCode == "prev_mismatch")
            #expect(try await size(client, exchange, clock: clock) == 3)

            // The chain goes on from the stored head.
            let next = try await client.signed(.post, target, by: F.headquartersA, body: ndjson([third]), created: clock.now)
            #expect(next.status == .ok)
            #expect(try await size(client, exchange, clock: clock) == 4)
        }
    }

    @Test func oversizedBodyAndBatchAreTooLarge() async throws {
        let clock = TestClock()
        let limits = ServerLimits(maxBodyBytes: 4_096, maxEnvelopeBytes: 2_048, maxBatch: 2)
        try await F.application(clock: clock, limits: limits).test(.router) { client in
            var (exchange, signer) = try await registered(client, clock: clock)
            let batch = try (0..<3).map { try signer.sign(F.put(.request, "p\($0)", surname: "Zhuk\($0)"), at: F.time($0 + 1)) }
            let target = "/v1/exchanges/\(exchange.hex)/envelopes"
            let tooMany = try await client.signed(.post, target, by: F.headquartersA, body: ndjson(batch), created: clock.now)
            #expect(tooMany.status == .contentTooLarge)
            #expect(tooMany.errorCode == "too_large")
            let huge = [UInt8](repeating: 0x20, count: 8_192)
            let tooBig = try await client.signed(.post, target, by: F.headquartersA, body: huge, created: clock.now)
            #expect(tooBig.status == .contentTooLarge)
            #expect(tooBig.errorCode == "too_large")
            #expect(try await size(client, exchange, clock: clock) == 1)
        }
    }

    @Test func malformedBodiesAreBadRequests() async throws {
        let clock = TestClock()
        try await F.application(clock: clock).test(.router) { client in
            let (exchange, _) = try await registered(client, clock: clock)
            let push = try await client.signed(
                .post, "/v1/exchanges/\(exchange.hex)/envelopes", by: F.headquartersA, body: Array("{\"envelope\":\n".utf8), created: clock.now
            )
            #expect(push.status == .badRequest)
            #expect(push.errorCode == "malformed_envelope")
            let pull = try await client.signed(
                .post, "/v1/exchanges/\(exchange.hex)/pull", by: F.headquartersA, body: Array("[1,2".utf8), created: clock.now
            )
            #expect(pull.status == .badRequest)
            #expect(pull.errorCode == "malformed_request")
        }
    }

    @Test func unknownExchangeIsNotFound() async throws {
        let clock = TestClock()
        try await F.application(clock: clock).test(.router) { client in
            _ = try await registered(client, clock: clock)
            let missing = String(repeating: "0", count: 64)
            let response = try await client.signed(.get, "/v1/exchanges/\(missing)/heads", by: F.headquartersA, created: clock.now)
            #expect(response.status == .notFound)
            #expect(response.errorCode == "unknown_exchange")
        }
    }
}

import Foundation
import Hummingbird
import HummingbirdTesting
import ParleyCrypto
import ParleyLog
import ParleyServer
import ParleyStore
import ParleySync
import Testing

/// The server follows key handovers: after a pushed `key.rotate` (or `key.revoke`) it accepts the
/// participant's envelopes and requests by the new key only, also after a restart on the same
/// store; a revocation placed on a seq the server holds is an equivocation, and the owner's
/// revocation signed again at the head wins.
@Suite struct KeyRotationServerTests {
    typealias F = ServerFixture
    static let newKey = F.key(0x21)
    static let recovery = F.key(0x31)
    static let thiefKey = F.key(0x33)

    private func push(_ client: some TestClientProtocol, _ exchange: ExchangeID, _ batch: [SignedEnvelope], by key: SigningKey, clock: TestClock) async throws -> TestResponse {
        try await client.signed(.post, "/v1/exchanges/\(exchange.hex)/envelopes", by: key, body: ndjson(batch), created: clock.now)
    }

    @Test func afterARotationOnlyTheNewKeySignsEnvelopesAndRequests() async throws {
        let clock = TestClock()
        let store = InMemoryServerStore()
        let (genesis, creator) = F.genesis()
        let exchange = creator.exchange
        var signer = creator
        let put = try signer.sign(F.put(.request, "p1", surname: "Bondar"), at: F.time(1))
        let (rotation, rotated) = try signer.rotating(to: Self.newKey, at: F.time(2))
        var after = rotated
        let fresh = try after.sign(F.put(.request, "p2", surname: "Hnatyuk"), at: F.time(3))
        var stale = EnvelopeSigner(key: F.headquartersA, exchange: exchange, head: after.head, author: creator.author)
        let old = try stale.sign(F.put(.request, "p3", surname: "Stale"), at: F.time(4))
        try await F.application(store: store, clock: clock).test(.router) { client in
            let created = try await client.signed(.post, "/v1/exchanges", by: F.headquartersA, body: genesis.wireBytes, created: clock.now)
            #expect(created.status == .created)
            // The rotation is pushed with a request signed by the old key, still in force then.
            #expect(try await push(client, exchange, [put, rotation], by: F.headquartersA, clock: clock).status == .ok)
            // Now the new key signs requests and envelopes; the old key does neither.
            #expect(try await push(client, exchange, [fresh], by: Self.newKey, clock: clock).status == .ok)
            let refused = try await push(client, exchange, [old], by: Self.newKey, clock: clock)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.errorCode == "bad_signature")
            let oldRequest = try await client.signed(.get, "/v1/exchanges/\(exchange.hex)/heads", by: F.headquartersA, created: clock.now)
            // The old key is still admitted (it may register exchanges) but speaks for no participant.
            #expect(oldRequest.status == .notFound)
            #expect(oldRequest.errorCode == "unknown_exchange")
        }
        // A server started again on the same store reads the keys back from the log.
        try await F.application(store: store, clock: clock).test(.router) { client in
            let heads = try await client.signed(.get, "/v1/exchanges/\(exchange.hex)/heads", by: Self.newKey, created: clock.now)
            #expect(heads.status == .ok)
            #expect(heads.json?["heads"]?[creator.author.hex]?["seq"]?.intValue == 4)
            let refused = try await push(client, exchange, [old], by: Self.newKey, clock: clock)
            #expect(refused.errorCode == "bad_signature")
        }
    }

    @Test func theOwnersRevocationWinsOverTheThiefsRotationAtTheServer() async throws {
        let clock = TestClock()
        let (genesis, creator) = F.genesis(nonce: 7)
        let exchange = creator.exchange
        var signer = creator
        let named = try signer.sign(.nameRecoveryKey(NameRecoveryKey(key: Self.recovery.publicKey)), at: F.time(1))
        // The thief, holding the identity key, rotates it to its own key first.
        let (thiefRotation, thiefSigner) = try signer.rotating(to: Self.thiefKey, at: F.time(2))
        // The owner had signed its revocation on seq 3 too: refused as a fork of the stored chain.
        let early = EnvelopeSigner(key: Self.recovery, exchange: exchange, head: signer.head, author: creator.author)
        let (lostRace, _) = try early.revoking(creator.author, from: 3, newKey: Self.newKey, at: F.time(3))
        // Signed again after the thief's head, setting the thief's rotation aside.
        let again = EnvelopeSigner(key: Self.recovery, exchange: exchange, head: thiefSigner.head, author: creator.author)
        let (revoke, owner) = try again.revoking(Self.thiefKey.publicKey.keyID, from: 3, newKey: Self.newKey, at: F.time(4))
        var ownerNext = owner
        let ownerPut = try ownerNext.sign(F.put(.request, "p1", surname: "Bondar"), at: F.time(5))
        var thiefNext = EnvelopeSigner(key: Self.thiefKey, exchange: exchange, head: owner.head, author: creator.author)
        let thiefPut = try thiefNext.sign(F.put(.request, "p9", surname: "Forged"), at: F.time(5))
        try await F.application(clock: clock).test(.router) { client in
            _ = try await client.signed(.post, "/v1/exchanges", by: F.headquartersA, body: genesis.wireBytes, created: clock.now)
            #expect(try await push(client, exchange, [named, thiefRotation], by: F.headquartersA, clock: clock).status == .ok)
            let fork = try await push(client, exchange, [lostRace], by: Self.thiefKey, clock: clock)
            #expect(fork.errorCode == "equivocation" || fork.errorCode == "bad_signature")
            // A participant relays the revocation (the owner holds no key the server knows now).
            #expect(try await push(client, exchange, [revoke], by: F.mediator, clock: clock).status == .ok)
            #expect(try await push(client, exchange, [ownerPut], by: Self.newKey, clock: clock).status == .ok)
            let thief = try await client.signed(.get, "/v1/exchanges/\(exchange.hex)/heads", by: Self.thiefKey, created: clock.now)
            #expect(thief.status == .unauthorized)
            let refused = try await push(client, exchange, [thiefPut], by: Self.newKey, clock: clock)
            #expect(refused.errorCode == "equivocation" || refused.errorCode == "bad_signature")
        }
    }
}

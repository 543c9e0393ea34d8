import Foundation
import HTTPTypes
import ParleyMatch
import Hummingbird
import HummingbirdTesting
import ParleyCrypto
import ParleyLog
import ParleyParty
import ParleyServer
import ParleyStore
import ParleySync
import ParleyWire
import Testing

/// The server's defences, on loopback.
extension AttackTests {
    /// Defence: the chain is checked again inside the store's append transaction, so two pushes
    /// racing to extend one chain with different envelopes cannot both pass the check before
    /// either is stored: exactly one wins, and the log holds one envelope at that seq.
    @Test func checkPersistRace() async throws {
        let (exchange, log, _) = try F.log(count: 1)
        let rivals = try (0..<8).map { index in
            var signer = F.signer(F.hqA, exchange, after: log)
            return try signer.sign(F.put(.request, "race", surname: "Rival\(index)"), at: F.time(30 + index))
        }
        try await F.application().test(.live) { client in
            #expect(try await client.signed(.post, "/v1/exchanges", by: F.hqA, body: log[0].wireBytes).status == .created)
            _ = try await client.signed(.post, "/v1/exchanges/\(exchange.hex)/envelopes", by: F.hqA, body: ndjson([log[1]]))
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for rival in rivals {
                    group.addTask {
                        try await client.signed(.post, "/v1/exchanges/\(exchange.hex)/envelopes", by: F.hqA, body: ndjson([rival])).status.code
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 200 }.count == 1)
            #expect(statuses.filter { $0 == 409 }.count == rivals.count - 1)
            let heads = try await client.signed(.get, "/v1/exchanges/\(exchange.hex)/heads", by: F.hqA)
            let body = try JSONValue(parsing: Array(heads.body.readableBytesView))
            #expect(body["size"]?.intValue == 3)
            #expect(body["heads"]?[F.hqA.publicKey.keyID.hex]?["seq"]?.intValue == 3)
        }
    }

    /// Defence: a request is accepted only with a signature by the key its `keyid` names, and a
    /// party syncs only with the server key it pinned: neither a party nor a server can be
    /// passed off as another.
    @Test func impersonation() async throws {
        let (exchange, log, _) = try F.log(count: 1)
        let party = try F.Party(F.hqA)
        _ = try party.party.ingest(log.map(\.wireBytes), exchange: exchange)
        try await F.application().test(.live) { client in
            let url = "http://127.0.0.1:\(client.port!)"
            // An outsider signs, claiming side A's key id.
            let claimed = try await client.signed(.post, "/v1/exchanges", by: F.outsider, body: log[0].wireBytes, keyID: F.hqA.publicKey.keyID)
            #expect(claimed.status == .unauthorized)
            #expect(claimed.errorCode == "unauthenticated")
            try await party.sync(exchange, with: url)
            // Another server at the pinned address, with its own key.
            try party.replica.setMeta(.serverKey(for: url), to: Hex.encode(F.outsider.publicKey.rawRepresentation))
            await #expect(throws: SyncError(code: .untrustedServer, message: "")) {
                try await party.sync(exchange, with: url)
            }
        }
    }
}

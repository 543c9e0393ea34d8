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
    ///
    /// Two servers on one SQLite database, as two server processes behind one address are, and
    /// their appends made to meet: each server checks its rival against the same heads, so only
    /// the store's own check stands between them. (One server alone checks each push against the
    /// heads the last one left, which hides the store's check.)
    @Test func checkPersistRace() async throws {
        let (exchange, written, _) = try F.log(count: 1)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parley-race-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let meeting = RiggedStore.Meeting()
        let first = RiggedStore(store: try SQLiteServerStore.open(directory: directory, busyTimeout: .seconds(60)), meeting: meeting)
        let second = RiggedStore(store: try SQLiteServerStore.open(directory: directory, busyTimeout: .seconds(60)), meeting: meeting)
        try await F.application(store: first).test(.live) { one in
            try await F.application(store: second).test(.live) { other in
                // The sync client (its timeout is minutes, not the test client's 20 s), no retries.
                let clients = [one, other].map { SyncClient(server: "http://127.0.0.1:\($0.port!)", key: F.hqA, retryBudget: .zero) }
                var log = written
                #expect(try await clients[0].register(genesis: log[0]))
                _ = try await clients[0].push([log[1]], to: exchange)
                for round in 0..<3 {
                    let rivals = try (0..<2).map { index in
                        var signer = F.signer(F.hqA, exchange, after: log)
                        return try signer.sign(F.put(.request, "race\(round)", surname: "Rival\(index)"), at: F.time(30 + 2 * round + index))
                    }
                    await meeting.arm(2)
                    async let fromOne = Self.status(of: rivals[0], to: exchange, by: clients[0])
                    async let fromOther = Self.status(of: rivals[1], to: exchange, by: clients[1])
                    let statuses = await [fromOne, fromOther]
                    #expect(statuses.sorted() == [200, 409], "round \(round)")
                    guard let winner = statuses.firstIndex(of: 200) else { return }
                    log.append(rivals[winner])
                    for client in clients {
                        let heads = try await client.heads(of: exchange)
                        #expect(heads.size == log.count)
                        #expect(heads.heads[F.hqA.publicKey.keyID]?.id == rivals[winner].id)
                    }
                }
            }
        }
        await first.shutdown()
        await second.shutdown()
    }

    /// The HTTP status a push of `envelope` is answered with: 200, or its refusal's.
    private static func status(of envelope: SignedEnvelope, to exchange: ExchangeID, by client: SyncClient) async -> Int {
        do {
            _ = try await client.push([envelope], to: exchange)
            return 200
        } catch {
            return error.refusal?.httpStatus ?? 0
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

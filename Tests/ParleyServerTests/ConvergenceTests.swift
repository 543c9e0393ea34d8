import Foundation
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

/// Three parties edit offline, then sync in shuffled orders, some through the server and some by
/// bundle; in the end every replica and the server hold the same envelopes and every replica
/// computes the same state hash.
@Suite struct ConvergenceTests {
    typealias F = ServerFixture

    /// A small deterministic generator (SplitMix64), so a failing seed can be replayed.
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    final class Party: @unchecked Sendable {
        // Only touched from the test's one task; @unchecked because `signer` is mutable.
        let key: SigningKey
        let replica: Replica
        let list: ListKind
        var signer: EnvelopeSigner?
        var written = 0

        init(_ key: SigningKey, list: ListKind) throws {
            self.key = key
            self.replica = try Replica.inMemory()
            self.list = list
        }

        /// Signs `count` new puts (or a remove now and then) offline.
        func edit(_ exchange: ExchangeID, count: Int, rng: inout Seeded) throws {
            if signer == nil {
                signer = EnvelopeSigner(key: key, exchange: exchange, head: try replica.heads(exchange: exchange)[key.publicKey.keyID])
            }
            var batch: [SignedEnvelope] = []
            for _ in 0..<count {
                let operation: ParleyLog.Operation
                if written > 0, Int.random(in: 0..<5, using: &rng) == 0 {
                    operation = .removeEntry(RemoveEntry(list: list, entry: "e\(Int.random(in: 0..<written, using: &rng))", reason: "released"))
                } else {
                    operation = F.put(list, "e\(written)", surname: "Synthetic\(Int.random(in: 0..<1_000, using: &rng))")
                    written += 1
                }
                batch.append(try signer!.sign(operation, at: F.time(written)))
            }
            let result = try ParleyParty.Party(replica: replica, key: key).ingest(batch.map(\.wireBytes), exchange: exchange)
            #expect(result.refused.isEmpty)
        }

        func sync(_ exchange: ExchangeID, url: String) async throws {
            let synchronizer = Synchronizer(client: SyncClient(server: url, key: key), party: ParleyParty.Party(replica: replica, key: key))
            _ = try await synchronizer.sync(exchange, server: try await synchronizer.connect())
        }

        /// Sends a bundle of what `other` lacks.
        func send(_ exchange: ExchangeID, to other: Party) throws {
            let have = try other.replica.heads(exchange: exchange).mapValues(\.seq)
            let bundle = ExchangeBundle(exchange: exchange, envelopes: try replica.envelopes(exchange: exchange, after: have))
            let read = try ExchangeBundle(reading: try bundle.encoded())
            let result = try ParleyParty.Party(replica: other.replica, key: other.key).ingest(read.envelopes.map(\.wireBytes), exchange: exchange)
            #expect(result.refused.isEmpty)
        }

        func ids(_ exchange: ExchangeID) throws -> Set<EnvelopeID> {
            Set(try replica.envelopes(exchange: exchange).map(\.id))
        }

        func stateHash(_ exchange: ExchangeID) throws -> String? {
            try replica.keptState(exchange: exchange)?.stateHash
        }
    }

    @Test(arguments: 1...8)
    func partiesConverge(seed: UInt64) async throws {
        let store = InMemoryServerStore()
        try await F.application(store: store, clock: nil).test(.live) { client in
            var rng = Seeded(state: seed)
            let url = "http://127.0.0.1:\(client.port!)"
            let a = try Party(F.headquartersA, list: .request)
            let b = try Party(F.ombudsmanB, list: .release)
            let m = try Party(F.mediator, list: .registry)
            let (genesis, _) = F.genesis(nonce: UInt8(seed))
            let exchange = ExchangeID(genesis: genesis.id)
            _ = try ParleyParty.Party(replica: a.replica, key: a.key).ingest([genesis.wireBytes], exchange: exchange)
            try await a.sync(exchange, url: url)
            // B fetches through the server, the mediator by a bundle from A.
            try await b.sync(exchange, url: url)
            try a.send(exchange, to: m)
            let parties = [a, b, m]

            for _ in 0..<12 {
                let party = parties.randomElement(using: &rng)!
                switch Int.random(in: 0..<4, using: &rng) {
                case 0, 1: try party.edit(exchange, count: Int.random(in: 1...6, using: &rng), rng: &rng)
                case 2: try await party.sync(exchange, url: url)
                default:
                    let other = parties.filter { $0 !== party }.randomElement(using: &rng)!
                    try party.send(exchange, to: other)
                }
            }
            // Everyone syncs, in a shuffled order, twice: the second round brings the first
            // round's late pushes to those who synced early.
            for _ in 0..<2 {
                for party in parties.shuffled(using: &rng) { try await party.sync(exchange, url: url) }
            }

            let ids = try parties.map { try $0.ids(exchange) }
            #expect(ids[0] == ids[1] && ids[1] == ids[2])
            let serverSize = try await store.heads(of: exchange).size
            let serverIDs = Set(try await store.leaves(of: exchange, in: 0..<serverSize))
            #expect(serverIDs == ids[0])
            let hashes = try parties.map { try $0.stateHash(exchange) }
            #expect(hashes[0] != nil)
            #expect(Set(hashes).count == 1)
            let verified = Verifier(exchange: exchange).verify(try a.replica.envelopes(exchange: exchange))
            #expect(verified.isClean)
            #expect(verified.state?.stateHash == hashes[0])
        }
    }
}

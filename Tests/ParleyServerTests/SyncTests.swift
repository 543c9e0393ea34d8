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

/// The sync client against a live server on loopback: first fetch, resumption, interruptions.
@Suite struct SyncTests {
    typealias F = ServerFixture

    /// A party: its key and an in-memory replica.
    struct Party {
        let key: SigningKey
        let replica: Replica

        init(_ key: SigningKey) throws {
            self.key = key
            self.replica = try Replica.inMemory()
        }

        func synchronizer(_ url: String) -> Synchronizer {
            Synchronizer(client: SyncClient(server: url, key: key), party: ParleyParty.Party(replica: replica, key: key))
        }

        /// Stores envelopes written offline, through the party's commit path.
        func store(_ envelopes: [SignedEnvelope]) throws {
            let exchange = envelopes[0].envelope.exchange ?? ExchangeID(genesis: envelopes[0].id)
            let result = try ParleyParty.Party(replica: replica, key: key).ingest(envelopes.map(\.wireBytes), exchange: exchange)
            #expect(result.refused.isEmpty)
        }

        @discardableResult
        func sync(_ exchange: ExchangeID, with url: String) async throws -> Synchronizer.Report {
            let synchronizer = synchronizer(url)
            return try await synchronizer.sync(exchange, server: try await synchronizer.connect())
        }
    }

    /// Two replicas that sign with one key (a second device, a home made again while the old
    /// one is kept) sign at the same seqs: the second to push is refused, and told why, with
    /// the server's envelopes that fork from its chain kept as the proof.
    @Test func aReplicaSharingItsKeyWithAnotherIsToldWhyItsPushIsRefused() async throws {
        try await F.application(clock: nil).test(.live) { client in
            let url = "http://127.0.0.1:\(client.port!)"
            var (genesis, signerA) = F.genesis()
            let exchange = signerA.exchange
            let own = F.headquartersA.publicKey.keyID
            let a = try Party(F.headquartersA), copy = try Party(F.headquartersA), late = try Party(F.headquartersA)
            try a.store([genesis, try signerA.sign(F.put(.request, "a0", surname: "Koval"), at: F.time(1))])
            try await a.sync(exchange, with: url)
            try await copy.sync(exchange, with: url)
            try await late.sync(exchange, with: url)
            var signerCopy = signerA, signerLate = signerA
            try a.store([try signerA.sign(F.put(.request, "a1", surname: "Marchenko"), at: F.time(2))])
            try copy.store([try signerCopy.sign(F.put(.request, "a9", surname: "Bondar"), at: F.time(3))])
            try await copy.sync(exchange, with: url)
            // A's seq 3 is not above the server's head: it would never be sent.
            #expect(try a.replica.keptForks(exchange: exchange) == [])
            let error = await #expect(throws: SyncError.self) { try await a.sync(exchange, with: url) }
            #expect(error?.code == .refused)
            #expect(error?.message.contains("another replica signs with this party's key") == true, "\(error?.message ?? "")")
            #expect(error?.message.contains("kept here as the proof") == true, "\(error?.message ?? "")")
            // The proof is A's: its chain is frozen, and each sync from then on reports the
            // equivocation and sends nothing of the chain.
            #expect(try a.replica.keptForks(exchange: exchange) == [own])
            #expect(try ExchangeEvidence.all(in: a.replica, exchange: exchange).count == 1, "`parley evidence list` shows the proof")
            let after = try await a.sync(exchange, with: url)
            #expect(after.equivocations.map(\.author) == [own])
            #expect(after.pushed == 0)
            // The server sends the link above the fork again on every pull: it is the proof
            // kept here, not a refused envelope.
            #expect(after.refused == 0)
            #expect(try await a.sync(exchange, with: url).refused == 0)

            // A third replica signs seq 3 offline while the copy signs on to seq 5: the pull
            // brings links its chain does not lead to (refused), and the server's head is above
            // its own: told the same, with the proof.
            try late.store([try signerLate.sign(F.put(.request, "a5", surname: "Shevchuk"), at: F.time(4))])
            for (seq, name) in [(4, "a8"), (5, "a7")] {
                try copy.store([try signerCopy.sign(F.put(.request, name, surname: "Melnyk"), at: F.time(seq + 1))])
            }
            try await copy.sync(exchange, with: url)
            let ahead = await #expect(throws: SyncError.self) { try await late.sync(exchange, with: url) }
            #expect(ahead?.message.contains("fork at or below seq 3") == true, "\(ahead?.message ?? "")")
            #expect(ahead?.message.contains("kept here as the proof") == true, "\(ahead?.message ?? "")")
            #expect(try late.replica.keptForks(exchange: exchange) == [own])
            // The copy, whose chain is the server's, syncs on.
            #expect(try await copy.sync(exchange, with: url).refused == 0)
        }
    }

    @Test func creatorRegistersOthersFetchAndEveryoneConverges() async throws {
        try await F.application(clock: nil).test(.live) { client in
            let url = "http://127.0.0.1:\(client.port!)"
            let a = try Party(F.headquartersA), b = try Party(F.ombudsmanB), m = try Party(F.mediator)
            var (genesis, signerA) = F.genesis()
            let exchange = signerA.exchange
            try a.store([genesis] + (0..<5).map { try signerA.sign(F.put(.request, "a\($0)", surname: "Koval\($0)"), at: F.time($0 + 1)) })

            let first = try await a.sync(exchange, with: url)
            #expect(first.registered)
            #expect(first.pushed == 5)

            let fetched = try await b.sync(exchange, with: url)
            #expect(fetched.pulled == 6)
            var signerB = EnvelopeSigner(key: F.ombudsmanB, exchange: exchange, head: try b.replica.heads(exchange: exchange)[F.ombudsmanB.publicKey.keyID])
            try b.store([try signerB.sign(F.put(.release, "b0", surname: "Petruk"), at: F.time(10))])
            let pushedB = try await b.sync(exchange, with: url)
            #expect(pushedB.pushed == 1)

            try await m.sync(exchange, with: url)
            let reportA = try await a.sync(exchange, with: url)
            #expect(reportA.pulled == 1)
            let hashes = try [a, b, m].map { try Verifier(exchange: exchange).verify($0.replica.envelopes(exchange: exchange)).state?.stateHash }
            #expect(Set(hashes).count == 1)
            #expect(hashes[0] != nil)
        }
    }

    @Test func anIncrementalSyncTakesOneRoundTripEachWay() async throws {
        try await F.application(clock: nil).test(.live) { client in
            let url = "http://127.0.0.1:\(client.port!)"
            let a = try Party(F.headquartersA), b = try Party(F.ombudsmanB)
            var (genesis, signerA) = F.genesis()
            try a.store([genesis])
            try await a.sync(signerA.exchange, with: url)
            try await b.sync(signerA.exchange, with: url)
            try a.store(try (0..<10).map { try signerA.sign(F.put(.request, "a\($0)", surname: "Marchenko\($0)"), at: F.time($0 + 1)) })
            let pushed = try await a.sync(signerA.exchange, with: url)
            #expect(pushed.pushed == 10)
            let pulled = try await b.sync(signerA.exchange, with: url)
            #expect(pulled.pulled == 10)
            #expect(pulled.pushed == 0)
        }
    }

    @Test func aServerShowingAnotherHistoryIsCaught() async throws {
        // Two servers with the same key: the party syncs with the first, then is pointed at the
        // second, which holds a shorter log under the same key.
        let shared = InMemoryServerStore()
        let a = try Party(F.headquartersA)
        var (genesis, signerA) = F.genesis()
        try a.store([genesis] + (0..<3).map { try signerA.sign(F.put(.request, "a\($0)", surname: "Kuzmenko\($0)"), at: F.time($0 + 1)) })
        let exchange = signerA.exchange
        try await F.application(store: shared, clock: nil).test(.live) { client in
            _ = try await a.sync(exchange, with: "http://127.0.0.1:\(client.port!)")
        }
        let other = InMemoryServerStore()
        _ = try await other.createExchange(genesis: genesis)
        try await F.application(store: other, clock: nil).test(.live) { client in
            let url = "http://127.0.0.1:\(client.port!)"
            // The party remembers the first server's URL for the key pin; pin this one too.
            try a.replica.setMeta(.serverKey(for: url), to: Hex.encode(F.serverKey.publicKey.rawRepresentation))
            await #expect(throws: SyncError.self) {
                try await a.sync(exchange, with: url)
            }
        }
    }
}

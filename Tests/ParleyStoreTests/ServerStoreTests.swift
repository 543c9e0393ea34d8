import Foundation
import GRDB
import ParleyCrypto
import ParleyLog
@testable import ParleyStore
import Testing

/// The one storage suite of ``ServerStore``: every body runs against SQLite, Postgres (when
/// `PARLEY_TEST_POSTGRES_URL` is set; skipped otherwise) and the in-memory store.
///
/// Serialized so that the Postgres runs do not open one connection pool per test at once.
@Suite(.serialized) struct ServerStoreTests {
    static let a = StoreFixture.headquartersA
    static let b = StoreFixture.headquartersB
    static let mediator = StoreFixture.mediator

    /// Shows in the report as skipped when the Postgres runs are left out, so that they are never
    /// missing silently.
    @Test(.enabled(
        if: ServerBackend.postgresURL != nil,
        "PARLEY_TEST_POSTGRES_URL is not set: the Postgres runs of the server store suite are skipped (scripts/postgres-test.sh start)"
    ))
    func postgresRunsAreEnabled() {
        #expect(ServerBackend.enabled.contains(.postgres))
    }

    @Test(arguments: ServerBackend.enabled)
    func creatingAnExchangeIsIdempotent(backend: ServerBackend) async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try await backend.open(in: directory)
        let exchange = ServerExchange()

        #expect(try await store.genesis(of: exchange.id) == nil)
        #expect(try await store.createExchange(genesis: exchange.genesis))
        #expect(try await store.createExchange(genesis: exchange.genesis) == false)
        #expect(try await store.genesis(of: exchange.id) == exchange.genesis)
        #expect(try await store.exchanges().contains(exchange.id))
        let log = try await store.heads(of: exchange.id)
        #expect(log == LogHeads(size: 1, heads: [Self.a.publicKey.keyID: ChainHead(seq: 1, id: exchange.genesis.id)]))
        #expect(try await store.leaves(of: exchange.id, in: 0..<1) == [exchange.genesis.id])
        #expect(try await store.envelopeID(in: exchange.id, author: Self.a.publicKey.keyID, seq: 1) == exchange.genesis.id)

        // A non-genesis cannot create one.
        var other = ServerExchange()
        let notAGenesis = other.sign(1, by: Self.a)[0]
        await #expect(throws: StoreError(code: .writeFailed, message: "")) {
            try await store.createExchange(genesis: notAGenesis)
        }
        await store.shutdown()
    }

    @Test(arguments: ServerBackend.enabled)
    func anUnknownExchangeIsNotFound(backend: ServerBackend) async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try await backend.open(in: directory)
        var exchange = ServerExchange()

        await #expect(throws: StoreError(code: .notFound, message: "")) { try await store.heads(of: exchange.id) }
        let envelopes = exchange.sign(1, by: Self.b)
        await #expect(throws: StoreError(code: .notFound, message: "")) { try await store.append(envelopes, to: exchange.id) }
        #expect(try await store.existing([exchange.genesis.id], in: exchange.id).isEmpty)
        #expect(try await store.leaves(of: exchange.id, in: 0..<5).isEmpty)
        #expect(try await store.pages(of: exchange.id, size: 5, pageSize: 2).isEmpty)
        await store.shutdown()
    }

    @Test(arguments: ServerBackend.enabled)
    func appendsExtendChainsAcrossBatches(backend: ServerBackend) async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try await backend.open(in: directory)
        var exchange = ServerExchange()
        _ = try await store.createExchange(genesis: exchange.genesis)

        let first = exchange.sign(3, by: Self.a) + exchange.sign(1, by: Self.b)
        let one = try await store.append(first, to: exchange.id)
        #expect(one.added == 4 && one.duplicates == 0)
        #expect(one.log.size == 5)
        let second = exchange.sign(1, by: Self.b) + exchange.sign(2, by: Self.a) + exchange.sign(1, by: Self.mediator)
        let two = try await store.append(second, to: exchange.id)
        #expect(two.added == 4 && two.duplicates == 0)

        let expected = LogHeads(size: 9, heads: [
            Self.a.publicKey.keyID: ChainHead(seq: 6, id: second[2].id),
            Self.b.publicKey.keyID: ChainHead(seq: 2, id: second[0].id),
            Self.mediator.publicKey.keyID: ChainHead(seq: 1, id: second[3].id),
        ])
        #expect(two.log == expected)
        #expect(try await store.heads(of: exchange.id) == expected)
        #expect(try await store.envelopeID(in: exchange.id, author: Self.a.publicKey.keyID, seq: 3) == first[1].id)
        #expect(try await store.envelopeID(in: exchange.id, author: Self.a.publicKey.keyID, seq: 7) == nil)
        let ids = (first + second).map(\.id)
        let stranger = ServerExchange().genesis.id
        #expect(try await store.existing(ids + [stranger], in: exchange.id) == Set(ids))
        #expect(try await store.leaves(of: exchange.id, in: 0..<9) == [exchange.genesis.id] + ids)

        // An empty batch changes nothing and reports the log.
        let none = try await store.append([], to: exchange.id)
        #expect(none == ServerAppendResult(added: 0, duplicates: 0, log: expected))
        await store.shutdown()
    }

    @Test(arguments: ServerBackend.enabled)
    func duplicatesAreSkippedAndCounted(backend: ServerBackend) async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try await backend.open(in: directory)
        var exchange = ServerExchange()
        _ = try await store.createExchange(genesis: exchange.genesis)
        let stored = exchange.sign(3, by: Self.a)
        _ = try await store.append(stored, to: exchange.id)

        // The genesis, the stored ones, new ones, and one of the new ones twice.
        let new = exchange.sign(2, by: Self.a) + exchange.sign(1, by: Self.b)
        let batch = [exchange.genesis] + stored + [new[0], new[1], new[0], new[2]]
        let result = try await store.append(batch, to: exchange.id)
        #expect(result.added == 3)
        #expect(result.duplicates == 5)
        #expect(result.log.size == 7)

        let again = try await store.append(batch, to: exchange.id)
        #expect(again == ServerAppendResult(added: 0, duplicates: batch.count, log: result.log))
        #expect(try await store.leaves(of: exchange.id, in: 0..<7) == ([exchange.genesis] + stored + new).map(\.id))
        await store.shutdown()
    }

    @Test(arguments: ServerBackend.enabled)
    func whatDoesNotExtendItsChainMovesNothing(backend: ServerBackend) async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try await backend.open(in: directory)
        var exchange = ServerExchange()
        _ = try await store.createExchange(genesis: exchange.genesis)
        _ = try await store.append(exchange.sign(2, by: Self.a), to: exchange.id)
        let before = try await store.heads(of: exchange.id)
        let head = try #require(before.heads[Self.a.publicKey.keyID])

        // Each bad envelope comes after good ones, which must not be stored either.
        let good = exchange.sign(2, by: Self.b)
        var gap = exchange
        let skipped = gap.sign(2, by: Self.a)[1]                          // seq 5 after head 3
        let wrongPrev = exchange.sign(by: Self.a, after: ChainHead(seq: head.seq, id: good[0].id))
        let parent = try #require(try await store.envelopeID(in: exchange.id, author: Self.a.publicKey.keyID, seq: head.seq - 1))
        let fork = exchange.sign(by: Self.a, after: ChainHead(seq: head.seq - 1, id: parent))   // a second seq 3
        let newcomerAtTwo = exchange.sign(by: Self.mediator, after: ChainHead(seq: 1, id: good[0].id))
        let secondSeqOne = exchange.sign(by: Self.b, after: nil)           // B's seq 1 again, another body

        for bad in [skipped, wrongPrev, fork, newcomerAtTwo] {
            await #expect(throws: StoreError(code: .chainMoved, message: "")) {
                try await store.append(good + [bad], to: exchange.id)
            }
            #expect(try await store.heads(of: exchange.id) == before)
            #expect(try await store.existing(good.map(\.id), in: exchange.id).isEmpty)
            #expect(try await store.leaves(of: exchange.id, in: 0..<10).count == before.size)
        }

        // A fork of a stored seq 1 (same author and seq, another envelope) is refused too.
        _ = try await store.append(good, to: exchange.id)
        let after = try await store.heads(of: exchange.id)
        await #expect(throws: StoreError(code: .chainMoved, message: "")) {
            try await store.append([secondSeqOne], to: exchange.id)
        }
        #expect(try await store.heads(of: exchange.id) == after)
        #expect(try await store.envelopeID(in: exchange.id, author: Self.b.publicKey.keyID, seq: 1) == good[0].id)

        // An envelope of another exchange is refused.
        var other = ServerExchange()
        let foreign = other.sign(1, by: Self.mediator)
        await #expect(throws: StoreError(code: .writeFailed, message: "")) {
            try await store.append(foreign, to: exchange.id)
        }
        #expect(try await store.heads(of: exchange.id) == after)
        await store.shutdown()
    }

    @Test(arguments: ServerBackend.enabled)
    func concurrentAppendsNeverLoseOrRepeatAPosition(backend: ServerBackend) async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try await backend.open(in: directory)
        var exchange = ServerExchange()
        _ = try await store.createExchange(genesis: exchange.genesis)
        let id = exchange.id

        // 20 authors, 50 envelopes each, appended by 20 tasks in batches of 10.
        let tasks = 20
        let perTask = 50
        let chains = (0..<tasks).map { index in exchange.sign(perTask, by: StoreFixture.key(UInt8(0x40 + index))) }
        let added = try await withThrowingTaskGroup(of: Int.self) { group in
            for chain in chains {
                group.addTask {
                    var added = 0
                    for start in stride(from: 0, to: chain.count, by: 10) {
                        added += try await store.append(Array(chain[start..<start + 10]), to: id).added
                    }
                    return added
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(added == tasks * perTask)

        let log = try await store.heads(of: exchange.id)
        #expect(log.size == 1 + tasks * perTask)
        #expect(log.heads.count == tasks + 1)
        let leaves = try await store.leaves(of: exchange.id, in: 0..<log.size)
        #expect(leaves.count == log.size)
        #expect(Set(leaves).count == log.size)
        #expect(Set(leaves) == Set([exchange.genesis.id] + chains.joined().map(\.id)))
        // Every chain is in seq order in the log.
        let position = Dictionary(uniqueKeysWithValues: leaves.enumerated().map { ($1, $0) })
        for chain in chains {
            let positions = chain.compactMap { position[$0.id] }
            #expect(positions == positions.sorted())
        }

        // The same batch from many tasks at once: stored once, the rest duplicates.
        let batch = exchange.sign(10, by: Self.b)
        let results = try await withThrowingTaskGroup(of: ServerAppendResult.self) { group in
            for _ in 0..<tasks {
                group.addTask { try await store.append(batch, to: id) }
            }
            return try await group.reduce(into: [ServerAppendResult]()) { $0.append($1) }
        }
        #expect(results.map(\.added).reduce(0, +) == batch.count)
        #expect(results.map(\.duplicates).reduce(0, +) == batch.count * (tasks - 1))
        #expect(try await store.heads(of: exchange.id).size == log.size + batch.count)
        await store.shutdown()
    }

    @Test(arguments: ServerBackend.enabled)
    func pagesGoByAuthorThenSeqAfterTheVersionVectorWithinTheSnapshot(backend: ServerBackend) async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try await backend.open(in: directory)
        var exchange = ServerExchange()
        _ = try await store.createExchange(genesis: exchange.genesis)
        let byA = exchange.sign(7, by: Self.a)                           // seqs 2…8
        let byB = exchange.sign(5, by: Self.b)
        let byMediator = exchange.sign(3, by: Self.mediator)
        _ = try await store.append(byA + byB + byMediator, to: exchange.id)
        let snapshot = try await store.heads(of: exchange.id)
        // Appended after the snapshot: never read.
        _ = try await store.append(exchange.sign(2, by: Self.a) + exchange.sign(1, by: Self.b), to: exchange.id)

        let have = [Self.a.publicKey.keyID: 4, Self.mediator.publicKey.keyID: 3]
        let pages = try await store.pages(of: exchange.id, after: have, size: snapshot.size, pageSize: 3)
        let wanted: [KeyID: [SignedEnvelope]] = [
            Self.a.publicKey.keyID: Array(byA.dropFirst(3)),             // seqs 5…8
            Self.b.publicKey.keyID: byB,
        ]
        let expected = wanted.keys.sorted().flatMap { author in
            wanted[author]!.map { StoredWire(author: author, seq: $0.envelope.seq, bytes: $0.wireBytes) }
        }
        #expect(pages.flatMap { $0 } == expected)
        #expect(pages.map(\.count) == [3, 3, 3])

        // Everything, in pages larger than the log.
        let all = try await store.pages(of: exchange.id, size: snapshot.size, pageSize: 100)
        #expect(all.count == 1)
        #expect(all[0].count == snapshot.size)
        #expect(all[0].map(\.author) == all[0].map(\.author).sorted())
        #expect(all[0].first { $0.author == Self.a.publicKey.keyID }?.bytes == exchange.genesis.wireBytes)

        // Nothing to send: no page at all.
        let current = try await store.heads(of: exchange.id)
        let upToDate = current.heads.mapValues(\.seq)
        #expect(try await store.pages(of: exchange.id, after: upToDate, size: current.size, pageSize: 3).isEmpty)
        await store.shutdown()
    }

    @Test(arguments: ServerBackend.enabled)
    func leavesAreIdsInPositionOrder(backend: ServerBackend) async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try await backend.open(in: directory)
        var exchange = ServerExchange()
        _ = try await store.createExchange(genesis: exchange.genesis)
        let batches = [exchange.sign(2, by: Self.b), exchange.sign(3, by: Self.a), exchange.sign(1, by: Self.b)]
        for batch in batches {
            _ = try await store.append(batch, to: exchange.id)
        }
        let ids = [exchange.genesis.id] + batches.joined().map(\.id)
        #expect(try await store.leaves(of: exchange.id, in: 0..<ids.count) == ids)
        #expect(try await store.leaves(of: exchange.id, in: 2..<5) == Array(ids[2..<5]))
        #expect(try await store.leaves(of: exchange.id, in: 4..<100) == Array(ids[4...]))
        #expect(try await store.leaves(of: exchange.id, in: 3..<3).isEmpty)
        await store.shutdown()
    }

    @Test(arguments: ServerBackend.persistent)
    func aReopenedStoreHoldsItsDataAndItsMigrations(backend: ServerBackend) async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        var exchange = ServerExchange()
        let envelopes = exchange.sign(4, by: Self.b)
        let first = try await backend.open(in: directory)
        _ = try await first.createExchange(genesis: exchange.genesis)
        let log = try await first.append(envelopes, to: exchange.id).log
        #expect(try await first.recordedMigrations() == SQLiteServerSchema.migrationNames)
        await first.shutdown()

        let second = try await backend.open(in: directory)
        #expect(try await second.heads(of: exchange.id) == log)
        #expect(try await second.genesis(of: exchange.id) == exchange.genesis)
        #expect(try await second.leaves(of: exchange.id, in: 0..<log.size) == [exchange.genesis.id] + envelopes.map(\.id))
        #expect(try await second.recordedMigrations() == SQLiteServerSchema.migrationNames)
        #expect(PostgresServerSchema.migrationNames == SQLiteServerSchema.migrationNames)
        await second.shutdown()
    }

    @Test(arguments: ServerBackend.enabled)
    func aStoreShutDownIsUnavailableOrClosed(backend: ServerBackend) async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try await backend.open(in: directory)
        let exchange = ServerExchange()
        await store.shutdown()
        await #expect(throws: StoreError.self) { try await store.createExchange(genesis: exchange.genesis) }
    }

    /// An exchange every participant erased: the store drops every envelope but those it is told
    /// to keep, in one transaction, and from then on reads nothing more of it and refuses every
    /// append; another exchange of the same store is untouched and stays append-only.
    @Test(arguments: ServerBackend.enabled)
    func anErasedExchangeKeepsOnlyItsSkeleton(backend: ServerBackend) async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try await backend.open(in: directory)
        var exchange = ServerExchange()
        var other = ServerExchange()
        let envelopes = exchange.sign(4, by: Self.b)
        let others = other.sign(2, by: Self.b)
        _ = try await store.createExchange(genesis: exchange.genesis)
        _ = try await store.createExchange(genesis: other.genesis)
        let before = try await store.append(envelopes, to: exchange.id).log
        _ = try await store.append(others, to: other.id)
        #expect(!before.isErased)

        let kept: Set = [exchange.genesis.id, envelopes[1].id]
        await #expect(throws: StoreError(code: .chainMoved, message: ""), "a log that grew since it was verified is not dropped") {
            try await store.erase(exchange.id, keeping: kept, ifSize: before.size - 1)
        }
        #expect(try await !store.heads(of: exchange.id).isErased)
        #expect(try await store.erase(exchange.id, keeping: kept, ifSize: before.size) == 3)
        let after = try await store.heads(of: exchange.id)
        #expect(after.isErased && after.size == before.size && after.heads == before.heads)
        let served = try await store.pages(of: exchange.id, size: after.size, pageSize: 10).flatMap { $0 }
        #expect(Set(served.map(\.bytes)) == Set([exchange.genesis.wireBytes, envelopes[1].wireBytes]))
        #expect(Set(try await store.leaves(of: exchange.id, in: 0..<after.size)) == kept)
        #expect(try await store.existing(envelopes.map(\.id), in: exchange.id) == [envelopes[1].id])
        var late = exchange
        await #expect(throws: StoreError(code: .erased, message: "")) {
            try await store.append(late.sign(1, by: Self.b), to: exchange.id)
        }
        #expect(try await store.erase(exchange.id, keeping: kept, ifSize: before.size) == 0, "erasing again drops nothing more")
        #expect(try await store.createExchange(genesis: exchange.genesis) == false)

        // The other exchange: all there, and it grows.
        let otherLog = try await store.heads(of: other.id)
        #expect(!otherLog.isErased && otherLog.size == 3)
        #expect(try await store.append(other.sign(1, by: Self.b), to: other.id).added == 1)
        await store.shutdown()

        guard backend == .sqlite else { return }
        // The file: no trace of a dropped envelope (SQLite overwrote the freed cells), and the rows
        // of an exchange not erased still cannot be deleted.
        let file = directory.path("data") + "/" + SQLiteServerStore.fileName
        var bytes = Data()
        for suffix in ["", "-wal", "-shm"] {
            bytes += FileManager.default.contents(atPath: file + suffix) ?? Data()
        }
        #expect(bytes.range(of: Data(envelopes[0].wireBytes)) == nil && bytes.range(of: Data(envelopes[3].wireBytes)) == nil)
        #expect(bytes.range(of: Data(envelopes[1].wireBytes)) != nil)
        let queue = try DatabaseQueue(path: file)
        #expect(throws: (any Error).self) {
            try queue.write { db in
                try db.execute(sql: "DELETE FROM server_envelope WHERE exchange = ?", arguments: [Data(other.id.genesis.bytes)])
            }
        }
    }
}

import Foundation
import GRDB
import ParleyCrypto
import ParleyLog
import ParleyStore
import Testing

/// What only a replica in a file does: reopening, damage, locks, read-only access, all-or-nothing
/// appends seen from another connection.
@Suite struct FileReplicaTests {
    @Test func migrationsRunOnceAndReopeningKeepsEverything() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("replica.sqlite")
        let exchange = StoreFixture.exchange()
        do {
            let replica = try Replica.open(path: path)
            #expect(try replica.appliedMigrations() == ["v1-envelopes", "v1-meta", "v1-derived", "v2-kept-state", "v3-exchange-key", "v4-kept-direction", "v5-retired-exchange-key"])
            _ = try replica.appendUnchecked(exchange.envelopes)
            try replica.close()
        }

        let reopened = try Replica.open(path: path)

        #expect(try reopened.appliedMigrations() == ["v1-envelopes", "v1-meta", "v1-derived", "v2-kept-state", "v3-exchange-key", "v4-kept-direction", "v5-retired-exchange-key"])
        #expect(try reopened.envelopes(exchange: exchange.id) == exchange.envelopes)
        #expect(try reopened.appendUnchecked(exchange.envelopes).alreadyPresent == exchange.envelopes.count)
        try reopened.close()
        let raw = try DatabaseQueue(path: path)
        #expect(try raw.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM grdb_migrations") } == 7)
        #expect(try raw.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "wal")
    }

    /// Closing folds the write-ahead log into the file even while another connection is open
    /// (GRDB closes a pool's readers last, and a reader cannot fold it), and closing twice does
    /// nothing.
    @Test func closingFoldsTheLogIntoTheFileAndTwiceDoesNothing() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("replica.sqlite")
        let exchange = StoreFixture.exchange()
        let replica = try Replica.open(path: path)
        _ = try replica.appendUnchecked(exchange.envelopes)
        #expect(try replica.envelopes(exchange: exchange.id).count == exchange.envelopes.count, "a reader connection is open")
        let walBefore = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
        #expect(walBefore > 0, "the appends are in the log before the close")
        try replica.close()
        try replica.close()
        let walAfter = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
        #expect(walAfter == 0, "the log is folded into the file")
        let file = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(file.firstRange(of: Array(exchange.envelopes[0].id.hex.utf8)) != nil, "the genesis's row is in the main file")
    }

    @Test func aFailedAppendLeavesTheReplicaAsItWas() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("replica.sqlite")
        let replica = try Replica.open(path: path)
        let first = StoreFixture.exchange(nonce: 1)
        let second = StoreFixture.exchange(nonce: 2)
        _ = try replica.appendUnchecked(first.envelopes)
        // Provoke a failure at the third envelope of the next batch.
        let raw = try DatabaseQueue(path: path)
        try raw.write { db in
            try db.execute(sql: """
                CREATE TRIGGER inject BEFORE INSERT ON envelope WHEN NEW.id = '\(second.envelopes[2].id.hex)'
                BEGIN SELECT RAISE(ABORT, 'injected failure'); END
                """)
        }

        #expect(throws: StoreError(code: .writeFailed, message: "")) {
            try replica.appendUnchecked(second.envelopes)
        }

        #expect(try replica.envelopeCount() == first.envelopes.count)
        #expect(try replica.envelopes(exchange: second.id).isEmpty)
        #expect(try replica.exchanges() == [first.id])
        try raw.write { try $0.execute(sql: "DROP TRIGGER inject") }
        #expect(try replica.appendUnchecked(second.envelopes).added == second.envelopes.count)
    }

    @Test func storedEnvelopesCannotBeChangedOrDeletedThroughSQL() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("replica.sqlite")
        let replica = try Replica.open(path: path)
        _ = try replica.appendUnchecked(StoreFixture.exchange().envelopes)
        let raw = try DatabaseQueue(path: path)

        #expect(throws: DatabaseError.self) {
            try raw.write { try $0.execute(sql: "UPDATE envelope SET seq = seq + 1") }
        }
        #expect(throws: DatabaseError.self) {
            try raw.write { try $0.execute(sql: "DELETE FROM envelope") }
        }
        #expect(try replica.envelopeCount() == 5)
    }

    /// Byte offsets (as fractions of the length) where one bit is flipped: JSON structure, the
    /// envelope's members, the signature.
    @Test(arguments: [0.0, 0.1, 0.35, 0.5, 0.75, 0.9, 0.97])
    func aFlippedBitInStorageIsCaughtByVerification(at fraction: Double) throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("replica.sqlite")
        let replica = try Replica.open(path: path)
        let exchange = StoreFixture.exchange(puts: 3)
        _ = try replica.appendUnchecked(exchange.envelopes)
        #expect(try replica.verifyStored(exchange: exchange.id).isClean)
        let victim = exchange.envelopes[2]
        var bytes = victim.wireBytes
        bytes[Int(Double(bytes.count - 1) * fraction)] ^= 0x01
        // A disk fault or an editor bypasses the append-only triggers; so does this.
        let raw = try DatabaseQueue(path: path)
        try raw.write { db in
            try db.execute(sql: "DROP TRIGGER envelope_no_update")
            try db.execute(sql: "UPDATE envelope SET wire = ? WHERE id = ?", arguments: [Data(bytes), victim.id.hex])
        }

        let verification = try replica.verifyStored(exchange: exchange.id)

        #expect(verification.damaged.map(\.id) == [victim.id])
        #expect(!verification.isClean)
        #expect(try replica.storedEnvelopes(exchange: exchange.id).map(\.id) == exchange.envelopes.map(\.id))
        // Reading parsed envelopes fails on bytes that no longer read as the recorded envelope; a
        // flip inside the signature still parses, and only the signature check catches it.
        do {
            let parsed = try replica.envelopes(exchange: exchange.id)
            #expect(parsed.count == exchange.envelopes.count)
            #expect(verification.damaged.first?.reasons == [.badSignature])
        } catch {
            #expect(error.code == .corrupt)
            #expect(error.message.contains(victim.id.hex))
        }
    }

    @Test func garbageIsCorrupt() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("replica.sqlite")
        let garbage = (0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) }
        try Data(garbage).write(to: URL(fileURLWithPath: path))

        let thrown = #expect(throws: StoreError(code: .corrupt, message: "")) {
            try Replica.open(path: path)
        }

        #expect(thrown?.message == "replica \(path) is not a database or is damaged")
        #expect(thrown?.cause is DatabaseError)
    }

    @Test func aMissingFolderCannotBeOpened() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("no-such-folder/replica.sqlite")

        let thrown = #expect(throws: StoreError(code: .cannotOpen, message: "")) {
            try Replica.open(path: path)
        }
        #expect(thrown?.message.contains(path) == true)
    }

    @Test func aReadOnlyReplicaReadsAndRefusesWrites() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("replica.sqlite")
        let exchange = StoreFixture.exchange()
        do {
            let replica = try Replica.open(path: path)
            _ = try replica.appendUnchecked(Array(exchange.envelopes.prefix(2)))
            try replica.close()
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: path)

        // Root ignores file permissions, so the test opens the file read-only as well.
        let replica = try Replica.open(path: path, readOnly: true)

        #expect(replica.isReadOnly)
        #expect(try replica.envelopes(exchange: exchange.id) == Array(exchange.envelopes.prefix(2)))
        #expect(try replica.head(exchange: exchange.id, author: StoreFixture.headquartersA.publicKey.keyID)?.seq == 2)
        let thrown = #expect(throws: StoreError(code: .readOnly, message: "")) {
            try replica.appendUnchecked(exchange.envelopes)
        }
        #expect(thrown?.message == "replica \(path) is read-only: it was opened read-only or the file cannot be written")
        #expect(throws: StoreError(code: .readOnly, message: "")) {
            try replica.setMeta(.ownKeyID, to: "x")
        }
        #expect(try replica.envelopeCount() == 2)
    }

    @Test func aReadOnlyFileWithoutTheSchemaIsRefused() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("empty.sqlite")
        try DatabaseQueue(path: path).close()

        #expect(throws: StoreError(code: .readOnly, message: "")) {
            try Replica.open(path: path, readOnly: true)
        }
    }

    @Test func aReplicaWrittenByANewerVersionIsRefused() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("replica.sqlite")
        try Replica.open(path: path).close()
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9-from-the-future')")
        }

        #expect(throws: StoreError(code: .migrationFailed, message: "")) {
            try Replica.open(path: path)
        }
    }

    @Test func aLockHeldByAnotherConnectionIsLocked() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("replica.sqlite")
        let replica = try Replica.open(path: path, busyTimeout: .milliseconds(100))
        let exchange = StoreFixture.exchange()
        _ = try replica.appendUnchecked([exchange.envelopes[0]])
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true // the transaction outlives the closure
        let other = try DatabaseQueue(path: path, configuration: configuration)
        try other.writeWithoutTransaction { try $0.execute(sql: "BEGIN EXCLUSIVE") }

        let thrown = #expect(throws: StoreError(code: .locked, message: "")) {
            try replica.appendUnchecked(exchange.envelopes)
        }

        #expect(thrown?.message == "replica \(path) is locked by another connection; try again when it is done")
        // Readers are not blocked in WAL mode.
        #expect(try replica.envelopeCount() == 1)
        try other.writeWithoutTransaction { try $0.execute(sql: "ROLLBACK") }
        #expect(try replica.appendUnchecked(exchange.envelopes).added == exchange.envelopes.count - 1)
    }
}

import Foundation
import GRDB
import ParleyCrypto
import ParleyLog
import ParleyMatch
import ParleyParty
import ParleyStore
import Testing

/// Issue 14 item 6, erasure in a party's replica: three parties with SQLite replicas seal their
/// lists and notes (the values of ``SealedStoreTests``), every participant signs a manifest, and
/// side A erases the exchange. Its replica's files then hold none of the values in any encoding
/// the server-store test searches for, its log still verifies, it still reads ids, counts and the
/// manifest, and the other parties read everything until they erase. Synthetic data.
@Suite struct ReplicaErasureTests {
    typealias F = ServerFixture

    /// Three parties with file replicas in one folder, and their exchange with sealed lists and notes.
    struct Story {
        let folder: URL
        let a: Party
        let b: Party
        let m: Party
        let exchange: ExchangeID
        var all: [Party] { [a, b, m] }

        init() throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-erase-\(UUID().uuidString)")
            self.folder = folder
            for name in ["a", "b", "m"] {
                try FileManager.default.createDirectory(at: folder.appendingPathComponent(name), withIntermediateDirectories: true)
            }
            let party = { (name: String, key: SigningKey) throws -> Party in
                Party(replica: try Replica.open(path: folder.appendingPathComponent("\(name)/replica.sqlite").path), key: key, sealing: true)
            }
            a = try party("a", F.headquartersA)
            b = try party("b", F.ombudsmanB)
            m = try party("m", F.mediator)
            let create = CreateExchange(
                nonce: Hex.encode((0..<16).map { _ in UInt8.random(in: 0...255) }), title: "Erasure (synthetic)",
                terms: ["counts": ["A": 2, "B": 2]], participants: F.participants
            )
            exchange = try a.create(create, at: F.time(0))
            try everyoneSends()
            let puts = SealedStoreTests.records.map { ParleyLog.Operation.putEntry(PutEntry(list: $0.list, entry: $0.id, fields: $0.fields)) }
            try a.sign(puts.filter { $0.listKind == .request }, in: try a.open(exchange), at: F.time(1))
            try b.sign(puts.filter { $0.listKind == .release }, in: try b.open(exchange), at: F.time(2))
            try everyoneSends()
            try everyoneSends()
            let first = SealedStoreTests.records[0]
            let about = EntryRef(list: ListKey(side: .a, kind: .request), author: F.headquartersA.publicKey.keyID, entry: first.id)
            try m.sign([.openDispute(OpenDispute(about: [about], reason: .identityConflict, note: SealedStoreTests.notes[0]))], in: try m.open(exchange), at: F.time(3))
            try everyoneSends()
        }

        /// Every party ingests every other party's envelopes (each signs the shares it owes after).
        func everyoneSends() throws {
            for from in all {
                let wire = try from.replica.envelopes(exchange: exchange).map(\.wireBytes)
                for to in all where to !== from {
                    #expect(try to.ingest(wire, exchange: exchange).refused.isEmpty)
                    try to.shareContentKey(in: exchange, at: F.time(9))
                }
            }
        }

        /// Every participant signs a manifest the mediator proposed (a hash the fold takes as
        /// given: it does not rebuild manifests), signed outside the parties' signers.
        func finalize() throws {
            let hash = String(repeating: "ab", count: 32)
            let heads = try m.open(exchange).heads
            try signRaw(m, F.mediator, [.proposeManifest(ProposeManifest(manifest: hash, basis: heads))])
            try everyoneSends()
            for (party, key) in [(a, F.headquartersA), (b, F.ombudsmanB), (m, F.mediator)] {
                try signRaw(party, key, [.signManifest(SignManifest(manifest: hash))])
            }
            try everyoneSends()
        }

        /// `operations` signed by `key` as the next envelopes of its chain, ingested by `party`.
        func signRaw(_ party: Party, _ key: SigningKey, _ operations: [ParleyLog.Operation]) throws {
            let open = try party.open(exchange)
            let envelopes = try EnvelopeSigner(key: key, exchange: exchange, head: open.heads[key.publicKey.keyID])
                .signing(operations, at: F.time(10)).envelopes
            #expect(try party.ingest(envelopes.map(\.wireBytes), exchange: exchange).refused.isEmpty)
        }

        /// Every byte of the files of `party`'s replica (the database, its WAL and shared memory).
        func files(of party: Party) throws -> Data {
            Data(try SealedStoreTests.files(under: URL(fileURLWithPath: party.replica.path).deletingLastPathComponent()))
        }
    }

    /// How many of the record values (in every encoding) `haystack` holds.
    static func leaks(in haystack: Data) throws -> Int {
        var found = 0
        for record in SealedStoreTests.records {
            for value in record.fields.values {
                for needle in SealedStoreTests.encodings(of: value) where haystack.range(of: Data(needle.utf8)) != nil {
                    found += 1
                }
            }
        }
        return found
    }

    @Test func anErasedReplicaHoldsNoRecordValueAndStillVerifies() throws {
        let story = try Story()
        defer { try? FileManager.default.removeItem(at: story.folder) }
        let (a, b) = (story.a, story.b)
        let before = try a.open(story.exchange).state
        #expect(before.unopenedEntryCount == 0 && before.entries(of: ListKey(side: .b, kind: .release)).count == 2)

        // Not final: refused, and nothing changes.
        let hash = try a.open(story.exchange).stateHash
        #expect(throws: PartyError.self) { try a.erase(story.exchange, at: F.time(30)) }
        #expect(try a.open(story.exchange).stateHash == hash)
        #expect(try !a.isErased(story.exchange))
        #expect(try Self.leaks(in: story.files(of: a)) > 0, "a replica holds what it opened")

        try story.finalize()
        let final = try a.open(story.exchange).state
        #expect(final.isClosed)
        let erasure = try a.erase(story.exchange, at: F.time(30))
        #expect(!erasure.already && erasure.homeKey == .unused && erasure.clearEntries == 0)
        #expect(try a.isErased(story.exchange))

        // What stays: every envelope, ids, counts, the final manifest; the log verifies.
        let after = try a.open(story.exchange).state
        #expect(after.lists.mapValues { Set($0.keys) } == final.lists.mapValues { Set($0.keys) })
        #expect(after.unopenedEntryCount == 4 && after.unopenedFactCount == 1)
        #expect(after.finalManifests.map(\.manifest) == final.finalManifests.map(\.manifest))
        let check = try a.verify(story.exchange)
        #expect(check.isClean, "\(check.keptDiffers ?? "")")
        #expect(try a.replica.exchangeKey(story.exchange) == .erased)
        #expect(try a.erase(story.exchange, at: F.time(30)).already, "erasing again only finishes")

        // Nothing of the records or notes in any encoding, in the database, its WAL or its shm.
        #expect(try Self.leaks(in: story.files(of: a)) == 0)
        // The other parties are unaffected until they erase.
        for other in [b, story.m] {
            #expect(try other.open(story.exchange).state.unopenedEntryCount == 0)
            #expect(try !other.isErased(story.exchange))
            #expect(try Self.leaks(in: story.files(of: other)) > 0)
        }
        // A said so in a signed envelope, which the others fold once it arrives.
        let sideA = F.headquartersA.publicKey.keyID
        #expect(erasure.erasedBy == [sideA])
        #expect(try b.open(story.exchange).state.erasedBy.isEmpty)
        // Envelopes arriving later stay sealed; A signs nothing that would be sealed.
        try story.everyoneSends()
        #expect(try b.open(story.exchange).state.erasedBy == [sideA])
        #expect(try story.m.open(story.exchange).state.erasedBy == [sideA])
        #expect(try Self.leaks(in: story.files(of: a)) == 0)
        #expect(try a.open(story.exchange).state.unopenedEntryCount == 4)
        #expect(throws: PartyError.self) {
            try a.sign([F.put(.request, "late", surname: "Late")], in: try a.open(story.exchange), at: F.time(20))
        }
    }

    /// A rotated encryption key is kept, retired, while the exchange lives (it opens what was
    /// shared to it), and erasing the exchange destroys it with the key in force.
    @Test func aRetiredEncryptionKeyIsDestroyedWithTheExchange() throws {
        let story = try Story()
        defer { try? FileManager.default.removeItem(at: story.folder) }
        let a = story.a
        guard case let .key(old)? = try a.replica.exchangeKey(story.exchange) else {
            Issue.record("A keeps no key of the exchange's own")
            return
        }
        let rotation = try a.rotateExchangeKey(in: story.exchange, at: F.time(20))
        // key.encryption, A's earlier content key shared to its new key, and a new content key.
        #expect(rotation.key != old.publicKey && rotation.signed == 3)
        #expect(try a.replica.retiredExchangeKeys(story.exchange).map(\.publicKey) == [old.publicKey])
        try story.everyoneSends()
        #expect(try a.open(story.exchange).state.unopenedEntryCount == 0)
        #expect(try a.verify(story.exchange).isClean)
        let oldPEM = Data(old.pkcs8PEM().utf8)
        #expect(try story.files(of: a).range(of: oldPEM) != nil)

        try story.finalize()
        _ = try a.erase(story.exchange, at: F.time(30))
        #expect(try a.replica.retiredExchangeKeys(story.exchange).isEmpty)
        #expect(try a.replica.exchangeKey(story.exchange) == .erased)
        #expect(try story.files(of: a).range(of: oldPEM) == nil, "the retired key is overwritten, not only unlinked")
        #expect(try Self.leaks(in: story.files(of: a)) == 0)
        #expect(throws: PartyError.self) { try a.rotateExchangeKey(in: story.exchange, at: F.time(31)) }
    }

    /// A replica restored from a backup made before a rotation holds the replaced key: it does
    /// not announce it again (that would put a key that may be in other hands back in force),
    /// and `rotate-encryption` gets it going with a new one.
    @Test func aReplicaRestoredFromBeforeARotationDoesNotAnnounceTheReplacedKeyAgain() throws {
        let story = try Story()
        defer { try? FileManager.default.removeItem(at: story.folder) }
        let a = story.a
        let folder = URL(fileURLWithPath: a.replica.path).deletingLastPathComponent()
        let backup = story.folder.appendingPathComponent("a-backup")
        try FileManager.default.createDirectory(at: backup, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            try FileManager.default.copyItem(at: folder.appendingPathComponent(name), to: backup.appendingPathComponent(name))
        }
        try a.rotateExchangeKey(in: story.exchange, at: F.time(20))
        try story.everyoneSends()

        let restored = Party(replica: try Replica.open(path: backup.appendingPathComponent("replica.sqlite").path), key: F.headquartersA, sealing: true)
        let wire = try story.m.replica.envelopes(exchange: story.exchange).map(\.wireBytes)
        #expect(try restored.ingest(wire, exchange: story.exchange).refused.isEmpty)
        let before = try restored.replica.envelopes(exchange: story.exchange).count
        #expect(throws: PartyError.self) {
            try restored.sign([F.put(.request, "late", surname: "Late")], in: try restored.open(story.exchange), at: F.time(21))
        }
        #expect(throws: PartyError.self) { try restored.shareContentKey(in: story.exchange, at: F.time(21)) }
        #expect(try restored.replica.envelopes(exchange: story.exchange).count == before, "nothing announced")

        try restored.rotateExchangeKey(in: story.exchange, at: F.time(22))
        try restored.sign([F.put(.request, "late", surname: "Late")], in: try restored.open(story.exchange), at: F.time(23))
        #expect(try restored.verify(story.exchange).isClean)
    }

    @Test func anOlderHomesKeyIsKeptWhileAnotherExchangeUsesItAndDestroyedWithTheLast() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-erase-home-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let home = PartyHome(path: folder)
        let key = try home.create(name: "Mediator")
        try KeyFile.write(EncryptionKey.generate(), to: home.encryptionKeyPath)
        let party = try Party.open(home: home, signing: true)
        let homeKey = try #require(party.encryptionKey)
        let me = key.publicKey.keyID
        // Two exchanges of one participant, sealed to the home-wide key as an older version did
        // (its announcement signed outside this version's signer), each made final.
        var exchanges: [ExchangeID] = []
        for nonce in ["aa", "bb"] {
            let (genesis, signer) = try EnvelopeSigner.createExchange(CreateExchange(
                nonce: String(repeating: nonce, count: 16), title: "Older (synthetic)", terms: [:],
                participants: [Participant(publicKey: key.publicKey, role: .mediator, side: .neutral, name: "M")]
            ), key: key, at: F.time(0))
            var chain = signer
            let announce = try chain.sign(.announceEncryptionKey(AnnounceEncryptionKey(key: homeKey.publicKey)), at: F.time(1))
            _ = try party.ingest([genesis.wireBytes, announce.wireBytes], exchange: signer.exchange)
            try party.sign([F.put(.registry, "M-1", surname: "Zhovtobriukhenko")], in: try party.open(signer.exchange), at: F.time(2))
            let open = try party.open(signer.exchange)
            let final = try EnvelopeSigner(key: key, exchange: signer.exchange, head: open.heads[me]).signing([
                .proposeManifest(ProposeManifest(manifest: String(repeating: "ab", count: 32), basis: open.heads)),
                .signManifest(SignManifest(manifest: String(repeating: "ab", count: 32))),
            ], at: F.time(3)).envelopes
            _ = try party.ingest(final.map(\.wireBytes), exchange: signer.exchange)
            #expect(try party.replica.exchangeKey(signer.exchange) == nil, "sealed to the home-wide key")
            #expect(try party.open(signer.exchange).state.isClosed)
            exchanges.append(signer.exchange)
        }
        let first = try party.erase(exchanges[0], at: F.time(4))
        #expect(first.homeKey == .kept(usedBy: [exchanges[1]]))
        #expect(FileManager.default.fileExists(atPath: home.encryptionKeyPath))
        #expect(try party.open(exchanges[0]).state.unopenedEntryCount == 1, "erased here, whatever key is left")
        #expect(try party.open(exchanges[1]).state.unopenedEntryCount == 0)
        // A third exchange, sealed to a key of its own, that cannot be read now (its key's row
        // damaged): it might need the home key, so erasing the last one that did keeps the key.
        let third = try party.create(CreateExchange(
            nonce: String(repeating: "cc", count: 16), title: "Newer (synthetic)", terms: [:],
            participants: [Participant(publicKey: key.publicKey, role: .mediator, side: .neutral, name: "M")]
        ), at: F.time(4))
        let queue = try DatabaseQueue(path: party.replica.path)
        let original = try queue.read { db in try String.fetchOne(db, sql: "SELECT key FROM exchange_key WHERE exchange = ?", arguments: [third.hex]) }
        try queue.write { db in try db.execute(sql: "UPDATE exchange_key SET key = 'not a key' WHERE exchange = ?", arguments: [third.hex]) }
        let unread = try party.erase(exchanges[1], at: F.time(5))
        #expect(unread.homeKey == .kept(usedBy: [third]))
        #expect(FileManager.default.fileExists(atPath: home.encryptionKeyPath))
        try queue.write { db in try db.execute(sql: "UPDATE exchange_key SET key = ? WHERE exchange = ?", arguments: [original, third.hex]) }
        try queue.close()
        // Read again, it does not use the home key: erasing again destroys it.
        let last = try party.erase(exchanges[1], at: F.time(6))
        #expect(last.homeKey == .destroyed)
        #expect(!FileManager.default.fileExists(atPath: home.encryptionKeyPath))
        #expect(try party.verify(exchanges[1]).isClean)
    }
}

import Foundation
import GRDB
import ParleyCrypto
import ParleyLog
import ParleyParty
import ParleyStore
import Testing

/// The one commit path: creating, signing and ingesting store verified batches with the state,
/// refusals come from the library, and `verify` catches a kept state that was edited.
@Suite struct CommitPathTests {
    /// A party of side A's headquarters with a new exchange holding two puts.
    private static func started() throws -> (Party, ExchangeID) {
        let party = Party(replica: try Replica.inMemory(), key: PartyFixture.headquartersA)
        let exchange = try party.create(PartyFixture.create(nonce: 42), at: PartyFixture.time(0))
        let open = try party.open(exchange)
        try party.sign([PartyFixture.put(.request, "r1", surname: "Koval"), PartyFixture.put(.request, "r2", surname: "Melnyk")], in: open, at: PartyFixture.time(1))
        return (party, exchange)
    }

    @Test func signingKeepsTheStateAFoldFromScratchGives() throws {
        let (party, exchange) = try Self.started()
        let open = try party.open(exchange)
        #expect(open.state.entries(of: ListKey(side: .a, kind: .request)).map(\.entry) == ["r1", "r2"])
        let signed = try party.sign([.removeEntry(RemoveEntry(list: .request, entry: "r1", reason: "released"))], in: open, at: PartyFixture.time(2))
        #expect(signed.added == 1)
        let fold = try #require(Verifier(exchange: exchange).verify(try party.replica.envelopes(exchange: exchange)).state)
        #expect(signed.kept.state == fold)
        #expect(try party.open(exchange).stateHash == fold.stateHash)
        #expect(try party.verify(exchange).isClean)
    }

    @Test func aRefusedOperationSignsNothing() throws {
        let (party, exchange) = try Self.started()
        let before = try party.replica.envelopeCount()
        // Side A's headquarters may not set terms, nor dispute an entry that is not there.
        #expect(throws: PartyError(code: .notAllowed, message: "")) {
            try party.sign([.setTerms(Terms(counts: [.toA: 1, .toB: 1]))], in: try party.open(exchange), at: PartyFixture.time(8))
        }
        let ghost = EntryRef(list: ListKey(side: .b, kind: .release), author: PartyFixture.headquartersB.publicKey.keyID, entry: "none")
        #expect(throws: PartyError(code: .notAllowed, message: "")) {
            try party.sign([.openDispute(OpenDispute(about: [ghost], reason: .notHeld, note: "n"))], in: try party.open(exchange), at: PartyFixture.time(8))
        }
        #expect(try party.replica.envelopeCount() == before)
    }

    @Test func twoSignersFromOneStateCannotForkTheChain() throws {
        let (party, exchange) = try Self.started()
        let first = try party.open(exchange), second = try party.open(exchange)
        try party.sign([PartyFixture.put(.request, "r3", surname: "Bondar")], in: first, at: PartyFixture.time(3))
        #expect(throws: PartyError(code: .store, message: "")) {
            try party.sign([PartyFixture.put(.request, "r4", surname: "Shevchuk")], in: second, at: PartyFixture.time(4))
        }
        #expect(try party.verify(exchange).isClean)
        try party.sign([PartyFixture.put(.request, "r4", surname: "Shevchuk")], in: try party.open(exchange), at: PartyFixture.time(5))
        #expect(try party.verify(exchange).isClean)
    }

    /// A state read before another writer stored another author's envelopes (a sync running
    /// beside a signing command) is not kept over theirs: the signing is refused, nothing is
    /// stored, and signed again from a fresh read it keeps both.
    @Test func aSignerDoesNotKeepAStateThatMissesAnotherWritersEnvelopes() throws {
        let (party, exchange) = try Self.started()
        let sideB = Party(replica: party.replica, key: PartyFixture.headquartersB)
        let stale = try party.open(exchange)
        try sideB.sign([PartyFixture.put(.release, "b1", surname: "Tkachenko")], in: try sideB.open(exchange), at: PartyFixture.time(3))
        let before = try party.replica.envelopeCount()
        #expect(throws: PartyError(code: .store, message: "")) {
            try party.sign([PartyFixture.put(.request, "r3", surname: "Bondar")], in: stale, at: PartyFixture.time(4))
        }
        #expect(try party.replica.envelopeCount() == before)
        try party.sign([PartyFixture.put(.request, "r3", surname: "Bondar")], in: try party.open(exchange), at: PartyFixture.time(5))
        let fold = try #require(Verifier(exchange: exchange).verify(try party.replica.envelopes(exchange: exchange)).state)
        let kept = try #require(try party.replica.keptState(exchange: exchange))
        #expect(kept.state == fold && kept.stateHash == fold.stateHash)
        #expect(fold.lists[ListKey(side: .b, kind: .release)]?.count == 1)
        #expect(try party.verify(exchange).isClean)
    }

    @Test func aForkArrivingLaterFreezesTheChainAndRefoldsTheState() throws {
        let (party, exchange) = try Self.started()
        let stored = try party.replica.envelopes(exchange: exchange)
        // Side A's key signs another envelope at seq 3 (the seq of "r2"): a fork.
        let head = try #require(try party.open(exchange).heads[PartyFixture.headquartersA.publicKey.keyID])
        var twin = EnvelopeSigner(key: PartyFixture.headquartersA, exchange: exchange, head: ChainHead(seq: head.seq - 1, id: stored[1].id))
        let fork = try twin.sign(PartyFixture.put(.request, "r9", surname: "Twin"), at: PartyFixture.time(9))
        let reader = Party(replica: try Replica.inMemory(), key: nil)
        _ = try reader.ingest(stored.map(\.wireBytes), exchange: exchange)
        let result = try reader.ingest([fork.wireBytes], exchange: exchange)
        #expect(result.added == 1)
        #expect(result.forked == [PartyFixture.headquartersA.publicKey.keyID])
        let report = Verifier(exchange: exchange).verify(try reader.replica.envelopes(exchange: exchange))
        #expect(report.equivocations.count == 1)
        let open = try reader.open(exchange)
        #expect(open.state == report.state)
        #expect(!open.isClean)
        #expect(try reader.equivocations(in: exchange, of: result.forked).map(\.ids) == report.equivocations.map(\.ids))
        #expect(try reader.verify(exchange).keptDiffers == nil)
    }

    @Test func verifyFailsWhenTheKeptStateWasEdited() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-party-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/replica.sqlite"
        let exchange: ExchangeID
        do {
            let party = Party(replica: try Replica.open(path: path), key: PartyFixture.headquartersA)
            exchange = try party.create(PartyFixture.create(nonce: 7), at: PartyFixture.time(0))
            try party.sign([PartyFixture.put(.request, "r1", surname: "Koval")], in: try party.open(exchange), at: PartyFixture.time(1))
            #expect(try party.verify(exchange).isClean)
        }
        // Someone edits a kept entry behind the replica's back.
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "UPDATE entry SET fields = ? WHERE entry = 'r1'", arguments: [#"{"surname":"Edited"}"#])
        }
        try queue.close()
        let party = Party(replica: try Replica.open(path: path), key: nil)
        let check = try party.verify(exchange)
        #expect(check.stored.isClean, "the envelopes are intact")
        #expect(!check.isClean)
        #expect(check.keptDiffers != nil)
    }

    /// A replica whose kept encryption key no longer reads is an error naming the damage, not a
    /// state folded as if nobody had shared the records with this party (which would be kept).
    @Test func aDamagedEncryptionKeyIsAnErrorNotRecordsReadAsNeverShared() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-party-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/replica.sqlite"
        let homeKey = try EncryptionKey(rawRepresentation: [UInt8](repeating: 0x41, count: 32))
        let exchange: ExchangeID
        let kept: String
        do {
            let party = Party(replica: try Replica.open(path: path), key: PartyFixture.headquartersA, encryptionKey: homeKey)
            exchange = try party.create(PartyFixture.create(nonce: 9), at: PartyFixture.time(0))
            try party.sign([PartyFixture.put(.request, "r1", surname: "Koval")], in: try party.open(exchange), at: PartyFixture.time(1))
            #expect(try party.open(exchange).state.unopenedEntryCount == 0)
            kept = try party.open(exchange).stateHash
        }
        let queue = try DatabaseQueue(path: path)
        let original = try queue.read { db in try String.fetchOne(db, sql: "SELECT key FROM exchange_key") }
        try queue.write { db in try db.execute(sql: "UPDATE exchange_key SET key = 'not a key'") }
        let damaged = Party(replica: try Replica.open(path: path), key: PartyFixture.headquartersA, encryptionKey: homeKey)
        for attempt in [{ _ = try damaged.open(exchange) }, { _ = try damaged.verify(exchange) }, { _ = try damaged.openedEnvelopes(of: exchange) }] {
            let error = try #require(throws: PartyError.self) { try attempt() }
            #expect(error.code == .store)
            #expect(error.message.contains("encryption key of exchange"))
        }
        // Mended, the replica reads as it did: nothing was folded or kept meanwhile.
        try queue.write { db in try db.execute(sql: "UPDATE exchange_key SET key = ?", arguments: [original]) }
        try queue.close()
        let mended = Party(replica: try Replica.open(path: path), key: PartyFixture.headquartersA, encryptionKey: homeKey)
        #expect(try mended.open(exchange).stateHash == kept)
        #expect(try mended.open(exchange).state.unopenedEntryCount == 0)
    }

    /// An exchange opened without its entries reads them when a command first needs the
    /// reconciliation; if they no longer read, that is the command's error, not a crash.
    @Test func entriesThatNoLongerReadWhenFirstNeededAreAnErrorNotACrash() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-party-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/replica.sqlite"
        let party = Party(replica: try Replica.open(path: path), key: PartyFixture.headquartersA)
        let exchange = try party.create(PartyFixture.create(nonce: 11), at: PartyFixture.time(0))
        try party.sign([PartyFixture.put(.request, "r1", surname: "Koval")], in: try party.open(exchange), at: PartyFixture.time(1))
        let bare = try party.open(exchange, withEntries: false)
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: "UPDATE entry SET fields = 'not fields' WHERE entry = 'r1'") }
        try queue.close()
        for read in [{ _ = try bare.summary }, { _ = try bare.reconciliation }, { _ = try bare.manifestSummary }, { _ = try bare.whole() }] {
            let error = try #require(throws: PartyError.self) { try read() }
            #expect(error.code == .store)
        }
    }

    @Test func aHomeIsMadeOwnerOnly() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-home-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let home = PartyHome(path: folder)
        let key = try home.create(name: "Side A headquarters")
        for (path, mode) in [(folder, 0o700), (home.keyPath, 0o600), (home.partyPath, 0o600), (home.replicaPath, 0o600)] {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            #expect((attributes[.posixPermissions] as? Int) == mode, "\(path)")
        }
        #expect(home.partyName() == "Side A headquarters")
        let party = try Party.open(home: home, signing: true)
        #expect(party.me == key.publicKey.keyID)
        #expect(throws: PartyError(code: .exists, message: "")) { try home.create(name: "again") }
    }
}

import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import ParleyCrypto
import ParleyLog
import ParleyMatch
import ParleyParty
import ParleyServer
import ParleyStore
import ParleySync
import Testing

/// Issue 14 item 3, what the server sees: three parties put their lists and sync through a live
/// server on a SQLite store (and on PostgreSQL when `PARLEY_TEST_POSTGRES_URL` is set); the
/// store then holds no surname, given name, date of birth or service number of any record, in
/// UTF-8, JSON-escaped, base64 or base64url (of the value or of the canonical record), or hex.
/// Every party still reads every list. Synthetic data, names made up for this test alone.
@Suite struct SealedStoreTests {
    typealias F = ServerFixture

    /// The records: surname, given name, date of birth, service number (none of them used
    /// anywhere else in the tests, so a shared PostgreSQL database holds them only if this test
    /// leaked them).
    static let records: [(list: ListKind, id: String, fields: [Field: String])] = [
        (.request, "S14-1", [.surname: "Запорожченко", .givenName: "Всеволод", .dateOfBirth: "1987-06-21", .serviceNumber: "Ж-714031"]),
        (.request, "S14-2", [.surname: "Quintivarenko", .givenName: "Yaropolk", .dateOfBirth: "1979-11-03", .serviceNumber: "QX-902417"]),
        (.release, "S14-3", [.surname: "Перевізниченко", .givenName: "Мирослава", .dateOfBirth: "1994-02-17", .serviceNumber: "РЮ-330458"]),
        (.release, "S14-4", [.surname: "Zhovtobriukhenko", .givenName: "Feodosii", .dateOfBirth: "1969-08-29", .serviceNumber: "ZB-447120"]),
    ]

    /// A dispute's note, a match note, a comment and a resolution, each quoting record values.
    static let notes = [
        "\(records[0].fields[.surname]!) \(records[0].fields[.serviceNumber]!): the number is not his",
        "\(records[0].fields[.givenName]!) is \(records[2].fields[.givenName]!) in the other script? No: same man, born \(records[0].fields[.dateOfBirth]!)",
        "the register says \(records[2].fields[.surname]!), born \(records[2].fields[.dateOfBirth]!)",
        "settled: \(records[2].fields[.serviceNumber]!) was mistyped",
    ]

    static func encryptionKey(_ byte: UInt8) -> EncryptionKey {
        try! EncryptionKey(rawRepresentation: [UInt8](repeating: byte, count: 32))
    }

    static var backends: [String] {
        ["sqlite"] + (ProcessInfo.processInfo.environment["PARLEY_TEST_POSTGRES_URL"].map { $0.isEmpty ? [] : ["postgres"] } ?? [])
    }

    @Test(arguments: backends)
    func theStoreHoldsNoRecordContentAfterAFullSync(backend: String) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parley-sealed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store: any ServerStore
        let postgresURL = ProcessInfo.processInfo.environment["PARLEY_TEST_POSTGRES_URL"] ?? ""
        if backend == "postgres" {
            store = try await PostgresServerStore.connect(url: postgresURL, logger: Logger(label: "parley.sealed.test"))
        } else {
            store = try SQLiteServerStore.open(directory: directory.appendingPathComponent("data").path)
        }
        let a = ParleyParty.Party(replica: try Replica.inMemory(), key: F.headquartersA, encryptionKey: Self.encryptionKey(0x51))
        let b = ParleyParty.Party(replica: try Replica.inMemory(), key: F.ombudsmanB, encryptionKey: Self.encryptionKey(0x52))
        let m = ParleyParty.Party(replica: try Replica.inMemory(), key: F.mediator, encryptionKey: Self.encryptionKey(0x53))
        let create = CreateExchange(
            nonce: Hex.encode((0..<16).map { _ in UInt8.random(in: 0...255) }), title: "Sealed store (synthetic)",
            terms: ["counts": ["A": 2, "B": 2]], participants: F.participants
        )
        let exchange = try a.create(create, at: F.time(0))

        try await F.application(store: store, clock: nil).test(.live) { client in
            let url = "http://127.0.0.1:\(client.port!)"
            func sync(_ party: ParleyParty.Party) async throws {
                let synchronizer = Synchronizer(client: SyncClient(server: url, key: party.key!), party: party)
                let report = try await synchronizer.sync(exchange, server: try await synchronizer.connect())
                #expect(report.refused == 0)
            }
            try await sync(a)
            try await sync(b)
            try await sync(m)
            let puts = Self.records.map { ParleyLog.Operation.putEntry(PutEntry(list: $0.list, entry: $0.id, fields: $0.fields)) }
            try a.sign(puts.filter { $0.listKind == .request }, in: try a.open(exchange), at: F.time(1))
            try b.sign(puts.filter { $0.listKind == .release }, in: try b.open(exchange), at: F.time(2))
            // Two rounds: the first carries the lists, the second the shares signed on receipt.
            for _ in 0..<2 {
                for party in [a, b, m] { try await sync(party) }
            }
            // People explain their decisions with the very values that are sealed in the records.
            let (first, second) = (Self.records[0], Self.records[2])
            let aboutFirst = EntryRef(list: ListKey(side: .a, kind: .request), author: F.headquartersA.publicKey.keyID, entry: first.id)
            let aboutSecond = EntryRef(list: ListKey(side: .b, kind: .release), author: F.ombudsmanB.publicKey.keyID, entry: second.id)
            let opened = try m.sign(
                [.openDispute(OpenDispute(about: [aboutFirst], reason: .identityConflict, note: Self.notes[0]))],
                in: try m.open(exchange), at: F.time(3)
            )
            let dispute = try #require(opened.envelopes.last).id
            try a.sign([.assertMatch(MatchPair(request: aboutFirst, release: aboutSecond, note: Self.notes[1]))], in: try a.open(exchange), at: F.time(4))
            for party in [a, b, m, b] { try await sync(party) }
            try b.sign([.commentDispute(CommentDispute(dispute: dispute, note: Self.notes[2]))], in: try b.open(exchange), at: F.time(5))
            try m.sign([.closeDispute(CloseDispute(dispute: dispute, resolution: Self.notes[3]))], in: try m.open(exchange), at: F.time(6))
            for _ in 0..<2 {
                for party in [a, b, m] { try await sync(party) }
            }
        }

        for party in [a, b, m] {
            let state = try party.open(exchange).state
            #expect(state.unopenedEntryCount == 0)
            let surnames = Set(state.lists.values.flatMap(\.values).compactMap { $0.fields[.surname] })
            #expect(surnames == Set(Self.records.compactMap { $0.fields[.surname] }), "every party reads every list")
            #expect(state.unopenedFactCount == 0)
            let dispute = try #require(state.disputes.first)
            let read = [dispute.open.body.note, state.matchDecisions.values.first?.body.pair.note]
                + dispute.comments.map(\.body.note) + dispute.closes.map(\.body.resolution)
            #expect(read == Self.notes, "every party reads every note, comment and resolution")
        }

        let held: [UInt8]
        if backend == "postgres" {
            await store.shutdown()
            held = try Self.dump(postgresURL)
        } else {
            await store.shutdown()
            held = try Self.files(under: directory.appendingPathComponent("data"))
        }
        #expect(held.count > 1_000, "the store holds the log")
        let haystack = Data(held)
        var checked = 0
        for record in Self.records {
            let body = try CanonicalJSON.encode(JSONValue.object(["fields": .object(Dictionary(
                uniqueKeysWithValues: record.fields.map { ($0.key.rawValue, JSONValue.string($0.value)) }
            ))]))
            for value in record.fields.values {
                for needle in Self.encodings(of: value) + Self.base64Forms(of: body) {
                    checked += 1
                    #expect(haystack.range(of: Data(needle.utf8)) == nil, "the store holds a record value of \(record.id) in one encoding")
                }
            }
        }
        #expect(checked > 100)
    }

    /// `value` as a store could hold it: UTF-8, JSON-escaped (`\uXXXX`, either case), base64 and
    /// base64url at each of the three byte alignments, and hex (PostgreSQL's bytea output).
    static func encodings(of value: String) -> [String] {
        let bytes = Array(value.utf8)
        var forms = [value, Hex.encode(bytes)]
        let escaped = value.unicodeScalars.map { $0.isASCII ? String($0) : String(format: "\\u%04x", $0.value) }.joined()
        if escaped != value {
            forms += [escaped, escaped.replacingOccurrences(of: "\\u", with: "\\U").uppercased().replacingOccurrences(of: "\\U", with: "\\u")]
        }
        return forms + base64Forms(of: bytes)
    }

    /// The base64 and base64url spellings of `bytes` wherever they start in a longer text: for each
    /// alignment, the characters that depend on `bytes` alone.
    static func base64Forms(of bytes: [UInt8]) -> [String] {
        var forms: [String] = []
        for shift in 0..<3 {
            let encoded = Data([UInt8](repeating: 0, count: shift) + bytes).base64EncodedString()
            let start = shift == 0 ? 0 : 4
            let usable = (shift + bytes.count) / 3 * 4
            guard usable - start >= 8 else { continue }
            let core = String(Array(encoded)[start..<usable])
            forms += [core, core.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")]
        }
        return forms
    }

    /// Every byte of every file under `directory` (the database, its WAL and shared memory).
    static func files(under directory: URL) throws -> [UInt8] {
        var bytes: [UInt8] = []
        let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)
        while let file = enumerator?.nextObject() as? URL {
            if let data = FileManager.default.contents(atPath: file.path) { bytes += data }
        }
        return bytes
    }

    /// A plain-text dump of the whole PostgreSQL database (every table, bytea as hex).
    static func dump(_ url: String) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/pg_dump")
        process.arguments = ["--data-only", "--no-owner", url]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return Array(data)
    }
}

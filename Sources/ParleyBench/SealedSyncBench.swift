import Hummingbird
import Logging
import ParleyCrypto
import ParleyLog
import ParleyMatch
import ParleyParty
import ParleyServer
import ParleyStore
import ParleySync
internal import Foundation

/// What sealing records costs a full sync (issue 14's target: within 15 % of the same sync in
/// clear): the same exchange of synthetic records, once in clear and once sealed to the reader,
/// each served by a real server on SQLite and fully synced into an empty replica file; the
/// sealed run opens every record in the reader's ingest. Runs alternate, best of `rounds` each.
enum SealedSyncBench {
    static let port = 7481

    static func run(envelopes count: Int, rounds: Int) async throws {
        let writer = SyncBench.key(0x31), reader = SyncBench.key(0x32), mediator = SyncBench.key(0x33)
        let readerEncryption = EncryptionKey.generate(), writerEncryption = EncryptionKey.generate()
        let participants = [
            Participant(publicKey: writer.publicKey, role: .headquarters, side: .a, name: "Side A headquarters"),
            Participant(publicKey: reader.publicKey, role: .headquarters, side: .b, name: "Side B headquarters"),
            Participant(publicKey: mediator.publicKey, role: .mediator, side: .neutral, name: "Mediator"),
        ]
        let start = Timestamp(secondsSince1970: 1_767_225_600)
        var generator = SyntheticLists(seed: 11)
        let (csv, _, _) = generator.csv(a: count, b: 1)
        let records = try ListReader.read(Array(csv.utf8), file: "bench.csv").records

        func log(sealed: Bool) throws -> (ExchangeID, [SignedEnvelope]) {
            let (genesis, first) = try EnvelopeSigner.createExchange(
                CreateExchange(nonce: sealed ? String(repeating: "5b", count: 16) : String(repeating: "5c", count: 16),
                               title: "Synthetic bench", terms: [:], participants: participants),
                key: writer, at: start
            )
            var signer = first
            let exchange = signer.exchange
            var log = [genesis]
            var contentKey: ContentKey?
            if sealed {
                var readerSigner = EnvelopeSigner(key: reader, exchange: exchange, head: nil)
                log.append(try readerSigner.sign(.announceEncryptionKey(AnnounceEncryptionKey(key: readerEncryption.publicKey)), at: start))
                log.append(try signer.sign(.announceEncryptionKey(AnnounceEncryptionKey(key: writerEncryption.publicKey)), at: start))
                let key = ContentKey.generate()
                let shares = try [(writer.publicKey.keyID, writerEncryption), (reader.publicKey.keyID, readerEncryption)].map { to, recipient in
                    ShareContentKey.Share(
                        to: to, key: recipient.publicKey.keyID,
                        share: try key.share(to: recipient.publicKey, exchange: exchange.genesis.bytes, author: writer.publicKey.keyID)
                    )
                }
                log.append(try signer.sign(.shareContentKey(ShareContentKey(shares: shares)), at: start))
                // The reader's own share, so that the sync measured is a steady one: the reader
                // owes nothing and signs nothing (its one-time announcement is not the sync's cost).
                let readerKey = ContentKey.generate()
                let readerShares = try [(writer.publicKey.keyID, writerEncryption), (reader.publicKey.keyID, readerEncryption)].map { to, recipient in
                    ShareContentKey.Share(
                        to: to, key: recipient.publicKey.keyID,
                        share: try readerKey.share(to: recipient.publicKey, exchange: exchange.genesis.bytes, author: reader.publicKey.keyID)
                    )
                }
                log.append(try readerSigner.sign(.shareContentKey(ShareContentKey(shares: readerShares)), at: start))
                contentKey = key
            }
            for (index, record) in records.enumerated() {
                var operation = ParleyLog.Operation.putEntry(PutEntry(list: .request, entry: "p\(index)", fields: record.fields))
                if let contentKey {
                    operation = try operation.sealing(
                        under: contentKey, exchange: exchange, author: writer.publicKey.keyID, seq: (signer.head?.seq ?? 0) + 1
                    )
                }
                log.append(try signer.sign(operation, at: start))
            }
            return (exchange, log)
        }

        /// Seconds for a full sync of `log` into an empty replica.
        func fullSync(_ exchange: ExchangeID, _ log: [SignedEnvelope], sealed: Bool) async throws -> (Double, Int) {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-sealed-bench-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let store = try SQLiteServerStore.open(path: folder + "/server.sqlite")
            _ = try await store.createExchange(genesis: log[0])
            var position = 1
            while position < log.count {
                let end = min(position + 5_000, log.count)
                _ = try await store.append(Array(log[position..<end]), to: exchange)
                position = end
            }
            var logger = Logger(label: "parley.bench")
            logger.logLevel = .critical  // the server is stopped by cancelling it, which HummingbirdCore reports as errors
            let app = try buildApplication(
                configuration: ServerConfiguration(port: port, admitted: [writer.publicKey], budgets: .unlimited), store: store,
                key: SyncBench.key(0x3F), logger: logger
            )
            let server = Task { try await app.runService(gracefulShutdownSignals: []) }
            let url = "http://127.0.0.1:\(port)"
            try await SyncBench.waitForServer(url, key: reader)
            let party = Party(replica: try Replica.open(path: folder + "/reader.sqlite"), key: reader, encryptionKey: sealed ? readerEncryption : nil)
            let sync = Synchronizer(client: SyncClient(server: url, key: reader), party: party)
            let info = try await sync.connect()
            let t0 = now()
            let report = try await sync.sync(exchange, server: info)
            let seconds = now() - t0
            let unopened = try party.open(exchange).state.unopenedEntryCount
            server.cancel()
            _ = await server.result
            await store.shutdown()
            guard unopened == 0 else { throw CocoaError(.coderInvalidValue) }
            return (seconds, report.pulled)
        }

        let clear = try log(sealed: false), sealed = try log(sealed: true)
        var best = (clear: Double.infinity, sealed: Double.infinity)
        for round in 1...rounds {
            let (c, cn) = try await fullSync(clear.0, clear.1, sealed: false)
            let (s, sn) = try await fullSync(sealed.0, sealed.1, sealed: true)
            best = (min(best.clear, c), min(best.sealed, s))
            print(String(format: "round %d  clear %6d envelopes %6.2f s   sealed %6d envelopes %6.2f s", round, cn, c, sn, s))
        }
        print(String(format: "full sync of %d records, best of %d: clear %.2f s, sealed %.2f s, sealed/clear %.3f  (target <= 1.15)",
                     count, rounds, best.clear, best.sealed, best.sealed / best.clear))
    }
}

import Hummingbird
import Logging
import ParleyCrypto
import ParleyLog
import ParleyMatch
import ParleyServer
import ParleyParty
import ParleyStore
import ParleySync
import ParleyWire
import Synchronization
#if canImport(Glibc)
import Glibc
#endif
internal import Foundation

/// The sync protocol's speed on loopback against a real server on SQLite:
/// a full sync of a large exchange into an empty replica, an incremental sync of 10 envelopes
/// (round trips and bytes), and many clients pushing at once.
enum SyncBench {
    static let port = 7479

    static func key(_ byte: UInt8) -> SigningKey {
        try! SigningKey(seed: [UInt8](repeating: byte, count: 32))
    }

    /// - Parameter opensslVerify: `openssl speed -multi 2 ed25519` verifies per second on this machine (both cores),
    ///   measured by `scripts/bench-sync.sh` beforehand (spawning openssl from this async process
    ///   inherits a signal mask that keeps its timer from ever firing).
    static func run(envelopes count: Int, clients: Int, opensslVerify: Double) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-sync-bench-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }

        // Parties: one exchange per five clients (two per side and a mediator).
        let writer = key(0x21), reader = key(0x22), mediator = key(0x23)
        let participants = [
            Participant(publicKey: writer.publicKey, role: .headquarters, side: .a, name: "Side A headquarters"),
            Participant(publicKey: reader.publicKey, role: .headquarters, side: .b, name: "Side B headquarters"),
            Participant(publicKey: mediator.publicKey, role: .mediator, side: .neutral, name: "Mediator"),
        ]
        let start = Timestamp(secondsSince1970: 1_767_225_600)
        let (genesis, signer0) = try EnvelopeSigner.createExchange(
            CreateExchange(nonce: String(repeating: "5a", count: 16), title: "Synthetic bench", terms: [:], participants: participants),
            key: writer, at: start
        )
        var signer = signer0
        var generator = SyntheticLists(seed: 7)
        let (csv, _, _) = generator.csv(a: count - 1, b: 1)
        let list = try ListReader.read(Array(csv.utf8), file: "bench.csv")
        var log = [genesis]
        for (index, record) in list.records.enumerated() {
            log.append(try signer.sign(.putEntry(PutEntry(list: .request, entry: "p\(index)", fields: record.fields)), at: start))
        }
        let exchange = signer.exchange

        let store = try SQLiteServerStore.open(path: folder + "/server.sqlite")
        _ = try await store.createExchange(genesis: genesis)
        var position = 1
        while position < log.count {
            let end = min(position + 5_000, log.count)
            _ = try await store.append(Array(log[position..<end]), to: exchange)
            position = end
        }
        let envelopeBytes = log.reduce(0) { $0 + $1.wireBytes.count }

        var logger = Logger(label: "parley.bench")
        logger.logLevel = .error
        let app = try buildApplication(
            configuration: ServerConfiguration(port: port, admitted: [writer.publicKey], budgets: .unlimited), store: store,
            key: key(0x2F), logger: logger
        )
        let server = Task { try await app.runService(gracefulShutdownSignals: []) }
        defer { server.cancel() }
        let url = "http://127.0.0.1:\(port)"
        try await waitForServer(url, key: reader)

        // 1. Full sync into an empty replica (a file, as a party has).
        let replica = try Replica.open(path: folder + "/reader.sqlite")
        let meter = TrafficMeter()
        let sync = Synchronizer(client: SyncClient(server: url, key: reader, meter: meter), party: Party(replica: replica, key: reader))
        let serverInfo = try await sync.connect()
        meter.reset()
        let t0 = now()
        let full = try await sync.sync(exchange, server: serverInfo)
        let fullSeconds = now() - t0
        let fullRate = Double(full.pulled) / fullSeconds
        print(String(format: "full sync      %6d envelopes  %6.2f s  %8.0f/s  openssl verify, 2 cores, %8.0f/s  ratio %.2f  (goal >= 0.7)",
                     full.pulled, fullSeconds, fullRate, opensslVerify, fullRate / opensslVerify))
        print(String(format: "               %d round trips, %.1f MiB received for %.1f MiB of envelopes",
                     meter.current.requests, Double(meter.current.received) / 1_048_576, Double(envelopeBytes) / 1_048_576))

        // 2. Ten new envelopes: the writer pushes them, the reader pulls them.
        let fresh = try (0..<10).map { index in
            try signer.sign(.putEntry(PutEntry(list: .request, entry: "n\(index)", fields: list.records[index].fields)), at: start)
        }
        let freshBytes = fresh.reduce(0) { $0 + $1.wireBytes.count + 1 }
        let writerReplica = try Replica.open(path: folder + "/writer.sqlite")
        let writerParty = Party(replica: writerReplica, key: writer)
        _ = try writerParty.ingest((log + fresh).map(\.wireBytes), exchange: exchange)
        let writerMeter = TrafficMeter()
        let writerSync = Synchronizer(client: SyncClient(server: url, key: writer, meter: writerMeter), party: writerParty)
        let writerInfo = try await writerSync.connect()
        writerMeter.reset()
        let t1 = now()
        let pushed = try await writerSync.sync(exchange, server: writerInfo)
        let pushSeconds = now() - t1
        meter.reset()
        let t2 = now()
        let pulled = try await sync.sync(exchange, server: serverInfo)
        let pullSeconds = now() - t2
        let authors = 1
        print("incremental    10 envelopes (\(freshBytes) bytes of NDJSON) on a \(log.count)-envelope log, \(authors) author:")
        print(String(format: "  push side    %d round trips, %d bytes sent, %d received, %.3f s (sent %d)",
                     writerMeter.current.requests, writerMeter.current.sent, writerMeter.current.received, pushSeconds, pushed.pushed))
        print(String(format: "  pull side    %d round trips, %d bytes received (%.2f × the envelopes), %d sent, %.3f s (received %d)",
                     meter.current.requests, meter.current.received, Double(meter.current.received) / Double(freshBytes),
                     meter.current.sent, pullSeconds, pulled.pulled))

        // 3. Many clients pushing at once, each into its own party's chain.
        try await concurrentPush(url: url, clients: clients, start: start)
        server.cancel()
        _ = await server.result
        await store.shutdown()
    }

    /// `clients` parties in `clients / 5` exchanges each push 40 batches of 25 envelopes at once,
    /// each batch as soon as the one before is answered (the server's throughput when it is the
    /// bottleneck); then 40 more each, paced so that all of them together offer 5,000 envelopes
    /// a second (the latency of a push at that load).
    ///
    /// The two answer different questions. With every client pushing again as soon as it is
    /// answered, 50 batches are always waiting, so a batch's latency is 50 × 25 envelopes over the
    /// rate (Little's law): 250 ms at 5,000 envelopes/s, whatever the server does. The latency
    /// of a push at a given load is measured by offering that load.
    static func concurrentPush(url: String, clients: Int, start: Timestamp) async throws {
        let perExchange = 5
        let exchanges = max(1, clients / perExchange)
        let batches = 40, batchSize = 25, pacedRate = 5_000.0
        var jobs: [(key: SigningKey, exchange: ExchangeID, batches: [[SignedEnvelope]])] = []
        let admitted = key(0x21)
        var genesisList: [SignedEnvelope] = []
        for e in 0..<exchanges {
            let keys = (0..<perExchange).map { key(UInt8(0x40 + e * perExchange + $0)) }
            let participants = keys.enumerated().map { index, k in
                Participant(publicKey: k.publicKey, role: index == 4 ? .mediator : (index % 2 == 0 ? .headquarters : .ombudsman),
                            side: index == 4 ? .neutral : (index < 2 ? .a : .b), name: "Party \(index)")
            } + [Participant(publicKey: admitted.publicKey, role: .headquarters, side: .a, name: "Creator")]
            let (genesis, _) = try EnvelopeSigner.createExchange(
                CreateExchange(nonce: String(format: "%032x", e + 1), title: "Synthetic push \(e)", terms: [:], participants: participants),
                key: admitted, at: start
            )
            genesisList.append(genesis)
            let exchange = ExchangeID(genesis: genesis.id)
            for (index, k) in keys.enumerated() {
                var signer = EnvelopeSigner(key: k, exchange: exchange, head: nil)
                let list: ListKind = index == 4 ? .registry : .request
                let envelopes = try (0..<(2 * batches * batchSize)).map { n in
                    try signer.sign(.putEntry(PutEntry(list: list, entry: "e\(n)", fields: [.surname: "Synthetic\(n)", .givenName: "Party"])), at: start)
                }
                jobs.append((k, exchange, stride(from: 0, to: envelopes.count, by: batchSize).map { Array(envelopes[$0..<($0 + batchSize)]) }))
            }
        }
        let creator = SyncClient(server: url, key: admitted)
        for genesis in genesisList { _ = try await creator.register(genesis: genesis) }

        let latencies = Latencies()
        let t0 = now()
        try await withThrowingTaskGroup(of: Int.self) { group in
            for job in jobs {
                group.addTask {
                    let client = SyncClient(server: url, key: job.key)
                    var accepted = 0
                    for batch in job.batches.prefix(batches) {
                        let s = now()
                        accepted += try await client.push(batch, to: job.exchange).accepted
                        let elapsed = now() - s
                        latencies.add(elapsed)
                    }
                    return accepted
                }
            }
            var total = 0
            for try await accepted in group { total += accepted }
            let seconds = now() - t0
            let sorted = latencies.sorted
            let p50 = sorted[sorted.count / 2], p99 = sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.99))]
            print(String(format: "concurrent     %d clients in %d exchanges pushed %d envelopes in %.2f s: %.0f envelopes/s (goal >= 5000)",
                         jobs.count, exchanges, total, seconds, Double(total) / seconds))
            print(String(format: "               each pushing again when answered: batch latency p50 %.1f ms, p99 %.1f ms (%d batches always waiting)",
                         p50 * 1000, p99 * 1000, jobs.count))
        }

        // The same clients, each pushing a batch every `interval`, staggered: together they offer
        // `pacedRate` envelopes a second. A batch's latency counts from when it was due, so a
        // push held up by the one before it counts its wait too.
        let paced = Latencies()
        let interval = Double(jobs.count * batchSize) / pacedRate
        let t1 = now() + 0.1
        let pacing = jobs, clientCount = Double(jobs.count)
        let pushed = try await withThrowingTaskGroup(of: Int.self) { group in
            for (index, job) in pacing.enumerated() {
                group.addTask {
                    let client = SyncClient(server: url, key: job.key)
                    var accepted = 0
                    for (n, batch) in job.batches.dropFirst(batches).enumerated() {
                        let due = t1 + interval * (Double(index) / clientCount + Double(n))
                        let wait = due - now()
                        if wait > 0 { try await Task.sleep(for: .seconds(wait)) }
                        accepted += try await client.push(batch, to: job.exchange).accepted
                        paced.add(now() - due)
                    }
                    return accepted
                }
            }
            var total = 0
            for try await accepted in group { total += accepted }
            return total
        }
        let pacedSeconds = now() - t1
        let sorted = paced.sorted
        let p50 = sorted[sorted.count / 2], p99 = sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.99))]
        var stored = 0
        for genesis in genesisList {
            stored += try await creator.heads(of: ExchangeID(genesis: genesis.id)).size - 1
        }
        let expected = jobs.count * 2 * batches * batchSize
        print(String(format: "               paced at %.0f envelopes/s offered: %d envelopes in %.2f s (%.0f/s), batch latency p50 %.1f ms, p99 %.1f ms (goal < 100)",
                     pacedRate, pushed, pacedSeconds, Double(pushed) / pacedSeconds, p50 * 1000, p99 * 1000))
        print(String(format: "               server holds %d of %d pushed: %@", stored, expected, stored == expected ? "none lost" : "LOST ENVELOPES"))
    }

    static func waitForServer(_ url: String, key: SigningKey) async throws {
        let client = SyncClient(server: url, key: key)
        for _ in 0..<100 {
            if (try? await client.serverInfo()) != nil { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw CocoaError(.fileReadUnknown)
    }
}

/// Request latencies from many tasks.
final class Latencies: Sendable {
    private let values = Mutex<[Double]>([])

    func add(_ value: Double) {
        values.withLock { $0.append(value) }
    }

    var sorted: [Double] { values.withLock { $0 }.sorted() }
}

import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// `parley serve`, `parley sync` and `parley bundle`, end to end: a real server process on
/// loopback, three parties' homes, the built binary. All data is synthetic.
@Suite struct SyncCommandTests {
    typealias Party = ReplicaCommandTests.Party
    let helper = ReplicaCommandTests()

    /// A running `parley serve` on a free port of 127.0.0.1.
    final class Server: @unchecked Sendable {
        let process = Process()
        let url: String
        let port: Int
        let stderr = Pipe()
        let stdout = Pipe()

        init(data: String, admit: [String], extra: [String] = [], scheme: String = "http", port: Int? = nil) async throws {
            let port = try port ?? Self.freePort()
            url = "\(scheme)://127.0.0.1:\(port)"
            self.port = port
            process.executableURL = productsDirectory.appendingPathComponent("parley")
            process.arguments = ["serve", "--data", data, "--port", String(port), "--log-level", "warning"]
                + admit.flatMap { ["--admit", $0] } + extra
            process.standardOutput = stdout
            process.standardError = stderr
            try process.run()
            for _ in 0..<200 {
                if Self.accepts(port: port) { return }
                try await Task.sleep(for: .milliseconds(50))
            }
            process.terminate()
            throw CocoaError(.fileReadUnknown)
        }

        /// Sends SIGTERM and returns the exit status.
        func stop() -> Int32 {
            process.terminate()
            process.waitUntilExit()
            return process.terminationStatus
        }

        static func freePort() throws -> Int {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(fd) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = 0
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
            _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
            return Int(UInt16(bigEndian: address.sin_port))
        }

        static func accepts(port: Int) -> Bool {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(fd) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = UInt16(port).bigEndian
            return withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            } == 0
        }
    }

    /// A sync whose server cannot be reached says so in one line, the library's message alone
    /// (no error type or code names), and exits 2.
    @Test func aSyncThatCannotReachItsServerSaysSoInOneLine() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = try await helper.makeParty("a", in: dir)
        let url = "http://127.0.0.1:\(try Server.freePort())"
        let run = try await parley(["sync", "--server", url, "--exchange", String(repeating: "ab", count: 32)] + a.flags)
        #expect(run.status == 2)
        #expect(run.stderr == "parley: cannot reach \(url) (connection refused)\n", "\(run.stderr)")
    }

    @Test func partiesSyncThroughAServerAndByBundle() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (a, b, m) = try await helper.threeParties(in: dir)
        let exchange = try await helper.createExchange(by: a, with: b, mediator: m)
        let server = try await Server(data: dir.appendingPathComponent("server").path, admit: [a.publicKeyFile])

        let file = try write(ReplicaCommandTests.firstList, "request.csv", in: dir)
        #expect(try await parley(["list", "import", file, "--exchange", exchange, "--list", "request"] + a.flags).status == 0)
        let first = try await parley(["sync", "--server", server.url] + a.flags)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("registered the exchange"))
        #expect(first.stdout.contains("sent 5"), "the encryption key, the content key share and three sealed puts")

        // B fetches the exchange it did not create, then adds its list; no --server later.
        let fetch = try await parley(["sync", "--server", server.url, "--exchange", exchange] + b.flags)
        #expect(fetch.status == 0, "\(fetch.stderr)")
        #expect(fetch.stdout.contains("received 6"))
        // B announced its encryption key and shared its content key on fetching, and pushed both.
        #expect(fetch.stdout.contains("up to date: this replica holds all 8 envelopes"), "\(fetch.stdout)")
        // A prefix names an exchange only with 8 or more digits.
        let short = try await parley(["sync", "--exchange", String(exchange.prefix(6))] + b.flags)
        #expect(short.status == 2 && short.stderr.contains("give at least 8 hex digits"), "\(short.stderr)")
        let release = try write("""
            id,surname,given_name,date_of_birth
            S1,Probko,Petro,1985-02-03

            """, "release.csv", in: dir)
        #expect(try await parley(["list", "import", release, "--exchange", exchange, "--list", "release"] + b.flags).status == 0)
        let push = try await parley(["sync"] + b.flags)
        #expect(push.status == 0, "\(push.stderr)")
        #expect(push.stdout.contains("sent 1"))
        let back = try await parley(["sync"] + a.flags)
        // B's encryption key, content key share and put; A shares its content key to B in turn.
        #expect(back.stdout.contains("received 3, sent 1"), "\(back.stdout)")
        #expect(back.stdout.contains("up to date"), "\(back.stdout)")
        #expect(try await parley(["sync"] + b.flags).stdout.contains("received 1"))
        #expect(try await helper.logLines(a) == helper.logLines(b))

        // The mediator gets everything by bundle from A, verified as a pull.
        let bundle = dir.appendingPathComponent("exchange.bundle").path
        let export = try await parley(["bundle", "export", "--exchange", exchange, "-o", bundle] + a.flags)
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stdout.contains("wrote 10 envelopes"), "\(export.stdout)")
        let imported = try await parley(["bundle", "import", bundle] + m.flags)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("10 new envelopes stored"), "\(imported.stdout)")
        #expect(try await parley(["verify"] + m.flags).status == 0)

        // With the mediator's heads, A's next bundle carries nothing but the genesis (every bundle does).
        let heads = dir.appendingPathComponent("m.heads").path
        #expect(try await parley(["bundle", "heads", "--exchange", exchange, "-o", heads] + m.flags).status == 0)
        let since = try await parley(["bundle", "export", "--exchange", exchange, "--since", heads, "-o", bundle] + a.flags)
        #expect(since.stdout.contains("wrote 1 envelopes"), "\(since.stdout)")

        // A bundle with a flipped byte is refused, and nothing is stored.
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: bundle)))
        let full = try await parley(["bundle", "export", "--exchange", exchange, "-o", bundle] + a.flags)
        #expect(full.status == 0)
        bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: bundle)))
        bytes[bytes.count / 2] ^= 0x01
        try Data(bytes).write(to: URL(fileURLWithPath: bundle))
        let broken = try await parley(["bundle", "import", bundle] + b.flags)
        #expect(broken.status != 0)
        #expect(broken.stderr.contains(bundle))

        #expect(server.stop() == 0, "SIGTERM stops the server gracefully")
    }

    /// Side A's and side B's headquarters in an exchange A created, on a new server A registered
    /// it with, each synced once (B fetched it and announced its encryption key). The caller
    /// stops the server.
    private func twoPartiesSynced(in dir: URL) async throws -> (a: Party, b: Party, exchange: String, server: Server) {
        let a = try await helper.makeParty("a", in: dir)
        let b = try await helper.makeParty("b", in: dir)
        let exchange = try await helper.createExchange(by: a, ["\(a.publicKeyFile):headquarters:A", "\(b.publicKeyFile):headquarters:B"])
        let server = try await Server(data: dir.appendingPathComponent("server").path, admit: [a.publicKeyFile])
        do {
            #expect(try await parley(["sync", "--server", server.url] + a.flags).status == 0)
            #expect(try await parley(["sync", "--server", server.url, "--exchange", exchange] + b.flags).status == 0)
        } catch {
            _ = server.stop()
            throw error
        }
        return (a, b, exchange, server)
    }

    /// `parley sync --watch` of `party`, started with these outputs; the caller stops it.
    private func startWatcher(_ party: Party, standardOutput: Any, standardError: Any) throws -> Process {
        let watcher = Process()
        watcher.executableURL = productsDirectory.appendingPathComponent("parley")
        watcher.arguments = ["sync", "--watch"] + party.flags
        watcher.standardOutput = standardOutput
        watcher.standardError = standardError
        try watcher.run()
        return watcher
    }

    /// A imports the first list and syncs; then whether `b`'s log reaches `lines` envelopes
    /// within `tenths` tenths of a second, as a watcher stores them.
    private func importAndAwait(
        _ a: Party, _ b: Party, exchange: String, in dir: URL, lines: Int, tenths: Int
    ) async throws -> Bool {
        let file = try write(ReplicaCommandTests.firstList, "request.csv", in: dir)
        #expect(try await parley(["list", "import", file, "--exchange", exchange, "--list", "request"] + a.flags).status == 0)
        #expect(try await parley(["sync"] + a.flags).status == 0)
        for _ in 0..<tenths {
            try await Task.sleep(for: .milliseconds(100))
            if try await helper.logLines(b).count == lines { return true }
        }
        return false
    }

    @Test func syncWatchAppliesWhatArrivesWhileItWaits() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (a, b, exchange, server) = try await twoPartiesSynced(in: dir)
        defer { _ = server.stop() }
        let before = try await helper.logLines(b).count

        // B watches; A imports and syncs meanwhile; B's replica gets A's envelopes without a command.
        let out = Pipe()
        let watcher = try startWatcher(b, standardOutput: out, standardError: FileHandle.nullDevice)
        defer { if watcher.isRunning { watcher.terminate() } }
        let received = try await importAndAwait(a, b, exchange: exchange, in: dir, lines: before + 4, tenths: 150)
        #expect(received, "the watcher stored A's three puts and its content key share to B")
        #expect(watcher.isRunning, "it keeps watching")
        watcher.interrupt()
        watcher.waitUntilExit()
        let printed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(printed.contains("received 4"), "\(printed)")
        // The same envelopes; A stored B's key envelopes before its own puts, B after them.
        #expect(try await helper.logLines(a).sorted() == helper.logLines(b).sorted())
    }

    /// A watcher outlives its server: stopped, it is waited for; started again on the same port,
    /// what arrived meanwhile reaches the watcher without a command.
    @Test func syncWatchWaitsForAServerThatRestarts() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (a, b, exchange, server) = try await twoPartiesSynced(in: dir)
        var running = server
        defer { _ = running.stop() }
        let before = try await helper.logLines(b).count

        // Standard error goes to a file, read whenever the test looks.
        let errorFile = dir.appendingPathComponent("watcher.err")
        #expect(FileManager.default.createFile(atPath: errorFile.path, contents: nil))
        let errors = try FileHandle(forWritingTo: errorFile)
        defer { try? errors.close() }
        func said() -> String { (try? String(contentsOf: errorFile, encoding: .utf8)) ?? "" }
        let watcher = try startWatcher(b, standardOutput: FileHandle.nullDevice, standardError: errors)
        defer { if watcher.isRunning { watcher.terminate() } }
        // Stopped only once the watcher has synced and waits (a sync that fails before that
        // ends the command, as it should).
        for _ in 0..<300 where !said().contains("watching 1 exchange") {
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(try await offThePool { server.stop() } == 0)
        try await Task.sleep(for: .seconds(2))
        #expect(watcher.isRunning, "a server that went away ends no watch")

        running = try await Server(data: dir.appendingPathComponent("server").path, admit: [a.publicKeyFile], port: server.port)
        // The watcher tries again 1, 3, 7, 15, 31 and 63 s after the stop.
        let received = try await importAndAwait(a, b, exchange: exchange, in: dir, lines: before + 4, tenths: 900)
        #expect(received, "the watcher stored what A pushed to the restarted server")
        #expect(watcher.isRunning)
        // Said when the server first answered, before the sync that stored A's envelopes.
        for _ in 0..<50 where !said().contains("answers again") {
            try await Task.sleep(for: .milliseconds(100))
        }
        watcher.interrupt()
        watcher.waitUntilExit()
        let told = said()
        #expect(told.contains("trying again until it answers"), "\(told)")
        #expect(told.contains("answers again"), "\(told)")
    }

    /// After a pull, a party signs what it owes those who announced a key since (its content
    /// key's shares). When that signing fails, the pull stays stored, the sync (or a bundle
    /// import) says so and exits 1, and the next sync signs the shares: the other side reads the
    /// list only then.
    @Test func aShareThatCannotBeSignedAfterAPullIsReportedAndTheNextSyncSignsIt() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // B announces its encryption key on its first sync; A's list is signed before A has seen it.
        let (a, b, exchange, server) = try await twoPartiesSynced(in: dir)
        defer { _ = server.stop() }
        let file = try write(ReplicaCommandTests.firstList, "request.csv", in: dir)
        #expect(try await parley(["list", "import", file, "--exchange", exchange, "--list", "request"] + a.flags).status == 0)

        // A's replica now refuses A's own new envelopes (a fault a test can set; SQLite raises it
        // in the signing transaction), while B's envelopes are still stored.
        let replica = try DatabaseQueue(path: a.home + "/replica.sqlite")
        try await replica.write { db in
            try db.execute(sql: """
                CREATE TRIGGER refuse_own BEFORE INSERT ON envelope
                WHEN NEW.author = (SELECT author FROM envelope WHERE is_genesis = 1)
                BEGIN SELECT RAISE(ABORT, 'refused by the test'); END
                """)
        }
        let failed = try await parley(["sync"] + a.flags)
        #expect(failed.status == 1, "\(failed.stdout)\(failed.stderr)")
        #expect(failed.stderr.contains("were not signed"), "\(failed.stderr)")
        #expect(failed.stdout.contains("received 2,"), "B's key and its share were stored: \(failed.stdout)")
        // A bundle import tries again after what it stores, and says the same.
        let bundle = dir.appendingPathComponent("b.bundle").path
        #expect(try await parley(["bundle", "export", "--exchange", exchange, "-o", bundle] + b.flags).status == 0)
        let imported = try await parley(["bundle", "import", bundle] + a.flags)
        #expect(imported.status == 1, "\(imported.stdout)\(imported.stderr)")
        #expect(imported.stderr.contains("were not signed"), "\(imported.stderr)")
        #expect(imported.stdout.contains(": 0 new envelopes stored"), "\(imported.stdout)")
        #expect(try await parley(["sync"] + b.flags).status == 0)
        let sealed = try await parley(["list", "show", "--exchange", exchange, "--list", "request"] + b.flags)
        #expect(sealed.stdout.contains("R2") && !sealed.stdout.contains("Probko"), "B holds A's puts but no key to them: \(sealed.stdout)")

        try await replica.write { db in try db.execute(sql: "DROP TRIGGER refuse_own") }
        try replica.close()
        let retried = try await parley(["sync"] + a.flags)
        #expect(retried.status == 0, "\(retried.stderr)")
        #expect(retried.stdout.contains("sent 1"), "the share to B: \(retried.stdout)")
        #expect(try await parley(["sync"] + b.flags).stdout.contains("received 1,"))
        let opened = try await parley(["list", "show", "--exchange", exchange, "--list", "request"] + b.flags)
        #expect(opened.stdout.contains("Probko"), "\(opened.stdout)")
    }

    @Test func aServerShuttingDownAnswersItsLongPollsAtOnce() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (a, b, m) = try await helper.threeParties(in: dir)
        let exchange = try await helper.createExchange(by: a, with: b, mediator: m)
        let server = try await Server(data: dir.appendingPathComponent("server").path, admit: [a.publicKeyFile])
        #expect(try await parley(["sync", "--server", server.url] + a.flags).status == 0)
        #expect(try await parley(["sync", "--server", server.url, "--exchange", exchange] + b.flags).status == 0)
        // B waits in a long poll of up to the server's longest wait (60 s) on a SQLite store,
        // which the server re-reads every second while it waits.
        let watcher = try startWatcher(b, standardOutput: FileHandle.nullDevice, standardError: FileHandle.nullDevice)
        defer { if watcher.isRunning { watcher.terminate() } }
        try await Task.sleep(for: .seconds(3))
        let started = ContinuousClock.now
        let status = try await offThePool { server.stop() }
        #expect(status == 0)
        #expect(ContinuousClock.now - started < .seconds(20), "shutdown answers the long poll instead of waiting it out")
    }

    @Test func aServerWithNoAdmittedKeySaysSo() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let server = try await Server(data: dir.appendingPathComponent("server").path, admit: [])
        let status = server.stop()
        let log = String(decoding: server.stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(status == 0)
        #expect(log.contains("nobody can create an exchange"))
    }
}

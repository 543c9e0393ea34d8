import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// `parley ui` as a user starts it: the built binary, a real server, a real HTTP client on
/// loopback. All data is synthetic.
@Suite struct WorkspaceCommandTests {
    let helper = ReplicaCommandTests()

    @Test func syncEveryIsCheckedBeforeAnythingStarts() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (a, b, m) = try await helper.threeParties(in: dir)
        _ = try await helper.createExchange(by: a, with: b, mediator: m)
        let tooOften = try await parley(["ui", "--sync-every", "2"] + a.flags)
        #expect(tooOften.status != 0)
        #expect(tooOften.stderr.contains("--sync-every must be between 5 and 86400 seconds"), "\(tooOften.stderr)")
        let noServer = try await parley(["ui", "--sync-every", "10"] + a.flags)
        #expect(noServer.status != 0)
        #expect(noServer.stderr.contains("--sync-every needs a server"), "\(noServer.stderr)")
    }

    @Test func theWorkspaceSyncsByItselfAndAnOpenPageLearnsWhatArrived() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (a, b, m) = try await helper.threeParties(in: dir)
        let exchange = try await helper.createExchange(by: a, with: b, mediator: m)
        let server = try await SyncCommandTests.Server(data: dir.appendingPathComponent("server").path, admit: [a.publicKeyFile])
        defer { _ = server.stop() }
        let list = try write(ReplicaCommandTests.firstList, "request.csv", in: dir)
        #expect(try await parley(["list", "import", list, "--exchange", exchange, "--list", "request"] + a.flags).status == 0)
        #expect(try await parley(["sync", "--server", server.url] + a.flags).status == 0)
        let fetched = try await parley(["sync", "--server", server.url, "--exchange", exchange] + m.flags)
        #expect(fetched.status == 0, "\(fetched.stderr)")

        let ui = try await Workspace(arguments: ["ui", "--sync-every", "5"] + m.flags)
        defer { ui.stop() }
        let overview = try await ui.get("/")
        #expect(overview.body.contains("syncs by itself every 5 s"))
        let drawn = try #require(firstMatch(of: "<body data-state=\"([0-9a-f]{64})\">", in: overview.body))
        #expect(try await ui.get("/live").body.trimmingCharacters(in: .whitespacesAndNewlines) == drawn)

        // Side A opens a dispute and pushes it; nobody touches the mediator's workspace.
        let opened = try await parley(["dispute", "open", "--about", "A/request/R2", "--reason", "identity-conflict", "--note", "in doubt"] + a.flags)
        #expect(opened.status == 0, "\(opened.stderr)")
        #expect(try await parley(["sync"] + a.flags).status == 0)

        var live = drawn
        for _ in 0..<60 where live == drawn {
            try await Task.sleep(for: .milliseconds(500))
            live = try await ui.get("/live").body.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        #expect(live != drawn, "the workspace's own sync brought side A's dispute, and /live says the page is out of date")
        // One sync may move the state twice (it ingests, then signs what the party owes the
        // others), and the next round may come in between two reads: a page and the /live read
        // right after it agree once the state stands still.
        func drawnAndLive() async throws -> (page: String?, live: String, body: String) {
            let page = try await ui.get("/").body
            let live = try await ui.get("/live").body.trimmingCharacters(in: .whitespacesAndNewlines)
            return (firstMatch(of: "<body data-state=\"([0-9a-f]{64})\">", in: page), live, page)
        }
        // The state moves when the sync stores what it pulled; the sync's outcome is recorded
        // when the whole round ends (it may still push and check checkpoints), so a page drawn in
        // between has no "last sync" yet: wait for both.
        var after = try await drawnAndLive()
        for _ in 0..<60 where after.page != after.live || !after.body.contains("Last sync from this workspace") {
            try await Task.sleep(for: .milliseconds(250))
            after = try await drawnAndLive()
        }
        #expect(after.page == after.live, "a page is drawn from the state /live reports")
        #expect(after.page != drawn)
        #expect(after.body.contains("Last sync from this workspace"))
        #expect(firstMatch(of: "received ([0-9]+), sent", in: after.body) != nil, "the page reports the workspace's last sync")
        let queue = try await ui.get("/queue?kind=disputed&show=all")
        #expect(queue.body.contains("R2"), "the disputed entry is in the mediator's queue")
    }

    /// A running `parley ui`, logged in with the token it printed.
    final class Workspace: @unchecked Sendable {
        let process = Process()
        let port: Int
        private(set) var cookie = ""

        init(arguments: [String]) async throws {
            port = try SyncCommandTests.Server.freePort()
            process.executableURL = productsDirectory.appendingPathComponent("parley")
            process.arguments = arguments + ["--port", String(port)]
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            let handle = out.fileHandleForReading
            let printed = try await offThePool { () -> String in
                var text = ""
                while !text.contains("Ctrl-C") {
                    let data = handle.availableData
                    if data.isEmpty { break }
                    text += String(decoding: data, as: UTF8.self)
                }
                return text
            }
            let token = try #require(firstMatch(of: "/\\?token=([0-9a-f]+)", in: printed), "parley ui printed: \(printed)")
            let login = try await get("/?token=\(token)")
            try #require(login.status == 303, "the token is exchanged for a session")
            cookie = try #require(login.headers.first { $0.lowercased().hasPrefix("set-cookie:") }.map {
                String($0.dropFirst("set-cookie:".count).drop { $0 == " " }.prefix { $0 != ";" })
            })
        }

        /// Sends SIGTERM and waits.
        func stop() {
            process.terminate()
            process.waitUntilExit()
        }

        /// A GET with the session, over a connection of its own (HTTP/1.1, closed after).
        func get(_ path: String) async throws -> (status: Int, headers: [String], body: String) {
            let request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n"
                + (cookie.isEmpty ? "" : "Cookie: \(cookie)\r\n") + "Connection: close\r\n\r\n"
            let port = port
            let answer = try await offThePool { try Self.exchange(request, port: port) }
            guard let split = answer.range(of: "\r\n\r\n") else { throw CocoaError(.fileReadCorruptFile) }
            let head = answer[..<split.lowerBound].components(separatedBy: "\r\n")
            let status = Int(head.first?.split(separator: " ").dropFirst().first ?? "") ?? 0
            return (status, Array(head.dropFirst()), String(answer[split.upperBound...]))
        }

        /// Writes `request` to 127.0.0.1:`port` and reads the answer to the end.
        private static func exchange(_ request: String, port: Int) throws -> String {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { throw CocoaError(.fileWriteUnknown) }
            defer { close(fd) }
            var timeout = timeval(tv_sec: 30, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = UInt16(port).bigEndian
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard connected == 0 else { throw CocoaError(.fileReadNoSuchFile) }
            let bytes = Array(request.utf8)
            guard bytes.withUnsafeBytes({ send(fd, $0.baseAddress, $0.count, 0) }) == bytes.count else {
                throw CocoaError(.fileWriteUnknown)
            }
            var answer: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                if count <= 0 { break }
                answer += buffer[0..<count]
            }
            return String(decoding: answer, as: UTF8.self)
        }
    }
}

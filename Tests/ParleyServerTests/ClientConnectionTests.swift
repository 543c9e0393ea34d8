#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Hummingbird
import HummingbirdTesting
import ParleySync
import ParleyWire
import Synchronization
import Testing

/// How the sync client treats a server it cannot talk to: a server that is down is reported at
/// once, not after a deadline of retries, and a redirect is not followed (a signed request goes
/// only to the server it was signed for).
@Suite struct ClientConnectionTests {
    typealias F = ServerFixture

    /// A port on 127.0.0.1 that nothing listens on: bound, read, closed.
    static func closedPort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.EIO) }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard bound else { throw POSIXError(.EADDRINUSE) }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    @Test func aServerThatIsDownIsReportedAtOnce() async throws {
        let url = "http://127.0.0.1:\(try Self.closedPort())"
        let started = ContinuousClock.now
        let error = await #expect(throws: SyncError.self) { try await SyncClient(server: url, key: F.mediator).serverInfo() }
        #expect(error?.code == .unreachable)
        #expect(error?.message == "cannot reach \(url) (connection refused)", "\(error?.message ?? "")")
        // The shared HTTP client retried a refused connection until its 90 s deadline.
        #expect(ContinuousClock.now - started < .seconds(30))
        // A host name goes through another connector, with the same words.
        let named = "http://localhost:\(try Self.closedPort())"
        let byName = await #expect(throws: SyncError.self) { try await SyncClient(server: named, key: F.mediator).serverInfo() }
        #expect(byName?.message == "cannot reach \(named) (connection refused)", "\(byName?.message ?? "")")
    }

    @Test func aRedirectIsNotFollowed() async throws {
        let followed = Atomic(0)
        let router = Router()
        router.get("/v1/server") { _, _ in
            Response(status: .temporaryRedirect, headers: [.location: "/elsewhere"])
        }
        router.get("/elsewhere") { _, _ -> Response in
            followed.add(1, ordering: .relaxed)
            return Response(status: .ok)
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let url = "http://127.0.0.1:\(client.port!)"
            let error = await #expect(throws: SyncError.self) { try await SyncClient(server: url, key: F.mediator).serverInfo() }
            #expect(error?.refusal == WireErrorCode(rawValue: "http_307"))
            #expect(error?.message.contains("points to /elsewhere, which is not followed") == true, "\(error?.message ?? "")")
            #expect(followed.load(ordering: .relaxed) == 0)
        }
    }
}

import AsyncHTTPClient
import Foundation
import NIOSSL
import Hummingbird
import HummingbirdTesting
import ParleyCrypto
import ParleyLog
import ParleyServer
import ParleySync
import ParleyWire
import Testing

/// `parley serve --tls-cert --tls-key` on loopback, with a throwaway CA made by the system
/// `openssl`: the client verifies the certificate against the CA it is given, and refuses a
/// server its trust roots do not vouch for.
@Suite struct TLSTests {
    typealias F = ServerFixture

    /// A CA, and a certificate for 127.0.0.1 it issued, in a fresh folder.
    struct ThrowawayPKI {
        let folder: URL
        var caFile: String { folder.appendingPathComponent("ca.pem").path }
        var otherCAFile: String { folder.appendingPathComponent("other-ca.pem").path }
        var files: TLSFiles {
            TLSFiles(certificatePath: folder.appendingPathComponent("server.pem").path, keyPath: folder.appendingPathComponent("server.key").path)
        }

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-tls-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try """
            subjectAltName=IP:127.0.0.1,DNS:localhost
            basicConstraints=critical,CA:FALSE
            keyUsage=critical,digitalSignature
            extendedKeyUsage=serverAuth
            """.write(to: folder.appendingPathComponent("server.ext"), atomically: true, encoding: .utf8)
            let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"]
            for ca in ["ca", "other-ca"] {
                try Self.openssl(["req", "-x509"] + ec + ["-days", "1", "-subj", "/CN=Parley throwaway \(ca)",
                    "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
                    "-keyout", "\(ca).key", "-out", "\(ca).pem"], in: folder)
            }
            try Self.openssl(["req"] + ec + ["-subj", "/CN=127.0.0.1", "-keyout", "server.key", "-out", "server.csr"], in: folder)
            try Self.openssl(["x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-days", "1", "-extfile", "server.ext", "-out", "server.pem"], in: folder)
        }

        static func openssl(_ arguments: [String], in folder: URL) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["openssl"] + arguments
            process.currentDirectoryURL = folder
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { throw POSIXError(.EIO) }
        }

        func remove() {
            try? FileManager.default.removeItem(at: folder)
        }
    }

    @Test func aClientTrustingTheCASyncsOverTLS() async throws {
        let pki = try ThrowawayPKI()
        defer { pki.remove() }
        try await LiveServer.application(tls: pki.files).test(.live) { client in
            let url = "https://127.0.0.1:\(client.port!)"
            let http = try SyncClient.httpClient(trusting: pki.caFile)
            do {
                let trusting = SyncClient(server: url, key: F.headquartersA, http: http)
                let info = try await trusting.serverInfo()
                #expect(info.key == F.serverKey.publicKey)
                let (genesis, signer) = F.genesis()
                #expect(try await trusting.register(genesis: genesis))
                let heads = try await trusting.heads(of: signer.exchange)
                #expect(heads.size == 1)
            } catch {
                try await http.shutdown()
                throw error
            }
            try await http.shutdown()
        }
    }

    @Test func aServerTheTrustRootsDoNotVouchForIsRefused() async throws {
        let pki = try ThrowawayPKI()
        defer { pki.remove() }
        try await LiveServer.application(tls: pki.files).test(.live) { client in
            let url = "https://127.0.0.1:\(client.port!)"
            // The system's roots do not know the throwaway CA (a client that does not retry a
            // failed connection, as HTTPClient.shared does until its deadline).
            var configuration = HTTPClient.Configuration(tlsConfiguration: .makeClientConfiguration())
            configuration.connectionPool.retryConnectionEstablishment = false
            let system = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
            await #expect(throws: SyncError.self) {
                try await SyncClient(server: url, key: F.headquartersA, http: system).serverInfo()
            }
            // Nor does another CA.
            let other = try SyncClient.httpClient(trusting: pki.otherCAFile)
            await #expect(throws: SyncError.self) {
                try await SyncClient(server: url, key: F.headquartersA, http: other).serverInfo()
            }
            try await other.shutdown()
            // Plain HTTP to the TLS port gets no answer it could mistake for the server's.
            await #expect(throws: SyncError.self) {
                try await SyncClient(server: "http://127.0.0.1:\(client.port!)", key: F.headquartersA, http: system).serverInfo()
            }
            try await system.shutdown()
        }
    }

    @Test func unreadableCertificateFilesAreRefusedAtStart() throws {
        let missing = TLSFiles(certificatePath: "/nonexistent/cert.pem", keyPath: "/nonexistent/key.pem")
        #expect(throws: ServerError.self) {
            _ = try LiveServer.application(tls: missing)
        }
        #expect(throws: SyncError.self) {
            _ = try SyncClient.httpClient(trusting: "/nonexistent/ca.pem")
        }
    }
}

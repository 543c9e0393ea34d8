import Foundation
import Testing

/// `parley serve --tls-cert --tls-key` and `parley sync --ca-file`, end to end, with a throwaway
/// CA that the system `openssl` makes for the test.
@Suite struct TLSCommandTests {
    let helper = ReplicaCommandTests()

    /// Makes ca.pem, and server.pem / server.key for 127.0.0.1 signed by it, in `directory`.
    func makeCertificates(in directory: URL) throws {
        let script = """
            set -e
            printf 'subjectAltName=IP:127.0.0.1\\nbasicConstraints=critical,CA:FALSE\\nextendedKeyUsage=serverAuth\\n' > server.ext
            openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj '/CN=Parley test CA' \
                -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign -keyout ca.key -out ca.pem
            openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=127.0.0.1 -keyout server.key -out server.csr
            openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 1 -extfile server.ext -out server.pem
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    @Test func aPartySyncsOverHTTPSTrustingTheGivenCA() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try makeCertificates(in: dir)
        let a = try await helper.makeParty("a", in: dir)
        let exchange = try await helper.createExchange(by: a, ["\(a.publicKeyFile):headquarters:A"])
        let tls = ["--tls-cert", dir.appendingPathComponent("server.pem").path, "--tls-key", dir.appendingPathComponent("server.key").path]
        let server = try await SyncCommandTests.Server(data: dir.appendingPathComponent("server").path, admit: [a.publicKeyFile], extra: tls, scheme: "https")
        defer { _ = server.stop() }

        // A trust root that did not issue the server's certificate (here: the certificate
        // itself, which is no CA): refused, nothing sent.
        let untrusted = try await parley(["sync", "--server", server.url, "--exchange", exchange,
                                    "--ca-file", dir.appendingPathComponent("server.pem").path] + a.flags)
        #expect(untrusted.status != 0)
        #expect(!untrusted.stdout.contains("sent"))

        let trusted = try await parley(["sync", "--server", server.url, "--exchange", exchange, "--ca-file", dir.appendingPathComponent("ca.pem").path] + a.flags)
        #expect(trusted.status == 0, "\(trusted.stderr)")
        #expect(trusted.stdout.contains("registered the exchange"))
    }

    @Test func tlsFlagsGoTogetherAndBadFilesAreOneLineErrors() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let alone = try await parley(["serve", "--data", dir.path, "--tls-cert", "/nonexistent.pem"])
        #expect(alone.status != 0)
        #expect(alone.stderr.contains("--tls-cert and --tls-key go together"))
        let missing = try await parley(["serve", "--data", dir.path, "--port", "0", "--tls-cert", "/nonexistent/c.pem", "--tls-key", "/nonexistent/k.pem"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("/nonexistent/c.pem"))
    }
}

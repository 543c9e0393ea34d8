import ArgumentParser
internal import Foundation
import Hummingbird
import Logging
import ParleyCrypto
import ParleyLog
import ParleyServer
import ParleyStore
import ParleySync

extension Parley {
    /// `parley serve`: runs the sync server until SIGTERM or SIGINT.
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the sync server, which stores and relays the parties' signed envelopes.",
            discussion: """
            The server verifies every envelope it is given and every request's signature, and signs \
            checkpoints of each exchange's log with its own key (DIR/server-key.pem, made on first \
            start). It stores exchanges in DIR/server.sqlite, or in PostgreSQL with --database. With \
            --tls-cert and --tls-key it serves HTTPS itself; otherwise it speaks plain HTTP: put it \
            behind a TLS front (see deploy/) or on a private network. Each key has a request budget \
            and slow or idle connections are closed (protocol/PROTOCOL.md, "Budgets"). SIGTERM or \
            SIGINT stop it gracefully.
            """
        )

        @Option(help: ArgumentHelp("The server's folder: its key, and its SQLite store unless --database is given.", valueName: "DIR"))
        var data: String

        @Option(help: ArgumentHelp("A PostgreSQL URL (postgres://user:password@host:port/database) to store exchanges in instead of SQLite.", valueName: "URL"))
        var database: String?

        @Option(help: "The address to listen on.")
        var host: String = "127.0.0.1"

        @Option(help: "The port to listen on.")
        var port: Int = ServerConfiguration.defaultPort

        @Option(parsing: .singleValue, help: ArgumentHelp("A public key file (from `parley key export-public`) allowed to create exchanges; repeat for several.", valueName: "PUBLIC_KEY_FILE"))
        var admit: [String] = []

        @Option(help: ArgumentHelp("A folder whose *.pem public keys are all admitted, as with --admit.", valueName: "DIR"))
        var admitDir: String?

        @Option(help: ArgumentHelp("Log level: trace, debug, info, notice, warning, error.", valueName: "LEVEL"))
        var logLevel: String = "info"

        @Option(help: ArgumentHelp("Serve HTTPS with this certificate chain (PEM, leaf first); needs --tls-key.", valueName: "FILE"))
        var tlsCert: String?

        @Option(help: ArgumentHelp("The private key (PEM) of --tls-cert.", valueName: "FILE"))
        var tlsKey: String?

        @Option(help: ArgumentHelp("Close a connection that sends nothing for this many seconds (also the header timeout).", valueName: "SECONDS"))
        var idleTimeout: Int = 30

        @Option(help: ArgumentHelp("Refuse a request whose body takes longer than this many seconds to arrive.", valueName: "SECONDS"))
        var bodyTimeout: Int = 120

        @Option(help: ArgumentHelp("The most connections open at once; keep it below the descriptor limit (ulimit -n).", valueName: "N"))
        var maxConnections: Int = ConnectionLimits().maxConnections

        @Flag(name: .customLong("rotate-key"), help: ArgumentHelp(
            "Hand the server over to a new checkpoint key before serving: both keys sign the handover, which the server publishes so that parties that pinned the old key follow it; the old private key is destroyed."
        ))
        var rotateKey = false

        func validate() throws {
            guard (0...65_535).contains(port) else { throw ValidationFailure("--port must be between 0 and 65535") }
            guard (tlsCert == nil) == (tlsKey == nil) else { throw ValidationFailure("--tls-cert and --tls-key go together") }
            guard (1...3_600).contains(idleTimeout), (1...3_600).contains(bodyTimeout) else {
                throw ValidationFailure("--idle-timeout and --body-timeout must be between 1 and 3600 seconds")
            }
            guard maxConnections >= 1 else { throw ValidationFailure("--max-connections must be at least 1") }
            guard Logger.Level(rawValue: logLevel) != nil else {
                throw ValidationFailure("--log-level must be one of trace, debug, info, notice, warning, error, critical")
            }
        }

        func run() async throws {
            try Files.createFolder(data)
            let folder = ServerKeyFolder(path: data)
            let (key, handovers): (SigningKey, [ServerHandover])
            do {
                let before = try folder.load()
                if rotateKey {
                    (key, handovers) = try folder.rotate(at: Timestamp.now())
                    Terminal.write(
                        "server key handed over from \(Fingerprint(before.key.publicKey.keyID)) to \(Fingerprint(key.publicKey.keyID)); "
                            + "parties that pinned the old key follow the signed handover at their next sync\n"
                    )
                } else {
                    (key, handovers) = before
                }
            } catch {
                throw ValidationFailure(error.message)
            }
            var paths = admit
            if let admitDir {
                guard let names = try? FileManager.default.contentsOfDirectory(atPath: admitDir) else {
                    throw ValidationFailure("--admit-dir \(admitDir): no such folder, or it cannot be read")
                }
                paths += names.filter { $0.hasSuffix(".pem") }.sorted().map { admitDir + "/" + $0 }
            }
            let admitted = try paths.map { path throws -> PublicKey in
                let text = String(decoding: try Files.read(path), as: UTF8.self)
                do {
                    return try PublicKey(pem: text)
                } catch {
                    throw ValidationFailure("\(path): not a public key in PEM (make one with `parley key export-public`)")
                }
            }
            var logger = Logger(label: "parley.server")
            logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
            let store: any ServerStore
            if let database {
                store = try await PostgresServerStore.connect(url: database, logger: logger)
            } else {
                store = try SQLiteServerStore.open(path: data + "/server.sqlite")
            }
            var connections = ConnectionLimits()
            connections.idleTimeout = .seconds(idleTimeout)
            connections.bodyTimeout = .seconds(bodyTimeout)
            connections.maxConnections = maxConnections
            let tls = tlsCert.flatMap { cert in tlsKey.map { TLSFiles(certificatePath: cert, keyPath: $0) } }
            let configuration = ServerConfiguration(host: host, port: port, admitted: admitted, connections: connections, tls: tls)
            let app: any ApplicationProtocol
            do {
                app = try buildApplication(configuration: configuration, store: store, key: key, logger: logger, handovers: handovers)
            } catch {
                await store.shutdown()
                throw ValidationFailure((error as? ServerError)?.message ?? "\(error)")
            }
            logger.notice("parley serve", metadata: [
                "address": "\(tls == nil ? "http" : "https")://\(host):\(port)", "store": .string(database == nil ? "sqlite" : "postgres"),
                "server_key": .string(Fingerprint(key.publicKey.keyID).description),
                "admitted": .stringConvertible(admitted.count),
            ])
            do {
                try await app.runService()
            } catch {
                await store.shutdown()
                throw error
            }
            await store.shutdown()
        }
    }
}

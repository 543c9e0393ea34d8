public import Hummingbird
public import Logging
public import ParleyCrypto
public import ParleyLog
public import ParleyStore
import ServiceLifecycle
import NIOCore
import HummingbirdTLS
import HummingbirdCore
public import Foundation

/// Builds the sync server: routes, request authentication, and a service that releases long
/// polls when the server shuts down.
///
/// The caller runs it (`try await app.runService()`), then shuts the store down.
///
/// - Parameters:
///   - configuration: Where to listen, whom to admit, the limits.
///   - store: Where the exchanges are kept.
///   - key: The server's own key, which signs checkpoints.
///   - logger: Where the server logs; it never logs record contents.
///   - clock: The server's clock in seconds since 1970 (tests inject one).
///   - onListening: Called once the server listens, with its port (the one the system chose
///     when the configuration asks for port 0).
///   - handovers: The signed handovers from the server's earlier keys to `key`, oldest first
///     (``ServerKeyFolder``), published so that parties that pinned an earlier key follow.
///   - gossip: Where handed checkpoints wait to be relayed (tests share one between two servers).
/// - Returns: The application.
/// - Throws: ``ServerError`` `internal` when the TLS certificate or key cannot be read.
public func buildApplication(
    configuration: ServerConfiguration, store: any ServerStore, key: SigningKey, logger: Logger,
    clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) },
    handovers: [ServerHandover] = [],
    gossip: GossipBoard = GossipBoard(),
    onListening: @escaping @Sendable (_ port: Int) async -> Void = { _ in }
) throws -> some ApplicationProtocol {
    let logs = ExchangeLogs(store: store, key: key, clock: clock, logger: logger)
    let admitted = Dictionary(configuration.admitted.map { ($0.keyID, $0) }, uniquingKeysWith: { first, _ in first })
    let router = Router(context: ParleyRequestContext.self)
    router.add(middleware: RequestLogger())
    router.add(middleware: RequestAuthenticator(admitted: admitted, logs: logs, configuration: configuration, clock: clock))
    EndpointRoutes(
        info: ServerInfoController(key: key.publicKey, limits: configuration.limits, handovers: handovers),
        exchanges: ExchangesController(logs: logs, admitted: admitted),
        log: LogController(logs: logs, store: store, configuration: configuration),
        gossip: GossipController(logs: logs, key: key, board: gossip, clock: clock)
    ).register(on: router)

    let gate = ConnectionGate(limit: configuration.connections.maxConnectionsPerAddress)
    let http1 = HTTP1Channel.Configuration(
        additionalChannelHandlers: [gate.handler(), CloseAfterResponse()],
        idleTimeout: TimeAmount(configuration.connections.idleTimeout)
    )
    var server = HTTPServerBuilder.http1(configuration: http1)
    if let tls = configuration.tls {
        server = try .tls(server, tlsConfiguration: tls.serverConfiguration())
    }
    var app = Application(
        router: router,
        server: server,
        configuration: .init(
            address: .hostname(configuration.host, port: configuration.port), serverName: "parley",
            availableConnectionsDelegate: .maximum(configuration.connections.maxConnections, logger: logger)
        ),
        onServerRunning: { channel in await onListening(channel.localAddress?.port ?? configuration.port) },
        logger: logger
    )
    app.addServices(LongPollRelease(logs: logs))
    if store.announcesAppends {
        app.addServices(AppendWatch(store: store, logs: logs, logger: logger))
    }
    if admitted.isEmpty {
        logger.warning("no key is admitted (--admit): nobody can create an exchange on this server")
    }
    return app
}

/// Releases every long poll when graceful shutdown begins, so that shutdown does not wait for
/// them to time out.
struct LongPollRelease: Service {
    let logs: ExchangeLogs

    func run() async throws {
        try? await gracefulShutdown()
        await logs.releaseAll()
    }
}

/// Listens for the appends and exchanges the store announces, made by this process or another
/// on the same database, so that long polls wake for them and new exchanges' keys are known.
/// When the listening connection fails it catches up on every loaded log and listens again.
struct AppendWatch: Service {
    let store: any ServerStore
    let logs: ExchangeLogs
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await store.watchAppends { exchange in await logs.appended(exchange) }
                } catch {
                    guard !Task.isCancelled else { return }
                    logger.warning("listening for appends failed; listening again in 1 s", metadata: ["error": .string("\(error)")])
                }
                try? await Task.sleep(for: .seconds(1))
                await logs.catchUpAll()
            }
        }
    }
}

/// Logs each request's method, route, status and time, never its body.
struct RequestLogger: RouterMiddleware {
    typealias Context = ParleyRequestContext

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            log(request, context, status: response.status.code, since: start)
            return response
        } catch let error as any HTTPResponseError {
            log(request, context, status: error.status.code, since: start)
            throw error
        } catch {
            log(request, context, status: 500, since: start)
            throw error
        }
    }

    private func log(_ request: Request, _ context: Context, status: Int, since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1_000
        context.logger.info("request", metadata: [
            "method": .string(request.method.rawValue),
            "route": .string(context.endpointPath ?? "unmatched"),
            "status": .stringConvertible(status),
            "ms": .stringConvertible((milliseconds * 10).rounded() / 10),
        ])
    }
}

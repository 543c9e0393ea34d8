import Foundation
import Hummingbird
import Logging
import ParleyCrypto
import ParleyServer
import ParleyStore

/// A server on 127.0.0.1 with a configuration a test chooses (budgets, timeouts, limits).
enum LiveServer {
    /// The application, admitting side A's headquarters, on a free port, with the real clock.
    static func application(
        budgets: RequestBudgetLimits = RequestBudgetLimits(), connections: ConnectionLimits = ConnectionLimits(),
        limits: ServerLimits = ServerLimits(), store: any ServerStore = InMemoryServerStore(), tls: TLSFiles? = nil,
        replayWindow: Duration = .seconds(300), longestWait: Duration = .seconds(5)
    ) throws -> some ApplicationProtocol {
        var logger = Logger(label: "parley.server.test")
        logger.logLevel = .critical
        let configuration = ServerConfiguration(
            port: 0, admitted: [ServerFixture.headquartersA.publicKey], limits: limits, replayWindow: replayWindow,
            longestWait: longestWait,
            budgets: budgets, connections: connections, tls: tls
        )
        return try buildApplication(configuration: configuration, store: store, key: ServerFixture.serverKey, logger: logger)
    }

    /// Now, in seconds since 1970.
    static var now: Int64 { Int64(Date().timeIntervalSince1970) }
}

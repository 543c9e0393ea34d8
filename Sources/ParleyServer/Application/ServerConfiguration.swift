public import ParleyCrypto

/// How a sync server runs: where it listens, whom it admits, and its limits.
public struct ServerConfiguration: Sendable {
    /// The port the README names: 7470.
    public static let defaultPort = 7470

    /// The address to bind; `127.0.0.1` unless told otherwise.
    public var host: String
    /// The port to bind; `0` picks a free one (tests).
    public var port: Int
    /// The keys allowed to create exchanges. With none, nobody can create one.
    public var admitted: [PublicKey]
    /// Size limits on requests and batches.
    public var limits: ServerLimits
    /// How far a request's `created` time may be from the server's clock, either way.
    public var replayWindow: Duration
    /// The longest a long poll (`wait`) may hold a request.
    public var longestWait: Duration
    /// How much each key, and each address that does not authenticate, may ask of the server.
    public var budgets: RequestBudgetLimits
    /// Connection counts and the timeouts that close slow or idle connections.
    public var connections: ConnectionLimits
    /// The certificate and key to serve HTTPS with; plain HTTP when `nil`.
    public var tls: TLSFiles?

    /// Describes a server's configuration.
    public init(
        host: String = "127.0.0.1", port: Int = ServerConfiguration.defaultPort, admitted: [PublicKey] = [],
        limits: ServerLimits = ServerLimits(), replayWindow: Duration = .seconds(300),
        longestWait: Duration = .seconds(60), budgets: RequestBudgetLimits = RequestBudgetLimits(),
        connections: ConnectionLimits = ConnectionLimits(), tls: TLSFiles? = nil
    ) {
        self.host = host
        self.port = port
        self.admitted = admitted
        self.limits = limits
        self.replayWindow = replayWindow
        self.longestWait = longestWait
        self.budgets = budgets
        self.connections = connections
        self.tls = tls
    }
}

/// The sizes past which a server refuses a request with `413 too_large`.
public struct ServerLimits: Sendable, Hashable {
    /// The largest request body, in bytes.
    public var maxBodyBytes: Int
    /// The largest single envelope, in bytes of its wire form.
    public var maxEnvelopeBytes: Int
    /// The most envelopes in one push.
    public var maxBatch: Int

    /// Describes the limits; the defaults suit lists of tens of thousands of people.
    public init(maxBodyBytes: Int = 32 << 20, maxEnvelopeBytes: Int = 256 << 10, maxBatch: Int = 10_000) {
        self.maxBodyBytes = maxBodyBytes
        self.maxEnvelopeBytes = maxEnvelopeBytes
        self.maxBatch = maxBatch
    }
}

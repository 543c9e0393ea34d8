/// How many connections a server keeps, and how long it waits for a slow or silent peer.
public struct ConnectionLimits: Sendable, Hashable {
    /// Connections open at once; past it the server stops accepting until one closes. Keep it
    /// well below the process's descriptor limit (`LimitNOFILE` in `deploy/parley-server.service`).
    public var maxConnections: Int
    /// Connections open at once from one address (behind a proxy, every peer shares its address).
    public var maxConnectionsPerAddress: Int
    /// A connection that sends nothing for this long — no complete header section of a request,
    /// no body bytes, no next request after a response — is closed.
    public var idleTimeout: Duration
    /// The longest a request body may take to arrive, from the end of its header section; past it
    /// the request is refused with `408 request_timeout` and the connection closed.
    public var bodyTimeout: Duration

    /// Limits for a server with a descriptor limit of 65,536.
    public init(
        maxConnections: Int = 4_096, maxConnectionsPerAddress: Int = 256, idleTimeout: Duration = .seconds(30),
        bodyTimeout: Duration = .seconds(120)
    ) {
        self.maxConnections = maxConnections
        self.maxConnectionsPerAddress = maxConnectionsPerAddress
        self.idleTimeout = idleTimeout
        self.bodyTimeout = bodyTimeout
    }
}

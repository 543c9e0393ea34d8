public import ParleyLog

/// The protocol's endpoints (version 1): each one's method, path and query parameters, the one
/// list of them. The server routes and checks the shape of requests from it; the client builds its
/// request targets from it; `protocol/openapi.yaml` lists the same (a test compares them).
public enum WireEndpoint: String, CaseIterable, Hashable, Sendable {
    /// `GET /v1/server`: the server's key and limits (the one unsigned request).
    case server
    /// `POST /v1/exchanges`: registers an exchange by its genesis.
    case register
    /// `GET /v1/exchanges/{exchange}/heads`.
    case heads
    /// `POST /v1/exchanges/{exchange}/envelopes[?checkpoint=M]`: a push.
    case push
    /// `POST /v1/exchanges/{exchange}/pull`.
    case pull
    /// `GET /v1/exchanges/{exchange}/wait?size=N&timeout=S`: a long poll.
    case wait
    /// `GET /v1/exchanges/{exchange}/checkpoint[?from=M]`.
    case checkpoint
    /// `POST /v1/exchanges/{exchange}/gossip`: checkpoint gossip.
    case gossip

    /// The path segment that stands for the exchange id in ``pathSegments``.
    public static let exchangeSegment = "{exchange}"

    /// The HTTP method: `GET` or `POST`.
    public var method: String {
        switch self {
        case .server, .heads, .wait, .checkpoint: "GET"
        case .register, .push, .pull, .gossip: "POST"
        }
    }

    /// The path's segments after `/v1`, ``exchangeSegment`` where the exchange id goes.
    public var pathSegments: [String] {
        switch self {
        case .server: ["server"]
        case .register: ["exchanges"]
        case .heads: ["exchanges", Self.exchangeSegment, "heads"]
        case .push: ["exchanges", Self.exchangeSegment, "envelopes"]
        case .pull: ["exchanges", Self.exchangeSegment, "pull"]
        case .wait: ["exchanges", Self.exchangeSegment, "wait"]
        case .checkpoint: ["exchanges", Self.exchangeSegment, "checkpoint"]
        case .gossip: ["exchanges", Self.exchangeSegment, "gossip"]
        }
    }

    /// The query parameters the endpoint takes, each at most once; any other is refused.
    public var query: Set<String> {
        switch self {
        case .push: ["checkpoint"]
        case .wait: ["size", "timeout"]
        case .checkpoint: ["from"]
        case .server, .register, .heads, .pull, .gossip: []
        }
    }

    /// Whether the path names an exchange.
    public var isPerExchange: Bool { pathSegments.contains(Self.exchangeSegment) }

    /// The path as the protocol writes it, e.g. `/v1/exchanges/{exchange}/heads`.
    public var pattern: String { "/v1/" + pathSegments.joined(separator: "/") }

    /// The request target: the path with the exchange's id, then the query in the order given.
    ///
    /// - Parameters:
    ///   - exchange: The exchange, for the endpoints under `/v1/exchanges/{exchange}`.
    ///   - query: Query parameters and their values (decimal integers in this protocol).
    /// - Returns: E.g. `/v1/exchanges/<id>/wait?size=7&timeout=60`.
    public func target(exchange: ExchangeID? = nil, query: [(String, Int)] = []) -> String {
        let path = pathSegments.map { $0 == Self.exchangeSegment ? exchange?.hex ?? $0 : $0 }
        var target = "/v1/" + path.joined(separator: "/")
        if !query.isEmpty {
            target += "?" + query.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
        }
        return target
    }

    /// The endpoint a request's method and path name, or why none does.
    ///
    /// - Parameters:
    ///   - method: The request's method.
    ///   - path: The path without the query.
    /// - Returns: The endpoint; `.wrongMethod` with the methods the path takes; `.unknownPath`.
    public static func match(method: String, path: String) -> Match {
        var segments = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard segments.first == "", segments.count >= 2, segments[1] == "v1" else { return .unknownPath }
        segments.removeFirst(2)
        let matching = allCases.filter { endpoint in
            endpoint.pathSegments.count == segments.count
                && zip(endpoint.pathSegments, segments).allSatisfy { pattern, segment in
                    pattern == exchangeSegment ? !segment.isEmpty : pattern == segment
                }
        }
        guard !matching.isEmpty else { return .unknownPath }
        guard let endpoint = matching.first(where: { $0.method == method }) else {
            return .wrongMethod(allowed: matching.map(\.method))
        }
        return .endpoint(endpoint)
    }

    /// What ``match(method:path:)`` found.
    public enum Match: Hashable, Sendable {
        /// The endpoint.
        case endpoint(WireEndpoint)
        /// The path is an endpoint's, the method is not (the methods it takes).
        case wrongMethod(allowed: [String])
        /// No endpoint has the path.
        case unknownPath
    }
}

import HTTPTypes
import ParleyWire

/// The protocol's endpoints, method, path and query parameters: a request of any other shape is
/// refused before anything else is read (`405 method_not_allowed`, `404 not_found`,
/// `400 malformed_request` for a query parameter the endpoint does not take or takes once).
enum RequestShape {
    /// One endpoint: its method, its path segments after `/v1` (`{exchange}` for the id), and
    /// the query parameters it takes.
    struct Endpoint: Sendable {
        let method: HTTPRequest.Method
        let path: [String]
        let query: Set<String>
    }

    static let exchange = "{exchange}"

    /// Every endpoint of protocol version 1.
    static let endpoints: [Endpoint] = [
        Endpoint(method: .get, path: ["server"], query: []),
        Endpoint(method: .post, path: ["exchanges"], query: []),
        Endpoint(method: .get, path: ["exchanges", exchange, "heads"], query: []),
        Endpoint(method: .post, path: ["exchanges", exchange, "envelopes"], query: ["checkpoint"]),
        Endpoint(method: .post, path: ["exchanges", exchange, "pull"], query: []),
        Endpoint(method: .get, path: ["exchanges", exchange, "wait"], query: ["size", "timeout"]),
        Endpoint(method: .get, path: ["exchanges", exchange, "checkpoint"], query: ["from"]),
        Endpoint(method: .post, path: ["exchanges", exchange, "gossip"], query: []),
    ]

    /// Checks a request's method, path and query names.
    ///
    /// - Parameters:
    ///   - method: The request's method.
    ///   - path: The path without the query.
    ///   - query: The raw query (after `?`), if any.
    /// - Returns: The endpoint.
    /// - Throws: ``ServerError`` `method_not_allowed` (with `Allow`), `not_found` or
    ///   `malformed_request`.
    static func endpoint(method: HTTPRequest.Method, path: String, query: String?) throws(ServerError) -> Endpoint {
        var segments = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard segments.first == "", segments.count >= 2, segments[1] == "v1" else {
            if method != .get, method != .post { throw notAllowed(["GET", "POST"]) }
            throw notFound()
        }
        segments.removeFirst(2)
        let matching = endpoints.filter { endpoint in
            endpoint.path.count == segments.count
                && zip(endpoint.path, segments).allSatisfy { pattern, segment in
                    pattern == exchange ? !segment.isEmpty : pattern == segment
                }
        }
        guard !matching.isEmpty else {
            if method != .get, method != .post { throw notAllowed(["GET", "POST"]) }
            throw notFound()
        }
        guard let endpoint = matching.first(where: { $0.method == method }) else {
            throw notAllowed(matching.map(\.method.rawValue))
        }
        var seen: Set<String> = []
        for pair in (query ?? "").split(separator: "&", omittingEmptySubsequences: false) where !(query ?? "").isEmpty {
            let name = String(pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)[0])
            guard endpoint.query.contains(name) else {
                let taken = endpoint.query.sorted().map { "`\($0)`" }.joined(separator: ", ")
                throw ServerError(.malformedRequest, endpoint.query.isEmpty
                    ? "this endpoint takes no query parameters" : "this endpoint takes only the query parameters \(taken)")
            }
            guard seen.insert(name).inserted else {
                throw ServerError(.malformedRequest, "a query parameter is given twice")
            }
        }
        return endpoint
    }

    private static func notFound() -> ServerError {
        ServerError(.notFound, "no such endpoint; the protocol's endpoints are under /v1")
    }

    private static func notAllowed(_ methods: [String]) -> ServerError {
        var headers = HTTPFields()
        headers[.allow] = methods.joined(separator: ", ")
        return ServerError(.methodNotAllowed, "this path takes \(methods.joined(separator: " or ")) only", headers: headers)
    }
}

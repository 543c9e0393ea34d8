import HTTPTypes
import ParleyWire

/// The protocol's endpoints, method, path and query parameters: a request of any other shape is
/// refused before anything else is read (`405 method_not_allowed`, `404 not_found`,
/// `400 malformed_request` for a query parameter the endpoint does not take or takes once).
enum RequestShape {
    /// Checks a request's method, path and query names against the protocol's endpoints
    /// (``WireEndpoint``, the list the routes are made from too).
    ///
    /// - Parameters:
    ///   - method: The request's method.
    ///   - path: The path without the query.
    ///   - query: The raw query (after `?`), if any.
    /// - Returns: The endpoint.
    /// - Throws: ``ServerError`` `method_not_allowed` (with `Allow`), `not_found` or
    ///   `malformed_request`.
    static func endpoint(method: HTTPRequest.Method, path: String, query: String?) throws(ServerError) -> WireEndpoint {
        let endpoint: WireEndpoint
        switch WireEndpoint.match(method: method.rawValue, path: path) {
        case let .endpoint(matched): endpoint = matched
        case let .wrongMethod(allowed): throw notAllowed(allowed)
        case .unknownPath:
            if method != .get, method != .post { throw notAllowed(["GET", "POST"]) }
            throw notFound()
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

import HTTPTypes
import Hummingbird
import ParleyWire

/// The server's routes, made from the protocol's one list of endpoints (``WireEndpoint``): each
/// endpoint is routed at its method and path to its controller. The request shape check
/// (``RequestShape``) reads the same list, so a route and its shape cannot drift apart.
struct EndpointRoutes: Sendable {
    let info: ServerInfoController
    let exchanges: ExchangesController
    let log: LogController
    let gossip: GossipController

    /// Adds one route per endpoint to `router`.
    func register(on router: Router<ParleyRequestContext>) {
        for endpoint in WireEndpoint.allCases {
            let path = endpoint.pathSegments.map { $0 == WireEndpoint.exchangeSegment ? ":exchange" : $0 }
            let method: HTTPRequest.Method = endpoint.method == "POST" ? .post : .get
            router.on(RouterPath("/v1/" + path.joined(separator: "/")), method: method) { request, context in
                try await respond(to: endpoint, request, context)
            }
        }
    }

    /// The controller's answer for `endpoint`; the switch names every endpoint.
    private func respond(to endpoint: WireEndpoint, _ request: Request, _ context: ParleyRequestContext) async throws -> Response {
        switch endpoint {
        case .server: try info.serverInfo()
        case .register: try await exchanges.create(request, context)
        case .heads: try await log.heads(request, context)
        case .push: try await log.push(request, context)
        case .pull: try await log.pull(request, context)
        case .wait: try await log.wait(request, context)
        case .checkpoint: try await log.checkpoint(request, context)
        case .gossip: try await gossip.gossip(request, context)
        }
    }
}

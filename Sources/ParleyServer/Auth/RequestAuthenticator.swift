import Hummingbird
import HTTPTypes
import NIOCore
import ParleyCrypto
import ParleyLog
import ParleyWire

/// Checks every request before an endpoint sees it, cheapest and most telling first:
///
/// 1. the request's shape: method, path, query names (``RequestShape``);
/// 2. for `GET /v1/server`, the one unsigned request, the address's budget;
/// 3. the RFC 9421 signature over the header section: form, key, time, signature — the body is
///    not read yet (the signature covers its `Content-Digest`, not the body);
/// 4. the nonce, in the key's own replay memory;
/// 5. the key's budget: a token and a place among its requests in progress;
/// 6. the body, collected within the size limit and the body timeout, against its digest.
///
/// A request refused at 1–5 is answered with `Connection: close` and its body is never read, so
/// a large body with a bad signature costs nothing; each such refusal spends a token of the
/// address's budget, and once it is empty they are answered `429 rate_limited` instead. Whether
/// the signer may do what it asks is the controllers' business.
struct RequestAuthenticator: RouterMiddleware {
    typealias Context = ParleyRequestContext

    let admitted: [KeyID: PublicKey]
    let logs: ExchangeLogs
    let limits: ServerLimits
    let window: Duration
    let bodyTimeout: Duration
    let clock: @Sendable () -> Int64
    /// Requests created before the server started are refused, so a restart does not reopen the
    /// replay window the forgotten nonces guarded.
    let started: Int64
    let replays: ReplayGuard
    let budgets: RequestBudgets

    init(
        admitted: [KeyID: PublicKey], logs: ExchangeLogs, configuration: ServerConfiguration,
        clock: @escaping @Sendable () -> Int64
    ) {
        self.admitted = admitted
        self.logs = logs
        self.limits = configuration.limits
        self.window = configuration.replayWindow
        self.bodyTimeout = configuration.connections.bodyTimeout
        self.clock = clock
        self.started = clock()
        self.replays = ReplayGuard(window: configuration.replayWindow.components.seconds, capacity: configuration.budgets.keyNonces) {
            clock()
        }
        self.budgets = RequestBudgets(limits: configuration.budgets)
    }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let address = context.remoteAddress
        let key: PublicKey
        let verified: VerifiedRequest
        do {
            let endpoint = try RequestShape.endpoint(method: request.method, path: request.uri.path, query: request.uri.query)
            if endpoint == .server {
                if case let .limited(retryAfter) = budgets.addressMayTry(address) {
                    throw Self.rateLimited("this address sent too many requests that were not signed by a known key", retryAfter)
                }
                budgets.charge(address)
                return try await next(request, context)
            }
            (key, verified) = try await authenticate(request)
        } catch let error as ServerError {
            guard error.code != .rateLimited else { throw error }
            // A request that does not prove a known key spends its address's budget; past it the
            // answer is 429. A request signed by a known key is still verified and served, so
            // parties behind one proxy are not locked out by another peer's garbage.
            budgets.charge(address)
            if case let .limited(retryAfter) = budgets.addressMayTry(address) {
                throw Self.rateLimited("this address sent too many requests that were not signed by a known key", retryAfter)
            }
            throw error.closingConnection()
        }
        switch replays.check(keyID: verified.keyID, nonce: verified.nonce, created: verified.created) {
        case .fresh: break
        case .replayed:
            budgets.charge(address)
            throw ServerError(.replayedRequest, "this request was already received (same key and nonce)").closingConnection()
        case let .overloaded(retryAfter):
            throw Self.rateLimited("this key sent more requests than the server remembers in its replay window", Int(retryAfter))
        }
        if case let .limited(retryAfter) = budgets.begin(key.keyID) {
            throw Self.rateLimited("this key has too many requests in progress or sent too many at once", retryAfter)
        }
        defer { budgets.finish(key.keyID) }
        var context = context
        context.body = try await collectBody(request)
        if let refusal = RequestSignature.digestVerdict(request.headers[.contentDigest], body: context.body) {
            if case .digestMismatch = refusal {
                throw ServerError(.digestMismatch, "the body does not match its Content-Digest")
            }
            throw ServerError(.unauthenticated, "the request's Content-Digest is malformed")
        }
        context.signer = key
        return try await next(request, context)
    }

    /// Who signed the request, from its header section alone.
    private func authenticate(_ request: Request) async throws(ServerError) -> (PublicKey, VerifiedRequest) {
        let fields = request.headers
        let headers: (String) -> String? = { name in
            guard let field = HTTPField.Name(name) else { return nil }
            let values = fields[values: field]
            return values.isEmpty ? nil : values.joined(separator: ", ")
        }
        guard let input = headers("signature-input"), let signature = headers("signature") else {
            throw ServerError(.unauthenticated, "the request must carry Signature-Input and Signature headers (RFC 9421)")
        }
        let parsed: RequestSignature
        do {
            parsed = try RequestSignature(signatureInput: input, signature: signature)
        } catch {
            throw ServerError(.unauthenticated, "the request's signature headers are malformed: \(error.message)")
        }
        var key = admitted[parsed.keyID]
        if key == nil { key = try await logs.participantKey(parsed.keyID) }
        guard let key else {
            throw ServerError(.unauthenticated, "the request is signed by a key this server does not know")
        }
        let verdict = parsed.verifyHeaders(
            publicKey: key, method: request.method.rawValue, requestTarget: request.head.path ?? "/",
            headers: headers, now: clock(), notBefore: started, window: window.components.seconds
        )
        switch verdict {
        case let .valid(verified):
            return (key, verified)
        case let .unauthenticated(reason):
            throw ServerError(.unauthenticated, "the request's signature is not accepted: \(reason)")
        case let .stale(reason):
            throw ServerError(.staleRequest, "\(reason); check this machine's clock")
        case .digestMismatch:
            throw ServerError(.digestMismatch, "the body does not match its Content-Digest")
        }
    }

    /// The body, within the size limit and the body timeout.
    private func collectBody(_ request: Request) async throws(ServerError) -> [UInt8] {
        let deadline = ContinuousClock.now + bodyTimeout
        var bytes: [UInt8] = []
        do {
            for try await chunk in request.body {
                guard bytes.count + chunk.readableBytes <= limits.maxBodyBytes else {
                    throw ServerError(.tooLarge, "the request body is larger than \(limits.maxBodyBytes) bytes; send less at once")
                        .closingConnection()
                }
                bytes.append(contentsOf: chunk.readableBytesView)
                guard ContinuousClock.now <= deadline else {
                    throw ServerError(.requestTimeout, "the request body took longer than \(bodyTimeout) to arrive")
                        .closingConnection()
                }
            }
        } catch let error as ServerError {
            throw error
        } catch {
            throw ServerError(.requestTimeout, "the request body did not arrive").closingConnection()
        }
        return bytes
    }

    /// `429 rate_limited`, with `Retry-After` and `Connection: close` (the body is not read).
    private static func rateLimited(_ message: String, _ retryAfter: Int) -> ServerError {
        ServerError(.rateLimited, message).retrying(after: retryAfter).closingConnection()
    }
}

extension HTTPField.Name {
    /// `Content-Digest` (RFC 9530).
    static let contentDigest = HTTPField.Name("Content-Digest")!
}

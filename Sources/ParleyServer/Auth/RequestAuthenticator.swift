import Hummingbird
import HTTPTypes
import NIOCore
import ParleyCrypto
import ParleyLog
import ParleySync

/// Checks every request but `GET /v1/server`: collects the body within the limit, then checks its
/// RFC 9421 signature, its `Content-Digest`, its age and its nonce, and records the signer in the
/// context. Whether the signer may do what it asks is the controllers' business.
struct RequestAuthenticator: RouterMiddleware {
    typealias Context = ParleyRequestContext

    let admitted: [KeyID: PublicKey]
    let logs: ExchangeLogs
    let limits: ServerLimits
    let window: Duration
    let clock: @Sendable () -> Int64
    /// Requests created before the server started are refused, so a restart does not reopen the
    /// replay window the forgotten nonces guarded.
    let started: Int64
    let replays: ReplayGuard

    init(
        admitted: [KeyID: PublicKey], logs: ExchangeLogs, limits: ServerLimits, window: Duration,
        clock: @escaping @Sendable () -> Int64
    ) {
        self.admitted = admitted
        self.logs = logs
        self.limits = limits
        self.window = window
        self.clock = clock
        self.started = clock()
        self.replays = ReplayGuard(window: window.components.seconds) { clock() }
    }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        if request.method == .get, request.uri.path == "/v1/server" {
            return try await next(request, context)
        }
        var request = request
        var context = context
        let fields = request.headers
        let headers: (String) -> String? = { name in
            guard let field = HTTPField.Name(name) else { return nil }
            let values = fields[values: field]
            return values.isEmpty ? nil : values.joined(separator: ", ")
        }
        // Who signed, before the body is read: a caller the server cannot name does not get to
        // make it hold a large body.
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
        guard key != nil else {
            throw ServerError(.unauthenticated, "the request is signed by a key this server does not know")
        }
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: limits.maxBodyBytes)
        } catch is NIOTooManyBytesError {
            throw ServerError(.tooLarge, "the request body is larger than \(limits.maxBodyBytes) bytes; send less at once")
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw ServerError(.tooLarge, "the request body is larger than \(limits.maxBodyBytes) bytes; send less at once")
        }
        let bytes = Array(body.readableBytesView)
        let verdict = parsed.verify(
            publicKey: key, method: request.method.rawValue, requestTarget: request.head.path ?? "/",
            headers: headers, body: bytes, now: clock(), notBefore: started,
            window: window.components.seconds
        )
        switch verdict {
        case let .valid(verified):
            switch replays.check(keyID: verified.keyID, nonce: verified.nonce, created: verified.created) {
            case .fresh: break
            case .replayed: throw ServerError(.replayedRequest, "this request was already received (same key and nonce)")
            case .overloaded: throw ServerError(.unavailable, "the server is remembering too many requests; try again shortly")
            }
        case let .unauthenticated(reason):
            throw ServerError(.unauthenticated, "the request's signature is not accepted: \(reason)")
        case let .stale(reason):
            throw ServerError(.staleRequest, "\(reason); check this machine's clock")
        case .digestMismatch:
            throw ServerError(.digestMismatch, "the body does not match its Content-Digest")
        }
        context.signer = key
        context.body = bytes
        return try await next(request, context)
    }
}

public import Hummingbird
public import ParleyLog
import ParleyStore
import ParleyCrypto
public import ParleyWire

/// An error the server answers with: a status, and a JSON body
/// `{"error": {"code": …, "message": …, …details}}` whose code a client can act on.
///
/// Messages say what was wrong with the request, never what a record holds.
public struct ServerError: HTTPResponseError, Sendable {
    /// The wire code, which also fixes the status.
    public var code: WireErrorCode
    /// What went wrong, safe to show a user.
    public var message: String
    /// Members added to the error object: the index of the envelope at fault, its author and seq.
    public var details: [String: JSONValue]
    /// Extra header fields of the answer: `Connection: close` when the request's body was not
    /// read, `Retry-After` when over budget or the store is unavailable, `Allow` for a method not
    /// allowed.
    public var headers: HTTPFields

    /// An error with a code and message.
    public init(_ code: WireErrorCode, _ message: String, details: [String: JSONValue] = [:], headers: HTTPFields = [:]) {
        self.code = code
        self.message = message
        self.details = details
        self.headers = headers
    }

    /// This error, answered with `Connection: close`: the server will not read what is left of
    /// the request.
    func closingConnection() -> ServerError {
        var error = self
        error.headers[.connection] = "close"
        return error
    }

    /// This error, answered with `Retry-After` in delay-seconds (RFC 9110 §10.2.3): when a retry
    /// will find what refused this one (a token in a budget, room in a replay memory, the store)
    /// back. The message says the same, for people.
    ///
    /// - Parameter seconds: The wait, at least 1 (a client counts 0 as 1 anyway).
    func retrying(after seconds: Int) -> ServerError {
        var error = self
        let seconds = max(1, seconds)
        error.message += "; retry in \(seconds) s"
        error.headers[.retryAfter] = String(seconds)
        return error
    }

    /// The HTTP status of ``code``.
    public var status: HTTPResponse.Status {
        HTTPResponse.Status(code: code.httpStatus)
    }

    /// The JSON error response.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var object = details
        object["code"] = .string(code.rawValue)
        object["message"] = .string(message)
        let body = (try? CanonicalJSON.encode(["error": .object(object)])) ?? Array(#"{"error":{"code":"internal"}}"#.utf8)
        var headers = headers
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body + [0x0A])))
    }
}

extension ServerError {
    /// The error for an envelope the verifier refused, naming it by its index in the push.
    init(for reason: Reason, index: Int, envelope: Envelope) {
        let code: WireErrorCode
        let message: String
        switch reason {
        case .badSignature: (code, message) = (.badSignature, "the envelope's signature is not its author's")
        case .unknownAuthor: (code, message) = (.unknownAuthor, "the envelope's author is unknown")
        case .notAParticipant: (code, message) = (.notAParticipant, "the envelope's author is not a participant of the exchange")
        case .seqGap: (code, message) = (.seqGap, "the envelope does not follow its author's last envelope (seq gap)")
        case .prevMismatch: (code, message) = (.prevMismatch, "the envelope's prev is not its author's previous envelope")
        case .wrongExchange: (code, message) = (.wrongExchange, "the envelope belongs to another exchange")
        case let .malformed(detail): (code, message) = (.malformedEnvelope, detail)
        case .roleNotAllowed: (code, message) = (.roleNotAllowed, "the author's role may not perform this operation")
        case .equivocation: (code, message) = (.equivocation, "the author already has a different envelope at this seq")
        }
        self.init(code, "envelope \(index): \(message)", details: [
            "index": .number(Double(index)),
            "author": .string(envelope.author.hex),
            "seq": .number(Double(envelope.seq)),
        ])
    }

    /// How long a client is told to wait when the store failed (`503 unavailable`): long enough
    /// for a database to restart or a connection pool to reconnect, short enough that the
    /// reference client, which waits at most 30 s in all, retries several times.
    static let storeRetrySeconds = 5

    /// The answer about an exchange every participant erased, whose sealed envelopes the server
    /// dropped.
    static let erased = ServerError(
        .exchangeErased,
        "every participant erased this exchange and the server dropped its records; there is nothing left to sync"
    )

    /// The error for a store failure: a chain that moved is a conflict the client can retry; a
    /// store that is busy, unreachable or failed one read or write is the server's fault and may
    /// pass, answered `503 unavailable` with `Retry-After`; a store that is damaged, full, read
    /// only or cannot be opened will not mend by waiting, answered `500 internal` without it, so
    /// that clients report it at once instead of retrying for half a minute.
    init(storing error: StoreError) {
        switch error.code {
        case .chainMoved: self.init(.prevMismatch, "another push extended the same chain first; pull and retry")
        case .notFound: self.init(.unknownExchange, "this server holds no exchange with that id")
        case .erased: self = .erased
        case .locked, .unavailable, .readFailed, .writeFailed:
            self = ServerError(.unavailable, "the server's store failed").retrying(after: Self.storeRetrySeconds)
        default:
            self.init(.internal, "the server's store is damaged, full or cannot be written; its operator must repair it")
        }
    }
}

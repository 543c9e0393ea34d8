public import ParleyWire
public import AsyncHTTPClient
public import Foundation
import NIOCore
import NIOPosix
import NIOHTTP1
public import ParleyCrypto
public import ParleyLog

/// Talks to one sync server as one party: every request signed with the party's key (RFC 9421).
///
/// Each method is one round trip. The client trusts nothing the server sends: envelopes go through
/// the ``Verifier`` before they are stored, and checkpoints through a ``CheckpointLedger``.
public struct SyncClient: Sendable {
    /// The server's base URL, e.g. `http://127.0.0.1:7470`, without a trailing slash.
    public let server: String
    private let key: SigningKey
    /// The key a rotation replaced, which signs a request again when the server does not know
    /// ``key`` yet (it learns a new key from the rotation this client is about to push).
    private let fallbackKey: SigningKey?
    private let http: HTTPClient
    private let clock: @Sendable () -> Int64
    /// The longest a request may take (a long poll adds its own timeout).
    private let timeout: TimeAmount
    /// Counts round trips and bytes, if given.
    private let meter: TrafficMeter?
    /// The longest the client waits in all, per request, when the server answers `429` or `503`
    /// with `Retry-After` before it gives up and reports the refusal.
    private let retryBudget: Duration

    /// A client of `server` acting as the holder of `key`.
    ///
    /// - Parameters:
    ///   - server: The server's base URL.
    ///   - key: The party's key, which signs every request.
    ///   - http: The HTTP client to use (default: ``sharedHTTPClient``, shared by the process).
    ///   - clock: Seconds since 1970, for the signatures' `created`.
    ///   - meter: Counts round trips and bytes on the wire, if given.
    ///   - retryBudget: How long one request may wait in all for the server's `Retry-After`
    ///     (`429 rate_limited`, `503 unavailable`); each retry is signed anew. A longer wait, or
    ///     none given, is reported as the refusal at once. `.zero` never waits.
    ///   - fallbackKey: The key the party's last rotation replaced: a request the server refuses
    ///     as `unauthenticated` is signed again with it once.
    public init(
        server: String, key: SigningKey, http: HTTPClient? = nil,
        clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) },
        meter: TrafficMeter? = nil, retryBudget: Duration = .seconds(30), fallbackKey: SigningKey? = nil
    ) {
        var base = server
        while base.hasSuffix("/") { base.removeLast() }
        self.server = base
        self.key = key
        self.fallbackKey = fallbackKey
        self.http = http ?? Self.sharedHTTPClient
        self.clock = clock
        self.timeout = .seconds(120)
        self.meter = meter
        self.retryBudget = retryBudget
    }

    /// `GET /v1/server`: the server's key and limits.
    public func serverInfo() async throws(SyncError) -> ServerInfo {
        let response = try await send(.server)
        return try await decode(ServerInfo.self, from: response, limit: 64 << 10)
    }

    /// `POST /v1/exchanges`: registers an exchange by its genesis.
    ///
    /// - Returns: `true` if the server did not hold it before.
    public func register(genesis: SignedEnvelope) async throws(SyncError) -> Bool {
        let response = try await send(.register, body: genesis.wireBytes + [0x0A])
        _ = try await collect(response, limit: 64 << 10)
        return response.status == .created
    }

    /// `GET /v1/exchanges/{id}/heads`.
    public func heads(of exchange: ExchangeID) async throws(SyncError) -> HeadsResponse {
        let response = try await send(.heads, exchange)
        return try await decode(HeadsResponse.self, from: response, limit: 1 << 20)
    }

    /// `POST /v1/exchanges/{id}/envelopes`: one batch, stored all or nothing.
    ///
    /// - Parameters:
    ///   - envelopes: The batch.
    ///   - exchange: The exchange.
    ///   - checkpoint: The size of the client's last checkpoint, for the response's consistency proof.
    public func push(_ envelopes: [SignedEnvelope], to exchange: ExchangeID, checkpoint: Int? = nil) async throws(SyncError) -> PushResponse {
        var body: [UInt8] = []
        body.reserveCapacity(envelopes.reduce(0) { $0 + $1.wireBytes.count + 1 })
        for envelope in envelopes {
            body += envelope.wireBytes
            body.append(0x0A)
        }
        let query = checkpoint.map { [("checkpoint", $0)] } ?? []
        let response = try await send(.push, exchange, query: query, body: body)
        return try await decode(PushResponse.self, from: response, limit: 1 << 20)
    }

    /// `POST /v1/exchanges/{id}/pull`: streams what the client lacks.
    ///
    /// - Parameters:
    ///   - exchange: The exchange.
    ///   - have: The client's version vector.
    ///   - checkpoint: The size of the last checkpoint the client accepted, for a consistency proof.
    ///   - maxLineBytes: The longest line accepted.
    ///   - progress: Called with the number of envelopes received so far, now and then.
    /// - Returns: The header and the envelopes' wire bytes, in the order sent.
    /// - Throws: ``SyncError`` with ``SyncError/Code/truncated`` if the stream ends before its end
    ///   line, or the server's refusal.
    public func pull(
        _ exchange: ExchangeID, have: [KeyID: Int], checkpoint: Int?, maxLineBytes: Int = 1 << 20,
        progress: @Sendable (_ received: Int, _ total: Int) -> Void = { _, _ in }
    ) async throws(SyncError) -> (header: PullHeader, envelopes: [[UInt8]]) {
        let body = try PullRequest(have: have, checkpoint: checkpoint).encoded()
        let response = try await send(.pull, exchange, body: body)
        try await throwIfRefused(response)
        var splitter = NDJSONLineSplitter(maxLineBytes: maxLineBytes)
        var header: PullHeader?
        var envelopes: [[UInt8]] = []
        var end: PullEnd?
        do {
            for try await chunk in response.body {
                meter?.received(bytes: chunk.readableBytes)
                for line in try splitter.append(chunk.readableBytesView) {
                    guard end == nil else {
                        throw SyncError(code: .malformedMessage, message: "the pull stream goes on after its end line")
                    }
                    if header == nil {
                        header = try WireJSON.decode(PullHeader.self, from: line)
                        envelopes.reserveCapacity(header?.count ?? 0)
                    } else if envelopes.count < header?.count ?? 0 {
                        envelopes.append(line)
                        if envelopes.count % 5_000 == 0 { progress(envelopes.count, header?.count ?? 0) }
                    } else {
                        end = try WireJSON.decode(PullEnd.self, from: line)
                    }
                }
            }
            try splitter.finish()
        } catch let error as SyncError {
            throw error
        } catch {
            throw SyncError(code: .truncated, message: "the connection to \(server) dropped during a pull; nothing of it was stored", cause: error)
        }
        guard let header, let end else {
            throw SyncError(code: .truncated, message: "the pull stream from \(server) ended early; nothing of it was stored")
        }
        guard end.end.count == header.count, envelopes.count == header.count else {
            throw SyncError(code: .countMismatch, message: "the pull stream announced \(header.count) envelopes and carried \(envelopes.count)")
        }
        progress(envelopes.count, header.count)
        return (header, envelopes)
    }

    /// `GET /v1/exchanges/{id}/wait`: returns when the server's log is larger than `size`, or at
    /// the timeout.
    ///
    /// - Returns: The log's size.
    public func wait(_ exchange: ExchangeID, beyond size: Int, timeout: Int) async throws(SyncError) -> Int {
        let response = try await send(
            .wait, exchange, query: [("size", size), ("timeout", timeout)], timeout: self.timeout + .seconds(Int64(timeout))
        )
        return try await decode(WaitResponse.self, from: response, limit: 64 << 10).size
    }

    // MARK: - Requests

    /// Sends one request to `endpoint`, signed (but for ``WireEndpoint/server``) with a fresh
    /// nonce, and waits out the server's `Retry-After` within ``retryBudget``, signing each retry anew.
    ///
    /// - Returns: The response, whatever its status (the caller checks it).
    /// - Throws: ``SyncError/Code/unreachable`` when no response arrives.
    func send(
        _ endpoint: WireEndpoint, _ exchange: ExchangeID? = nil, query: [(String, Int)] = [], body: [UInt8] = [],
        timeout: TimeAmount? = nil
    ) async throws(SyncError) -> HTTPClientResponse {
        let target = endpoint.target(exchange: exchange, query: query)
        var waited: Duration = .zero
        while true {
            let response = try await execute(endpoint, target, body: body, timeout: timeout)
            guard let wait = RetryAfter.delay(status: Int(response.status.code), header: response.headers.first(name: "retry-after")),
                  waited + wait <= retryBudget
            else { return response }
            _ = try? await response.body.collect(upTo: 64 << 10)
            do {
                try await Task.sleep(for: wait)
            } catch {
                return response
            }
            waited += wait
        }
    }

    /// Sends one request as signed by the party's key (but for ``WireEndpoint/server``); when the
    /// server refuses it as `unauthenticated` and a key was rotated away, once more signed with that.
    private func execute(
        _ endpoint: WireEndpoint, _ target: String, body: [UInt8], timeout: TimeAmount?
    ) async throws(SyncError) -> HTTPClientResponse {
        let signed = endpoint != .server
        let response = try await transmit(endpoint, target, body: body, signer: signed ? key : nil, timeout: timeout)
        guard response.status == .unauthorized, signed, let fallbackKey else { return response }
        _ = try? await response.body.collect(upTo: 64 << 10)
        return try await transmit(endpoint, target, body: body, signer: fallbackKey, timeout: timeout)
    }

    private func transmit(
        _ endpoint: WireEndpoint, _ target: String, body: [UInt8], signer: SigningKey?, timeout: TimeAmount?
    ) async throws(SyncError) -> HTTPClientResponse {
        var request = HTTPClientRequest(url: server + target)
        request.method = HTTPMethod(rawValue: endpoint.method)
        if !body.isEmpty {
            request.body = .bytes(body)
            request.headers.add(name: "Content-Type", value: endpoint == .pull || endpoint == .gossip ? "application/json" : "application/x-ndjson")
        }
        if let signer {
            var generator = SystemRandomNumberGenerator()
            let headers = try RequestSignature.sign(
                method: endpoint.method, requestTarget: requestTarget(target), body: body, key: signer, created: clock(),
                nonce: RequestSignature.makeNonce(using: &generator)
            )
            for field in headers.fields { request.headers.add(name: field.name, value: field.value) }
        }
        if let meter {
            let headerBytes = request.headers.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 4 }
            meter.request(bytes: endpoint.method.utf8.count + requestTarget(target).utf8.count + 12 + headerBytes + body.count)
        }
        do {
            let response = try await http.execute(request, timeout: timeout ?? self.timeout)
            if let meter {
                meter.received(bytes: 17 + response.headers.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 4 })
            }
            return response
        } catch {
            throw SyncError(code: .unreachable, message: "cannot reach \(server) (\(Self.reason(error)))", cause: error)
        }
    }

    /// Why a request got no response, in words: the system's for a refused or reset connection,
    /// the wait for one that does not answer, else the error as the HTTP stack describes it.
    static func reason(_ error: any Error) -> String {
        if let io = error as? IOError { return String(cString: strerror(io.errnoCode)).lowercased() }
        if let http = error as? HTTPClientError, http == .connectTimeout { return "no answer within 10 s" }
        // A host name goes through NIO's connector, which wraps the name lookup and each address's failure.
        if let connection = error as? NIOConnectionError {
            if connection.dnsAError != nil || connection.dnsAAAAError != nil, connection.connectionErrors.isEmpty {
                return "cannot resolve \(connection.host)"
            }
            if let last = connection.connectionErrors.last { return reason(last.error) }
        }
        return "\(error)"
    }

    /// The request target as the server sees it: the base URL's path, then `target`.
    private func requestTarget(_ target: String) -> String {
        guard let components = URLComponents(string: server) else { return target }
        return components.percentEncodedPath + target
    }

    func collect(_ response: HTTPClientResponse, limit: Int) async throws(SyncError) -> [UInt8] {
        try await throwIfRefused(response)
        do {
            let bytes = Array(try await response.body.collect(upTo: limit).readableBytesView)
            meter?.received(bytes: bytes.count)
            return bytes
        } catch {
            if error is NIOTooManyBytesError {
                throw SyncError(code: .tooLarge, message: "the response from \(server) is larger than \(limit) bytes", cause: error)
            }
            throw SyncError(code: .truncated, message: "the response from \(server) was cut off", cause: error)
        }
    }

    private func decode<T: Decodable>(_ type: T.Type, from response: HTTPClientResponse, limit: Int) async throws(SyncError) -> T {
        try WireJSON.decode(type, from: try await collect(response, limit: limit))
    }

    /// Throws the server's refusal, with its code and message, for any status but 2xx.
    private func throwIfRefused(_ response: HTTPClientResponse) async throws(SyncError) {
        guard !(200..<300).contains(response.status.code) else { return }
        let bytes = (try? await response.body.collect(upTo: 64 << 10)).map { Array($0.readableBytesView) } ?? []
        let body = try? WireJSON.decode(ErrorBody.self, from: bytes)
        // A redirect is not followed (a signed request goes only where it was signed for): its
        // target is said, so that the party can give that URL if it trusts it.
        let moved = (300..<400).contains(response.status.code) ? response.headers.first(name: "location") : nil
        throw SyncError(
            refusal: body?.error.code ?? WireErrorCode(rawValue: "http_\(response.status.code)"),
            message: body?.error.message ?? "the server answered \(response.status.code)"
                + (moved.map { " and points to \($0), which is not followed: give that URL with --server if it is the server" } ?? ""),
            server: server
        )
    }
}

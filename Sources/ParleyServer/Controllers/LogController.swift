import ServiceLifecycle
import ParleyWire
import Logging
import Hummingbird
import ParleyCrypto
import ParleyLog
import ParleyMatch
import ParleyStore

/// The routes of one exchange's log: heads, push, pull, the long poll and checkpoints.
struct LogController: Sendable {
    let logs: ExchangeLogs
    let store: any ServerStore
    let configuration: ServerConfiguration

    /// The exchange named in the path, which the signer must take part in.
    private func authorizedLog(_ context: ParleyRequestContext) async throws(ServerError) -> ExchangeLog {
        try await Self.authorizedLog(context, logs: logs)
    }

    /// The exchange named in the path, which the signer must take part in.
    static func authorizedLog(_ context: ParleyRequestContext, logs: ExchangeLogs) async throws(ServerError) -> ExchangeLog {
        let signer = try context.requireSigner()
        guard let text = context.parameters.get("exchange"), let exchange = ExchangeID(hex: text) else {
            throw ServerError(.malformedRequest, "the path must name an exchange by its id (64 lowercase hex digits)")
        }
        // An exchange the signer does not take part in answers exactly as one the server does not
        // hold, so that a request cannot tell which exchanges exist.
        let unknown = ServerError(.unknownExchange, "this server holds no exchange with that id in which the signing key takes part")
        let log: ExchangeLog
        do {
            log = try await logs.log(exchange)
        } catch where error.code == .unknownExchange {
            throw unknown
        }
        guard try await log.participantID(signingWith: signer.keyID) != nil else { throw unknown }
        return log
    }

    /// `heads` (``WireEndpoint/heads``).
    func heads(_ request: Request, _ context: ParleyRequestContext) async throws -> Response {
        let log = try await authorizedLog(context)
        let snapshot = try await log.snapshotOrError()
        let (checkpoint, _) = try await log.checkpoint(size: snapshot.size, from: nil)
        return try Response.json(HeadsResponse(
            exchange: log.exchange, size: snapshot.size, heads: ChainHeads(snapshot.heads), checkpoint: checkpoint.json
        ))
    }

    /// `push` (``WireEndpoint/push``).
    func push(_ request: Request, _ context: ParleyRequestContext) async throws -> Response {
        let log = try await authorizedLog(context)
        let lines = try PushBody.lines(of: context.body, limits: configuration.limits)
        let batch = try PushBody.parse(lines)
        let from = try Self.size(request, "checkpoint")
        let result = try await log.append(batch)
        if let from, from > result.log.size {
            throw ServerError(.malformedRequest, "`checkpoint` \(from) is larger than the log (\(result.log.size))")
        }
        let (checkpoint, proof) = try await log.checkpoint(size: result.log.size, from: from)
        context.logger.info("push", metadata: [
            "exchange": .string(String(log.exchange.hex.prefix(12))),
            "added": .stringConvertible(result.added), "duplicates": .stringConvertible(result.duplicates),
            "size": .stringConvertible(result.log.size),
        ])
        return try Response.json(PushResponse(
            accepted: result.added, duplicates: result.duplicates, size: result.log.size,
            heads: ChainHeads(result.log.heads), checkpoint: checkpoint.json, consistency: proof.map(Hex.encode)
        ))
    }

    /// The log size in query parameter `name`, if present.
    private static func size(_ request: Request, _ name: String) throws(ServerError) -> Int? {
        guard let text = request.uri.queryParameters[Substring(name)] else { return nil }
        guard let value = WireInteger.parse(text) else {
            throw ServerError(.malformedRequest, "`\(name)` must be a log size (an integer 0 … 2^53 − 1 in decimal digits)")
        }
        return value
    }

    /// `pull` (``WireEndpoint/pull``).
    func pull(_ request: Request, _ context: ParleyRequestContext) async throws -> Response {
        let log = try await authorizedLog(context)
        let asked: PullRequest
        do {
            asked = try PullRequest(parsing: context.body)
        } catch {
            throw ServerError(.malformedRequest, error.message)
        }
        let (have, from) = (asked.have, asked.checkpoint)
        let snapshot = try await log.snapshotOrError()
        if let from, from > snapshot.size {
            throw ServerError(.malformedRequest, "`checkpoint` \(from) is larger than the log (\(snapshot.size))")
        }
        let (checkpoint, proof) = try await log.checkpoint(size: snapshot.size, from: from)
        let count = snapshot.heads.reduce(0) { sum, head in sum + max(0, head.value.seq - (have[head.key] ?? 0)) }
        let header = try WireJSON.encode(PullHeader(
            size: snapshot.size, heads: ChainHeads(snapshot.heads), count: count, checkpoint: checkpoint.json,
            consistency: proof.map(Hex.encode)
        ))
        let end = try WireJSON.encode(PullEnd(count: count))
        let store = store
        let exchange = log.exchange
        let logger = context.logger
        var headers = HTTPFields()
        headers[.contentType] = "application/x-ndjson"
        let body = ResponseBody { writer in
            try await writer.write(ByteBuffer(bytes: header + [0x0A]))
            // At most 4 pages between the store and the socket: the reader waits on the gate while
            // the client is slow.
            let gate = PageGate(limit: 4)
            let (pages, continuation) = AsyncThrowingStream<ByteBuffer, any Error>.makeStream()
            let producer = Task {
                do {
                    try await store.envelopes(of: exchange, after: have, size: snapshot.size, pageSize: 512) { page in
                        var buffer = ByteBuffer()
                        for envelope in page {
                            buffer.writeBytes(envelope.bytes)
                            buffer.writeInteger(UInt8(0x0A))
                        }
                        await gate.enter()
                        if case .terminated = continuation.yield(buffer) { throw CancellationError() }
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            do {
                for try await page in pages {
                    try await writer.write(page)
                    await gate.leave()
                }
            } catch {
                await gate.close()
                continuation.finish()
                producer.cancel()
                logger.error("pull stream failed", metadata: ["exchange": .string(String(exchange.hex.prefix(12)))])
                throw error
            }
            try await writer.write(ByteBuffer(bytes: end + [0x0A]))
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }

    /// How often a long poll re-reads a store that does not announce appends.
    static let recheck: Duration = .seconds(1)

    /// `wait` (``WireEndpoint/wait``).
    func wait(_ request: Request, _ context: ParleyRequestContext) async throws -> Response {
        let log = try await authorizedLog(context)
        guard let size = try Self.size(request, "size") else {
            throw ServerError(.malformedRequest, "`size` must be the log size the client holds")
        }
        let longest = Int(configuration.longestWait.components.seconds)
        var seconds = longest
        if let text = request.uri.queryParameters["timeout"] {
            guard let value = WireInteger.parse(text), value <= longest else {
                throw ServerError(.malformedRequest, "`timeout` must be between 0 and \(longest) seconds")
            }
            seconds = value
        }
        _ = try await log.snapshotOrError()
        // Graceful shutdown answers the long polls at once (the server waits for requests in
        // flight before other services hear of the shutdown, so it must reach them here).
        let now = await withGracefulShutdownHandler {
            await waitForAppends(to: log, beyond: size, seconds: seconds)
        } onGracefulShutdown: {
            Task { await log.releaseAll() }
        }
        // Every participant's erasure dropped the exchange while this waited.
        if await log.isErased { throw ServerError.erased }
        return try Response.json(WaitResponse(size: now))
    }

    /// Waits until `log` holds more than `size` envelopes, `seconds` pass or the server shuts down.
    private func waitForAppends(to log: ExchangeLog, beyond size: Int, seconds: Int) async -> Int {
        guard !store.announcesAppends else { return await log.wait(beyond: size, timeout: .seconds(seconds)) }
        // The store does not say when another process appends: read its heads again every second.
        let deadline = ContinuousClock.now + .seconds(seconds)
        var now = size
        while true {
            let left = deadline - ContinuousClock.now
            now = await log.wait(beyond: size, timeout: min(left, Self.recheck))
            let (released, erased) = (await log.isReleased, await log.isErased)
            if now > size || left <= Self.recheck || Task.isCancelled || released || erased { break }
            _ = try? await log.snapshot()
        }
        return now
    }

    /// `checkpoint` (``WireEndpoint/checkpoint``).
    func checkpoint(_ request: Request, _ context: ParleyRequestContext) async throws -> Response {
        let log = try await authorizedLog(context)
        let from = try Self.size(request, "from")
        let snapshot = try await log.snapshotOrError()
        if let from, from > snapshot.size {
            throw ServerError(.malformedRequest, "`from` \(from) is larger than the log (\(snapshot.size))")
        }
        let (checkpoint, proof) = try await log.checkpoint(size: snapshot.size, from: from)
        return try Response.json(CheckpointResponse(checkpoint: checkpoint.json, consistency: proof.map(Hex.encode)))
    }
}

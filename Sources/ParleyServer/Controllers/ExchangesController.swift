import ParleyWire
import Logging
import Hummingbird
import ParleyCrypto
import ParleyLog

/// `POST /v1/exchanges`: registers an exchange by its genesis envelope.
struct ExchangesController: Sendable {
    let logs: ExchangeLogs
    let admitted: [KeyID: PublicKey]

    /// Answers ``WireEndpoint/register``.
    func create(_ request: Request, _ context: ParleyRequestContext) async throws -> Response {
        let signer = try context.requireSigner()
        guard admitted[signer.keyID] != nil else {
            throw ServerError(.forbidden, "this server does not admit the signing key to create exchanges")
        }
        let genesis: SignedEnvelope
        do {
            var body = context.body
            if body.last == 0x0A { body.removeLast() }
            genesis = try SignedEnvelope(parsing: body)
        } catch {
            throw ServerError(.malformedEnvelope, "the body is not a signed envelope: \(error.message)")
        }
        guard genesis.envelope.isGenesis, case let .createExchange(create) = genesis.envelope.operation else {
            throw ServerError(.malformedEnvelope, "the body must be an exchange.create (genesis) envelope")
        }
        guard genesis.envelope.author == signer.keyID else {
            throw ServerError(.forbidden, "an exchange is registered by its creator, who signs the request")
        }
        let exchange = ExchangeID(genesis: genesis.id)
        let report = Verifier(exchange: exchange).verify([genesis])
        guard report.isClean else {
            throw ServerError(.badSignature, "the genesis envelope does not verify")
        }
        let created = try await logs.create(genesis, create)
        context.logger.info("exchange registered", metadata: [
            "exchange": .string(String(exchange.hex.prefix(12))), "new": .stringConvertible(created),
        ])
        return try Response.json(["exchange": .string(exchange.hex), "created": .bool(created)], status: created ? .created : .ok)
    }
}

/// `GET /v1/server`: the server's key and limits, the one request that needs no signature.
struct ServerInfoController: Sendable {
    let info: ServerInfo

    /// The answer for the server's key, limits and handovers from its earlier keys.
    init(key: PublicKey, limits: ServerLimits, handovers: [ServerHandover]) {
        info = ServerInfo(
            key: key, protocolVersion: Envelope.protocolVersion,
            limits: .init(maxBodyBytes: limits.maxBodyBytes, maxEnvelopeBytes: limits.maxEnvelopeBytes, maxBatch: limits.maxBatch),
            handovers: handovers
        )
    }

    /// Answers ``WireEndpoint/server``.
    func serverInfo() throws -> Response {
        try Response.json(info)
    }
}

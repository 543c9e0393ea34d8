import Hummingbird
import Logging
import ParleyCrypto
import ParleyLog
import ParleyStore
import ParleyWire

/// `POST /v1/exchanges/{id}/gossip`: parties hand over the checkpoints they hold and receive
/// those the other participants handed over, each with a consistency proof to the current
/// checkpoint, so a party can check what the others were shown against what it was shown.
struct GossipController: Sendable {
    let logs: ExchangeLogs
    let key: SigningKey
    let board: GossipBoard
    let clock: @Sendable () -> Int64

    /// Answers ``WireEndpoint/gossip``.
    func gossip(_ request: Request, _ context: ParleyRequestContext) async throws -> Response {
        let log = try await LogController.authorizedLog(context, logs: logs)
        let signer = try context.requireSigner()
        let body: GossipRequest
        do {
            body = try GossipRequest(parsing: context.body)
        } catch {
            throw ServerError(.malformedRequest, error.message)
        }
        let size = try await log.snapshotOrError().size
        for (index, handed) in body.checkpoints.enumerated() {
            guard handed.isSigned(by: key.publicKey), handed.checkpoint.exchange == log.exchange else {
                throw ServerError(.malformedRequest, "`checkpoints[\(index)]` is not this server's signed checkpoint of this exchange")
            }
            guard handed.checkpoint.size <= size else {
                context.logger.error("a party handed over a checkpoint larger than the log", metadata: [
                    "exchange": .string(String(log.exchange.hex.prefix(12))),
                ])
                throw ServerError(.malformedRequest, "`checkpoints[\(index)]` is of a larger log (\(handed.checkpoint.size)) than this server holds (\(size))")
            }
        }
        if let from = body.checkpoint, from > size {
            throw ServerError(.malformedRequest, "`checkpoint` \(from) is larger than the log (\(size))")
        }
        await board.hand(body.checkpoints, from: signer.keyID, in: log.exchange)
        let (cached, consistency) = try await log.checkpoint(size: size, from: body.checkpoint)
        let current = try fresh(cached)
        var handed: [[[UInt8]]] = []
        for checkpoint in body.checkpoints {
            handed.append(try await log.checkpoint(size: size, from: checkpoint.checkpoint.size).1)
        }
        var relayed: [GossipResponse.Relayed] = []
        for (from, checkpoint) in await board.relayed(in: log.exchange, excluding: signer.keyID) {
            // Larger than the log (a process sharing this board is ahead): no proof; the party decides.
            let proof = checkpoint.checkpoint.size <= size ? try await log.checkpoint(size: size, from: checkpoint.checkpoint.size).1 : []
            relayed.append(GossipResponse.Relayed(from: from, checkpoint: checkpoint, consistency: proof))
        }
        let answer = GossipResponse(checkpoint: current, consistency: consistency, handed: handed, relayed: relayed)
        do {
            return try Response.json(JSONValue(parsing: answer.encoded()))
        } catch {
            throw ServerError(.internal, "the server could not encode its response")
        }
    }

    /// The same tree signed with the server's clock now, so a party can tell a quiet log from a
    /// frozen one by the checkpoint's age.
    private func fresh(_ signed: SignedCheckpoint) throws(ServerError) -> SignedCheckpoint {
        var checkpoint = signed.checkpoint
        checkpoint.timestamp = Timestamp(secondsSince1970: clock())
        do {
            return try SignedCheckpoint(signing: checkpoint, with: key)
        } catch {
            throw ServerError(.internal, "the server could not sign a checkpoint")
        }
    }
}

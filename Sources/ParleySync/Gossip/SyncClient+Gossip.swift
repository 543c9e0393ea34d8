public import ParleyWire
public import ParleyLog

extension SyncClient {
    /// `POST /v1/exchanges/{id}/gossip`: hands checkpoints to the server for the other
    /// participants, and gets theirs with consistency proofs to the server's current checkpoint.
    ///
    /// - Parameters:
    ///   - exchange: The exchange.
    ///   - checkpoint: The size of the party's last accepted checkpoint, for a consistency proof.
    ///   - handing: The checkpoints handed over (at most ``GossipRequest/maxCheckpoints``).
    /// - Returns: The server's answer, unchecked: ``CheckpointGossip`` checks it.
    public func gossip(
        _ exchange: ExchangeID, checkpoint: Int?, handing: [SignedCheckpoint]
    ) async throws(SyncError) -> GossipResponse {
        let body = try GossipRequest(checkpoint: checkpoint, checkpoints: handing).encoded()
        let response = try await send(.gossip, exchange, body: body)
        return try GossipResponse(parsing: try await collect(response, limit: 1 << 20))
    }
}

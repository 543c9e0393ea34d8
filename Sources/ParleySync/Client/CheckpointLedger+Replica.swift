import ParleyWire
public import ParleyLog
public import ParleyStore

extension CheckpointLedger {
    /// The checkpoints a replica accepted for `exchange` (empty if none).
    ///
    /// - Throws: ``StoreError`` if the replica cannot be read, ``LogError`` if what it holds is
    ///   not a list of signed checkpoints.
    public static func stored(in replica: Replica, exchange: ExchangeID) throws -> CheckpointLedger {
        guard let text = try replica.meta(.checkpoints(for: exchange)) else { return CheckpointLedger() }
        guard let list = try JSONValue(parsing: Array(text.utf8)).arrayValue else {
            throw LogError(code: .malformedCheckpoint, message: "the stored checkpoints are not a list")
        }
        return CheckpointLedger(try list.map { value throws(LogError) in try SignedCheckpoint(json: value) })
    }

    /// Stores the ledger's checkpoints of `exchange` in a replica.
    ///
    /// - Throws: ``StoreError`` if the replica cannot be written.
    public func save(in replica: Replica, exchange: ExchangeID) throws {
        let list = checkpoints.values.filter { $0.checkpoint.exchange == exchange }.sorted { $0.checkpoint.server < $1.checkpoint.server }
        let text = String(decoding: try CanonicalJSON.encode(.array(list.map(\.json))), as: UTF8.self)
        try replica.setMeta(.checkpoints(for: exchange), to: text)
    }
}

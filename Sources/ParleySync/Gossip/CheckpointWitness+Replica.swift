import ParleyWire
public import ParleyCrypto
public import ParleyLog
public import ParleyStore

extension MetaKey {
    /// The signed checkpoints of `exchange` the party saw but has not yet checked (JSON list).
    public static func seenCheckpoints(for exchange: ExchangeID) -> MetaKey {
        MetaKey("exchange.\(exchange.hex).seen-checkpoints")
    }

    /// The evidence of misbehaviour found in `exchange` (JSON list of evidence objects).
    public static func evidence(for exchange: ExchangeID) -> MetaKey {
        MetaKey("exchange.\(exchange.hex).evidence")
    }
}

extension CheckpointWitness {
    /// The witness a replica keeps for `exchange` (empty if none).
    ///
    /// - Throws: ``StoreError`` if the replica cannot be read, ``LogError`` if what it holds is
    ///   not what this code wrote.
    public static func stored(in replica: Replica, exchange: ExchangeID) throws -> CheckpointWitness {
        let seen = try list(in: replica, .seenCheckpoints(for: exchange)).map { value throws(LogError) in
            try SignedCheckpoint(json: value)
        }
        let evidence = try list(in: replica, .evidence(for: exchange)).map { value throws(LogError) in
            try Evidence(parsing: try CanonicalJSON.encode(value))
        }
        return CheckpointWitness(seen: seen, evidence: evidence)
    }

    /// Stores the witness of `exchange` in a replica.
    ///
    /// - Throws: ``StoreError`` if the replica cannot be written.
    public func save(in replica: Replica, exchange: ExchangeID) throws {
        let seenText = String(decoding: try CanonicalJSON.encode(.array(seen.map(\.json))), as: UTF8.self)
        let evidenceText = String(decoding: try CanonicalJSON.encode(.array(evidence.map(\.json))), as: UTF8.self)
        try replica.setMeta(.seenCheckpoints(for: exchange), to: seen.isEmpty ? nil : seenText)
        try replica.setMeta(.evidence(for: exchange), to: evidence.isEmpty ? nil : evidenceText)
    }

    /// Keeps the evidence a ledger rejection carries, if it is one: a checkpoint of the
    /// remembered size with another root is a split view, stored for `parley evidence`.
    ///
    /// - Parameters:
    ///   - rejection: Why the ledger refused `shown`.
    ///   - shown: The checkpoint the server showed.
    ///   - serverKey: The server's pinned key.
    ///   - replica: Where the witness is kept.
    /// - Throws: ``StoreError`` or ``LogError`` if the replica cannot be read or written.
    public static func keep(
        _ rejection: CheckpointLedger.Rejection, shown: SignedCheckpoint, serverKey: PublicKey, in replica: Replica
    ) throws {
        guard case let .sameSizeDifferentRoot(known) = rejection else { return }
        let exchange = shown.checkpoint.exchange
        var witness = try stored(in: replica, exchange: exchange)
        if witness.record(Evidence(splitViewOf: serverKey, known, shown)) {
            try witness.save(in: replica, exchange: exchange)
        }
    }

    /// The server keys the party knows for `exchange`: the key it pinned for the server it syncs
    /// the exchange with, if it has synced it, and the keys that server handed over from (a
    /// checkpoint one of them signed before the handover is still that server's).
    ///
    /// - Throws: ``StoreError`` if the replica cannot be read.
    public static func serverKeys(in replica: Replica, exchange: ExchangeID) throws -> [KeyID: PublicKey] {
        guard let url = try replica.meta(.server(for: exchange)), let hex = try replica.meta(.serverKey(for: url)),
              let raw = Hex.decode(hex, count: 32), let key = try? PublicKey(rawRepresentation: raw)
        else { return [:] }
        var keys = [key.keyID: key]
        for handover in try Synchronizer.handovers(of: url, in: replica) {
            keys[handover.old.keyID] = handover.old
        }
        return keys
    }

    private static func list(in replica: Replica, _ key: MetaKey) throws -> [JSONValue] {
        guard let text = try replica.meta(key) else { return [] }
        guard let list = try JSONValue(parsing: Array(text.utf8)).arrayValue else {
            throw LogError(code: .malformedEvidence, message: "the replica's \(key) is not a list")
        }
        return list
    }
}

public import ParleyCrypto
public import ParleyLog

/// `POST /v1/exchanges/{id}/gossip` answer: the server's current checkpoint, proofs that each
/// handed checkpoint is a prefix of it, and the checkpoints the other participants handed over.
///
/// ```text
/// {"checkpoint": <signed checkpoint at N>, "consistency": [hex…],   (from the request's M to N)
///  "handed": [[hex…], …],                                           (one proof per handed checkpoint, k → N)
///  "relayed": [{"checkpoint": <signed>, "consistency": [hex…], "from": "<key id>"}, …]}
/// ```
public struct GossipResponse: Hashable, Sendable {
    /// A checkpoint another participant handed over, with the proof that it is a prefix of
    /// ``GossipResponse/checkpoint``.
    public struct Relayed: Hashable, Sendable {
        /// Who handed it to the server (not signed by that party: the server says so).
        public var from: KeyID
        /// The checkpoint, signed by the server.
        public var checkpoint: SignedCheckpoint
        /// The consistency proof from its size to the current size.
        public var consistency: [[UInt8]]

        /// Names the parts.
        public init(from: KeyID, checkpoint: SignedCheckpoint, consistency: [[UInt8]]) {
            self.from = from
            self.checkpoint = checkpoint
            self.consistency = consistency
        }
    }

    /// The server's signed checkpoint of its log now.
    public var checkpoint: SignedCheckpoint
    /// The consistency proof from the request's `checkpoint` size to ``checkpoint``.
    public var consistency: [[UInt8]]
    /// For each handed checkpoint, in request order, the proof from its size to ``checkpoint``.
    public var handed: [[[UInt8]]]
    /// What the other participants handed over, at most one per participant.
    public var relayed: [Relayed]

    /// Names the parts.
    public init(checkpoint: SignedCheckpoint, consistency: [[UInt8]], handed: [[[UInt8]]], relayed: [Relayed]) {
        self.checkpoint = checkpoint
        self.consistency = consistency
        self.handed = handed
        self.relayed = relayed
    }

    /// The body: RFC 8785 canonical JSON.
    public func encoded() throws(SyncError) -> [UInt8] {
        func proof(_ hashes: [[UInt8]]) -> JSONValue { .array(hashes.map { .string(Hex.encode($0)) }) }
        let value: JSONValue = [
            "checkpoint": checkpoint.json,
            "consistency": proof(consistency),
            "handed": .array(handed.map(proof)),
            "relayed": .array(relayed.map { item in
                ["from": .string(item.from.hex), "checkpoint": item.checkpoint.json, "consistency": proof(item.consistency)]
            }),
        ]
        do {
            return try CanonicalJSON.encode(value)
        } catch {
            throw SyncError(code: .malformedMessage, message: "a gossip answer cannot be serialized", cause: error)
        }
    }

    /// Reads an answer strictly.
    ///
    /// - Throws: ``SyncError/Code/malformedMessage`` naming the member that is wrong.
    public init(parsing body: [UInt8]) throws(SyncError) {
        func bad(_ detail: String) -> SyncError {
            SyncError(code: .malformedMessage, message: "the gossip answer is malformed: \(detail)")
        }
        func proof(_ value: JSONValue?, _ name: String) throws(SyncError) -> [[UInt8]] {
            guard let list = value?.arrayValue else { throw bad("`\(name)` must be a list of hashes") }
            var hashes: [[UInt8]] = []
            for item in list {
                guard let text = item.stringValue, let hash = Hex.decode(text, count: 32) else {
                    throw bad("`\(name)` holds a hash that is not 64 lowercase hex digits")
                }
                hashes.append(hash)
            }
            return hashes
        }
        func signed(_ value: JSONValue?, _ name: String) throws(SyncError) -> SignedCheckpoint {
            guard let value else { throw bad("`\(name)` is missing") }
            do {
                return try SignedCheckpoint(json: value)
            } catch {
                throw bad("`\(name)`: \(error.message)")
            }
        }
        guard let value = try? JSONValue(parsing: body), let object = value.objectValue,
              Set(object.keys) == ["checkpoint", "consistency", "handed", "relayed"]
        else { throw bad("it must be an object with `checkpoint`, `consistency`, `handed` and `relayed`") }
        checkpoint = try signed(object["checkpoint"], "checkpoint")
        consistency = try proof(object["consistency"], "consistency")
        guard let handedList = object["handed"]?.arrayValue else { throw bad("`handed` must be a list of proofs") }
        var handed: [[[UInt8]]] = []
        for item in handedList { handed.append(try proof(item, "handed")) }
        self.handed = handed
        guard let relayedList = object["relayed"]?.arrayValue else { throw bad("`relayed` must be a list") }
        var relayed: [Relayed] = []
        for item in relayedList {
            guard let members = item.objectValue, Set(members.keys) == ["from", "checkpoint", "consistency"],
                  let from = members["from"]?.stringValue.flatMap(KeyID.init(hex:))
            else { throw bad("each relayed item has exactly `from` (a key id), `checkpoint` and `consistency`") }
            relayed.append(Relayed(
                from: from, checkpoint: try signed(members["checkpoint"], "relayed.checkpoint"),
                consistency: try proof(members["consistency"], "relayed.consistency")
            ))
        }
        self.relayed = relayed
    }
}

public import ParleyLog

/// `POST /v1/exchanges/{id}/gossip` body: the checkpoints a party hands the server to relay to
/// the other participants, and the size of its last accepted checkpoint.
///
/// `{"checkpoint": M|null, "checkpoints": [<signed checkpoint>, …]}`: at most
/// ``maxCheckpoints``, each of this exchange and signed by the server's key.
public struct GossipRequest: Hashable, Sendable {
    /// The most checkpoints one request may hand over.
    public static let maxCheckpoints = 16

    /// The size of the party's last accepted checkpoint of this server, for a consistency proof.
    public var checkpoint: Int?
    /// The checkpoints handed over: the party's latest accepted one, and those it saw elsewhere
    /// (a bundle) and wants checked.
    public var checkpoints: [SignedCheckpoint]

    /// Names the parts.
    public init(checkpoint: Int?, checkpoints: [SignedCheckpoint]) {
        self.checkpoint = checkpoint
        self.checkpoints = checkpoints
    }

    /// The body: RFC 8785 canonical JSON.
    public func encoded() throws(SyncError) -> [UInt8] {
        let value: JSONValue = [
            "checkpoint": checkpoint.map { .number(Double($0)) } ?? .null,
            "checkpoints": .array(checkpoints.map(\.json)),
        ]
        do {
            return try CanonicalJSON.encode(value)
        } catch {
            throw SyncError(code: .malformedMessage, message: "a gossip body cannot be serialized", cause: error)
        }
    }

    /// Reads a body strictly: exactly the two members, `checkpoint` a size or `null`, at most
    /// ``maxCheckpoints`` well-formed signed checkpoints.
    ///
    /// - Throws: ``SyncError/Code/malformedMessage`` naming what is wrong, ``SyncError/Code/tooLarge``.
    public init(parsing body: [UInt8]) throws(SyncError) {
        guard let value = try? JSONValue(parsing: body), let object = value.objectValue,
              Set(object.keys) == ["checkpoint", "checkpoints"]
        else {
            throw SyncError(code: .malformedMessage, message: "a gossip body is an object with exactly `checkpoint` and `checkpoints`")
        }
        let size = object["checkpoint"] ?? .null
        if size.isNull {
            checkpoint = nil
        } else if let number = size.intValue, number >= 0 {
            checkpoint = number
        } else {
            throw SyncError(code: .malformedMessage, message: "`checkpoint` must be a log size or null")
        }
        guard let list = object["checkpoints"]?.arrayValue else {
            throw SyncError(code: .malformedMessage, message: "`checkpoints` must be an array of signed checkpoints")
        }
        guard list.count <= Self.maxCheckpoints else {
            throw SyncError(code: .tooLarge, message: "a gossip body hands at most \(Self.maxCheckpoints) checkpoints")
        }
        var checkpoints: [SignedCheckpoint] = []
        for (index, item) in list.enumerated() {
            do {
                checkpoints.append(try SignedCheckpoint(json: item))
            } catch {
                throw SyncError(code: .malformedMessage, message: "`checkpoints[\(index)]`: \(error.message)", cause: error)
            }
        }
        self.checkpoints = checkpoints
    }
}

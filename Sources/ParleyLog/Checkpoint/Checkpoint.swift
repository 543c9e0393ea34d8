public import ParleyCrypto

/// A server's statement of an exchange log at one moment: how many envelopes it holds and the
/// Merkle root over their ids, as Certificate Transparency's signed tree heads.
///
/// JSON form (every member required, no others):
/// `{"exchange": <exchange id hex>, "size": <number of envelopes, 0 … 2^53 − 1>,
/// "root": <hex of the 32-byte Merkle root of the first `size` envelope ids (``MerkleLog``)>,
/// "timestamp": <RFC 3339 UTC, the server's clock>, "server": <the server's key id hex>}`.
/// Its canonical bytes are the RFC 8785 serialization of that object; ``SignedCheckpoint`` signs
/// them under the context `parley/v1/checkpoint`.
public struct Checkpoint: Sendable, Hashable {
    /// The largest size: 2^53 − 1, the largest integer every JSON reader holds exactly.
    public static let maxSize = 9_007_199_254_740_991

    /// The exchange whose log this is.
    public var exchange: ExchangeID
    /// The number of envelopes in the log.
    public var size: Int
    /// The Merkle root (RFC 9162 §2.1) over the first ``size`` envelope ids, 32 bytes.
    public var root: [UInt8]
    /// The server's clock when it signed.
    public var timestamp: Timestamp
    /// The key id of the server that signs.
    public var server: KeyID

    /// Describes a checkpoint.
    ///
    /// - Parameters:
    ///   - exchange: The exchange.
    ///   - size: The log's size.
    ///   - root: The 32-byte Merkle root of the log's first `size` envelope ids.
    ///   - timestamp: The server's clock.
    ///   - server: The signing server's key id.
    public init(exchange: ExchangeID, size: Int, root: [UInt8], timestamp: Timestamp, server: KeyID) {
        self.exchange = exchange
        self.size = size
        self.root = root
        self.timestamp = timestamp
        self.server = server
    }

    /// The checkpoint of the whole of `tree`.
    ///
    /// - Parameters:
    ///   - exchange: The exchange.
    ///   - tree: The log's Merkle tree; its count and root are taken.
    ///   - timestamp: The server's clock.
    ///   - server: The signing server's key id.
    public init(exchange: ExchangeID, tree: MerkleLog, timestamp: Timestamp, server: KeyID) {
        self.init(exchange: exchange, size: tree.count, root: tree.root, timestamp: timestamp, server: server)
    }

    /// The checkpoint's JSON form.
    public var json: JSONValue {
        [
            "exchange": .string(exchange.hex),
            "size": .number(Double(size)),
            "root": .string(Hex.encode(root)),
            "timestamp": .string(timestamp.rfc3339),
            "server": .string(server.hex),
        ]
    }

    /// The RFC 8785 canonical bytes: what the server signs.
    ///
    /// - Throws: ``LogError/Code/malformedCheckpoint`` if the size or root breaks the rules above.
    public func canonicalBytes() throws(LogError) -> [UInt8] {
        if let problem { throw .malformedCheckpoint(problem) }
        return try CanonicalJSON.encode(json)
    }

    /// What breaks the checkpoint's rules, if anything.
    var problem: String? {
        if !(0...Self.maxSize).contains(size) { return "checkpoint `size` is out of range" }
        if root.count != MerkleLog.hashByteCount { return "checkpoint `root` must be 32 bytes" }
        return nil
    }
}

extension Checkpoint {
    /// Reads a checkpoint from its JSON form, strictly.
    ///
    /// - Parameter json: The checkpoint object.
    /// - Throws: ``LogError/Code/malformedCheckpoint`` naming the first rule broken.
    public init(json: JSONValue) throws(LogError) {
        let reader = try LogError.asCheckpointError { () throws(LogError) in
            try JSONObjectReader(json, context: "checkpoint", members: ["exchange", "size", "root", "timestamp", "server"])
        }
        func string(_ name: String) throws(LogError) -> String {
            try LogError.asCheckpointError { () throws(LogError) in try reader.string(name) }
        }
        guard let exchange = ExchangeID(hex: try string("exchange")) else {
            throw .malformedCheckpoint("checkpoint `exchange` must be 64 lowercase hex digits")
        }
        let size = try LogError.asCheckpointError { () throws(LogError) in
            try reader.integer("size", in: 0...Self.maxSize)
        }
        guard let root = Hex.decode(try string("root"), count: MerkleLog.hashByteCount) else {
            throw .malformedCheckpoint("checkpoint `root` must be 64 lowercase hex digits")
        }
        guard let timestamp = Timestamp(rfc3339: try string("timestamp")) else {
            throw .malformedCheckpoint("checkpoint `timestamp` must be RFC 3339 UTC (YYYY-MM-DDTHH:MM:SS[.fff]Z)")
        }
        guard let server = KeyID(hex: try string("server")) else {
            throw .malformedCheckpoint("checkpoint `server` must be a key id (64 lowercase hex digits)")
        }
        self.init(exchange: exchange, size: size, root: root, timestamp: timestamp, server: server)
    }
}

extension LogError {
    /// A ``Code/malformedCheckpoint`` error with `detail` as its message.
    static func malformedCheckpoint(
        _ detail: String, function: String = #function, file: String = #fileID, line: Int = #line
    ) -> LogError {
        LogError(code: .malformedCheckpoint, message: detail, function: function, file: file, line: line)
    }

    /// Runs `body`, turning the ``Code/malformedEnvelope`` errors of the shared object reader
    /// into ``Code/malformedCheckpoint`` ones.
    static func asCheckpointError<T>(_ body: () throws(LogError) -> T) throws(LogError) -> T {
        do {
            return try body()
        } catch where error.code == .malformedEnvelope {
            throw LogError(code: .malformedCheckpoint, message: error.message, function: error.location.function,
                           file: error.location.file, line: error.location.line)
        }
    }
}

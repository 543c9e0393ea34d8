public import ParleyCrypto

/// A delta of an exchange's log, before signing: who wrote it, where it sits in the author's chain,
/// and what it does.
///
/// JSON form (every member required, no others):
/// `{"version": 1, "exchange": <exchange id hex, or "" in the genesis>, "author": <key id hex>,
/// "seq": <1, 2, 3… per author>, "prev": <id hex of the author's previous envelope, or null at seq 1>,
/// "timestamp": <RFC 3339 UTC>, "op": <operation name>, "body": {…}}`.
/// Its canonical bytes are the RFC 8785 serialization of that object; its id is their SHA-256.
public struct Envelope: Sendable, Hashable {
    /// The protocol version this code reads and writes.
    public static let protocolVersion = 1
    /// The largest `seq`: 2^53 − 1, the largest integer every JSON reader holds exactly.
    public static let maxSeq = 9_007_199_254_740_991

    /// The exchange, or `nil` in the genesis (written as `""`: its id becomes the exchange id).
    public var exchange: ExchangeID?
    /// The author's key id.
    public var author: KeyID
    /// The position in the author's chain, from 1.
    public var seq: Int
    /// The id of the author's envelope at `seq - 1`; `nil` at seq 1.
    public var prev: EnvelopeID?
    /// The author's clock when it wrote the envelope.
    public var timestamp: Timestamp
    /// What the envelope does.
    public var operation: Operation

    /// Describes an envelope; ``EnvelopeSigner`` fills in the chain members for you.
    public init(
        exchange: ExchangeID?, author: KeyID, seq: Int, prev: EnvelopeID?,
        timestamp: Timestamp, operation: Operation
    ) {
        self.exchange = exchange
        self.author = author
        self.seq = seq
        self.prev = prev
        self.timestamp = timestamp
        self.operation = operation
    }

    /// Whether this is a genesis envelope (an `exchange.create` with `exchange` set to `""`).
    public var isGenesis: Bool { exchange == nil }

    /// The envelope's JSON form.
    public var json: JSONValue {
        [
            "version": .number(Double(Self.protocolVersion)),
            "exchange": .string(exchange?.hex ?? ""),
            "author": .string(author.hex),
            "seq": .number(Double(seq)),
            "prev": prev.map { .string($0.hex) } ?? .null,
            "timestamp": .string(timestamp.rfc3339),
            "op": .string(operation.name.rawValue),
            "body": operation.body,
        ]
    }

    /// The RFC 8785 canonical bytes: what is hashed for the id and signed.
    ///
    /// - Throws: ``LogError`` only if a string holds a Unicode noncharacter.
    public func canonicalBytes() throws(LogError) -> [UInt8] {
        try CanonicalJSON.encode(json)
    }

    /// What breaks the envelope's own rules, if anything: the body's rules, `seq` in range, and the
    /// genesis rules (`exchange` is `""` exactly for `exchange.create`, which is at seq 1 with no
    /// `prev`, by an author among its participants).
    var problem: String? {
        if let problem = operation.problem { return problem }
        if !(1...Self.maxSeq).contains(seq) { return "envelope `seq` is out of range" }
        if case let .revokeKey(revoke) = operation, revoke.from > seq { return "key.revoke `from` must not exceed its own seq" }
        let creates: Bool
        if case let .createExchange(create) = operation {
            creates = true
            if seq != 1 || prev != nil { return "exchange.create must be at seq 1 with a null prev" }
            if !create.participants.contains(where: { $0.keyID == author }) {
                return "the creator of an exchange must be one of its participants"
            }
        } else {
            creates = false
        }
        if creates != isGenesis { return "`exchange` is \"\" exactly in an exchange.create envelope" }
        return nil
    }
}

extension Envelope {
    /// Reads an envelope from its JSON form, strictly.
    ///
    /// - Parameter json: The envelope object.
    /// - Throws: ``LogError/Code/malformedEnvelope`` naming the first rule broken.
    public init(json: JSONValue) throws(LogError) {
        let reader = try JSONObjectReader(
            json, context: "envelope",
            members: ["version", "exchange", "author", "seq", "prev", "timestamp", "op", "body"]
        )
        guard try reader.integer("version", in: 0...Int(Int32.max)) == Self.protocolVersion else {
            throw .malformed("unsupported envelope version")
        }
        let exchangeText = try reader.string("exchange")
        let exchange = ExchangeID(hex: exchangeText)
        guard exchange != nil || exchangeText.isEmpty else {
            throw .malformed("envelope `exchange` must be 64 lowercase hex digits or empty")
        }
        guard let author = KeyID(hex: try reader.string("author")) else {
            throw .malformed("envelope `author` must be a key id (64 lowercase hex digits)")
        }
        let prevText = try reader.optionalString("prev")
        let prev = prevText.flatMap(EnvelopeID.init(hex:))
        guard (prevText == nil) == (prev == nil) else {
            throw .malformed("envelope `prev` must be null or 64 lowercase hex digits")
        }
        guard let timestamp = Timestamp(rfc3339: try reader.string("timestamp")) else {
            throw .malformed("envelope `timestamp` must be RFC 3339 UTC (YYYY-MM-DDTHH:MM:SS[.fff]Z)")
        }
        self.init(
            exchange: exchange, author: author,
            seq: try reader.integer("seq", in: 1...Self.maxSeq), prev: prev, timestamp: timestamp,
            operation: try Operation(name: try reader.string("op"), body: reader.value("body"))
        )
        if let problem { throw .malformed(problem) }
    }
}

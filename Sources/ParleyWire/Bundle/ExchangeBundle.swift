import ParleyCrypto
public import ParleyLog

/// An exchange's envelopes and checkpoints as one NDJSON file, for carrying a log without a server.
///
/// ```text
/// {"checkpoints":[<SignedCheckpoint>…],"count":k,"exchange":"<hex>","parley_bundle":1}
/// <k signed envelope wire lines>
/// {"end":{"count":k,"sha256":"<hex of SHA-256 over the k envelope lines, each with its \n>"}}
/// ```
///
/// Every line ends with `\n`. The codec checks the file's form only; importing must still put
/// every envelope through the verifier, exactly as a pull does. (Named for the exchange, not
/// `Bundle`, which Foundation takes.)
public struct ExchangeBundle: Hashable, Sendable {
    /// The `parley_bundle` version this code reads and writes.
    public static let formatVersion = 1

    /// Limits for reading untrusted bytes.
    public struct Limits: Hashable, Sendable {
        /// The longest line, in bytes, without its newline.
        public var maxLineBytes: Int
        /// The most envelopes a bundle may announce.
        public var maxCount: Int

        /// Names the limits.
        public init(maxLineBytes: Int, maxCount: Int) {
            self.maxLineBytes = maxLineBytes
            self.maxCount = maxCount
        }

        /// 1 MiB lines (checkpoint lists included) and a million envelopes.
        public static let `default` = Limits(maxLineBytes: 1 << 20, maxCount: 1_000_000)
    }

    /// The exchange.
    public var exchange: ExchangeID
    /// The envelopes, in the order they are written and read.
    public var envelopes: [SignedEnvelope]
    /// Signed checkpoints of the exchange's server log that the exporter holds.
    public var checkpoints: [SignedCheckpoint]

    /// A bundle.
    ///
    /// - Parameters:
    ///   - exchange: The exchange.
    ///   - envelopes: Its envelopes, e.g. in server log order.
    ///   - checkpoints: Signed checkpoints covering them, possibly none.
    public init(exchange: ExchangeID, envelopes: [SignedEnvelope], checkpoints: [SignedCheckpoint] = []) {
        self.exchange = exchange
        self.envelopes = envelopes
        self.checkpoints = checkpoints
    }

    /// The bundle's bytes.
    ///
    /// - Returns: The header line, one line per envelope (its wire bytes) and the end line.
    /// - Throws: ``SyncError/Code/wrongExchange`` for an envelope or checkpoint of another
    ///   exchange, ``SyncError/Code/malformedBundle`` for a line that cannot be serialized.
    public func encoded() throws(SyncError) -> [UInt8] {
        for (index, envelope) in envelopes.enumerated() where !Self.belongs(envelope, to: exchange) {
            throw SyncError(code: .wrongExchange, message: "envelope \(index + 1) belongs to another exchange")
        }
        for (index, checkpoint) in checkpoints.enumerated() where checkpoint.checkpoint.exchange != exchange {
            throw SyncError(code: .wrongExchange, message: "checkpoint \(index + 1) is of another exchange")
        }
        let header: JSONValue = [
            "parley_bundle": .number(Double(Self.formatVersion)),
            "exchange": .string(exchange.hex),
            "count": .number(Double(envelopes.count)),
            "checkpoints": .array(checkpoints.map(\.json)),
        ]
        var bytes = try Self.canonical(header)
        bytes.append(UInt8(ascii: "\n"))
        var hasher = SHA256()
        for envelope in envelopes {
            let line = envelope.wireBytes + [UInt8(ascii: "\n")]
            hasher.update(line)
            bytes += line
        }
        let end: JSONValue = [
            "end": ["count": .number(Double(envelopes.count)), "sha256": .string(Hex.encode(hasher.finalize()))],
        ]
        bytes += try Self.canonical(end)
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    /// Whether `envelope` is in `exchange`: it names it, or it is its genesis.
    static func belongs(_ envelope: SignedEnvelope, to exchange: ExchangeID) -> Bool {
        envelope.envelope.exchange == exchange
            || (envelope.envelope.exchange == nil && envelope.id == exchange.genesis)
    }

    private static func canonical(_ value: JSONValue) throws(SyncError) -> [UInt8] {
        do {
            return try CanonicalJSON.encode(value)
        } catch {
            throw SyncError(code: .malformedBundle, message: "a bundle line cannot be serialized", cause: error)
        }
    }
}

public import ParleyCrypto

/// A self-contained proof of misbehaviour that anyone can check offline with nothing else:
/// a server that signed two histories, or an author that signed two envelopes at one seq.
///
/// File form (RFC 8785 canonical JSON, see `protocol/PROTOCOL.md`, "Evidence"):
///
/// ```text
/// {"checkpoints":[<signed checkpoint>,<signed checkpoint>],"format":"parley/v1/evidence",
///  "kind":"split-view","server_key":"<raw public key, hex>"}
/// {"envelopes":[<signed envelope>,<signed envelope>],"format":"parley/v1/evidence",
///  "genesis":<signed envelope>,"kind":"equivocation"}
/// ```
public enum Evidence: Hashable, Sendable {
    /// Two checkpoints of one exchange and size with different roots, both signed by the server
    /// key: the server showed two histories. Ordered by root bytes.
    case splitView(serverKey: PublicKey, SignedCheckpoint, SignedCheckpoint)
    /// Two different envelopes of one author at one seq, both validly signed, with the genesis
    /// that names the author's key. Ordered by id.
    case equivocation(genesis: SignedEnvelope, SignedEnvelope, SignedEnvelope)

    /// The `format` member of an evidence file.
    public static let format = "parley/v1/evidence"

    /// A split view, its two checkpoints put in canonical order (root bytes).
    public init(splitViewOf serverKey: PublicKey, _ a: SignedCheckpoint, _ b: SignedCheckpoint) {
        let (first, second) = a.checkpoint.root.lexicographicallyPrecedes(b.checkpoint.root) ? (a, b) : (b, a)
        self = .splitView(serverKey: serverKey, first, second)
    }

    /// An equivocation, its two envelopes put in canonical order (id hex).
    public init(equivocationIn genesis: SignedEnvelope, _ a: SignedEnvelope, _ b: SignedEnvelope) {
        let (first, second) = a.id.hex < b.id.hex ? (a, b) : (b, a)
        self = .equivocation(genesis: genesis, first, second)
    }

    /// The exchange the evidence is about.
    public var exchange: ExchangeID {
        switch self {
        case let .splitView(_, first, _): first.checkpoint.exchange
        case let .equivocation(genesis, _, _): ExchangeID(genesis: genesis.id)
        }
    }

    /// `split-view` or `equivocation`.
    public var kind: String {
        switch self {
        case .splitView: "split-view"
        case .equivocation: "equivocation"
        }
    }

    /// The evidence's JSON form.
    public var json: JSONValue {
        switch self {
        case let .splitView(key, first, second):
            [
                "format": .string(Self.format), "kind": .string(kind),
                "server_key": .string(Hex.encode(key.rawRepresentation)),
                "checkpoints": [first.json, second.json],
            ]
        case let .equivocation(genesis, first, second):
            [
                "format": .string(Self.format), "kind": .string(kind),
                "genesis": Self.json(genesis), "envelopes": [Self.json(first), Self.json(second)],
            ]
        }
    }

    /// The file's bytes: RFC 8785 canonical JSON and one `\n`.
    public func fileBytes() throws(LogError) -> [UInt8] {
        try CanonicalJSON.encode(json) + [0x0A]
    }

    private static func json(_ envelope: SignedEnvelope) -> JSONValue {
        // The wire form is canonical JSON, so it always parses.
        (try? JSONValue(parsing: envelope.wireBytes)) ?? .null
    }
}

/// The body of `exchange.erase`: the author says it has erased the exchange in its replica
/// (PROTOCOL.md §5.20): destroyed its encryption key for it and every opened record and text.
///
/// JSON form: `{}` (no member). Anyone may author it; it counts once per participant, and only
/// after the exchange is closed (``ExchangeState/isClosed``) and after the author's own signature
/// that closed it (``ExchangeState/erasedBy``). It is a statement, not a proof: nobody can check
/// that a party destroyed what it held.
public struct EraseExchange: Sendable, Hashable, Codable {
    /// The statement.
    public init() {}

    /// Decodes the JSON form strictly.
    public init(from decoder: any Decoder) throws {
        self = try Self.decodeBridged(from: decoder)
    }

    /// Encodes the JSON form.
    public func encode(to encoder: any Encoder) throws {
        try encodeBridged(to: encoder)
    }
}

extension EraseExchange: JSONBridged {
    init(json: JSONValue) throws(LogError) {
        _ = try JSONObjectReader(json, context: "exchange.erase body", members: [])
        self.init()
    }

    var json: JSONValue {
        .object([:])
    }
}

extension Operation {
    /// Whether a server keeps an envelope of this operation when it drops an exchange every
    /// participant erased (PROTOCOL.md §5.20): what carries nothing sealed, the exchange's signed
    /// skeleton. The genesis, terms, confirmations, manifests and their signatures, the chains'
    /// keys and the erasures themselves stay; list entries, removals, hand decisions, disputes,
    /// attestations and content-key shares, which carry sealed records, texts or keys, go.
    public var isKeptWhenErased: Bool {
        switch self {
        case .createExchange, .confirm, .setTerms, .proposeManifest, .signManifest,
             .rotateKey, .nameRecoveryKey, .revokeKey, .announceEncryptionKey, .eraseExchange:
            true
        case .putEntry, .removeEntry, .assertMatch, .rejectMatch, .openDispute, .commentDispute, .closeDispute,
             .attest, .shareContentKey:
            false
        }
    }
}

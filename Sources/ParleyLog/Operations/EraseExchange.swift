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

/// The id of an exchange: the id of its genesis envelope (the `exchange.create` envelope, whose own
/// `exchange` member is the empty string).
///
/// Because it is a hash of the genesis, the exchange id pins the title, terms and participant keys:
/// a replica that knows the id accepts exactly one genesis.
public struct ExchangeID: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    /// The genesis envelope's id.
    public let genesis: EnvelopeID

    /// The exchange created by the envelope with id `genesis`.
    public init(genesis: EnvelopeID) {
        self.genesis = genesis
    }

    /// An exchange id from its hex form.
    ///
    /// - Parameter hex: Exactly 64 lowercase hex digits.
    public init?(hex: String) {
        guard let id = EnvelopeID(hex: hex) else { return nil }
        self.genesis = id
    }

    /// The 64 lowercase hex digits.
    public var hex: String { genesis.hex }

    /// The hex form.
    public var description: String { hex }

    /// Orders by the genesis id.
    public static func < (lhs: ExchangeID, rhs: ExchangeID) -> Bool {
        lhs.genesis < rhs.genesis
    }

    /// Decodes the hex form.
    public init(from decoder: any Decoder) throws {
        self.genesis = try EnvelopeID(from: decoder)
    }

    /// Encodes the hex form.
    public func encode(to encoder: any Encoder) throws {
        try genesis.encode(to: encoder)
    }
}

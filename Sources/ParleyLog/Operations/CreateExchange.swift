import ParleyCrypto
/// The body of `exchange.create`, the genesis: what the exchange is and who takes part.
///
/// JSON form: `{"nonce": <32 hex digits>, "title": …, "terms": {…}, "participants": [Participant…]}`.
/// The nonce is 16 random bytes chosen by the creator, so two exchanges with the same title,
/// participants and timestamp still get different ids. The terms are a free JSON object (e.g.
/// `{"counts": {"A": 390, "B": 390}}`). Each key appears at most once among the participants; the
/// creator (the envelope's author) must be one of them.
public struct CreateExchange: Sendable, Hashable, Codable {
    /// 32 lowercase hex digits (16 random bytes).
    public var nonce: String
    /// A human title, e.g. "Exchange 2025-05, phase 1".
    public var title: String
    /// The agreed terms, as a JSON object.
    public var terms: JSONValue
    /// The parties, in the order the creator listed them.
    public var participants: [Participant]

    /// Describes a new exchange.
    ///
    /// - Parameters:
    ///   - nonce: 16 random bytes, e.g. from ``randomNonce(using:)``, as 32 lowercase hex digits.
    ///   - title: A human title.
    ///   - terms: A JSON object; `{}` when nothing is agreed yet.
    ///   - participants: Every party, the creator included.
    public init(nonce: String, title: String, terms: JSONValue = [:], participants: [Participant]) {
        self.nonce = nonce
        self.title = title
        self.terms = terms
        self.participants = participants
    }

    /// 16 bytes from `generator` as 32 lowercase hex digits, for ``nonce``.
    ///
    /// - Parameter generator: The source of randomness; inject a seeded one in tests.
    /// - Returns: A fresh nonce.
    public static func randomNonce(using generator: inout some RandomNumberGenerator) -> String {
        Hex.encode((0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    /// Decodes the JSON form strictly.
    public init(from decoder: any Decoder) throws {
        self = try Self.decodeBridged(from: decoder)
    }

    /// Encodes the JSON form.
    public func encode(to encoder: any Encoder) throws {
        try encodeBridged(to: encoder)
    }

    /// What is wrong with this body, if anything.
    var problem: String? {
        if Hex.decode(nonce, count: 16) == nil { return "exchange.create `nonce` must be 32 lowercase hex digits" }
        if terms.objectValue == nil { return "exchange.create `terms` must be an object" }
        if participants.isEmpty { return "exchange.create needs at least one participant" }
        if Set(participants.map(\.keyID)).count != participants.count {
            return "a key appears twice among the participants"
        }
        return participants.lazy.compactMap(\.problem).first
    }
}

extension CreateExchange: JSONBridged {
    init(json: JSONValue) throws(LogError) {
        let reader = try JSONObjectReader(
            json, context: "exchange.create body", members: ["nonce", "title", "terms", "participants"]
        )
        var participants: [Participant] = []
        for value in try reader.array("participants") {
            participants.append(try Participant(json: value))
        }
        self.init(
            nonce: try reader.string("nonce"),
            title: try reader.string("title"),
            terms: .object(try reader.object("terms")),
            participants: participants
        )
        if let problem { throw .malformed(problem) }
    }

    var json: JSONValue {
        [
            "nonce": .string(nonce),
            "title": .string(title),
            "terms": terms,
            "participants": .array(participants.map(\.json)),
        ]
    }
}

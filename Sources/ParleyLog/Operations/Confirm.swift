/// The body of `confirm`: a mediator confirms the reconciliation of one direction as it stands.
///
/// JSON form: `{"direction": "to-A"|"to-B", "reconciliation": <64 hex: the direction's
/// reconciliation hash>}` (see ``DirectionReport/hash``). Only a mediator confirms. Each
/// mediator's latest confirm of a direction replaces its earlier ones; a confirm counts while its
/// hash is the direction's current hash.
public struct Confirm: Sendable, Hashable, Codable {
    /// The direction confirmed.
    public var direction: Direction
    /// The direction's reconciliation hash that was confirmed.
    public var reconciliation: String

    /// Describes a confirmation.
    public init(direction: Direction, reconciliation: String) {
        self.direction = direction
        self.reconciliation = reconciliation
    }

    /// Decodes the JSON form strictly.
    public init(from decoder: any Decoder) throws {
        self = try Self.decodeBridged(from: decoder)
    }

    /// Encodes the JSON form.
    public func encode(to encoder: any Encoder) throws {
        try encodeBridged(to: encoder)
    }
}

extension Confirm: JSONBridged {
    init(json: JSONValue) throws(LogError) {
        let reader = try JSONObjectReader(json, context: "confirm body", members: ["direction", "reconciliation"])
        self.init(direction: try reader.enumeration("direction", as: Direction.self), reconciliation: try reader.hash("reconciliation"))
    }

    var json: JSONValue {
        ["direction": .string(direction.rawValue), "reconciliation": .string(reconciliation)]
    }
}

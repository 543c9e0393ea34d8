/// A mediator's recorded decision to propose a manifest despite one blocker.
///
/// JSON form: `{"blocker": <a blocker key, see ``Blocker/key``>, "reason": <non-empty string>}`:
/// `dispute:<dispute id>` waives an open dispute touching people the manifest includes;
/// `terms:to-A` / `terms:to-B` waives a count that breaks the terms in that direction;
/// `terms:conflict` waives mediators' terms that disagree.
public struct Waiver: Sendable, Hashable, Codable {
    /// The key of the blocker waived.
    public var blocker: String
    /// Why, in words.
    public var reason: String

    /// Describes a waiver.
    public init(blocker: String, reason: String) {
        self.blocker = blocker
        self.reason = reason
    }

    /// Decodes the JSON form strictly.
    public init(from decoder: any Decoder) throws {
        self = try Self.decodeBridged(from: decoder)
    }

    /// Encodes the JSON form.
    public func encode(to encoder: any Encoder) throws {
        try encodeBridged(to: encoder)
    }

    /// What is wrong with this waiver, if anything.
    var problem: String? {
        if reason.isEmpty { return "a waiver needs a reason" }
        let valid = ["terms:conflict"] + Direction.allCases.map { "terms:\($0.rawValue)" }
        if valid.contains(blocker) { return nil }
        if blocker.hasPrefix("dispute:"), EnvelopeID(hex: String(blocker.dropFirst("dispute:".count))) != nil { return nil }
        return "a waiver's blocker is dispute:<id>, terms:to-A, terms:to-B or terms:conflict"
    }
}

extension Waiver: JSONBridged {
    init(json: JSONValue) throws(LogError) {
        let reader = try JSONObjectReader(json, context: "waiver", members: ["blocker", "reason"])
        self.init(blocker: try reader.string("blocker"), reason: try reader.string("reason"))
        if let problem { throw .malformed(problem) }
    }

    var json: JSONValue {
        ["blocker": .string(blocker), "reason": .string(reason)]
    }
}

/// The body of `dispute.close`: the dispute is settled, with how.
///
/// JSON form: `{"dispute": <id of the dispute.open envelope>, "resolution": <string>}`. Only the
/// participant who opened the dispute or a mediator closes it; a close by anyone else, or of a
/// dispute the state does not hold, is valid in the log but has no effect (the state lists it as
/// ignored).
public struct CloseDispute: Sendable, Hashable, Codable {
    /// The dispute: the id of the envelope that opened it.
    public var dispute: EnvelopeID
    /// How it was settled.
    public var resolution: String

    /// Describes a close.
    public init(dispute: EnvelopeID, resolution: String) {
        self.dispute = dispute
        self.resolution = resolution
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

extension CloseDispute: JSONBridged {
    init(json: JSONValue) throws(LogError) {
        let reader = try JSONObjectReader(json, context: "dispute.close body", members: ["dispute", "resolution"])
        self.init(dispute: try reader.envelopeID("dispute"), resolution: try reader.string("resolution"))
    }

    var json: JSONValue {
        ["dispute": .string(dispute.hex), "resolution": .string(resolution)]
    }
}

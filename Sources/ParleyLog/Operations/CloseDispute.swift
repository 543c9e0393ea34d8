/// The body of `dispute.close`: the dispute is settled, with how.
///
/// JSON form: `{"dispute": <id of the dispute.open envelope>, "resolution": <string>}`. Only the
/// participant who opened the dispute or a mediator closes it; a close by anyone else, or of a
/// dispute the state does not hold, is valid in the log but has no effect (the state lists it as
/// ignored). The resolution may travel sealed (``SealableText``: `"sealed"` in place of
/// `"resolution"`).
public struct CloseDispute: Sendable, Hashable, Codable {
    /// The dispute: the id of the envelope that opened it.
    public var dispute: EnvelopeID
    /// How it was settled (empty while sealed and not opened).
    public var resolution: String
    /// The sealed resolution, when it travels sealed.
    public var sealed: [UInt8]?

    /// Describes a close.
    public init(dispute: EnvelopeID, resolution: String, sealed: [UInt8]? = nil) {
        self.dispute = dispute
        self.resolution = resolution
        self.sealed = sealed
    }

    /// The resolution, in clear or sealed.
    public var remark: SealableText {
        get { SealableText(member: "resolution", text: resolution, sealed: sealed) }
        set { (resolution, sealed) = (newValue.text, newValue.sealed) }
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
        let reader = try JSONObjectReader(json, context: "dispute.close body", members: ["dispute"], optional: ["resolution", "sealed"])
        let resolution = try SealableText("resolution", from: reader, context: "dispute.close body")
        self.init(dispute: try reader.envelopeID("dispute"), resolution: resolution.text, sealed: resolution.sealed)
    }

    var json: JSONValue {
        let resolution = remark.jsonMember
        return .object(["dispute": .string(dispute.hex), resolution.name: resolution.value])
    }
}

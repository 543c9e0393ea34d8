/// The body of `dispute.comment`: a note added to a dispute by any participant.
///
/// JSON form: `{"dispute": <id of the dispute.open envelope>, "note": <string>}`. A comment on a
/// dispute the state does not hold is valid in the log but has no effect (the state lists it as
/// ignored).
public struct CommentDispute: Sendable, Hashable, Codable {
    /// The dispute: the id of the envelope that opened it.
    public var dispute: EnvelopeID
    /// The comment.
    public var note: String

    /// Describes a comment.
    public init(dispute: EnvelopeID, note: String) {
        self.dispute = dispute
        self.note = note
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

extension CommentDispute: JSONBridged {
    init(json: JSONValue) throws(LogError) {
        let reader = try JSONObjectReader(json, context: "dispute.comment body", members: ["dispute", "note"])
        self.init(dispute: try reader.envelopeID("dispute"), note: try reader.string("note"))
    }

    var json: JSONValue {
        ["dispute": .string(dispute.hex), "note": .string(note)]
    }
}

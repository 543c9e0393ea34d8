/// The body of `dispute.comment`: a note added to a dispute by any participant.
///
/// JSON form: `{"dispute": <id of the dispute.open envelope>, "note": <string>}`. A comment on a
/// dispute the state does not hold is valid in the log but has no effect (the state lists it as
/// ignored). The note may travel sealed (``SealableText``: `"sealed"` in place of `"note"`).
public struct CommentDispute: Sendable, Hashable, Codable {
    /// The dispute: the id of the envelope that opened it.
    public var dispute: EnvelopeID
    /// The comment (empty while sealed and not opened).
    public var note: String
    /// The sealed comment, when it travels sealed.
    public var sealed: [UInt8]?

    /// Describes a comment.
    public init(dispute: EnvelopeID, note: String, sealed: [UInt8]? = nil) {
        self.dispute = dispute
        self.note = note
        self.sealed = sealed
    }

    /// The comment, in clear or sealed.
    public var remark: SealableText {
        get { SealableText(member: "note", text: note, sealed: sealed) }
        set { (note, sealed) = (newValue.text, newValue.sealed) }
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
        let reader = try JSONObjectReader(json, context: "dispute.comment body", members: ["dispute"], optional: ["note", "sealed"])
        let note = try SealableText("note", from: reader, context: "dispute.comment body")
        self.init(dispute: try reader.envelopeID("dispute"), note: note.text, sealed: note.sealed)
    }

    var json: JSONValue {
        let note = remark.jsonMember
        return .object(["dispute": .string(dispute.hex), note.name: note.value])
    }
}

/// The body of `dispute.open`: a doubt about one or more entries, raised by any participant.
///
/// JSON form: `{"about": [<entry reference>, …], "reason": "identity-conflict"|"status-contested"|
/// "not-held"|"duplicate"|"other", "note": <string, may be empty>}`. `about` has 1 to 1000
/// references, no two equal. The dispute's id is the id of the envelope that opens it. The note
/// may travel sealed (``SealableText``: `"sealed"` in place of `"note"`).
public struct OpenDispute: Sendable, Hashable, Codable {
    /// The most entries one dispute may be about.
    public static let maxEntries = 1_000

    /// The entries in doubt.
    public var about: [EntryRef]
    /// The reason code.
    public var reason: DisputeReason
    /// The doubt in words (empty while sealed and not opened).
    public var note: String
    /// The sealed note, when it travels sealed.
    public var sealed: [UInt8]?

    /// Describes a dispute.
    public init(about: [EntryRef], reason: DisputeReason, note: String, sealed: [UInt8]? = nil) {
        self.about = about
        self.reason = reason
        self.note = note
        self.sealed = sealed
    }

    /// The note, in clear or sealed.
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

    /// What is wrong with this body, if anything.
    var problem: String? {
        if about.isEmpty || about.count > Self.maxEntries {
            return "dispute.open `about` must have 1 to \(Self.maxEntries) entries"
        }
        if Set(about).count != about.count { return "dispute.open names an entry twice" }
        return about.lazy.compactMap(\.problem).first
    }
}

extension OpenDispute: JSONBridged {
    init(json: JSONValue) throws(LogError) {
        let reader = try JSONObjectReader(json, context: "dispute.open body", members: ["about", "reason"], optional: ["note", "sealed"])
        var about: [EntryRef] = []
        for value in try reader.array("about") {
            about.append(try EntryRef(json: value))
        }
        let note = try SealableText("note", from: reader, context: "dispute.open body")
        self.init(about: about, reason: try reader.enumeration("reason", as: DisputeReason.self), note: note.text, sealed: note.sealed)
        if let problem { throw .malformed(problem) }
    }

    var json: JSONValue {
        let note = remark.jsonMember
        return .object(["about": .array(about.map(\.json)), "reason": .string(reason.rawValue), note.name: note.value])
    }
}

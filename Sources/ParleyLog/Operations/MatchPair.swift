/// The body of `match.assert` ("the same person") and `match.reject` ("different persons"): a
/// hand decision about one request entry and one release entry that face each other.
///
/// JSON form: `{"request": <entry reference>, "release": <entry reference>, "note": <string, may
/// be empty>}`. `request` is on one side's `request` list and `release` on the other side's
/// `release` list (see ``Direction``). Anyone may decide; each author's latest decision on a pair
/// replaces its earlier ones, and the decisions of different authors stand side by side. The note
/// may travel sealed (``SealableText``: `"sealed"` in place of `"note"`).
public struct MatchPair: Sendable, Hashable, Codable {
    /// The requested entry.
    public var request: EntryRef
    /// The released entry.
    public var release: EntryRef
    /// Why, in words (empty while sealed and not opened).
    public var note: String
    /// The sealed note, when it travels sealed.
    public var sealed: [UInt8]?

    /// Describes a pair.
    public init(request: EntryRef, release: EntryRef, note: String = "", sealed: [UInt8]? = nil) {
        self.request = request
        self.release = release
        self.note = note
        self.sealed = sealed
    }

    /// The note, in clear or sealed.
    public var remark: SealableText {
        get { SealableText(member: "note", text: note, sealed: sealed) }
        set { (note, sealed) = (newValue.text, newValue.sealed) }
    }

    /// The direction the pair belongs to; `nil` only for a pair that breaks the rules.
    public var direction: Direction? { Direction(request: request.list, release: release.list) }

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
        if let problem = request.problem ?? release.problem { return problem }
        if direction == nil {
            return "a match pairs an entry of one side's `request` list with one of the other side's `release` list"
        }
        return nil
    }
}

extension MatchPair: JSONBridged {
    init(json: JSONValue) throws(LogError) {
        let reader = try JSONObjectReader(json, context: "match body", members: ["request", "release"], optional: ["note", "sealed"])
        let note = try SealableText("note", from: reader, context: "match body")
        self.init(
            request: try EntryRef(json: reader.value("request")),
            release: try EntryRef(json: reader.value("release")),
            note: note.text,
            sealed: note.sealed
        )
        if let problem { throw .malformed(problem) }
    }

    var json: JSONValue {
        let note = remark.jsonMember
        return .object(["request": request.json, "release": release.json, note.name: note.value])
    }
}

/// The body of `match.assert` ("the same person") and `match.reject` ("different persons"): a
/// hand decision about one request entry and one release entry that face each other.
///
/// JSON form: `{"request": <entry reference>, "release": <entry reference>, "note": <string, may
/// be empty>}`. `request` is on one side's `request` list and `release` on the other side's
/// `release` list (see ``Direction``). Anyone may decide; each author's latest decision on a pair
/// replaces its earlier ones, and the decisions of different authors stand side by side.
public struct MatchPair: Sendable, Hashable, Codable {
    /// The requested entry.
    public var request: EntryRef
    /// The released entry.
    public var release: EntryRef
    /// Why, in words.
    public var note: String

    /// Describes a pair.
    public init(request: EntryRef, release: EntryRef, note: String = "") {
        self.request = request
        self.release = release
        self.note = note
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
        let reader = try JSONObjectReader(json, context: "match body", members: ["request", "release", "note"])
        self.init(
            request: try EntryRef(json: reader.value("request")),
            release: try EntryRef(json: reader.value("release")),
            note: try reader.string("note")
        )
        if let problem { throw .malformed(problem) }
    }

    var json: JSONValue {
        ["request": request.json, "release": release.json, "note": .string(note)]
    }
}

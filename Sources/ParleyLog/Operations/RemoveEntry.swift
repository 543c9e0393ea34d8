/// The body of `list.remove`: take an entry off one of the author's own lists.
///
/// JSON form: `{"list": …, "entry": <entry id>, "reason": <free text, may be empty>}`. Removing an
/// entry that is not there is valid and changes nothing. The reason may travel sealed
/// (``SealableText``: `"sealed"` in place of `"reason"`).
public struct RemoveEntry: Sendable, Hashable, Codable {
    /// Which of the author's lists.
    public var list: ListKind
    /// The author's id of the entry.
    public var entry: String
    /// Why, in words (e.g. "released in phase 1", "duplicate of K-17"); empty while sealed and
    /// not opened.
    public var reason: String
    /// The sealed reason, when it travels sealed.
    public var sealed: [UInt8]?

    /// Describes a removal.
    public init(list: ListKind, entry: String, reason: String, sealed: [UInt8]? = nil) {
        self.list = list
        self.entry = entry
        self.reason = reason
        self.sealed = sealed
    }

    /// The reason, in clear or sealed.
    public var remark: SealableText {
        get { SealableText(member: "reason", text: reason, sealed: sealed) }
        set { (reason, sealed) = (newValue.text, newValue.sealed) }
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
        EntryID.isValid(entry) ? nil : EntryID.rule
    }
}

extension RemoveEntry: JSONBridged {
    init(json: JSONValue) throws(LogError) {
        let reader = try JSONObjectReader(json, context: "list.remove body", members: ["list", "entry"], optional: ["reason", "sealed"])
        let reason = try SealableText("reason", from: reader, context: "list.remove body")
        self.init(
            list: try reader.enumeration("list", as: ListKind.self),
            entry: try reader.string("entry"),
            reason: reason.text,
            sealed: reason.sealed
        )
        if let problem { throw .malformed(problem) }
    }

    var json: JSONValue {
        let reason = remark.jsonMember
        return .object(["list": .string(list.rawValue), "entry": .string(entry), reason.name: reason.value])
    }
}

public import ParleyCrypto

/// A reference to one list entry of an exchange: the list, the entry's author and its entry id.
///
/// JSON form: `{"side": "A"|"B"|"neutral", "list": "request"|"release"|"registry",
/// "author": <key id hex>, "entry": <entry id>}`. The side is `neutral` exactly for a `registry`
/// list. The author is part of the reference because each entry has one writer and two writers of
/// one side's list may use the same entry id.
public struct EntryRef: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The list the entry is on.
    public var list: ListKey
    /// Who wrote the entry.
    public var author: KeyID
    /// The author's entry id.
    public var entry: String

    /// Names an entry.
    public init(list: ListKey, author: KeyID, entry: String) {
        self.list = list
        self.author = author
        self.entry = entry
    }

    /// The id the list gave the record, as people know it: the entry id decoded
    /// (``ListImportPlan/recordID(forEntryID:)``), so `u:_420._424.-101` reads `РФ-101` again.
    public var recordID: String { ListImportPlan.recordID(forEntryID: entry) }

    /// The entry's key within its list.
    public var key: EntryKey { EntryKey(author: author, entry: entry) }

    /// Orders by list, then author key id, then entry id bytes.
    public static func < (lhs: EntryRef, rhs: EntryRef) -> Bool {
        lhs.list != rhs.list ? lhs.list < rhs.list : lhs.key < rhs.key
    }

    /// `A/request/<first 8 hex of the author>/<entry>`.
    public var description: String { "\(list)/\(author.hex.prefix(8))/\(entry)" }

    /// Decodes the JSON form strictly.
    public init(from decoder: any Decoder) throws {
        self = try Self.decodeBridged(from: decoder)
    }

    /// Encodes the JSON form.
    public func encode(to encoder: any Encoder) throws {
        try encodeBridged(to: encoder)
    }

    /// What is wrong with this reference, if anything.
    var problem: String? {
        if !EntryID.isValid(entry) { return EntryID.rule }
        if (list.side == .neutral) != (list.kind == .registry) {
            return "an entry reference is on side `neutral` exactly when its list is `registry`"
        }
        return nil
    }
}

extension EntryRef: JSONBridged {
    init(json: JSONValue) throws(LogError) {
        let reader = try JSONObjectReader(json, context: "entry reference", members: ["side", "list", "author", "entry"])
        guard let author = KeyID(hex: try reader.string("author")) else {
            throw .malformed("entry reference member `author` must be a key id (64 lowercase hex digits)")
        }
        self.init(
            list: ListKey(side: try reader.enumeration("side", as: Side.self), kind: try reader.enumeration("list", as: ListKind.self)),
            author: author,
            entry: try reader.string("entry")
        )
        if let problem { throw .malformed(problem) }
    }

    var json: JSONValue {
        ["side": .string(list.side.rawValue), "list": .string(list.kind.rawValue), "author": .string(author.hex), "entry": .string(entry)]
    }

    /// Writes ``json`` (with `"envelope"` added when `envelope` is given: a pinned reference)
    /// straight into `writer`, members in RFC 8785 order: `author`, `entry`, `envelope`, `list`,
    /// `side`.
    func writeCanonical(into writer: inout CanonicalWriter, envelope: EnvelopeID?) throws(LogError) {
        writer.punctuation("{\"author\":")
        try writer.writeString(author.hex)
        writer.punctuation(",\"entry\":")
        try writer.writeString(entry)
        if let envelope {
            writer.punctuation(",\"envelope\":")
            try writer.writeString(envelope.hex)
        }
        writer.punctuation(",\"list\":")
        try writer.writeString(list.kind.rawValue)
        writer.punctuation(",\"side\":")
        try writer.writeString(list.side.rawValue)
        writer.punctuation("}")
    }
}

extension JSONObjectReader {
    /// The member `name` read as an envelope id (64 lowercase hex digits).
    func envelopeID(_ name: String) throws(LogError) -> EnvelopeID {
        guard let id = EnvelopeID(hex: try string(name)) else {
            throw .malformed("member `\(name)` must be 64 lowercase hex digits")
        }
        return id
    }

    /// The member `name` read as a SHA-256 hash in hex (64 lowercase hex digits).
    func hash(_ name: String) throws(LogError) -> String {
        let text = try string(name)
        guard Hex.decode(text, count: 32) != nil else {
            throw .malformed("member `\(name)` must be 64 lowercase hex digits")
        }
        return text
    }
}

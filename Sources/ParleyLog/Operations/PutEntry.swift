public import ParleyMatch

/// The body of `list.put`: add an entry to one of the author's own lists, or replace it.
///
/// JSON form: `{"list": "request"|"release"|"registry", "entry": <entry id>,
/// "record": {"fields": {<field name>: <non-empty string>, …}}}`. Field names are ``Field`` raw
/// values (`surname`, `given_name`, `date_of_birth`, …); values are the source text exactly as
/// given. The list written is the author's side's list of that kind.
public struct PutEntry: Sendable, Hashable, Codable {
    /// Which of the author's lists.
    public var list: ListKind
    /// The author's stable id for this entry (1–128 of `A–Z a–z 0–9 . _ : -`).
    public var entry: String
    /// The record's source fields; at least one, none empty.
    public var fields: [Field: String]

    /// Describes a put.
    public init(list: ListKind, entry: String, fields: [Field: String]) {
        self.list = list
        self.entry = entry
        self.fields = fields
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
        if !EntryID.isValid(entry) { return EntryID.rule }
        if fields.isEmpty { return "list.put needs at least one field" }
        if fields.values.contains(where: \.isEmpty) { return "list.put field values must not be empty" }
        return nil
    }

    /// The fields as a JSON object keyed by field name.
    var fieldsJSON: JSONValue {
        .object(Dictionary(uniqueKeysWithValues: fields.map { ($0.key.rawValue, JSONValue.string($0.value)) }))
    }
}

extension PutEntry: JSONBridged {
    init(json: JSONValue) throws(LogError) {
        let reader = try JSONObjectReader(json, context: "list.put body", members: ["list", "entry", "record"])
        let record = try JSONObjectReader(reader.value("record"), context: "list.put record", members: ["fields"])
        var fields: [Field: String] = [:]
        for (name, value) in try record.object("fields") {
            guard let field = Field(rawValue: name) else { throw .malformed("list.put has an unknown field name") }
            guard let text = value.stringValue else { throw .malformed("list.put field values must be strings") }
            fields[field] = text
        }
        self.init(list: try reader.enumeration("list", as: ListKind.self), entry: try reader.string("entry"), fields: fields)
        if let problem { throw .malformed(problem) }
    }

    var json: JSONValue {
        ["list": .string(list.rawValue), "entry": .string(entry), "record": ["fields": fieldsJSON]]
    }
}

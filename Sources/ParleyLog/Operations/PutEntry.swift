import ParleyCrypto
public import ParleyMatch

/// The body of `list.put`: add an entry to one of the author's own lists, or replace it.
///
/// JSON form, in clear: `{"list": "request"|"release"|"registry", "entry": <entry id>,
/// "record": {"fields": {<field name>: <non-empty string>, …}}}`. Field names are ``Field`` raw
/// values (`surname`, `given_name`, `date_of_birth`, …); values are the source text exactly as
/// given. The list written is the author's side's list of that kind.
///
/// Sealed (PROTOCOL.md §5.19): `{"list": …, "entry": …, "sealed": <unpadded base64url of
/// nonce ‖ ciphertext ‖ tag>}`, where the ciphertext is the RFC 8785 bytes of the `record`
/// object above, sealed under the author's content key with the envelope's ``ContentBinding``.
/// The list and entry id stay in clear, so every verifier checks rights and chains without the
/// record. A sealed put carries its ``fields`` only once a party has opened it; until then they
/// are empty.
public struct PutEntry: Sendable, Hashable, Codable {
    /// Which of the author's lists.
    public var list: ListKind
    /// The author's stable id for this entry (1–128 of `A–Z a–z 0–9 . _ : -`).
    public var entry: String
    /// The record's source fields; at least one, none empty. For a sealed put, the fields as
    /// opened, or none while it is not opened.
    public var fields: [Field: String]
    /// The sealed record (`nonce ‖ ciphertext ‖ tag`), when the put travels sealed.
    public var sealed: [UInt8]?

    /// Describes a put.
    public init(list: ListKind, entry: String, fields: [Field: String], sealed: [UInt8]? = nil) {
        self.list = list
        self.entry = entry
        self.fields = fields
        self.sealed = sealed
    }

    /// Decodes the JSON form strictly.
    public init(from decoder: any Decoder) throws {
        self = try Self.decodeBridged(from: decoder)
    }

    /// Encodes the JSON form.
    public func encode(to encoder: any Encoder) throws {
        try encodeBridged(to: encoder)
    }

    /// Whether the record is sealed and not opened (by this party, so far).
    public var isUnopened: Bool {
        sealed != nil && fields.isEmpty
    }

    /// What is wrong with this body, if anything.
    var problem: String? {
        if !EntryID.isValid(entry) { return EntryID.rule }
        if let sealed {
            return sealed.count < ContentKey.overheadByteCount ? "list.put `sealed` is shorter than a nonce and a tag" : nil
        }
        return Self.problem(of: fields)
    }

    /// What is wrong with a record's fields, if anything.
    static func problem(of fields: [Field: String]) -> String? {
        if fields.isEmpty { return "list.put needs at least one field" }
        if fields.values.contains(where: \.isEmpty) { return "list.put field values must not be empty" }
        return nil
    }

    /// The fields as a JSON object keyed by field name.
    var fieldsJSON: JSONValue {
        .object(Dictionary(uniqueKeysWithValues: fields.map { ($0.key.rawValue, JSONValue.string($0.value)) }))
    }

    /// The `record` object: what travels in clear, or sealed.
    var recordJSON: JSONValue {
        ["fields": fieldsJSON]
    }

    /// Reads a `record` object's fields strictly.
    static func fields(record value: JSONValue) throws(LogError) -> [Field: String] {
        let record = try JSONObjectReader(value, context: "list.put record", members: ["fields"])
        var fields: [Field: String] = [:]
        for (name, value) in try record.object("fields") {
            guard let field = Field(rawValue: name) else { throw .malformed("list.put has an unknown field name") }
            guard let text = value.stringValue else { throw .malformed("list.put field values must be strings") }
            fields[field] = text
        }
        if let problem = problem(of: fields) { throw .malformed(problem) }
        return fields
    }
}

extension PutEntry: JSONBridged {
    init(json: JSONValue) throws(LogError) {
        let reader = try JSONObjectReader(json, context: "list.put body", members: ["list", "entry"], optional: ["record", "sealed"])
        let list = try reader.enumeration("list", as: ListKind.self)
        let entry = try reader.string("entry")
        switch (reader.has("record"), reader.has("sealed")) {
        case (true, false):
            self.init(list: list, entry: entry, fields: try Self.fields(record: reader.value("record")))
        case (false, true):
            self.init(list: list, entry: entry, fields: [:], sealed: try reader.sealed(in: "list.put"))
        default:
            throw .malformed("list.put has exactly one of `record` and `sealed`")
        }
        if let problem { throw .malformed(problem) }
    }

    var json: JSONValue {
        if let sealed {
            return ["list": .string(list.rawValue), "entry": .string(entry), "sealed": .string(Base64URL.encode(sealed))]
        }
        return ["list": .string(list.rawValue), "entry": .string(entry), "record": recordJSON]
    }
}

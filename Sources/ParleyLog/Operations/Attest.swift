public import ParleyMatch

/// The body of `attest`: a mediator's statement about one entry of any list, with its date.
///
/// JSON form: `{"entry": <entry reference>, "kind": "registered"|"visited"|"medically-assessed",
/// "date": "YYYY-MM-DD"}`. Only a mediator attests. Every attestation is kept.
public struct Attest: Sendable, Hashable, Codable {
    /// The entry attested.
    public var entry: EntryRef
    /// What is attested.
    public var kind: AttestationKind
    /// When it happened.
    public var date: CalendarDate

    /// Describes an attestation.
    public init(entry: EntryRef, kind: AttestationKind, date: CalendarDate) {
        self.entry = entry
        self.kind = kind
        self.date = date
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

extension Attest: JSONBridged {
    init(json: JSONValue) throws(LogError) {
        let reader = try JSONObjectReader(json, context: "attest body", members: ["entry", "kind", "date"])
        self.init(
            entry: try EntryRef(json: reader.value("entry")),
            kind: try reader.enumeration("kind", as: AttestationKind.self),
            date: try reader.date("date")
        )
    }

    var json: JSONValue {
        ["entry": entry.json, "kind": .string(kind.rawValue), "date": .string(date.description)]
    }
}

extension JSONObjectReader {
    /// The member `name` read as a date in its one spelling, `YYYY-MM-DD` (years 1900–2100).
    func date(_ name: String) throws(LogError) -> CalendarDate {
        let text = try string(name)
        guard let date = CalendarDate(parsing: text), date.description == text else {
            throw .malformed("member `\(name)` must be a date written YYYY-MM-DD")
        }
        return date
    }
}

import ParleyCrypto
public import ParleyMatch

/// The body of `attest`: a mediator's statement about one entry of any list, with its date.
///
/// JSON form: `{"entry": <entry reference>, "kind": "registered"|"visited"|"medically-assessed",
/// "date": "YYYY-MM-DD"}`. Only a mediator attests. Every attestation is kept.
///
/// Sealed (PROTOCOL.md §5.19): `{"entry": <entry reference>, "sealed": <unpadded base64url of
/// nonce ‖ ciphertext ‖ tag>}`, where the plaintext is the RFC 8785 bytes of `{"date": …, "kind":
/// …}`: what happened to a person and when (a medical assessment, a visit) is theirs, so only the
/// entry stays in clear, for the rights that read it. Until a party opens it, ``kind`` and
/// ``date`` are `nil`.
public struct Attest: Sendable, Hashable, Codable {
    /// The entry attested.
    public var entry: EntryRef
    /// What is attested; `nil` only while sealed and not opened.
    public var kind: AttestationKind?
    /// When it happened; `nil` only while sealed and not opened.
    public var date: CalendarDate?
    /// The sealed kind and date, when the attestation travels sealed.
    public var sealed: [UInt8]?

    /// Describes an attestation.
    public init(entry: EntryRef, kind: AttestationKind, date: CalendarDate) {
        self.init(entry: entry, kind: kind, date: date, sealed: nil)
    }

    /// Describes an attestation in any of its forms: clear, sealed with what it opens to, or
    /// sealed and not opened (`kind` and `date` `nil`).
    init(entry: EntryRef, kind: AttestationKind?, date: CalendarDate?, sealed: [UInt8]?) {
        self.entry = entry
        self.kind = kind
        self.date = date
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

    /// Whether it is sealed and not opened (by this party, so far).
    public var isUnopened: Bool {
        sealed != nil && kind == nil
    }

    /// What is attested and when, for a reader: `visited 2025-03-01`, or a notice while it
    /// cannot be opened.
    public var readable: String {
        guard let kind, let date else { return SealableText.unopenedNotice }
        return "\(kind.rawValue) \(date)"
    }

    /// The statement that is sealed: `{"date": …, "kind": …}` (of a clear or opened attestation).
    var statementJSON: JSONValue {
        ["date": .string(date?.description ?? ""), "kind": .string(kind?.rawValue ?? "")]
    }

    /// This attestation with `plaintext`, its sealed statement, opened and read strictly.
    ///
    /// - Throws: ``LogError/Code/malformedEnvelope`` when it is not `{"date": …, "kind": …}`.
    func opened(from plaintext: [UInt8]) throws(LogError) -> Attest {
        let reader = try JSONObjectReader(try JSONValue(parsing: plaintext), context: "a sealed attestation", members: ["kind", "date"])
        return Attest(entry: entry, kind: try reader.enumeration("kind", as: AttestationKind.self), date: try reader.date("date"), sealed: sealed)
    }
}

extension Attest: JSONBridged {
    init(json: JSONValue) throws(LogError) {
        let reader = try JSONObjectReader(json, context: "attest body", members: ["entry"], optional: ["kind", "date", "sealed"])
        let entry = try EntryRef(json: reader.value("entry"))
        switch (reader.has("kind") && reader.has("date"), reader.has("sealed")) {
        case (true, false):
            self.init(entry: entry, kind: try reader.enumeration("kind", as: AttestationKind.self), date: try reader.date("date"))
        case (false, true) where !reader.has("kind") && !reader.has("date"):
            self.init(entry: entry, kind: nil, date: nil, sealed: try reader.sealed(in: "attest"))
        default:
            throw .malformed("attest body has `kind` and `date`, or `sealed` alone")
        }
    }

    var json: JSONValue {
        if let sealed {
            return ["entry": entry.json, "sealed": .string(Base64URL.encode(sealed))]
        }
        return ["entry": entry.json, "kind": .string(kind?.rawValue ?? ""), "date": .string(date?.description ?? "")]
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

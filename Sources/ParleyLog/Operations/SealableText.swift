import ParleyCrypto

/// The one free-text member of an operation body (a `note`, a `reason`, a `resolution`), which
/// travels in clear or sealed (PROTOCOL.md §5.19).
///
/// Clear: `"<member>": <string, may be empty>`. Sealed: `"sealed": <unpadded base64url of nonce ‖
/// ciphertext ‖ tag>` in its place, where the plaintext is the RFC 8785 bytes of
/// `{"<member>": <non-empty string>}`, sealed under the author's content key with the envelope's
/// ``ContentBinding``. An empty text is never sealed (there is nothing to hide), so a sealed text
/// that opens to an empty string, or to anything but that one member, is refused. Until a party
/// opens it, the operation carries the sealed bytes and an empty text.
///
/// Free text is where a person's name, date of birth or number ends up when someone explains a
/// decision ("Ivanenko's number is …"), so it is sealed like a record.
public struct SealableText: Sendable, Hashable {
    /// The member's name in the clear form and in the sealed plaintext.
    public let member: String
    /// The text: as written, or as opened; empty while sealed and not opened.
    public var text: String
    /// The sealed form, when it travels sealed.
    public var sealed: [UInt8]?

    /// What a sealed text that this party could not open shows in its place.
    public static let unopenedNotice = "[sealed: its author's content key is not shared with this party yet]"

    /// Describes a text.
    init(member: String, text: String, sealed: [UInt8]?) {
        self.member = member
        self.text = text
        self.sealed = sealed
    }

    /// Whether the text is sealed and not opened (by this party, so far).
    public var isUnopened: Bool {
        sealed != nil && text.isEmpty
    }

    /// The text for a reader: as written, or a notice while it cannot be opened.
    public var readable: String {
        isUnopened ? Self.unopenedNotice : text
    }

    /// Reads the member `member` of `reader` in its clear or its sealed form (exactly one of the
    /// two); the reader must take both names as optional members.
    ///
    /// - Throws: ``LogError/Code/malformedEnvelope`` naming the rule broken.
    init(_ member: String, from reader: JSONObjectReader, context: String) throws(LogError) {
        switch (reader.has(member), reader.has("sealed")) {
        case (true, false):
            self.init(member: member, text: try reader.string(member), sealed: nil)
        case (false, true):
            self.init(member: member, text: "", sealed: try reader.sealed(in: context))
        default:
            throw .malformed("\(context) has exactly one of `\(member)` and `sealed`")
        }
    }

    /// The member as it stands in the body's JSON form: `sealed` when sealed, else the text.
    var jsonMember: (name: String, value: JSONValue) {
        if let sealed { ("sealed", .string(Base64URL.encode(sealed))) } else { (member, .string(text)) }
    }

    /// The plaintext that is sealed: the RFC 8785 bytes of `{"<member>": <text>}`.
    var plaintext: [UInt8] {
        get throws(LogError) {
            try CanonicalJSON.encode([member: .string(text)])
        }
    }

    /// The text of an opened plaintext, read strictly.
    ///
    /// - Throws: ``LogError/Code/malformedEnvelope`` when it is not `{"<member>": <non-empty string>}`.
    func text(opening plaintext: [UInt8]) throws(LogError) -> String {
        let reader = try JSONObjectReader(try JSONValue(parsing: plaintext), context: "a sealed `\(member)`", members: [member])
        let text = try reader.string(member)
        guard !text.isEmpty else { throw .malformed("a sealed `\(member)` must not be empty") }
        return text
    }
}

extension JSONObjectReader {
    /// The member `sealed` of a body's sealed form (a record, an attestation, a free text):
    /// unpadded base64url of at least a nonce and a tag.
    ///
    /// - Parameter context: What the body is, in messages (`list.put`, `attest body`, …).
    /// - Throws: ``LogError/Code/malformedEnvelope`` naming the rule broken.
    func sealed(in context: String) throws(LogError) -> [UInt8] {
        guard let sealed = Base64URL.decode(try string("sealed")) else {
            throw .malformed("\(context) member `sealed` must be unpadded base64url")
        }
        guard sealed.count >= ContentKey.overheadByteCount else {
            throw .malformed("\(context) `sealed` is shorter than a nonce and a tag")
        }
        return sealed
    }
}

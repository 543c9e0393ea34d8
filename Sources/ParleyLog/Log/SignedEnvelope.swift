public import ParleyCrypto

/// An envelope with its author's signature, as it travels and is stored.
///
/// Wire form: the RFC 8785 canonical JSON of `{"envelope": {…}, "signature": <base64url, no
/// padding, of the 64-byte Ed25519 signature>}`. Only that one spelling is accepted, so the
/// envelope's canonical bytes are exactly the text of the `envelope` member, and an envelope has
/// one wire form per signature. A value keeps the bytes it was read from (``wireBytes``) and
/// recomputes the canonical bytes and the id itself.
///
/// Immutable, and a class: verifiers, folds and stores hold the same envelope in several tables
/// at once, and a copy is then one reference instead of every field.
public final class SignedEnvelope: Sendable, Hashable {
    /// The envelope.
    public let envelope: Envelope
    /// The envelope's RFC 8785 canonical bytes.
    public let canonicalBytes: [UInt8]
    /// The SHA-256 of ``canonicalBytes``.
    public let id: EnvelopeID
    /// The 64-byte Ed25519 signature of ``signedMessage``.
    public let signature: [UInt8]
    /// The exact bytes of the wire form.
    public let wireBytes: [UInt8]

    /// Assembles a signed envelope from its canonical bytes and signature.
    convenience init(envelope: Envelope, canonicalBytes: [UInt8], signature: [UInt8]) {
        self.init(
            envelope: envelope, canonicalBytes: canonicalBytes, id: EnvelopeID(digest: SHA256.hash(canonicalBytes)), signature: signature,
            wireBytes: Self.wireHead + canonicalBytes + Self.signatureHead + Array(Base64URL.encode(signature).utf8) + Self.wireTail
        )
    }

    private init(envelope: Envelope, canonicalBytes: [UInt8], id: EnvelopeID, signature: [UInt8], wireBytes: [UInt8]) {
        self.envelope = envelope
        self.canonicalBytes = canonicalBytes
        self.id = id
        self.signature = signature
        self.wireBytes = wireBytes
    }

    /// Reads a signed envelope from its wire form.
    ///
    /// Checks form only; whether the signature is valid, the author may write and the chain holds
    /// is for ``Verifier``.
    ///
    /// - Parameter wire: The wire bytes (one line of an NDJSON stream, without its newline).
    /// - Throws: ``LogError`` with the parser's codes for text that is not I-JSON, or
    ///   ``LogError/Code/malformedEnvelope`` when it is not a canonical, well-formed signed envelope.
    public convenience init(parsing wire: some Collection<UInt8>) throws(LogError) {
        let bytes = Array(wire)
        let value = try JSONValue(parsing: bytes)
        let reader = try JSONObjectReader(value, context: "signed envelope", members: ["envelope", "signature"])
        let signatureText = try reader.string("signature")
        guard let signature = Base64URL.decode(signatureText), signature.count == 64 else {
            throw .malformed("`signature` must be 64 bytes in unpadded base64url")
        }
        let envelopeValue = reader.value("envelope")
        let envelope = try Envelope(json: envelopeValue)
        // The one canonical wire form is `{"envelope":` + the envelope's canonical bytes +
        // `,"signature":"` + the signature's base64url (letters, digits, `-` and `_`, which
        // RFC 8785 writes as they are) + `"}`. The typed envelope's bytes are canonical by
        // construction, so comparing the wire with that spelling checks both that the wire is
        // canonical and that the envelope survives a round trip through its typed form, with
        // one encoding instead of three.
        let canonical = try envelope.canonicalBytes()
        let signatureBytes = Array(signatureText.utf8)
        let expectedCount = Self.wireHead.count + canonical.count + Self.signatureHead.count + signatureBytes.count + Self.wireTail.count
        let matches = bytes.count == expectedCount && bytes.withUnsafeBufferPointer { wire in
            var at = 0
            // Concrete buffers: a generic comparison of slices here ran unspecialized and cost
            // more than the encodings it replaces.
            func next(_ part: UnsafeBufferPointer<UInt8>) -> Bool {
                for byte in part {
                    guard wire[at] == byte else { return false }
                    at += 1
                }
                return true
            }
            return Self.wireHead.withUnsafeBufferPointer(next) && canonical.withUnsafeBufferPointer(next)
                && Self.signatureHead.withUnsafeBufferPointer(next) && signatureBytes.withUnsafeBufferPointer(next)
                && Self.wireTail.withUnsafeBufferPointer(next)
        }
        guard matches else {
            // Which rule failed, for the message (a rare path: encode as the rules say).
            guard try CanonicalJSON.encode(value) == bytes else {
                throw .malformed("a signed envelope must be in RFC 8785 canonical form")
            }
            throw .malformed("the envelope does not survive a round trip through its typed form")
        }
        // The wire form is canonical and holds these canonical bytes and signature, so it is the
        // one wire form of this envelope and signature.
        self.init(envelope: envelope, canonicalBytes: canonical, id: EnvelopeID(digest: SHA256.hash(canonical)), signature: signature, wireBytes: bytes)
    }

    /// The wire form's bytes before the envelope, between it and the signature, and after.
    private static let wireHead = Array(#"{"envelope":"#.utf8)
    private static let signatureHead = Array(#","signature":""#.utf8)
    private static let wireTail = Array(#""}"#.utf8)

    /// This envelope with `envelope` in place of its own: the same envelope with a sealed part
    /// opened, whose canonical bytes, id, signature and wire form stay those of the sealed one.
    package func replacing(envelope opened: Envelope) -> SignedEnvelope {
        SignedEnvelope(envelope: opened, canonicalBytes: canonicalBytes, id: id, signature: signature, wireBytes: wireBytes)
    }

    /// The bytes the signature covers: `parley/v1/envelope`, 0x00, then the canonical bytes.
    public var signedMessage: [UInt8] {
        SignatureContext.envelope.message(for: canonicalBytes)
    }

    /// The signature in its wire spelling (unpadded base64url).
    public var signatureBase64URL: String {
        Base64URL.encode(signature)
    }

    /// Whether ``signature`` is `key`'s signature of ``signedMessage``.
    ///
    /// - Parameter key: The author's public key.
    /// - Returns: `true` only for a valid signature.
    public func isSigned(by key: PublicKey) -> Bool {
        key.isValidSignature(signature, for: signedMessage)
    }

    /// Equal when the wire bytes are equal.
    public static func == (lhs: SignedEnvelope, rhs: SignedEnvelope) -> Bool {
        lhs === rhs || lhs.wireBytes == rhs.wireBytes
    }

    /// Hashes the id: equal wire bytes have equal ids.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
    }
}

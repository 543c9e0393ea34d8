public import ParleyCrypto

/// A checkpoint with its server's signature, as it travels and is kept.
///
/// Wire form: the RFC 8785 canonical JSON of `{"checkpoint": {…}, "signature": <base64url, no
/// padding, of the 64-byte Ed25519 signature>}`. The signature covers `parley/v1/checkpoint`,
/// one 0x00 byte, then the checkpoint's canonical bytes (``SignatureContext/checkpoint``).
public struct SignedCheckpoint: Sendable, Hashable {
    /// The checkpoint.
    public let checkpoint: Checkpoint
    /// The checkpoint's RFC 8785 canonical bytes.
    public let canonicalBytes: [UInt8]
    /// The 64-byte Ed25519 signature of ``signedMessage``.
    public let signature: [UInt8]

    /// Assembles a signed checkpoint from its parts.
    private init(checkpoint: Checkpoint, canonicalBytes: [UInt8], signature: [UInt8]) {
        self.checkpoint = checkpoint
        self.canonicalBytes = canonicalBytes
        self.signature = signature
    }

    /// Signs `checkpoint` with the server's key.
    ///
    /// - Parameters:
    ///   - checkpoint: The checkpoint; its `server` must be `key`'s id.
    ///   - key: The server's signing key.
    /// - Throws: ``LogError/Code/malformedCheckpoint`` if the checkpoint breaks a rule of its form
    ///   or names another server, ``LogError/Code/signingFailed`` if libcrypto fails.
    public init(signing checkpoint: Checkpoint, with key: SigningKey) throws(LogError) {
        guard checkpoint.server == key.publicKey.keyID else {
            throw .malformedCheckpoint("the checkpoint's server is not the signing key's id")
        }
        let canonical = try checkpoint.canonicalBytes()
        let signature: [UInt8]
        do {
            signature = try key.signature(for: SignatureContext.checkpoint.message(for: canonical))
        } catch {
            throw LogError(code: .signingFailed, message: "the checkpoint could not be signed", cause: error)
        }
        self.init(checkpoint: checkpoint, canonicalBytes: canonical, signature: signature)
    }

    /// Reads a signed checkpoint from its wire form, which must be canonical.
    ///
    /// Checks form only; whether the signature is the server's is ``isSigned(by:)``.
    ///
    /// - Parameter wire: The wire bytes.
    /// - Throws: ``LogError`` with the parser's codes for text that is not I-JSON, or
    ///   ``LogError/Code/malformedCheckpoint`` when it is not a canonical, well-formed signed
    ///   checkpoint.
    public init(parsing wire: some Collection<UInt8>) throws(LogError) {
        let bytes = Array(wire)
        let value = try JSONValue(parsing: bytes)
        guard try CanonicalJSON.encode(value) == bytes else {
            throw .malformedCheckpoint("a signed checkpoint must be in RFC 8785 canonical form")
        }
        try self.init(json: value)
    }

    /// Reads a signed checkpoint from its JSON value, e.g. a member of a larger response.
    ///
    /// - Parameter json: The `{"checkpoint", "signature"}` object.
    /// - Throws: ``LogError/Code/malformedCheckpoint`` naming the first rule broken.
    public init(json: JSONValue) throws(LogError) {
        let reader = try LogError.asCheckpointError { () throws(LogError) in
            try JSONObjectReader(json, context: "signed checkpoint", members: ["checkpoint", "signature"])
        }
        let text = try LogError.asCheckpointError { () throws(LogError) in try reader.string("signature") }
        guard let signature = Base64URL.decode(text), signature.count == 64 else {
            throw .malformedCheckpoint("`signature` must be 64 bytes in unpadded base64url")
        }
        let checkpoint = try Checkpoint(json: reader.value("checkpoint"))
        self.init(checkpoint: checkpoint, canonicalBytes: try checkpoint.canonicalBytes(), signature: signature)
    }

    /// The JSON form, to embed in a larger message.
    public var json: JSONValue {
        ["checkpoint": checkpoint.json, "signature": .string(signatureBase64URL)]
    }

    /// The wire form: the canonical JSON of ``json``.
    public var wireBytes: [UInt8] {
        Array(#"{"checkpoint":"#.utf8) + canonicalBytes
            + Array(#","signature":""#.utf8) + Array(signatureBase64URL.utf8) + Array(#""}"#.utf8)
    }

    /// The bytes the signature covers: `parley/v1/checkpoint`, 0x00, then the canonical bytes.
    public var signedMessage: [UInt8] {
        SignatureContext.checkpoint.message(for: canonicalBytes)
    }

    /// The signature in its wire spelling (unpadded base64url).
    public var signatureBase64URL: String {
        Base64URL.encode(signature)
    }

    /// Whether `key` is the checkpoint's server and ``signature`` is its signature of
    /// ``signedMessage``.
    ///
    /// - Parameter key: The server's public key.
    /// - Returns: `true` only when `key`'s id is the checkpoint's `server` and the signature is valid.
    public func isSigned(by key: PublicKey) -> Bool {
        key.keyID == checkpoint.server && key.isValidSignature(signature, for: signedMessage)
    }
}

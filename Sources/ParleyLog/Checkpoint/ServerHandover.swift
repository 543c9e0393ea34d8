public import ParleyCrypto

/// A server's signed handover from its checkpoint key to a new one (`parley serve --rotate-key`):
/// both keys sign the same statement, so a party that pinned the old key can follow the server
/// to the new one without trusting the unauthenticated `GET /v1/server` alone, and nobody can
/// hand a server's name over to a key whose owner did not sign.
///
/// Signed message (both signatures): `parley/v1/server-handover` ‖ 0x00 ‖ RFC 8785 bytes of
/// `{"new": <hex raw public key>, "old": <hex raw public key>, "timestamp": <RFC 3339>}`.
///
/// Wire form: `{"handover": {…the statement…}, "new_signature": <base64url>, "old_signature":
/// <base64url>}`.
public struct ServerHandover: Sendable, Hashable {
    /// The key handed over from.
    public let old: PublicKey
    /// The key handed over to.
    public let new: PublicKey
    /// When the server made the handover.
    public let timestamp: Timestamp
    /// The old key's signature of ``signedMessage``.
    public let oldSignature: [UInt8]
    /// The new key's signature of ``signedMessage``.
    public let newSignature: [UInt8]

    /// The most handovers a server's answer may carry (more is refused as malformed).
    public static let maximumCount = 64

    /// Signs a handover from `old` to `new` with both.
    ///
    /// - Throws: ``LogError/Code/malformedCheckpoint`` when the keys are the same,
    ///   ``LogError/Code/signingFailed`` when libcrypto fails.
    public init(from old: SigningKey, to new: SigningKey, at timestamp: Timestamp) throws(LogError) {
        guard old.publicKey != new.publicKey else { throw .malformedCheckpoint("a server hands over to a new key, not to the same one") }
        let message = Self.message(old: old.publicKey, new: new.publicKey, timestamp: timestamp)
        do {
            self.init(
                old: old.publicKey, new: new.publicKey, timestamp: timestamp,
                oldSignature: try old.signature(for: message), newSignature: try new.signature(for: message)
            )
        } catch {
            throw LogError(code: .signingFailed, message: "the server handover could not be signed", cause: error)
        }
    }

    private init(old: PublicKey, new: PublicKey, timestamp: Timestamp, oldSignature: [UInt8], newSignature: [UInt8]) {
        self.old = old
        self.new = new
        self.timestamp = timestamp
        self.oldSignature = oldSignature
        self.newSignature = newSignature
    }

    /// Reads a handover from its JSON form, strictly; the signatures are checked by ``isValid``.
    ///
    /// - Throws: ``LogError/Code/malformedCheckpoint`` naming the member that breaks the form.
    public init(json: JSONValue) throws(LogError) {
        do throws(LogError) {
            let outer = try JSONObjectReader(json, context: "server handover", members: ["handover", "new_signature", "old_signature"])
            let inner = try JSONObjectReader(outer.value("handover"), context: "server handover statement", members: ["new", "old", "timestamp"])
            func key(_ name: String) throws(LogError) -> PublicKey {
                guard let raw = Hex.decode(try inner.string(name), count: 32), let key = try? PublicKey(rawRepresentation: raw) else {
                    throw .malformedCheckpoint("server handover member `\(name)` must be 32 bytes of lowercase hex that make an Ed25519 key")
                }
                return key
            }
            func signature(_ name: String) throws(LogError) -> [UInt8] {
                guard let bytes = Base64URL.decode(try outer.string(name)), bytes.count == 64 else {
                    throw .malformedCheckpoint("server handover member `\(name)` must be a 64-byte signature in base64url")
                }
                return bytes
            }
            guard let timestamp = Timestamp(rfc3339: try inner.string("timestamp")) else {
                throw .malformedCheckpoint("server handover member `timestamp` must be an RFC 3339 time")
            }
            let (old, new) = (try key("old"), try key("new"))
            guard old != new else { throw .malformedCheckpoint("a server handover names two different keys") }
            self.init(old: old, new: new, timestamp: timestamp, oldSignature: try signature("old_signature"), newSignature: try signature("new_signature"))
        } catch where error.code == .malformedEnvelope {
            throw .malformedCheckpoint(error.message)
        }
    }

    /// Reads a JSON list of handover forms (as a server keeps and a party remembers them).
    ///
    /// - Throws: ``LogError`` for text that is not I-JSON, not a list, or holds a malformed handover.
    public static func list(parsing bytes: [UInt8]) throws(LogError) -> [ServerHandover] {
        guard let list = try JSONValue(parsing: bytes).arrayValue else {
            throw .malformedCheckpoint("server handovers must be a JSON list")
        }
        return try list.map { json throws(LogError) in try ServerHandover(json: json) }
    }

    /// The JSON form.
    public var json: JSONValue {
        [
            "handover": Self.statement(old: old, new: new, timestamp: timestamp),
            "old_signature": .string(Base64URL.encode(oldSignature)),
            "new_signature": .string(Base64URL.encode(newSignature)),
        ]
    }

    /// The message both keys sign.
    public var signedMessage: [UInt8] { Self.message(old: old, new: new, timestamp: timestamp) }

    /// Whether both keys signed this statement.
    public var isValid: Bool {
        let message = signedMessage
        return old.isValidSignature(oldSignature, for: message) && new.isValidSignature(newSignature, for: message)
    }

    /// The handovers that lead from `pinned` to `current`, in order, each valid: how a party that
    /// pinned `pinned` may follow the server to `current`. Nil when no such path exists (then
    /// the server's new key is not to be trusted without a person checking).
    ///
    /// - Parameters:
    ///   - pinned: The key the party pinned.
    ///   - current: The key the server presents now.
    ///   - handovers: The handovers the server published, in any order.
    public static func path(from pinned: KeyID, to current: KeyID, through handovers: [ServerHandover]) -> [ServerHandover]? {
        guard handovers.count <= maximumCount else { return nil }
        var path: [ServerHandover] = []
        var at = pinned
        var visited: Set<KeyID> = [pinned]
        while at != current {
            guard let next = handovers.first(where: { $0.old.keyID == at && $0.isValid }), visited.insert(next.new.keyID).inserted else {
                return nil
            }
            path.append(next)
            at = next.new.keyID
        }
        return path
    }

    private static func statement(old: PublicKey, new: PublicKey, timestamp: Timestamp) -> JSONValue {
        [
            "old": .string(Hex.encode(old.rawRepresentation)),
            "new": .string(Hex.encode(new.rawRepresentation)),
            "timestamp": .string(timestamp.rfc3339),
        ]
    }

    private static func message(old: PublicKey, new: PublicKey, timestamp: Timestamp) -> [UInt8] {
        // Hex and a valid timestamp always serialize.
        guard let bytes = try? CanonicalJSON.encode(statement(old: old, new: new, timestamp: timestamp)) else {
            preconditionFailure("a server handover always serializes")
        }
        return SignatureContext.serverHandover.message(for: bytes)
    }
}

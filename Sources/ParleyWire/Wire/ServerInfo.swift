public import ParleyCrypto
public import ParleyLog

/// `GET /v1/server`: the server's key and limits.
///
/// `{"key": <hex raw public key>, "key_id": hex, "fingerprint": …, "protocol": 1,
/// "limits": {"max_body_bytes": N, "max_envelope_bytes": N, "max_batch": N}, "handovers": […]}`;
/// `handovers` (the server's signed key handovers, oldest first) is left out when there are none.
public struct ServerInfo: Codable, Hashable, Sendable {
    /// The protocol version this code speaks.
    public static let protocolVersion = 1

    /// What the server accepts.
    public struct Limits: Codable, Hashable, Sendable {
        /// The largest request body, in bytes.
        public var maxBodyBytes: Int
        /// The largest envelope line, in bytes.
        public var maxEnvelopeBytes: Int
        /// The most envelopes in one push.
        public var maxBatch: Int

        /// Names the limits.
        public init(maxBodyBytes: Int, maxEnvelopeBytes: Int, maxBatch: Int) {
            self.maxBodyBytes = maxBodyBytes
            self.maxEnvelopeBytes = maxEnvelopeBytes
            self.maxBatch = maxBatch
        }

        enum CodingKeys: String, CodingKey {
            case maxBodyBytes = "max_body_bytes"
            case maxEnvelopeBytes = "max_envelope_bytes"
            case maxBatch = "max_batch"
        }
    }

    /// The server's public key (it signs checkpoints).
    public var key: PublicKey
    /// The fingerprint of the key, for reading aloud.
    public var fingerprint: String
    /// The protocol version the server speaks.
    public var protocolVersion: Int
    /// What the server accepts.
    public var limits: Limits
    /// The server's signed handovers from earlier checkpoint keys, oldest first.
    public var handovers: [ServerHandover]

    /// The server key's id.
    public var keyID: KeyID { key.keyID }

    /// Describes a server; the fingerprint is the key's.
    public init(key: PublicKey, protocolVersion: Int = Self.protocolVersion, limits: Limits, handovers: [ServerHandover] = []) {
        self.key = key
        self.fingerprint = key.keyID.fingerprint.text
        self.protocolVersion = protocolVersion
        self.limits = limits
        self.handovers = handovers
    }

    enum CodingKeys: String, CodingKey {
        case key
        case keyID = "key_id"
        case fingerprint
        case protocolVersion = "protocol"
        case limits
        case handovers
    }

    /// Decodes the server's answer.
    ///
    /// - Throws: `DecodingError.dataCorrupted` if `key` is not 32 bytes of lowercase hex that make
    ///   an Ed25519 key, or `key_id` is not that key's id.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard let raw = Hex.decode(try container.decode(String.self, forKey: .key), count: 32),
              let key = try? PublicKey(rawRepresentation: raw)
        else {
            throw DecodingError.dataCorruptedError(
                forKey: .key, in: container, debugDescription: "the key is 32 bytes of lowercase hex"
            )
        }
        guard try container.decode(KeyID.self, forKey: .keyID) == key.keyID else {
            throw DecodingError.dataCorruptedError(
                forKey: .keyID, in: container, debugDescription: "key_id is not the key's id"
            )
        }
        self.key = key
        self.fingerprint = try container.decode(String.self, forKey: .fingerprint)
        self.protocolVersion = try container.decode(Int.self, forKey: .protocolVersion)
        self.limits = try container.decode(Limits.self, forKey: .limits)
        let handovers = try container.decodeIfPresent([JSONValue].self, forKey: .handovers) ?? []
        guard handovers.count <= ServerHandover.maximumCount else {
            throw DecodingError.dataCorruptedError(
                forKey: .handovers, in: container, debugDescription: "more than \(ServerHandover.maximumCount) handovers"
            )
        }
        self.handovers = try handovers.map { json in
            do {
                return try ServerHandover(json: json)
            } catch {
                throw DecodingError.dataCorruptedError(forKey: .handovers, in: container, debugDescription: (error as? LogError)?.message ?? "a handover is malformed")
            }
        }
    }

    /// Encodes the server's answer.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Hex.encode(key.rawRepresentation), forKey: .key)
        try container.encode(key.keyID, forKey: .keyID)
        try container.encode(fingerprint, forKey: .fingerprint)
        try container.encode(protocolVersion, forKey: .protocolVersion)
        try container.encode(limits, forKey: .limits)
        if !handovers.isEmpty { try container.encode(handovers.map(\.json), forKey: .handovers) }
    }
}

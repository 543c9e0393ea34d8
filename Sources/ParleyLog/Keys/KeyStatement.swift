public import ParleyCrypto

/// What a new identity key signs when it takes over a participant's chain (`key.rotate`, and
/// `key.revoke` with the recovery key): the place of the handover, so the countersignature proves
/// the new key is held and cannot be replayed into another exchange, chain or seq.
///
/// Signed message: `parley/v1/key` ‖ 0x00 ‖ RFC 8785 bytes of
/// `{"exchange": <id>, "participant": <author key id>, "seq": <n>, "op": <op name>,
///   "replaces": <key id>, "key": <new raw public key hex>}`.
public struct KeyStatement: Sendable, Hashable {
    /// The exchange.
    public var exchange: ExchangeID
    /// The participant (the chain's author id).
    public var participant: KeyID
    /// The seq of the handover envelope.
    public var seq: Int
    /// `key.rotate` or `key.revoke`.
    public var op: Operation.Name
    /// The key id the handover replaces.
    public var replaces: KeyID
    /// The new identity key.
    public var key: PublicKey

    /// Describes a handover.
    public init(exchange: ExchangeID, participant: KeyID, seq: Int, op: Operation.Name, replaces: KeyID, key: PublicKey) {
        self.exchange = exchange
        self.participant = participant
        self.seq = seq
        self.op = op
        self.replaces = replaces
        self.key = key
    }

    /// The bytes the new key signs.
    public var message: [UInt8] {
        let statement: JSONValue = [
            "exchange": .string(exchange.hex),
            "participant": .string(participant.hex),
            "seq": .number(Double(seq)),
            "op": .string(op.rawValue),
            "replaces": .string(replaces.hex),
            "key": .string(Hex.encode(key.rawRepresentation)),
        ]
        // Hex, a bounded integer and fixed names always serialize.
        guard let bytes = try? CanonicalJSON.encode(statement) else {
            preconditionFailure("a key statement always serializes")
        }
        return SignatureContext.key.message(for: bytes)
    }

    /// The new key's countersignature of this statement.
    ///
    /// - Parameter newKey: The new identity key (its public key must be ``key``).
    /// - Throws: ``LogError/Code/signingFailed``.
    public func countersign(_ newKey: SigningKey) throws(LogError) -> [UInt8] {
        precondition(newKey.publicKey == key, "countersign with the key the statement names")
        do {
            return try newKey.signature(for: message)
        } catch {
            throw LogError(code: .signingFailed, message: "the key statement could not be signed", cause: error)
        }
    }

    /// Whether `signature` is ``key``'s over this statement.
    public func isCountersigned(by signature: [UInt8]) -> Bool {
        key.isValidSignature(signature, for: message)
    }
}

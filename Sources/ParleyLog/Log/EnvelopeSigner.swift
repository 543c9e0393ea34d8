public import ParleyCrypto

/// Writes one author's chain in one exchange: each call signs the next envelope and advances the head.
///
/// ```swift
/// var (genesis, signer) = try EnvelopeSigner.createExchange(create, key: key, at: timestamp)
/// let put = try signer.sign(.putEntry(entry), at: later)
/// ```
///
/// The signer never reads a clock: timestamps are passed in.
public struct EnvelopeSigner: Sendable {
    /// The key that signs: the chain's identity key in force (or, for a `key.revoke`, its recovery key).
    public let key: SigningKey
    /// The chain's participant id, the `author` of its envelopes: the key id its genesis names,
    /// which stays the same when the chain's key is rotated.
    public let author: KeyID
    /// The exchange written to.
    public let exchange: ExchangeID
    /// The author's last envelope in the exchange, `nil` before the first.
    public private(set) var head: ChainHead?

    /// A signer that continues the author's chain after `head`.
    ///
    /// - Parameters:
    ///   - key: The signing key: the chain's key in force.
    ///   - exchange: The exchange.
    ///   - head: The author's last envelope in this exchange, or `nil` if it has none yet.
    ///   - author: The chain's participant id; `nil`: `key`'s id (a chain whose key never changed).
    public init(key: SigningKey, exchange: ExchangeID, head: ChainHead?, author: KeyID? = nil) {
        self.key = key
        self.author = author ?? key.publicKey.keyID
        self.exchange = exchange
        self.head = head
    }

    /// Signs the genesis of a new exchange and returns it with a signer for the creator's chain.
    ///
    /// - Parameters:
    ///   - create: The exchange; `key` must be among its participants.
    ///   - key: The creator's signing key.
    ///   - timestamp: The creator's clock.
    /// - Returns: The genesis (its id is the new exchange id) and a signer whose head is the genesis.
    /// - Throws: ``LogError/Code/invalidOperation`` if the body breaks a rule,
    ///   ``LogError/Code/signingFailed`` if libcrypto fails.
    public static func createExchange(
        _ create: CreateExchange, key: SigningKey, at timestamp: Timestamp
    ) throws(LogError) -> (genesis: SignedEnvelope, signer: EnvelopeSigner) {
        let envelope = Envelope(
            exchange: nil, author: key.publicKey.keyID, seq: 1, prev: nil,
            timestamp: timestamp, operation: .createExchange(create)
        )
        let genesis = try sign(envelope, with: key)
        let signer = EnvelopeSigner(
            key: key, exchange: ExchangeID(genesis: genesis.id), head: ChainHead(seq: 1, id: genesis.id)
        )
        return (genesis, signer)
    }

    /// Signs `operation` as the author's next envelope and moves the head to it.
    ///
    /// - Parameters:
    ///   - operation: Any operation but a genesis (use ``createExchange(_:key:at:)`` for that).
    ///   - timestamp: The author's clock.
    /// - Returns: The signed envelope.
    /// - Throws: ``LogError/Code/invalidOperation`` if the operation breaks a rule of its body or is
    ///   an `exchange.create`, ``LogError/Code/signingFailed`` if libcrypto fails.
    public mutating func sign(_ operation: Operation, at timestamp: Timestamp) throws(LogError) -> SignedEnvelope {
        let envelope = Envelope(
            exchange: exchange, author: author, seq: (head?.seq ?? 0) + 1, prev: head?.id,
            timestamp: timestamp, operation: operation
        )
        let signed = try Self.sign(envelope, as: key)
        head = ChainHead(seq: envelope.seq, id: signed.id)
        return signed
    }

    /// Signs any envelope as given, checking only its own rules (not the chain).
    ///
    /// - Parameters:
    ///   - envelope: The envelope; its author must be `key`'s id.
    ///   - key: The signing key.
    /// - Returns: The signed envelope.
    /// - Throws: ``LogError/Code/invalidOperation`` or ``LogError/Code/signingFailed``.
    public static func sign(_ envelope: Envelope, with key: SigningKey) throws(LogError) -> SignedEnvelope {
        if let problem = envelope.problem {
            throw LogError(code: .invalidOperation, message: problem)
        }
        guard envelope.author == key.publicKey.keyID else {
            throw LogError(code: .invalidOperation, message: "the envelope's author is not the signing key's id")
        }
        return try sign(envelope, as: key)
    }

    /// Signs any envelope as given with `key`, which need not be the key its `author` names (a
    /// chain whose key was rotated, or a `key.revoke` signed by the recovery key); checks only the
    /// envelope's own rules.
    ///
    /// - Parameters:
    ///   - envelope: The envelope.
    ///   - key: The key the chain has in force for it.
    /// - Returns: The signed envelope.
    /// - Throws: ``LogError/Code/invalidOperation`` or ``LogError/Code/signingFailed``.
    public static func sign(_ envelope: Envelope, as key: SigningKey) throws(LogError) -> SignedEnvelope {
        if let problem = envelope.problem {
            throw LogError(code: .invalidOperation, message: problem)
        }
        let canonical = try envelope.canonicalBytes()
        let signature: [UInt8]
        do {
            signature = try key.signature(for: SignatureContext.envelope.message(for: canonical))
        } catch {
            throw LogError(code: .signingFailed, message: "the envelope could not be signed", cause: error)
        }
        return SignedEnvelope(envelope: envelope, canonicalBytes: canonical, signature: signature)
    }
}

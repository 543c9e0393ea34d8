import ParleyCrypto
import ParleyMatch

extension EnvelopeSigner {
    /// What ``signing(_:at:)`` made: the envelopes, and the record that each was signed here by
    /// ``EnvelopeSigner/key``, for ``ChainExtension/verify(_:signatures:heads:frozen:keys:)``.
    public struct SignedBatch: Sendable {
        /// The envelopes, in chain order.
        public let envelopes: [SignedEnvelope]
        /// Each envelope's signature, made by the signer's key: the chain check takes it as that
        /// key's signature, and still checks that the key is the one the chain has in force.
        public let signatures: SignatureCheck
    }

    /// Signs `operations` as the author's next envelopes after ``head``, the signatures on every
    /// core. The signer itself does not move: continue after the batch with a signer whose head is
    /// the batch's last envelope.
    ///
    /// Each envelope's `prev` is the id of the one before, and an id is the hash of the canonical
    /// bytes, not of the signature: the envelopes are laid out in order, then signed at once.
    /// Signing 100,000 list entries thus takes half the time on two cores, and the chain check
    /// need not verify the signatures it knows were just made by this key (``SignedBatch/signatures``).
    ///
    /// - Parameters:
    ///   - operations: Operations other than a genesis, in order.
    ///   - timestamp: The author's clock, for each of them.
    /// - Returns: The envelopes, with the record of their signer.
    /// - Throws: ``LogError/Code/invalidOperation`` naming the first operation that breaks a rule
    ///   ``LogError/Code/signingFailed`` if libcrypto fails.
    public func signing(_ operations: [Operation], at timestamp: Timestamp) throws(LogError) -> SignedBatch {
        var laid: [(envelope: Envelope, canonical: [UInt8])] = []
        laid.reserveCapacity(operations.count)
        var head = self.head
        for operation in operations {
            let envelope = Envelope(
                exchange: exchange, author: author, seq: (head?.seq ?? 0) + 1, prev: head?.id,
                timestamp: timestamp, operation: operation
            )
            if let problem = envelope.problem {
                throw LogError(code: .invalidOperation, message: problem)
            }
            let canonical = try envelope.canonicalBytes()
            laid.append((envelope, canonical))
            head = ChainHead(seq: envelope.seq, id: EnvelopeID(digest: SHA256.hash(canonical)))
        }
        let key = self.key
        let signed = laid.concurrentMap(chunkSize: 512) { item -> SignedEnvelope? in
            guard let signature = try? key.signature(for: SignatureContext.envelope.message(for: item.canonical)) else { return nil }
            return SignedEnvelope(envelope: item.envelope, canonicalBytes: item.canonical, signature: signature)
        }
        var envelopes: [SignedEnvelope] = []
        envelopes.reserveCapacity(signed.count)
        for envelope in signed {
            guard let envelope else { throw LogError(code: .signingFailed, message: "an envelope could not be signed") }
            envelopes.append(envelope)
        }
        let signer = key.publicKey
        return SignedBatch(
            envelopes: envelopes,
            signatures: SignatureCheck(
                exchange: exchange,
                signed: Dictionary(envelopes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }),
                signers: Dictionary(envelopes.map { ($0.id, signer) }, uniquingKeysWith: { first, _ in first })
            )
        )
    }
}

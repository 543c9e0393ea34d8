public import ParleyCrypto

/// What ``Verifier`` found in a set of envelopes: a verdict for each, the equivocations, and the
/// state folded from what was accepted.
public struct VerificationReport: Sendable {
    /// The verdict on one input, in input order.
    public struct Entry: Hashable, Sendable {
        /// The input's position.
        public let index: Int
        /// The envelope's id; `nil` when the bytes could not be read as an envelope.
        public let id: EnvelopeID?
        /// The verdict.
        public let verdict: Verdict
        /// Whether an earlier input had the same id. Duplicates are not errors: they are counted
        /// once. A copy whose own signature is bad still gets `badSignature`.
        public let isDuplicate: Bool
    }

    /// The exchange verified against.
    public let exchange: ExchangeID
    /// One entry per input, in input order.
    public let entries: [Entry]
    /// The verdict for each distinct envelope id.
    public let verdicts: [EnvelopeID: Verdict]
    /// One copy of each distinct envelope (one with a valid signature when there is one).
    public let envelopes: [EnvelopeID: SignedEnvelope]
    /// Every fork found, ordered by author then seq.
    public let equivocations: [Equivocation]
    /// The envelopes folded into ``state``, in fold order (by author key id, then seq).
    public let folded: [SignedEnvelope]
    /// Each author's last folded envelope.
    public let heads: [KeyID: ChainHead]
    /// The state; `nil` until a valid genesis is among the envelopes.
    public let state: ExchangeState?
    /// Valid links that a `key.revoke` set aside (a chain's links from the revocation's `from`,
    /// or a branch that lost a race to the recovery): kept as evidence, not folded, by author then seq.
    public var setAside: [SignedEnvelope] = []

    /// Assembles a report.
    init(
        exchange: ExchangeID, entries: [Entry], verdicts: [EnvelopeID: Verdict], envelopes: [EnvelopeID: SignedEnvelope],
        equivocations: [Equivocation], folded: [SignedEnvelope], heads: [KeyID: ChainHead], state: ExchangeState?,
        setAside: [SignedEnvelope] = []
    ) {
        self.exchange = exchange
        self.entries = entries
        self.verdicts = verdicts
        self.envelopes = envelopes
        self.equivocations = equivocations
        self.folded = folded
        self.heads = heads
        self.state = state
        self.setAside = setAside
    }

    /// The verdict for the envelope with id `id`, if it was among the inputs.
    public func verdict(for id: EnvelopeID) -> Verdict? {
        verdicts[id]
    }

    /// Whether every input was valid (duplicates included) and no author equivocated.
    public var isClean: Bool {
        equivocations.isEmpty && entries.allSatisfy(\.verdict.isValid)
    }
}

extension VerificationReport.Entry {
    /// The verdict on each input, in input order, from the verdicts per distinct id: a parse
    /// failure is `malformed`, a repeated id is a duplicate, and a copy other than the id's
    /// representative whose own signature fails is `badSignature`.
    ///
    /// - Parameters:
    ///   - inputs: The inputs as parsed.
    ///   - verdicts: The verdict per distinct id.
    ///   - keys: The author's key per id, where one was found.
    ///   - representatives: The copy of each id the verdict was reached on.
    /// - Returns: One entry per input.
    static func entries(
        for inputs: [Result<SignedEnvelope, LogError>], verdicts: [EnvelopeID: Verdict],
        keys: [EnvelopeID: PublicKey], representatives: [EnvelopeID: SignedEnvelope]
    ) -> [Self] {
        var seen: Set<EnvelopeID> = []
        return inputs.enumerated().map { index, input in
            switch input {
            case let .failure(error):
                return Self(index: index, id: nil, verdict: .invalid([.malformed(error.message)]), isDuplicate: false)
            case let .success(envelope):
                let isDuplicate = !seen.insert(envelope.id).inserted
                var verdict = verdicts[envelope.id] ?? .valid
                if let key = keys[envelope.id], envelope != representatives[envelope.id], !envelope.isSigned(by: key) {
                    verdict = .invalid([.badSignature])
                }
                return Self(index: index, id: envelope.id, verdict: verdict, isDuplicate: isDuplicate)
            }
        }
    }
}

public import ParleyCrypto

/// What ``ChainExtension`` found in a batch: a verdict per input, and the envelopes to append in
/// an order that keeps every author's chain contiguous.
public struct ExtensionReport: Sendable {
    /// The exchange verified against.
    public let exchange: ExchangeID
    /// One entry per input, in input order (``VerificationReport/Entry``'s meaning: a copy of an
    /// earlier input is a duplicate, not an error).
    public let entries: [VerificationReport.Entry]
    /// The verdict for each distinct envelope id.
    public let verdicts: [EnvelopeID: Verdict]
    /// Every envelope that extends its author's chain, in append order (authors by key id, each
    /// author's by seq): the valid ones and those whose only fault is ``Reason/roleNotAllowed``
    /// (the chain continues through such a link, as in ``Verifier``). Appending exactly these
    /// after the stored log keeps each chain contiguous.
    public let links: [SignedEnvelope]
    /// The valid envelopes, in append order: ``links`` without the rejected ones.
    public let accepted: [SignedEnvelope]
    /// Validly signed envelopes at a seq their author's stored chain already covers, in append
    /// order: each proves an equivocation with the stored envelope at that seq.
    public let forks: [SignedEnvelope]
    /// The heads the batch was verified against.
    public let base: [KeyID: ChainHead]
    /// Each author's head after appending ``links`` (authors without new links keep the head given).
    public let heads: [KeyID: ChainHead]

    /// What a replica may store of the batch: each author's valid ``links`` up to the first
    /// rejected one, and the ``forks``, with the heads they were verified against.
    public var batch: VerifiedBatch {
        batch(base: base)
    }

    /// The reasons per input index, for the inputs that are not valid.
    public var rejections: [Int: [Reason]] {
        Dictionary(uniqueKeysWithValues: entries.lazy.filter { !$0.verdict.isValid }.map { ($0.index, $0.verdict.reasons) })
    }

    /// Whether every input is valid (a server appends a batch only then).
    public var isClean: Bool {
        entries.allSatisfy(\.verdict.isValid)
    }
}

public import ParleyLog

/// What verifying a replica's stored envelopes of one exchange found: the ``Verifier``'s report
/// over the stored bytes, and the stored envelopes whose bytes are damaged.
public struct StoredVerification: Sendable {
    /// A stored envelope whose bytes do not hold up.
    public struct Damage: Hashable, Sendable {
        /// The id recorded when it was appended.
        public let id: EnvelopeID
        /// Its position in arrival order.
        public let receivedAt: Int64
        /// Why: `malformed` (the bytes no longer parse, or hash to another id) or `badSignature`.
        public let reasons: [Reason]
    }

    /// The verifier's report; its entries are in arrival order, one per stored envelope.
    public let report: VerificationReport
    /// The damaged envelopes, in arrival order; empty when every stored envelope reads back as
    /// the envelope it was and its signature holds.
    public let damaged: [Damage]

    /// Verifies the stored envelopes of `exchange` from their bytes.
    ///
    /// - Parameters:
    ///   - stored: The stored envelopes, in arrival order.
    ///   - exchange: Their exchange.
    ///   - prepare: What the party does to the envelopes that parse before the fold (it opens
    ///     their sealed records; see ``Verifier/verify(wire:preparing:)``).
    init(verifying stored: [StoredEnvelope], exchange: ExchangeID, preparing prepare: ([SignedEnvelope]) -> [SignedEnvelope] = { $0 }) {
        let report = Verifier(exchange: exchange).verify(wire: stored.map(\.wireBytes), preparing: prepare)
        var damaged: [Damage] = []
        for (entry, stored) in zip(report.entries, stored) {
            var reasons: [Reason] = []
            if let id = entry.id, id != stored.id {
                reasons.append(.malformed("the stored bytes hash to another id than the one recorded"))
            }
            reasons += entry.verdict.reasons.filter { reason in
                switch reason {
                case .malformed, .badSignature: true
                default: false
                }
            }
            if !reasons.isEmpty {
                damaged.append(Damage(id: stored.id, receivedAt: stored.receivedAt, reasons: reasons))
            }
        }
        self.report = report
        self.damaged = damaged
    }

    /// Whether nothing is damaged, every envelope is valid and no author equivocated.
    public var isClean: Bool {
        damaged.isEmpty && report.isClean
    }
}

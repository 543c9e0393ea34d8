/// What the rights check reads of a manifest this state builds (``ExchangeState/refusal(of:by:directionHash:reconciliation:wholeManifest:)``):
/// its hash, what its proposal must say of its phase, and what blocks it before any waiver.
///
/// Built from the manifest itself, or, for the manifest of the whole exchange, from a kept
/// summary of it (its hash and blockers), so that a mediator's proposal at 100,000 people is
/// checked without reconciling them again.
public struct ManifestFacts: Hashable, Sendable {
    /// The manifest's hash.
    public let hash: String
    /// What a proposal of it names as its phase (``ProposedPhase/init(manifest:)``); `nil` for
    /// the whole exchange's.
    public let phase: ProposedPhase?
    /// What blocks it, with no waiver (``Manifest/blockers(in:waiving:)``).
    public let blockers: [Blocker]

    /// The facts of `manifest`, built from `state`'s reconciliation.
    public init(_ manifest: Manifest, in state: ExchangeState) {
        hash = manifest.hash
        phase = ProposedPhase(manifest: manifest)
        blockers = manifest.blockers(in: state)
    }

    /// The facts of the whole exchange's manifest, known by its hash and blockers (a kept summary).
    public init(wholeExchange hash: String, blockers: [Blocker]) {
        self.hash = hash
        self.phase = nil
        self.blockers = blockers
    }

    /// The blockers that `waivers` leave.
    func blockers(waiving waivers: [Waiver]) -> [Blocker] {
        let waived = Set(waivers.map(\.blocker))
        return blockers.filter { !waived.contains($0.key) }
    }
}

public import ParleyCrypto

/// What a mediator is about to propose: the manifest this state builds, of the whole exchange or
/// of one phase of the terms in force, its blockers, and the `manifest.propose` that names it.
///
/// Every face makes its proposal here (`parley finalize propose [--phase]`, the workspace), so the
/// phase is resolved, the blockers are named and the operation is made one way; whether it may
/// be signed is then the rights check's (``ExchangeState/refusal(of:by:directionHash:reconciliation:wholeManifest:)``).
/// A proposal of the whole exchange known by its kept summary alone is made by
/// ``wholeExchange(hash:basis:waivers:)``, its waivers by ``waiver(of:reason:among:)``.
public struct ManifestProposal: Hashable, Sendable {
    /// The manifest proposed.
    public let manifest: Manifest
    /// Its hash.
    public let hash: String
    /// What blocks it before any waiver (``Manifest/blockers(in:waiving:)``).
    public let blockers: [Blocker]

    /// The proposal of the manifest this state builds.
    ///
    /// - Parameters:
    ///   - phase: The phase of the terms in force, by its name or its number (1 for the first);
    ///     `nil` for the whole exchange.
    ///   - reconciliation: The reconciliation of `state`.
    ///   - state: The state.
    /// - Throws: ``Refusal/Code/noSuchPhase`` when no terms with phases are in force, they have
    ///   no such phase, or they set no `as_of` (the draw would depend on the day).
    public init(phase: String?, reconciliation: Reconciliation, state: ExchangeState) throws(Refusal) {
        guard let phase else {
            self.init(manifest: Manifest(reconciliation: reconciliation, state: state), state: state)
            return
        }
        guard case let .agreed(terms, _) = state.currentTerms, !terms.phases.isEmpty else {
            throw Refusal(.noSuchPhase, "the exchange has no terms in force with phases (a mediator sets them with `terms set --phase`)")
        }
        do {
            let (_, found) = try terms.phase(matching: phase)
            self.init(manifest: try Manifest(phase: found.name, reconciliation: reconciliation, state: state), state: state)
        } catch {
            throw Refusal(.noSuchPhase, error.message)
        }
    }

    private init(manifest: Manifest, state: ExchangeState) {
        self.manifest = manifest
        hash = manifest.hash
        blockers = manifest.blockers(in: state)
    }

    /// The waiver of the blocker `text` names: one of ``blockers`` by its key, where a dispute
    /// may be named by a unique prefix of its id (`dispute:9114039c`).
    ///
    /// - Parameters:
    ///   - text: The blocker's key, as typed.
    ///   - reason: Why it is waived.
    /// - Throws: ``LogError/Code/noMatch`` when `text` names no blocker of this manifest (the
    ///   message lists them); ``LogError/Code/ambiguousID`` when a dispute prefix names several.
    public func waiver(of text: String, reason: String) throws(LogError) -> Waiver {
        try Self.waiver(of: text, reason: reason, among: blockers)
    }

    /// The waiver of the blocker `text` names among `blockers` (see ``waiver(of:reason:)``).
    ///
    /// - Throws: As ``waiver(of:reason:)``.
    public static func waiver(of text: String, reason: String, among blockers: [Blocker]) throws(LogError) -> Waiver {
        let keys = blockers.map(\.key)
        if keys.contains(text) { return Waiver(blocker: text, reason: reason) }
        guard text.hasPrefix("dispute:") else {
            let known = keys.isEmpty ? "none" : keys.sorted().joined(separator: ", ")
            throw LogError(code: .noMatch, message: "not a blocker of this manifest (blockers: \(known))")
        }
        let disputes = keys.filter { $0.hasPrefix("dispute:") }
        let prefix = try IDPrefix(String(text.dropFirst("dispute:".count)), kind: "blocking dispute")
        let key = try prefix.resolve(among: disputes) { String($0.dropFirst("dispute:".count)) }
        return Waiver(blocker: key, reason: reason)
    }

    /// The `manifest.propose` of this manifest on `basis`, naming its phase and that phase's
    /// people when it is a phase manifest (``ProposedPhase/init(manifest:)``).
    ///
    /// - Parameters:
    ///   - basis: The proposer's chain heads, the state it was built from.
    ///   - waivers: The blockers waived, with reasons.
    ///   - reviewed: The manifest hash the proposer was shown, when it may be older than this
    ///     state: the operation names it, so the rights check refuses it if the state now builds
    ///     another. `nil` names ``hash``.
    public func operation(basis: [KeyID: ChainHead], waivers: [Waiver] = [], reviewed: String? = nil) -> Operation {
        .proposeManifest(ProposeManifest(
            manifest: reviewed ?? hash, basis: basis, waivers: waivers, phase: ProposedPhase(manifest: manifest)
        ))
    }

    /// The `manifest.propose` of the whole exchange's manifest known by its hash alone (a kept
    /// summary of it, which a command reads instead of reconciling 100,000 people again): what
    /// ``operation(basis:waivers:reviewed:)`` makes for a proposal of the whole exchange.
    public static func wholeExchange(hash: String, basis: [KeyID: ChainHead], waivers: [Waiver] = []) -> Operation {
        .proposeManifest(ProposeManifest(manifest: hash, basis: basis, waivers: waivers, phase: nil))
    }
}

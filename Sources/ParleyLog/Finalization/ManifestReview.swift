public import ParleyCrypto
public import ParleyMatch

/// What a participant about to sign a proposed manifest learns by building its own: whether its
/// manifest is the one proposed, and if not, exactly how they differ.
///
/// A pure function of the party's verified envelopes. When the party's own manifest has the
/// proposed hash, that is all. Otherwise the proposed manifest is rebuilt from the envelopes the
/// proposal's basis covers (``ProposeManifest/covering(_:)``), which every party that has synced
/// that far holds, and compared with the party's own (``Manifest/differences(from:)``).
public struct ManifestReview: Sendable {
    /// The verdict of a review.
    public enum Verdict: Sendable, Hashable {
        /// The party's own manifest has the proposed hash: it may sign.
        case matches
        /// The party lacks envelopes the proposal was built from: for each such author, the
        /// highest seq held here and the seq the basis names. Syncing first may settle it.
        case lacksBasis([KeyID: Shortfall])
        /// The basis names authors who are not participants, or envelopes this party holds with
        /// other ids (a fork): syncing cannot settle it, and the proposal is not signed.
        case basisConflicts([KeyID])
        /// The envelopes of the basis give a manifest with another hash than the one proposed
        /// (the proposer's software builds manifests differently, or the basis is false).
        case basisDisagrees(rebuilt: String)
        /// The proposed manifest, rebuilt, differs from the party's own as listed (how the
        /// proposed one differs from this party's).
        case differs([ManifestDifference])
        /// It was proposed in another manifest form (``ProposeManifest/form``) than this release
        /// builds: it cannot be checked here.
        case otherForm(Int)
    }

    /// How far a party's chain of one author falls short of a proposal's basis.
    public struct Shortfall: Sendable, Hashable {
        /// The highest seq of the author's chain held here (0 for none).
        public let held: Int
        /// The seq the basis names.
        public let needed: Int

        /// Names a shortfall.
        public init(held: Int, needed: Int) {
            self.held = held
            self.needed = needed
        }
    }

    /// The hash proposed.
    public let proposed: String
    /// The manifest the party builds from its own state.
    public let mine: Manifest
    /// The verdict.
    public let verdict: Verdict
    /// The proposed manifest itself, when this party has it: its own when it ``Verdict/matches``,
    /// else the one rebuilt from the basis when that has the proposed hash.
    public let proposedManifest: Manifest?

    /// Reviews a proposal.
    ///
    /// - Parameters:
    ///   - proposal: The proposal, as the party's state holds it.
    ///   - state: The party's state.
    ///   - envelopes: The party's verified envelopes of the exchange (the state's own); read
    ///     only when the party's manifest is not the one proposed.
    ///   - reconciliation: The state's reconciliation, when the caller has it (else computed).
    ///   - matcher: The matching engine, as for ``Reconciliation``.
    public init(
        proposal: ProposeManifest, state: ExchangeState, envelopes: @autoclosure () throws -> [SignedEnvelope],
        reconciliation: Reconciliation? = nil, matcher: Matcher = Matcher()
    ) rethrows {
        self.proposed = proposal.manifest
        let ownReconciliation = reconciliation ?? Reconciliation(state: state, matcher: matcher)
        let phase = proposal.phase?.phase.name
        // A phase this state cannot draw (its terms changed or conflict) is compared as the whole
        // exchange's manifest: it cannot have the proposed hash, so the basis decides.
        self.mine = (try? Manifest.of(phase: phase, reconciliation: ownReconciliation, state: state))
            ?? Manifest(reconciliation: ownReconciliation, state: state)
        if proposal.proposedForm != Manifest.form {
            verdict = .otherForm(proposal.proposedForm)
            proposedManifest = nil
            return
        }
        if mine.hash == proposal.manifest {
            verdict = .matches
            proposedManifest = mine
            return
        }
        let coverage = proposal.covering(try envelopes())
        let strangers = proposal.basis.keys.filter { state.participant($0) == nil }
        if !coverage.conflicting.isEmpty || !strangers.isEmpty {
            verdict = .basisConflicts((coverage.conflicting + strangers).sorted())
            proposedManifest = nil
            return
        }
        let (covered, short) = (coverage.covered, coverage.short)
        if !short.isEmpty {
            verdict = .lacksBasis(short.reduce(into: [:]) { missing, chain in
                missing[chain.key] = Shortfall(held: chain.value, needed: proposal.basis[chain.key]?.seq ?? 0)
            })
            proposedManifest = nil
            return
        }
        guard let basisState = Verifier(exchange: state.exchange).verify(covered).state else {
            verdict = .basisDisagrees(rebuilt: "")
            proposedManifest = nil
            return
        }
        let basisReconciliation = Reconciliation(state: basisState, matcher: matcher)
        guard let theirs = try? Manifest.of(phase: phase, reconciliation: basisReconciliation, state: basisState) else {
            verdict = .basisDisagrees(rebuilt: "")
            proposedManifest = nil
            return
        }
        if theirs.hash == proposal.manifest, proposal.phase == ProposedPhase(manifest: theirs) {
            verdict = .differs(mine.differences(from: theirs))
            proposedManifest = theirs
        } else {
            verdict = .basisDisagrees(rebuilt: theirs.hash)
            proposedManifest = nil
        }
    }
}

extension ManifestReview.Verdict {
    /// The verdict in words, with what to do next, as `finalize sign` and the workspace's review
    /// both say it (each adds only its framing): a lower-case clause about the proposed manifest,
    /// "it …" or "the envelopes it names …".
    ///
    /// - Parameters:
    ///   - name: How to name a participant (its name, or a short key id).
    ///   - unopened: How many entries this replica cannot open yet (``ExchangeState/unopenedEntryCount``),
    ///     which explains a basis that gives another manifest here.
    public func words(naming name: (KeyID) -> String, unopened: Int) -> String {
        switch self {
        case .matches:
            return "it is the manifest this replica builds"
        case let .lacksBasis(short):
            let chains = short.sorted { $0.key < $1.key }.map { author, gap in
                "\(name(author)) up to seq \(gap.needed) (this replica has \(gap.held))"
            }
            return "it was built on envelopes this replica lacks: " + chains.joined(separator: "; ") + "; sync first"
        case let .basisConflicts(authors):
            return "the envelopes it names as its basis contradict this replica (a fork, or a non-participant) for "
                + authors.map(name).joined(separator: ", ") + ": it cannot be compared, and must not be signed"
        case let .basisDisagrees(rebuilt):
            return "the envelopes it names as its basis give "
                + (rebuilt.isEmpty ? "no manifest (they do not verify)" : "another manifest here, \(rebuilt.prefix(12))")
                + (unopened > 0
                    ? ", while this replica cannot open \(unopened) of their records yet (their authors' content keys have not "
                        + "reached it): sync, or import a newer bundle, first"
                    : ": the proposer's software builds manifests differently, or its basis is false")
        case let .otherForm(form):
            return "it is in manifest form \(form), and this release of Parley builds form \(Manifest.form) (PROTOCOL.md §10.3): "
                + "it cannot be checked here; every participant needs a release that builds form \(form) to check and sign it"
        case let .differs(differences):
            return "it differs from the one this replica builds in \(differences.count) place\(differences.count == 1 ? "" : "s") "
                + "(added: the proposal has it and this replica does not; removed: the other way round)"
        }
    }
}

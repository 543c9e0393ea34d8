extension ExchangeState {
    /// Where one phase of the terms in force stands.
    public enum PhaseStanding: Sendable, Hashable, CustomStringConvertible {
        /// Every participant signed its manifest: its people are final.
        case sealed(manifest: String)
        /// Manifests of it have been proposed, none signed by every participant yet.
        case proposed([Proposal])
        /// Nothing proposed of it.
        case open

        /// In words, as every face shows it.
        public var description: String {
            switch self {
            case let .sealed(manifest): "sealed by manifest \(manifest): its people are final"
            case let .proposed(manifests):
                "open; proposed: " + manifests.map { "manifest \($0.manifest.prefix(12)), \($0.signed) of \($0.of) signed" }.joined(separator: "; ")
            case .open: "open"
            }
        }

        /// A manifest of the phase proposed, and how many of the participants signed it.
        public struct Proposal: Sendable, Hashable {
            /// The manifest hash.
            public let manifest: String
            /// How many participants signed it.
            public let signed: Int
            /// How many participants the exchange has.
            public let of: Int
        }
    }

    /// Each phase of the terms in force, in order, with where it stands (empty without phases).
    public var phaseStandings: [(number: Int, phase: Terms.Phase, standing: PhaseStanding)] {
        guard case let .agreed(terms, _) = currentTerms else { return [] }
        return terms.phases.enumerated().map { index, phase in
            if let seal = finality.phases.first(where: { $0.phase.phase.name == phase.name }) {
                return (index + 1, phase, .sealed(manifest: seal.manifest))
            }
            let proposed = manifests.filter { $0.proposals.contains { $0.body.phase?.phase.name == phase.name } }
            guard !proposed.isEmpty else { return (index + 1, phase, .open) }
            return (index + 1, phase, .proposed(proposed.map {
                PhaseStanding.Proposal(manifest: $0.manifest, signed: $0.signatures.count, of: participants.count)
            }))
        }
    }
}

public import ParleyCrypto

/// Which manifests every participant has signed, and from where in each participant's chain that
/// freezes what (PROTOCOL.md §7.1).
///
/// A manifest is *final* when every participant of the exchange has a counted `manifest.sign` of
/// it (§5.12, a proposal by a mediator naming it). Its *cutoff* for a participant is the seq of
/// that participant's counted sign. A final manifest of the whole exchange (its first proposal,
/// in canonical order, names no phase) freezes the whole exchange: after a participant's lowest
/// such cutoff, an envelope whose operation would change who crosses or what is said about a
/// person (``Operation/isSetAsideWhenFinal(finalManifests:)``) is *set aside*: valid in the log,
/// recorded, and without effect. A final manifest of one phase (``FinalPhase``) freezes only the
/// people it lists and the phase in the terms. Finality depends only on proposals and signatures,
/// which are never set aside while they concern a final manifest, so it is the same however the
/// envelopes are folded.
public struct Finality: Hashable, Sendable {
    /// The final manifests' hashes (of the whole exchange and of phases), sorted.
    public let manifests: [String]
    /// Each participant's cutoff for the whole exchange: the seq of its counted sign of a final
    /// manifest of the whole exchange (the lowest); phase manifests do not set it.
    public let cutoffs: [KeyID: Int]
    /// The final manifests of single phases, by manifest hash: the sealed phases.
    public let phases: [FinalPhase]

    /// No manifest is final.
    public static let none = Finality(manifests: [], cutoffs: [:], phases: [])

    /// Whether some manifest is final.
    public var isFinal: Bool { !manifests.isEmpty }

    /// Whether a manifest of the whole exchange is final (everything about people is frozen).
    public var isWholeExchangeFinal: Bool { !cutoffs.isEmpty }

    /// Finality from the counted signatures of proposed manifests.
    ///
    /// - Parameters:
    ///   - signatures: For each key and proposed manifest, its counted sign (lowest seq).
    ///   - proposals: Every proposal folded (the first of a final manifest's, in canonical order,
    ///     says whether it covers a phase).
    ///   - participants: Every participant's key id.
    init(signatures: [Authored<SignManifest>], proposals: [Authored<ProposeManifest>], participants: [KeyID]) {
        let byManifest = Dictionary(grouping: signatures, by: \.body.manifest)
        var firstProposal: [String: Authored<ProposeManifest>] = [:]
        for proposal in proposals {
            if let other = firstProposal[proposal.body.manifest], Authored.canonicalOrder(other, proposal) { continue }
            firstProposal[proposal.body.manifest] = proposal
        }
        var manifests: [String] = []
        var cutoffs: [KeyID: Int] = [:]
        var phases: [FinalPhase] = []
        for (manifest, signs) in byManifest {
            let seqs = Dictionary(signs.map { ($0.author, $0.seq) }, uniquingKeysWith: min)
            guard !participants.isEmpty, participants.allSatisfy({ seqs[$0] != nil }) else { continue }
            manifests.append(manifest)
            if let phase = firstProposal[manifest]?.body.phase {
                phases.append(FinalPhase(manifest: manifest, phase: phase, cutoffs: seqs))
            } else {
                cutoffs.merge(seqs, uniquingKeysWith: min)
            }
        }
        self.init(
            manifests: manifests.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }, cutoffs: cutoffs,
            phases: phases.sorted { $0.manifest.utf8.lexicographicallyPrecedes($1.manifest.utf8) }
        )
    }

    private init(manifests: [String], cutoffs: [KeyID: Int], phases: [FinalPhase]) {
        self.manifests = manifests
        self.cutoffs = cutoffs
        self.phases = phases
    }

    /// Whether the envelope of `author` at `seq` carrying `operation` is set aside: by a final
    /// manifest of the whole exchange, or because it touches a sealed phase (``FinalPhase``).
    /// Comments on and closes of disputes about a sealed phase's people are set aside when the
    /// state is read (``setsAside(about:by:seq:)``), since the dispute may be another author's.
    ///
    /// - Parameters:
    ///   - operation: The operation.
    ///   - author: Its author.
    ///   - seq: Its seq in the author's chain.
    public func setsAside(_ operation: Operation, by author: Participant, seq: Int) -> Bool {
        if let cutoff = cutoffs[author.keyID], seq > cutoff, operation.isSetAsideWhenFinal(finalManifests: manifests) {
            return true
        }
        return phases.contains { $0.setsAside(operation, by: author, seq: seq, finalManifests: manifests) }
    }

    /// Whether a comment on or close of a dispute about `about`, by `author` at `seq`, is set
    /// aside because the dispute is about a sealed phase's person, after the author's cutoff for it.
    public func setsAside(about: [EntryRef], by author: KeyID, seq: Int) -> Bool {
        phases.contains { phase in
            guard let cutoff = phase.cutoffs[author], seq > cutoff else { return false }
            return about.contains(where: phase.phase.entries.contains)
        }
    }

    /// The sealed phase whose people `operation` by `author` would touch, after its cutoff (the
    /// signer's next envelope is after every cutoff it has).
    public func sealedPhase(touchedBy operation: Operation, author: Participant) -> FinalPhase? {
        phases.first { $0.setsAside(operation, by: author, seq: Int.max, finalManifests: manifests) }
    }
}

extension Operation {
    /// Whether, after its author's cutoff for a final manifest of the whole exchange
    /// (``Finality``), this operation is set aside: it writes a list, decides a pair, opens,
    /// comments on or closes a dispute, attests, sets terms, or proposes or signs a manifest that
    /// is not final. Each of these could change the reconciliation or the terms a manifest names,
    /// so the state would no longer build the final manifest. `confirm` changes neither and keeps
    /// its effect.
    ///
    /// - Parameter finalManifests: The final manifests' hashes.
    public func isSetAsideWhenFinal(finalManifests: [String]) -> Bool {
        switch self {
        case .putEntry, .removeEntry, .assertMatch, .rejectMatch, .openDispute, .commentDispute, .closeDispute, .attest, .setTerms:
            true
        case let .proposeManifest(propose):
            !finalManifests.contains(propose.manifest)
        case let .signManifest(sign):
            !finalManifests.contains(sign.manifest)
        default:
            // exchange.create, confirm, and operations that say nothing about people (key operations).
            false
        }
    }
}

extension ExchangeState {
    /// The phases sealed by a final phase manifest, each with the entries of its people: they
    /// are drawn into no other phase (PROTOCOL.md §10.5).
    public var sealedPhases: [SealedPhase] {
        finality.phases.map(\.phase.sealed)
    }
}

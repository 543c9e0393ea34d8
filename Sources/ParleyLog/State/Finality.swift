public import ParleyCrypto

/// Which manifests every participant has signed, and from where in each participant's chain that
/// makes the exchange final for it (PROTOCOL.md §7.1).
///
/// A manifest is *final* when every participant of the exchange has a counted `manifest.sign` of
/// it (§5.12, a proposal by a mediator naming it). Its *cutoff* for a participant is the seq of
/// that participant's counted sign; with several final manifests, the lowest. An envelope of a
/// participant after its cutoff whose operation would change who crosses or what is said about a
/// person (``Operation/isSetAsideWhenFinal(finalManifests:)``) is *set aside*: valid in the log,
/// recorded, and without effect. Finality depends only on proposals and signatures, which are
/// never set aside while they concern a final manifest, so it is the same however the envelopes
/// are folded.
public struct Finality: Hashable, Sendable {
    /// The final manifests' hashes, sorted.
    public let manifests: [String]
    /// Each participant's cutoff: the seq of its counted sign of a final manifest (the lowest).
    public let cutoffs: [KeyID: Int]

    /// No manifest is final.
    public static let none = Finality(manifests: [], cutoffs: [:])

    /// Whether some manifest is final.
    public var isFinal: Bool { !manifests.isEmpty }

    /// Finality from the counted signatures of proposed manifests.
    ///
    /// - Parameters:
    ///   - signatures: For each key and proposed manifest, its counted sign (lowest seq).
    ///   - participants: Every participant's key id.
    init(signatures: [Authored<SignManifest>], participants: [KeyID]) {
        let byManifest = Dictionary(grouping: signatures, by: \.body.manifest)
        var manifests: [String] = []
        var cutoffs: [KeyID: Int] = [:]
        for (manifest, signs) in byManifest {
            let seqs = Dictionary(signs.map { ($0.author, $0.seq) }, uniquingKeysWith: min)
            guard !participants.isEmpty, participants.allSatisfy({ seqs[$0] != nil }) else { continue }
            manifests.append(manifest)
            cutoffs.merge(seqs, uniquingKeysWith: min)
        }
        self.init(manifests: manifests.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }, cutoffs: cutoffs)
    }

    private init(manifests: [String], cutoffs: [KeyID: Int]) {
        self.manifests = manifests
        self.cutoffs = cutoffs
    }

    /// Whether the envelope of `author` at `seq` carrying `operation` is set aside.
    ///
    /// - Parameters:
    ///   - operation: The operation.
    ///   - author: Its author.
    ///   - seq: Its seq in the author's chain.
    public func setsAside(_ operation: Operation, by author: KeyID, seq: Int) -> Bool {
        guard let cutoff = cutoffs[author], seq > cutoff else { return false }
        return operation.isSetAsideWhenFinal(finalManifests: manifests)
    }
}

extension Operation {
    /// Whether, after its author's cutoff (``Finality``), this operation is set aside: it writes a
    /// list, decides a pair, opens, comments on or closes a dispute, attests, sets terms, or
    /// proposes or signs a manifest that is not final. Each of these could change the
    /// reconciliation or the terms a manifest names, so the state would no longer build the final
    /// manifest. `confirm` changes neither and keeps its effect.
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

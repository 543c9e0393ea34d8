public import ParleyCrypto

/// Where the signing of one proposed manifest stands.
public struct ManifestStatus: Hashable, Sendable {
    /// The manifest hash.
    public let manifest: String
    /// The proposals of it (by author key id then seq), with their waivers.
    public let proposals: [Authored<ProposeManifest>]
    /// The signatures that count, one per key, by author key id.
    public let signatures: [Authored<SignManifest>]
    /// The participants who have not signed, by key id.
    public let missing: [KeyID]

    /// Whether every participant has signed: the manifest is final (``Finality``), and nothing
    /// folded later changes what it says or this status.
    public var isComplete: Bool { missing.isEmpty }

    /// The same as ``isComplete``: a manifest every participant signed is final.
    public var isFinal: Bool { isComplete }

    /// Whether every proposal of it covers the whole exchange (none names a phase): its rights
    /// check then reads the kept summary of the whole exchange's manifest.
    public var isProposedForTheWholeExchange: Bool {
        proposals.allSatisfy { $0.body.phase == nil }
    }
}

extension ExchangeState {
    /// Every proposed manifest and its signatures, ordered by manifest hash.
    public var manifests: [ManifestStatus] {
        let signatures = Dictionary(grouping: countedSignatures, by: \.body.manifest)
        return Dictionary(grouping: proposalsInForce, by: \.body.manifest)
            .sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            .map { manifest, proposals in
                let signed = signatures[manifest] ?? []
                let signers = Set(signed.map(\.author))
                return ManifestStatus(
                    manifest: manifest,
                    proposals: proposals.sorted(by: Authored.canonicalOrder),
                    signatures: signed,
                    missing: participants.map(\.keyID).filter { !signers.contains($0) }
                )
            }
    }

    /// The final manifests (every participant signed them), ordered by hash; usually none or one.
    public var finalManifests: [ManifestStatus] {
        manifests.filter(\.isFinal)
    }

    /// The status of the proposed manifest with hash `manifest`, or `nil` if nobody proposed it.
    public func manifestStatus(_ manifest: String) -> ManifestStatus? {
        manifests.first { $0.manifest == manifest }
    }
}

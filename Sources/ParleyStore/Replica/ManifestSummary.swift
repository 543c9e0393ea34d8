public import ParleyLog

/// What `finalize status` needs of the whole exchange's manifest that this replica builds: its
/// hash, how many cross each way, and what blocks it (before waivers). The replica keeps it
/// under the key of what the manifest reads (``ManifestInputs``), so that a status after
/// another party signed reads it instead of building the manifest again.
public struct ManifestSummary: Hashable, Sendable, Codable {
    /// The manifest's hash.
    public var hash: String
    /// How many cross each way, by ``ParleyLog/Direction`` raw value.
    public var counts: [String: Int]
    /// What blocks it, with no waiver (``Manifest/blockers(in:waiving:)``).
    public var blockers: [Blocker]

    /// The summary of `manifest`, built from `state`'s reconciliation.
    public init(_ manifest: Manifest, state: ExchangeState) {
        hash = manifest.hash
        counts = Dictionary(uniqueKeysWithValues: Direction.allCases.map { ($0.rawValue, manifest.count($0)) })
        blockers = manifest.blockers(in: state)
    }

    /// How many cross in `direction`.
    public func count(_ direction: Direction) -> Int {
        counts[direction.rawValue] ?? 0
    }
}

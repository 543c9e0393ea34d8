public import ParleyLog

/// What commands that do not list rows need of a reconciliation: its hash and, per direction, the
/// hash and the count of each outcome. The replica keeps it with the state hash it was computed
/// from (``Replica/setReconciliationSummary(_:exchange:stateHash:)``), so `confirm`, `terms show`
/// and the rights check of a confirmation read it instead of matching the lists again.
public struct ReconciliationSummary: Hashable, Sendable, Codable {
    /// One direction's hash and counts.
    public struct Direction: Hashable, Sendable, Codable {
        /// The direction's reconciliation hash (what `confirm` names).
        public var hash: String
        /// How many rows have each outcome, by the outcome's raw value.
        public var counts: [String: Int]
    }

    /// The engine version it was computed under (``StoredDiff/version``): a summary kept by an
    /// older engine is not read back, because the same state may reconcile differently now.
    public var engine: String
    /// The reconciliation hash (what a manifest names).
    public var hash: String
    /// The directions, by ``ParleyLog/Direction`` raw value.
    public var directions: [String: Direction]

    /// The summary of `reconciliation`.
    public init(_ reconciliation: Reconciliation) {
        engine = StoredDiff.version
        hash = reconciliation.hash
        directions = Dictionary(uniqueKeysWithValues: reconciliation.directions.map { report in
            (report.direction.rawValue, Direction(
                hash: report.hash,
                counts: Dictionary(uniqueKeysWithValues: report.counts.map { ($0.key.rawValue, $0.value) })
            ))
        })
    }

    /// The hash of `direction`'s reconciliation.
    public func hash(_ direction: ParleyLog.Direction) -> String {
        directions[direction.rawValue]?.hash ?? ""
    }

    /// How many rows of `direction` have `outcome`.
    public func count(_ outcome: ReconciliationOutcome, _ direction: ParleyLog.Direction) -> Int {
        directions[direction.rawValue]?.counts[outcome.rawValue] ?? 0
    }
}

public import ParleyLog

/// What commands that do not list rows need of a reconciliation: its hash and, per direction, the
/// hash and the count of each outcome. The replica keeps each direction's under the key of what
/// that direction reads (``Replica/keep(_:exchange:inputs:)``), so `confirm`, `terms show` and the
/// rights check of a confirmation read them instead of matching the lists again.
public struct ReconciliationSummary: Hashable, Sendable {
    /// One direction's hash and counts.
    public struct Direction: Hashable, Sendable, Codable {
        /// The direction's reconciliation hash (what `confirm` names).
        public var hash: String
        /// How many rows have each outcome, by the outcome's raw value.
        public var counts: [String: Int]

        /// The summary of `report`.
        public init(_ report: DirectionReport) {
            hash = report.hash
            counts = Dictionary(uniqueKeysWithValues: report.counts.map { ($0.key.rawValue, $0.value) })
        }
    }

    /// The reconciliation hash (what a manifest names).
    public var hash: String
    /// The directions, by ``ParleyLog/Direction`` raw value.
    public var directions: [String: Direction]

    /// The summary of `reconciliation`.
    public init(_ reconciliation: Reconciliation) {
        hash = reconciliation.hash
        directions = Dictionary(uniqueKeysWithValues: reconciliation.directions.map { ($0.direction.rawValue, Direction($0)) })
    }

    /// The summary of `exchange`'s reconciliation from its directions' summaries.
    public init(exchange: ExchangeID, directions: [ParleyLog.Direction: Direction]) {
        hash = Reconciliation.hash(exchange: exchange, directions: directions.mapValues(\.hash))
        self.directions = Dictionary(uniqueKeysWithValues: directions.map { ($0.key.rawValue, $0.value) })
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

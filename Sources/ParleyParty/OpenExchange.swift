public import ParleyCrypto
public import ParleyLog
public import ParleyStore
import Synchronization

/// An exchange opened by a party: its kept state, read from the replica without verifying or
/// folding the log again, and its reconciliation, computed at most once however many times a
/// command and the rights check ask for it.
public final class OpenExchange: Sendable {
    /// The exchange.
    public let exchange: ExchangeID
    /// The kept state, with the heads and forks it was folded to.
    public let kept: KeptState
    /// The replica it was read from (where its reconciliation summary is kept).
    let replica: Replica
    /// The reconciliation, once computed.
    private let memo = Mutex<Reconciliation?>(nil)
    /// The summary, once read or computed.
    private let summaryMemo = Mutex<ReconciliationSummary?>(nil)
    /// Told when the reconciliation starts.
    private let progress: (@Sendable (PartyProgress) -> Void)?

    init(exchange: ExchangeID, kept: KeptState, replica: Replica, progress: (@Sendable (PartyProgress) -> Void)?) {
        self.exchange = exchange
        self.kept = kept
        self.replica = replica
        self.progress = progress
    }

    /// The state.
    public var state: ExchangeState { kept.state }

    /// Each author's chain head: what a manifest names as its basis.
    public var heads: [KeyID: ChainHead] { kept.heads }

    /// The state hash.
    public var stateHash: String { kept.stateHash }

    /// Whether no author's chain forks (a party signs only on a clean exchange).
    public var isClean: Bool { kept.frozen.isEmpty }

    /// The reconciliation of the state, computed on first use and shared after (with the rights
    /// check of ``Party/sign(_:in:at:)`` too); each direction's summary is kept in the replica
    /// under the key of what it reads (``DirectionInputs``), so that a later command that needs
    /// only hashes or counts reads them (``summary``) instead of matching the lists again.
    public var reconciliation: Reconciliation {
        precondition(kept.isComplete, "reconcile an exchange opened with its entries")
        if let done = memo.withLock({ $0 }) { return done }
        progress?(PartyProgress(step: "reconciling", count: state.lists.values.reduce(0) { $0 + $1.count }))
        // The engine's diffs are kept in the replica by the lists they were computed from: lists
        // unchanged since (a dispute, a hand decision, terms) are not matched again.
        let computed = Reconciliation(state: state, diffs: replica)
        memo.withLock { $0 = computed }
        if !replica.isReadOnly {
            for report in computed.directions {
                try? replica.keep(ReconciliationSummary.Direction(report), exchange: exchange, inputs: DirectionInputs(report.direction, of: state))
            }
        }
        return computed
    }

    /// The hashes and counts of the reconciliation: each direction's kept summary when the
    /// replica holds one for what the direction reads now, else those of ``reconciliation``
    /// (then kept). An exchange opened without its entries reads the entries' pins from the
    /// replica to key its directions, and its entries only when a summary is missing.
    public var summary: ReconciliationSummary {
        if let done = summaryMemo.withLock({ $0 }) { return done }
        let summary = readSummary()
        summaryMemo.withLock { $0 = summary }
        return summary
    }

    /// ``summary``, read or computed.
    private func readSummary() -> ReconciliationSummary {
        if let done = memo.withLock({ $0 }) { return ReconciliationSummary(done) }
        var found: [Direction: ReconciliationSummary.Direction] = [:]
        for direction in Direction.allCases {
            let inputs: DirectionInputs? = kept.isComplete
                ? DirectionInputs(direction, of: state)
                : try? DirectionInputs(direction, of: state) { list throws(StoreError) in try replica.entryPins(exchange: exchange, list: list) }
            guard let inputs, let summary = try? replica.directionSummary(exchange: exchange, inputs: inputs) else { break }
            found[direction] = summary
        }
        if found.count == Direction.allCases.count {
            return ReconciliationSummary(exchange: exchange, directions: found)
        }
        if !kept.isComplete, let full = try? replica.keptState(exchange: exchange) {
            // Opened without its entries: read them now, once.
            return OpenExchange(exchange: exchange, kept: full, replica: replica, progress: progress).summary
        }
        return ReconciliationSummary(reconciliation)
    }
}

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
    /// The reconciliation, once computed, with what each direction read.
    private let memo = Mutex<Reconciled?>(nil)
    /// A reconciliation of an earlier state of this exchange in this process (the one a signing
    /// moved on from): its directions whose inputs did not change are taken as they are.
    private let earlier: Reconciled?
    /// Makes the reconciliation, when it is computed, keep what the state after a signing
    /// continues from (the lists' reads and every row's bytes, some 100 MB at 100k × 80k), and
    /// the exchange after a signing (``after(_:)``) do the same: for a face that signs one
    /// decision after another on the same lists (the workspace). Call it before the first use
    /// of ``reconciliation``.
    package func keepForSigning() {
        keeps.withLock { $0 = true }
    }

    /// Whether ``keepForSigning()`` was called.
    var keepsForSigning: Bool { keeps.withLock { $0 } }

    /// The summary, once read or computed.
    private let summaryMemo = Mutex<ReconciliationSummary?>(nil)
    /// The summary of the whole exchange's manifest, once built here.
    private let manifestMemo = Mutex<ManifestSummary?>(nil)
    /// The same exchange opened with its entries, once read (for one opened without them).
    private let wholeMemo = Mutex<OpenExchange?>(nil)
    /// Whether the reconciliation keeps what the state after a signing would continue from
    /// (``keepForSigning()``).
    private let keeps = Mutex(false)
    /// Told when the reconciliation starts.
    private let progress: (@Sendable (PartyProgress) -> Void)?

    /// Opens the exchange again with every entry (the party's own ``Party/open(_:entries:)``).
    let reopen: @Sendable () throws(PartyError) -> OpenExchange

    init(
        exchange: ExchangeID, kept: KeptState, replica: Replica, progress: (@Sendable (PartyProgress) -> Void)?,
        reopen: @escaping @Sendable () throws(PartyError) -> OpenExchange, earlier: Reconciled? = nil
    ) {
        self.exchange = exchange
        self.kept = kept
        self.replica = replica
        self.progress = progress
        self.reopen = reopen
        self.earlier = earlier
    }

    /// A reconciliation (with what it read from the lists, for the state after a signing) and
    /// the inputs of each of its directions.
    struct Reconciled: Sendable {
        let continuation: Reconciliation.Continuation
        let inputs: [Direction: DirectionInputs]
        var reconciliation: Reconciliation { continuation.reconciliation }
    }

    /// The reconciliation with its directions' inputs, if it was computed.
    var reconciled: Reconciled? { memo.withLock { $0 } }

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
    ///
    /// - Throws: What ``whole()`` throws when an exchange opened without its entries cannot be
    ///   read again with them (an exchange opened with them never throws here).
    public var reconciliation: Reconciliation {
        get throws(PartyError) {
            guard kept.isComplete else { return try whole().reconciliation }
            return wholeReconciliation
        }
    }

    /// ``reconciliation`` of an exchange opened with its entries (the workspace's), which reads
    /// nothing more from the replica and so cannot fail.
    package var wholeReconciliation: Reconciliation {
        precondition(kept.isComplete, "an exchange opened with its entries")
        if let done = memo.withLock({ $0 }) { return done.reconciliation }
        progress?(PartyProgress(step: "reconciling", count: state.lists.values.reduce(0) { $0 + $1.count }))
        let inputs = Dictionary(uniqueKeysWithValues: Direction.allCases.map { ($0, DirectionInputs($0, of: state)) })
        // A direction that reads what it read in the earlier state has the same rows; the
        // engine's diffs are kept in the replica by the lists they were computed from, so lists
        // unchanged since (a dispute, a hand decision, terms) are not matched again either, and
        // when the earlier state has these very lists (a signing in this process) only the rows
        // its changed decisions and disputes reach are made again.
        var reused: [Direction: DirectionReport] = [:]
        if let earlier {
            for direction in Direction.allCases where earlier.inputs[direction] == inputs[direction] {
                reused[direction] = earlier.reconciliation.report(direction)
            }
        }
        let continuation = Reconciliation.continuing(
            state: state, diffs: replica, reusing: reused, after: earlier?.continuation, keeping: keeps.withLock { $0 }
        )
        let computed = continuation.reconciliation
        memo.withLock { $0 = Reconciled(continuation: continuation, inputs: inputs) }
        if !replica.isReadOnly {
            for report in computed.directions where reused[report.direction] == nil {
                if let key = inputs[report.direction] {
                    try? replica.keep(ReconciliationSummary.Direction(report), exchange: exchange, inputs: key)
                }
            }
            // A command that had to reconcile (`confirm` after a decision, `reconcile`) also
            // keeps the manifest's summary, so that `finalize status` after it reads it instead
            // of reconciling 100,000 people again; the workspace, which holds its
            // reconciliation, builds the manifest when a page asks.
            if reused.count < Direction.allCases.count, !keeps.withLock({ $0 }) {
                _ = keepManifestSummary(of: computed, state: state)
            }
        }
        return computed
    }

    /// The summary of the whole exchange's manifest built from `reconciliation`, the
    /// reconciliation of `state`, and kept under the key of what it was built from (a read-only
    /// replica keeps nothing).
    private func keepManifestSummary(of reconciliation: Reconciliation, state: ExchangeState) -> ManifestSummary {
        if let done = manifestMemo.withLock({ $0 }) { return done }
        let inputs = ManifestInputs(reconciliation: reconciliation.hash, state: state, unopened: state.unopenedEntryCount)
        // Kept already when nothing the manifest reads changed since (`reconcile` again).
        if let kept = try? replica.manifestSummary(exchange: exchange, inputs: inputs) {
            manifestMemo.withLock { $0 = kept }
            return kept
        }
        let built = ManifestSummary(Manifest(reconciliation: reconciliation, state: state), state: state)
        if !replica.isReadOnly {
            try? replica.keep(built, exchange: exchange, inputs: inputs)
        }
        manifestMemo.withLock { $0 = built }
        return built
    }

    /// The hashes and counts of the reconciliation: each direction's kept summary when the
    /// replica holds one for what the direction reads now, else those of ``reconciliation``
    /// (then kept). An exchange opened without its entries reads the entries' pins from the
    /// replica to key its directions, and its entries only when a summary is missing.
    ///
    /// - Throws: As ``reconciliation``.
    public var summary: ReconciliationSummary {
        get throws(PartyError) {
            if let done = summaryMemo.withLock({ $0 }) { return done }
            let summary = try readSummary()
            summaryMemo.withLock { $0 = summary }
            return summary
        }
    }

    /// ``summary``, read or computed.
    private func readSummary() throws(PartyError) -> ReconciliationSummary {
        if let done = memo.withLock({ $0 }) { return ReconciliationSummary(done.reconciliation) }
        var found: [Direction: ReconciliationSummary.Direction] = [:]
        // Both directions read the registry: its pins are read from the replica once.
        var pins: [ListKey: [EntryPin]] = [:]
        func listPins(_ list: ListKey) throws(StoreError) -> [EntryPin] {
            if let read = pins[list] { return read }
            let read = try replica.entryPins(exchange: exchange, list: list)
            pins[list] = read
            return read
        }
        for direction in Direction.allCases {
            let inputs: DirectionInputs? = kept.isComplete
                ? DirectionInputs(direction, of: state)
                : try? DirectionInputs(direction, of: state, pins: listPins)
            guard let inputs, let summary = try? replica.directionSummary(exchange: exchange, inputs: inputs) else { break }
            found[direction] = summary
        }
        if found.count == Direction.allCases.count {
            return ReconciliationSummary(exchange: exchange, directions: found)
        }
        return ReconciliationSummary(try reconciliation)
    }

    /// The same exchange with its entries: this one when it was opened with them, else opened
    /// again with every entry, once (the party's open, which folds again if another process
    /// stored meanwhile).
    ///
    /// - Throws: The open's failure (a replica that cannot be read, or reads damaged).
    public func whole() throws(PartyError) -> OpenExchange {
        if kept.isComplete { return self }
        if let done = wholeMemo.withLock({ $0 }) { return done }
        let opened = try reopen()
        wholeMemo.withLock { $0 = opened }
        return opened
    }

    /// The hash, counts and blockers of the whole exchange's manifest that this state builds:
    /// kept ones when the replica holds them for what the manifest reads now
    /// (``ManifestInputs``), else built from ``reconciliation`` (then kept).
    ///
    /// - Throws: As ``reconciliation``.
    public var manifestSummary: ManifestSummary {
        get throws(PartyError) {
            if let done = manifestMemo.withLock({ $0 }) { return done }
            let unopened = kept.isComplete ? state.unopenedEntryCount : try? replica.unopenedEntryCount(exchange: exchange)
            let reconciliation = try summary.hash
            if let unopened, let kept = try? replica.manifestSummary(
                exchange: exchange, inputs: ManifestInputs(reconciliation: reconciliation, state: state, unopened: unopened)
            ) {
                manifestMemo.withLock { $0 = kept }
                return kept
            }
            // Built from the whole state, which another process may have moved on since this one
            // was read: kept under the key of what it was built from.
            let whole = try whole()
            return whole.keepManifestSummary(of: try whole.reconciliation, state: whole.state)
        }
    }
}

import Dispatch
import ParleyLog
import ParleyMatch
import ParleyParty
import Synchronization

/// The exchange as the workspace shows it at one state: the open exchange, its reconciliation
/// and report, and the decision queue, built once per state and shared by every request until
/// the state changes (a decision here, or envelopes another process stored).
struct Snapshot: Sendable {
    /// The open exchange (the kept state).
    let open: OpenExchange
    /// Its reconciliation (computed once; the engine's diffs of unchanged lists are read back).
    let reconciliation: Reconciliation
    /// The report over it, whose sentences the pages use.
    let report: ExchangeReport
    /// Everything that needs a person, both directions, in priority order.
    let queue: [QueueItem]
    /// The priority categories in the order of the terms (the mediator's, else the default),
    /// then any the terms leave out: the order the queue and the pages show them in.
    let priorityOrder: [PriorityCategory]
    /// Each direction's rows by every entry they hold.
    private let rowsByEntry: [Direction: [EntryRef: Int]]
    /// What is computed from this state on first use and kept with it.
    private let kept = Kept()

    /// The values computed once per state.
    private final class Kept: Sendable {
        let manifest = Mutex<(manifest: Manifest, hash: String)?>(nil)
        let priorities = Mutex<[Direction: [PriorityCategory: Int]]>([:])
        let phasePlan = Mutex<PhaseDrawUp??>(nil)
        let proposals = Mutex<[String?: Result<ManifestProposal, Refusal>]>([:])
        let reviews = Mutex<[String: ManifestReview]>([:])
    }

    /// The review of the manifest proposed in `status` against the one this state builds, made
    /// once per state and manifest: a proposal that is not this replica's own is rebuilt from
    /// its basis, which opens every envelope of the log (seconds at 100k × 80k), and its review
    /// page, its printable document and a reload all ask for it.
    ///
    /// - Parameter envelopes: This party's opened envelopes of the exchange, read only when the
    ///   review needs them.
    func review(of status: ManifestStatus, envelopes: () throws -> [SignedEnvelope]) rethrows -> ManifestReview {
        if let done = kept.reviews.withLock({ $0[status.manifest] }) { return done }
        // A status exists only for a hash some proposal names.
        let done = try ManifestReview(
            proposal: status.proposals[0].body, state: state, envelopes: try envelopes(), reconciliation: reconciliation
        )
        kept.reviews.withLock { $0[status.manifest] = done }
        return done
    }

    /// The phases of the terms in force as `parley terms plan` draws them on the day priorities
    /// are measured on, or `nil` without agreed terms with phases (drawing them matches every
    /// agreed person to a phase, so a page does it once per state).
    var phasePlan: PhaseDrawUp? {
        if let done = kept.phasePlan.withLock({ $0 }) { return done }
        var plan: PhaseDrawUp?
        if case let .agreed(terms, _) = state.currentTerms, !terms.phases.isEmpty {
            plan = PhaseDrawUp(reconciliation: reconciliation, terms: terms, sealed: state.sealedPhases, today: report.prioritiesAsOf)
        }
        kept.phasePlan.withLock { $0 = .some(plan) }
        return plan
    }

    /// The proposal of the manifest of phase `phase` (a name or a number; `nil`: the whole
    /// exchange) in this state, as the library builds it, or why there is none; built once per
    /// state and phase.
    func proposal(phase: String?) -> Result<ManifestProposal, Refusal> {
        if let done = kept.proposals.withLock({ $0[phase] }) { return done }
        let done = Result { () throws(Refusal) in try ManifestProposal(phase: phase, reconciliation: reconciliation, state: state) }
        kept.proposals.withLock { $0[phase] = done }
        return done
    }

    /// The manifest this state builds, with its hash (hashing it serializes every person).
    var manifest: (manifest: Manifest, hash: String) {
        if let done = kept.manifest.withLock({ $0 }) { return done }
        let manifest = Manifest(reconciliation: reconciliation, state: state)
        let done = (manifest, manifest.hash)
        kept.manifest.withLock { $0 = done }
        return done
    }

    /// Each direction's priority breakdown of the agreed, `to-A` first.
    var priorities: [[PriorityCategory: Int]] {
        reconciliation.directions.map { direction in
            if let done = kept.priorities.withLock({ $0[direction.direction] }) { return done }
            let done = direction.priorities(asOf: report.prioritiesAsOf)
            kept.priorities.withLock { $0[direction.direction] = done }
            return done
        }
    }

    /// The snapshot of `open`, measuring ages on `today` unless the terms give a date.
    ///
    /// - Parameter previous: The snapshot of the state before (a signing here): a direction
    ///   whose rows it shows already, measured on the same day in the same priority order, keeps
    ///   its queue items, index and priority breakdown.
    /// - Parameter preparing: Whether signings will follow on this snapshot (the workspace's,
    ///   not one made to compare with): then what they read from the lists is made ahead.
    init(open: OpenExchange, today: CalendarDate, after previous: Snapshot? = nil, preparing: Bool = false) {
        self.open = open
        // The workspace opens its exchange with its entries.
        let reconciliation = open.wholeReconciliation
        // Every decision signed here hashes the state and continues the reconciliation; the
        // lists change rarely, so what those read from the lists alone is made once (on the
        // other core, while the rest of this snapshot is built) for all the decisions after.
        if preparing {
            DispatchQueue.global(qos: .utility).async { open.prepareForSigning() }
        }
        self.reconciliation = reconciliation
        report = ExchangeReport(reconciliation: reconciliation, state: open.state, asOf: today)
        var index: [Direction: [EntryRef: Int]] = [:]
        var queue: [QueueItem] = []
        let asOf = report.prioritiesAsOf
        let ranked = open.state.currentTerms.terms?.priorityOrder ?? PriorityCategory.defaultOrder
        let order = ranked + PriorityCategory.allCases.filter { !ranked.contains($0) }
        for direction in reconciliation.directions {
            // (The rows' hash pins entries by envelope, not by what this party can read of them:
            // the very same lists, too, so that an entry opened since is read again.)
            if let previous, previous.report.prioritiesAsOf == asOf, previous.priorityOrder == order,
               previous.state.hasTheseLists(of: open.state),
               previous.direction(direction.direction).hash == direction.hash, let byEntry = previous.rowsByEntry[direction.direction] {
                queue += previous.queue.filter { $0.direction == direction.direction }
                index[direction.direction] = byEntry
                if let breakdown = previous.kept.priorities.withLock({ $0[direction.direction] }) {
                    kept.priorities.withLock { $0[direction.direction] = breakdown }
                }
                continue
            }
            var byEntry: [EntryRef: Int] = [:]
            byEntry.reserveCapacity(direction.rows.count * 2)
            for (number, row) in direction.rows.enumerated() {
                if let request = row.request { byEntry[request.ref] = number }
                if let release = row.release { byEntry[release.ref] = number }
                guard let kind = QueueItem.kind(of: row) else { continue }
                let categories = row.priorityCategories(asOf: asOf)
                queue.append(QueueItem(
                    direction: direction.direction, row: number, kind: kind, primary: row.primary,
                    priorities: order.filter(categories.contains)
                ))
            }
            index[direction.direction] = byEntry
        }
        // Priority first (the first category in the terms' order; none last), then why, then where.
        // (Each item's rank is looked up once, not in every comparison.)
        let ranks = queue.map { item in item.priorities.first.flatMap { ranked.firstIndex(of: $0) } ?? Int.max }
        self.queue = queue.indices.sorted { l, r in
            let (lhs, rhs) = (queue[l], queue[r])
            return (ranks[l], lhs.kind, lhs.direction, lhs.primary) < (ranks[r], rhs.kind, rhs.direction, rhs.primary)
        }.map { queue[$0] }
        priorityOrder = order
        rowsByEntry = index
    }

    /// The state.
    var state: ExchangeState { open.state }

    /// A direction's report.
    func direction(_ direction: Direction) -> DirectionReport { reconciliation.report(direction) }

    /// The row of `direction` that holds `entry`, with its index.
    func row(_ direction: Direction, holding entry: EntryRef) -> (index: Int, row: ReconciliationRow)? {
        guard let number = rowsByEntry[direction]?[entry] else { return nil }
        return (number, reconciliation.report(direction).rows[number])
    }
}

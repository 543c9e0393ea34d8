import ParleyCrypto
public import ParleyMatch
import Synchronization

/// The reconciliation of an exchange: for each direction, who is agreed, disputed, unoffered,
/// unrequested or a duplicate, with the evidence, hand decisions, open disputes and registry
/// corroboration behind each row.
///
/// A pure function of the state and the matching model: every party that holds the same envelopes
/// computes the same rows and the same hashes.
public struct Reconciliation: Hashable, Sendable {
    /// The exchange.
    public let exchange: ExchangeID
    /// Both directions, `to-A` first.
    public let directions: [DirectionReport]
    /// The terms in force when it was computed.
    public let terms: TermsStatus
    /// The reconciliation hash, which manifests name: the hex SHA-256 of the RFC 8785 bytes of
    /// `{"version": 1, "exchange": <hex>, "directions": {"to-A": <hash>, "to-B": <hash>}}`.
    public let hash: String
    /// The manifest of the whole exchange built from it, once built (``Manifest/init(reconciliation:state:)``):
    /// a command that checks, reviews and files the manifest of a register builds it once.
    private(set) var manifestMemo = Memo<Manifest>()

    /// Reconciles both directions of `state`.
    ///
    /// - Parameters:
    ///   - state: The folded state.
    ///   - matcher: The matching engine of `parley diff`; every party must use the same model.
    ///   - diffs: Where the engine's diffs are kept between commands: a pair of lists matched
    ///     before (the same entries, by envelope id) is read back instead of matched again. The
    ///     result is the same with or without it.
    ///   - reused: Directions whose rows are known already: a report of this direction from a
    ///     state with the same ``DirectionInputs`` (its rows and hash are taken; who confirmed it
    ///     and the terms' count are this state's).
    public init(state: ExchangeState, matcher: Matcher = Matcher(), diffs: (any DiffStore)? = nil, reusing reused: [Direction: DirectionReport] = [:]) {
        self = Self.continuing(state: state, matcher: matcher, diffs: diffs, reusing: reused, after: nil, keeping: false).reconciliation
    }

    /// A reconciliation, with what it read from the state's lists alone, for the next state.
    ///
    /// A long-lived face (the workspace) signs one decision after another on lists that do not
    /// change: each direction's entries, the engine's diff and what it says of each entry are
    /// kept here with the lists they were read from, and a later state with the very same lists
    /// (``ExchangeState`` copies that no list operation touched) remakes, from the kept diff, only
    /// the rows of the entries its new or withdrawn hand decisions and disputes reach
    /// (``Reconciliation/continuing(state:matcher:diffs:reusing:after:keeping:)``).
    public struct Continuation: Sendable {
        /// The reconciliation.
        public let reconciliation: Reconciliation
        /// The state it reconciles.
        let state: ExchangeState
        /// What each direction read from the lists.
        let bases: [Direction: DirectionBasis]
        /// The directions continued from the earlier state's rows.
        package let continued: Set<Direction>
        /// Each direction's rows as written for its hash, row by row (kept so that a continued
        /// direction writes only the rows it made again).
        let rowBytes: [Direction: [[UInt8]]]

        /// Builds now what the first continued reconciliation would build (where each entry
        /// is, the engine's pairs by entry): for a face that can do it while nobody waits.
        public func prepare() {
            for basis in bases.values { _ = basis.indexes }
        }
    }

    /// Reconciles both directions of `state` as ``init(state:matcher:diffs:reusing:)`` does,
    /// taking what `earlier` read from the lists when `state`'s lists are the very same ones.
    /// Then a direction whose inputs changed only by hand decisions and disputes keeps the
    /// earlier rows of every entry those do not reach, through engine pairs and hand decisions,
    /// and remakes the rest from the kept diff (then corroborates every unoffered row with the
    /// mediator's registry again); the result equals one from scratch
    /// (`ReconciliationContinuationTests`).
    ///
    /// - Parameters:
    ///   - state: The folded state.
    ///   - matcher: The matching engine; `earlier` must have been computed with the same one.
    ///   - diffs: Where the engine's diffs are kept between commands.
    ///   - reused: Directions whose rows are known already (see ``init(state:matcher:diffs:reusing:)``).
    ///   - earlier: The continuation of an earlier state of this exchange, if any.
    ///   - keeping: Whether to keep what a later state would continue from (the lists' reads and
    ///     every row's bytes, some 100 MB at 100k × 80k); without, the continuation carries the
    ///     reconciliation alone and the rows are hashed as they are written.
    public static func continuing(
        state: ExchangeState, matcher: Matcher = Matcher(), diffs: (any DiffStore)? = nil,
        reusing reused: [Direction: DirectionReport] = [:], after earlier: Continuation?, keeping: Bool = true
    ) -> Continuation {
        let sameLists = earlier.map { $0.state.hasTheseLists(of: state) } ?? false
        var bases: [Direction: DirectionBasis] = [:]
        var continued: Set<Direction> = []
        var rowBytes: [Direction: [[UInt8]]] = [:]
        let directions = Direction.allCases.map { direction in
            let basis = sameLists ? earlier?.bases[direction] : nil
            if let known = reused[direction] {
                bases[direction] = basis
                if let earlier, earlier.reconciliation.report(direction).hash == known.hash {
                    rowBytes[direction] = earlier.rowBytes[direction]
                }
                return DirectionReport(direction: direction, rows: known.rows, hash: known.hash, in: state)
            }
            let reconciler = DirectionReconciler(
                state: state, direction: direction, matcher: matcher, diffs: diffs,
                basis: basis ?? DirectionBasis(state: state, direction: direction, matcher: matcher, diffs: diffs)
            )
            bases[direction] = reconciler.basis
            let made: (report: DirectionReport, rowBytes: [[UInt8]])
            if basis != nil, let earlier, reconciler.basis.indexes.isOneToOne,
               let bytes = earlier.rowBytes[direction] {
                continued.insert(direction)
                made = reconciler.report(after: (earlier.reconciliation.report(direction).rows, bytes), in: earlier.state)
            } else {
                made = reconciler.report(keepingBytes: keeping)
            }
            rowBytes[direction] = made.rowBytes
            return made.report
        }
        let reconciliation = Reconciliation(exchange: state.exchange, directions: directions, terms: state.currentTerms)
        guard keeping else { return Continuation(reconciliation: reconciliation, state: state, bases: [:], continued: continued, rowBytes: [:]) }
        return Continuation(reconciliation: reconciliation, state: state, bases: bases, continued: continued, rowBytes: rowBytes)
    }

    private init(exchange: ExchangeID, directions: [DirectionReport], terms: TermsStatus) {
        self.exchange = exchange
        self.terms = terms
        self.directions = directions
        self.hash = Self.hash(exchange: exchange, directions: Dictionary(uniqueKeysWithValues: directions.map { ($0.direction, $0.hash) }))
    }

    /// The reconciliation hash of an exchange whose directions hash to `directions` (see ``hash``).
    public static func hash(exchange: ExchangeID, directions: [Direction: String]) -> String {
        let hashes = Dictionary(uniqueKeysWithValues: directions.map { ($0.key.rawValue, JSONValue.string($0.value)) })
        return digest(["version": 1, "exchange": .string(exchange.hex), "directions": .object(hashes)])
    }

    /// The report of `direction`.
    public func report(_ direction: Direction) -> DirectionReport {
        directions.first { $0.direction == direction }!
    }

    /// The hex SHA-256 of the RFC 8785 bytes of `value`.
    static func digest(_ value: JSONValue) -> String {
        // Every string comes from the strict parser or a signed body, so it serializes.
        guard let bytes = try? CanonicalJSON.encode(value) else {
            preconditionFailure("a reconciliation has a value that RFC 8785 cannot serialize")
        }
        return Hex.encode(SHA256.hash(bytes))
    }
}

/// What one direction's reconciliation reads from the state's lists alone: its entries, the
/// engine's diff of them and the mediator's registry. The same for every state with the same
/// lists, whatever hand decisions and disputes it holds.
final class DirectionBasis: Sendable {
    let direction: Direction
    let requests: [ReconciledEntry]
    let releases: [ReconciledEntry]
    /// The mediator's registry (what corroborates unoffered people).
    let registry: [ReconciledEntry]
    /// The engine's diff of `requests` (list `a`, records numbered by index) and `releases` (`b`).
    /// Read from a kept diff, its records carry their index alone: read nothing else of them.
    let diff: DiffResult
    /// Where each entry is, and the engine's pairs by index; built on first use.
    private let maps = Mutex<Maps?>(nil)

    struct Maps: Sendable {
        let requestIndex: [EntryRef: Int]
        let releaseIndex: [EntryRef: Int]
        /// The release the engine paired each request with (agreed or disputed), and back.
        let releaseOfRequest: [Int: Int]
        let requestOfRelease: [Int: Int]
        /// Whether no entry is in two of the engine's pairs (the engine assigns one to one; a
        /// kept diff is not checked for it): a continued reconciliation relies on it.
        let isOneToOne: Bool
    }

    init(state: ExchangeState, direction: Direction, matcher: Matcher, diffs: (any DiffStore)?) {
        self.direction = direction
        let requests = state.entries(of: direction.requestList).map { ReconciledEntry(list: direction.requestList, entry: $0) }
        let releases = state.entries(of: direction.releaseList).map { ReconciledEntry(list: direction.releaseList, entry: $0) }
        self.requests = requests
        self.releases = releases
        let registryList = ListKey(side: .neutral, kind: .registry)
        registry = state.entries(of: registryList).map { ReconciledEntry(list: registryList, entry: $0) }
        diff = Self.engineDiff(
            (direction.requestList.description, requests), (direction.releaseList.description, releases), matcher: matcher, diffs: diffs,
            shelf: .lists
        )
    }

    /// The indexes of the entries and the engine's pairs.
    var indexes: Maps {
        if let done = maps.withLock({ $0 }) { return done }
        var releaseOfRequest: [Int: Int] = [:], requestOfRelease: [Int: Int] = [:]
        var isOneToOne = true
        for row in diff.rows where row.outcome == .agreed || row.outcome == .disputed {
            guard let i = DirectionReconciler.index(row.a), let j = DirectionReconciler.index(row.b) else { continue }
            if releaseOfRequest.updateValue(j, forKey: i) != nil || requestOfRelease.updateValue(i, forKey: j) != nil {
                isOneToOne = false
            }
        }
        let done = Maps(
            requestIndex: Dictionary(uniqueKeysWithValues: requests.enumerated().map { ($1.ref, $0) }),
            releaseIndex: Dictionary(uniqueKeysWithValues: releases.enumerated().map { ($1.ref, $0) }),
            releaseOfRequest: releaseOfRequest, requestOfRelease: requestOfRelease, isOneToOne: isOneToOne
        )
        maps.withLock { $0 = done }
        return done
    }

    /// The engine's diff of two lists of entries (records numbered by their index), read back from
    /// `diffs` when these very entries were matched before, and kept (on `shelf`) when not.
    static func engineDiff(
        _ a: (name: String, entries: [ReconciledEntry]), _ b: (name: String, entries: [ReconciledEntry]), matcher: Matcher, diffs: (any DiffStore)?,
        shelf: StoredDiff.Shelf
    ) -> DiffResult {
        guard let diffs else {
            return matcher.diff(PersonList(name: a.name, records: records(of: a.entries)), PersonList(name: b.name, records: records(of: b.entries)))
        }
        let key = StoredDiff.key((a.name, a.entries.map(\.pin)), (b.name, b.entries.map(\.pin)), shelf: shelf)
        // A kept diff names its records by index, and the reconciliation reads nothing else of
        // them: it is read back over records that carry their index alone.
        if let bytes = diffs.diffBytes(for: key), let kept = StoredDiff.decoded(
            bytes, a: PersonList(name: a.name, records: numbered(a.entries.count)), b: PersonList(name: b.name, records: numbered(b.entries.count))
        ) {
            return kept
        }
        let listA = PersonList(name: a.name, records: records(of: a.entries))
        let listB = PersonList(name: b.name, records: records(of: b.entries))
        let computed = matcher.diff(listA, listB)
        diffs.keep(diffBytes: StoredDiff.encoded(computed), for: key)
        return computed
    }

    /// Records that carry their index (as ``records(of:)`` numbers them) and nothing else.
    private static func numbered(_ count: Int) -> [Record] {
        (0..<count).map { Record(id: String($0), line: $0 + 1, fields: [:]) }
    }

    /// The engine's records of `entries`, numbered by index, made on every core (reading the
    /// dates of 100,000 entries is most of a direction's set-up when its diff is kept).
    private static func records(of entries: [ReconciledEntry]) -> [Record] {
        Array(entries.indices).concurrentMap(chunkSize: 8_192) { i in entries[i].record(id: String(i), line: i + 1) }
    }
}

/// Reconciles one direction: the engine's matches, then hand decisions, registry corroboration
/// and open disputes.
///
/// The rows of an entry depend only on the entries it is tied to by engine pairs and hand
/// decisions (its part of that graph): hand pairs are taken first in reference order, an engine
/// pair only when neither entry is taken, and an entry alone is a duplicate, unoffered or
/// unrequested by what the engine and the "different" decisions on it say. So the rows of the
/// part a change reaches can be made again alone (``report(after:in:)``).
private struct DirectionReconciler {
    let state: ExchangeState
    let direction: Direction
    let matcher: Matcher
    let diffs: (any DiffStore)?
    let basis: DirectionBasis
    var requests: [ReconciledEntry] { basis.requests }
    var releases: [ReconciledEntry] { basis.releases }

    /// The entries, by index, whose rows are made again.
    struct Scope {
        var requests: Set<Int> = []
        var releases: Set<Int> = []
    }

    /// What the hand decisions on one pair say together.
    enum Verdict {
        case same, different, conflicting
    }

    /// `rows` in the order of their first entries (``ReconciliationRow/primary``), keeping the
    /// order of rows with the same one: each row's first entry is read once, instead of twice per
    /// comparison (each read copies an entry with its fields).
    static func sortedByPrimary(_ rows: [ReconciliationRow]) -> [ReconciliationRow] {
        let primaries = rows.map(\.primary)
        return primaries.indices.sorted { primaries[$0] < primaries[$1] }.map { rows[$0] }
    }

    /// The report, with its rows as written for its hash when `keepingBytes` (else none).
    func report(keepingBytes: Bool = false) -> (report: DirectionReport, rowBytes: [[UInt8]]) {
        var rows = matchedRows(within: nil)
        corroborate(&rows)
        markDisputes(&rows)
        rows = Self.sortedByPrimary(rows)
        guard keepingBytes else {
            let hash = DirectionReport.hash(exchange: state.exchange, direction: direction, rows: rows)
            return (DirectionReport(direction: direction, rows: rows, hash: hash, in: state), [])
        }
        return finished(rows, rowBytes: DirectionReport.rowBytes(rows))
    }

    /// The report of this state from `earlier`, this direction's rows (and their bytes) in
    /// `earlierState`, a state with the very same lists: the rows of the entries reached from
    /// those whose hand decisions or open disputes changed are made again, the others kept. The
    /// registry's corroboration is an assignment over every unoffered row, so a decision that
    /// makes a person unoffered (or no longer) can move it on rows it does not reach: it is made
    /// again over all of them (read back from the kept diffs when the unoffered people are the
    /// same), and only the rows whose registry entries changed are written again.
    func report(
        after earlier: (rows: [ReconciliationRow], rowBytes: [[UInt8]]), in earlierState: ExchangeState
    ) -> (report: DirectionReport, rowBytes: [[UInt8]]) {
        let scope = reached(from: changedEntries(since: earlierState), earlier: earlierState)
        var made = matchedRows(within: scope)
        markDisputes(&made)
        made = Self.sortedByPrimary(made)
        // Every row of a reached entry holds only reached entries (the part is closed), and its
        // first entry is one of them: the earlier rows whose first entry was reached go.
        let reachedRefs = scope.requests.map { requests[$0].ref } + scope.releases.map { releases[$0].ref }
        let dropped = Set(reachedRefs.compactMap { ref in
            let at = Self.firstRow(in: earlier.rows, notBefore: ref)
            return at < earlier.rows.count && earlier.rows[at].primary == ref ? at : nil
        })
        let inserted = made.map { Self.firstRow(in: earlier.rows, notBefore: $0.primary) }
        // The pieces of the new rows in order: runs of earlier rows, and made rows where they sort.
        var pieces: [(kept: Range<Int>?, made: Int?)] = []
        var cursor = 0, next = 0
        for boundary in dropped.union(inserted).sorted() {
            if cursor < boundary { pieces.append((cursor..<boundary, nil)) }
            while next < made.count, inserted[next] == boundary {
                pieces.append((nil, next))
                next += 1
            }
            cursor = dropped.contains(boundary) ? boundary + 1 : boundary
        }
        if cursor < earlier.rows.count { pieces.append((cursor..<earlier.rows.count, nil)) }
        // Rows written again have no bytes yet.
        var rows: [ReconciliationRow] = [], bytes: [[UInt8]?] = []
        rows.reserveCapacity(earlier.rows.count - dropped.count + made.count)
        bytes.reserveCapacity(rows.capacity)
        for piece in pieces {
            if let kept = piece.kept {
                rows.append(contentsOf: earlier.rows[kept])
                bytes.append(contentsOf: earlier.rowBytes[kept].lazy.map { Optional($0) })
            } else if let index = piece.made {
                rows.append(made[index])
                bytes.append(nil)
            }
        }
        if !basis.registry.isEmpty {
            let before = rows.map(\.registered)
            corroborate(&rows)
            for index in rows.indices where rows[index].registered != before[index] { bytes[index] = nil }
        }
        let rewritten = bytes.indices.filter { bytes[$0] == nil }
        for (index, written) in zip(rewritten, DirectionReport.rowBytes(rewritten.map { rows[$0] })) {
            bytes[index] = written
        }
        return finished(rows, rowBytes: bytes.map { $0! })
    }

    /// The index of the first of `rows` (sorted by first entry) whose first entry is not before `ref`.
    private static func firstRow(in rows: [ReconciliationRow], notBefore ref: EntryRef) -> Int {
        var (low, high) = (0, rows.count)
        while low < high {
            let middle = (low + high) / 2
            if rows[middle].primary < ref { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The report of `rows`, hashed from their bytes.
    private func finished(_ rows: [ReconciliationRow], rowBytes: [[UInt8]]) -> (report: DirectionReport, rowBytes: [[UInt8]]) {
        let hash = DirectionReport.hash(exchange: state.exchange, direction: direction, rowBytes: rowBytes)
        return (DirectionReport(direction: direction, rows: rows, hash: hash, in: state), rowBytes)
    }

    /// The entries of this direction's lists named by hand decisions or open disputes of one of
    /// the states and not the other.
    private func changedEntries(since earlier: ExchangeState) -> [EntryRef] {
        func decisions(_ state: ExchangeState) -> Set<EnvelopeID> {
            Set(state.matchDecisions.values.filter { $0.body.pair.direction == direction }.map(\.envelope))
        }
        var changed: [EntryRef] = []
        let (before, now) = (decisions(earlier), decisions(state))
        let flippedDecisions = before.symmetricDifference(now)
        for decision in Array(earlier.matchDecisions.values) + state.matchDecisions.values where flippedDecisions.contains(decision.envelope) {
            changed += [decision.body.pair.request, decision.body.pair.release]
        }
        let (wasOpen, isOpen) = (earlier.openDisputes, state.openDisputes)
        let flipped = Set(wasOpen.map(\.id)).symmetricDifference(isOpen.map(\.id))
        let lists = [direction.requestList, direction.releaseList]
        for dispute in wasOpen + isOpen where flipped.contains(dispute.id) {
            changed += dispute.about.filter { lists.contains($0.list) }
        }
        return changed
    }

    /// The entries tied to `seeds` by engine pairs and the hand decisions of either state.
    private func reached(from seeds: [EntryRef], earlier: ExchangeState) -> Scope {
        let maps = basis.indexes
        var handOfRequest: [Int: [Int]] = [:], handOfRelease: [Int: [Int]] = [:]
        for decision in Array(earlier.matchDecisions.values) + state.matchDecisions.values where decision.body.pair.direction == direction {
            guard let i = maps.requestIndex[decision.body.pair.request], let j = maps.releaseIndex[decision.body.pair.release] else { continue }
            handOfRequest[i, default: []].append(j)
            handOfRelease[j, default: []].append(i)
        }
        var scope = Scope()
        var requestQueue: [Int] = [], releaseQueue: [Int] = []
        for ref in seeds {
            if let i = maps.requestIndex[ref], scope.requests.insert(i).inserted { requestQueue.append(i) }
            if let j = maps.releaseIndex[ref], scope.releases.insert(j).inserted { releaseQueue.append(j) }
        }
        while !requestQueue.isEmpty || !releaseQueue.isEmpty {
            if let i = requestQueue.popLast() {
                for j in (handOfRequest[i] ?? []) + [maps.releaseOfRequest[i]].compactMap(\.self) where scope.releases.insert(j).inserted {
                    releaseQueue.append(j)
                }
            }
            if let j = releaseQueue.popLast() {
                for i in (handOfRelease[j] ?? []) + [maps.requestOfRelease[j]].compactMap(\.self) where scope.requests.insert(i).inserted {
                    requestQueue.append(i)
                }
            }
        }
        return scope
    }

    /// Marks the rows that an open dispute is about (any of their entries): their outcome is
    /// then disputed.
    private func markDisputes(_ rows: inout [ReconciliationRow]) {
        let open = state.openDisputes
        guard !open.isEmpty else { return }
        var byEntry: [EntryRef: [Int]] = [:]
        for (index, dispute) in open.enumerated() {
            for ref in Set(dispute.about) { byEntry[ref, default: []].append(index) }
        }
        for index in rows.indices {
            let found = [rows[index].request?.ref, rows[index].release?.ref].compactMap { $0.flatMap { byEntry[$0] } }
            guard !found.isEmpty else { continue }
            // In the order of `open`, each once.
            rows[index].disputes = Set(found.joined()).sorted().map { open[$0].id }
            rows[index].outcome = .disputed
        }
    }

    /// The rows from the engine, with hand decisions applied: of every entry, or of the entries
    /// of `scope` only (a part closed under engine pairs and hand decisions).
    private func matchedRows(within scope: Scope?) -> [ReconciliationRow] {
        let diff = basis.diff
        let verdicts = handVerdicts()
        var rows: [ReconciliationRow] = []
        var usedRequests: Set<Int> = [], usedReleases: Set<Int> = []
        func inScope(request i: Int) -> Bool { scope?.requests.contains(i) ?? true }
        func inScope(release j: Int) -> Bool { scope?.releases.contains(j) ?? true }

        // Hand "same" (or contested) pairs first, in reference order; an entry in two of them keeps the first.
        for (pair, decisions) in verdicts.sorted(by: { ($0.key.request, $0.key.release) < ($1.key.request, $1.key.release) }) {
            let verdict = Self.verdict(decisions)
            guard verdict != Verdict.different, inScope(request: pair.request),
                  !usedRequests.contains(pair.request), !usedReleases.contains(pair.release) else { continue }
            usedRequests.insert(pair.request)
            usedReleases.insert(pair.release)
            let (request, release) = (requests[pair.request], releases[pair.release])
            let compared = matcher.compare(request.record(id: "0", line: 1), release.record(id: "0", line: 1))
            rows.append(ReconciliationRow(
                outcome: verdict == .same ? .agreed : .disputed, request: request, release: release,
                score: compared.score, evidence: compared.evidence,
                reasons: [verdict == .same ? "hand:same" : "hand:conflicting"], decisions: decisions
            ))
        }

        var duplicateOf: [Int: DiffRow] = [:], duplicateOfRelease: [Int: DiffRow] = [:]
        var nearest: [Int: [NearestCandidate]] = [:]
        for row in diff.rows {
            switch row.outcome {
            case .agreed, .disputed:
                guard let i = Self.index(row.a), let j = Self.index(row.b), inScope(request: i),
                      !usedRequests.contains(i), !usedReleases.contains(j) else { continue }
                let decisions = verdicts[Pair(i, j)] ?? []
                if !decisions.isEmpty, Self.verdict(decisions) == .different { continue }
                usedRequests.insert(i)
                usedReleases.insert(j)
                rows.append(ReconciliationRow(
                    outcome: row.outcome == .agreed ? .agreed : .disputed,
                    request: requests[i], release: releases[j], score: row.score, evidence: row.evidence,
                    reasons: row.reasons.filter { !$0.hasPrefix("ambiguous:") },
                    alternatives: row.alternatives.compactMap { alternative in
                        Int(alternative.id).map { alternative.list == "a" ? requests[$0].ref : releases[$0].ref }
                    }.sorted()
                ))
            case .duplicateA:
                if let i = Self.index(row.a), inScope(request: i) { duplicateOf[i] = row }
            case .duplicateB:
                if let j = Self.index(row.b), inScope(release: j) { duplicateOfRelease[j] = row }
            case .onlyA:
                if let i = Self.index(row.a), inScope(request: i), !row.nearest.isEmpty {
                    nearest[i] = row.nearest.compactMap { candidate in
                        Int(candidate.id).map { NearestCandidate(entry: releases[$0], score: candidate.score) }
                    }
                }
            case .onlyB:
                break
            }
        }

        // The "different" decisions by entry, gathered once: a mediator decides hundreds of pairs,
        // and each lone row of 100,000 reads only its own.
        var splitsOfRequest: [Int: [Authored<MatchDecision>]] = [:], splitsOfRelease: [Int: [Authored<MatchDecision>]] = [:]
        for (pair, decisions) in verdicts where Self.verdict(decisions) == .different {
            splitsOfRequest[pair.request, default: []] += decisions
            splitsOfRelease[pair.release, default: []] += decisions
        }
        for i in scope.map({ $0.requests.sorted() }) ?? Array(requests.indices) where !usedRequests.contains(i) {
            var row = lone(request: requests[i], duplicate: duplicateOf[i], decisions: splitsOfRequest[i] ?? [])
            if row.outcome == .unoffered { row.nearest = nearest[i] ?? [] }
            rows.append(row)
        }
        for j in scope.map({ $0.releases.sorted() }) ?? Array(releases.indices) where !usedReleases.contains(j) {
            rows.append(lone(release: releases[j], duplicate: duplicateOfRelease[j], decisions: splitsOfRelease[j] ?? []))
        }
        return rows
    }
    /// The row of an entry in no pair: a duplicate, or unoffered / unrequested.
    private func lone(
        request: ReconciledEntry? = nil, release: ReconciledEntry? = nil, duplicate: DiffRow?, decisions: [Authored<MatchDecision>]
    ) -> ReconciliationRow {
        let decisions = decisions.sorted { ($0.author, $0.body.pair.request, $0.body.pair.release) < ($1.author, $1.body.pair.request, $1.body.pair.release) }
        let reasons = decisions.isEmpty ? [] : ["hand:different"]
        if let duplicate, let original = Self.index(duplicate.duplicateOf) {
            return ReconciliationRow(
                outcome: .duplicate, request: request, release: release,
                duplicateOf: request != nil ? requests[original].ref : releases[original].ref,
                score: duplicate.score, evidence: duplicate.evidence,
                reasons: reasons + duplicate.reasons.filter { !$0.hasPrefix("duplicate-of:") }, decisions: decisions
            )
        }
        return ReconciliationRow(outcome: request != nil ? .unoffered : .unrequested, request: request, release: release, reasons: reasons, decisions: decisions)
    }

    /// Marks unoffered rows whose person the mediator's registry holds (and no other row). The
    /// rows may be in any order, and disputes marked already: the registry is matched against
    /// the people unoffered by matching and hand decisions, in the order of their list.
    private func corroborate(_ rows: inout [ReconciliationRow]) {
        let registry = basis.registry
        guard !registry.isEmpty else { return }
        for index in rows.indices where !rows[index].registered.isEmpty { rows[index].registered = [] }
        let requestIndex = basis.indexes.requestIndex
        let unoffered = rows.indices.filter { rows[$0].matchOutcome == .unoffered }
            .map { (row: $0, request: requestIndex[rows[$0].request!.ref]!) }
            .sorted { $0.request < $1.request }.map(\.row)
        guard !unoffered.isEmpty else { return }
        let diff = DirectionBasis.engineDiff(
            ("request", unoffered.map { rows[$0].request! }), ("registry", registry), matcher: matcher, diffs: diffs, shelf: .registry
        )
        for row in diff.rows where row.outcome == .agreed || row.outcome == .disputed {
            guard let i = Self.index(row.a), let j = Self.index(row.b) else { continue }
            rows[unoffered[i]].registered.append(registry[j])
        }
    }

    /// A pair of indexes into `requests` and `releases`.
    struct Pair: Hashable {
        let request: Int
        let release: Int
        init(_ request: Int, _ release: Int) {
            self.request = request
            self.release = release
        }
    }

    /// The hand decisions of this direction on entries that are in the state, by pair.
    private func handVerdicts() -> [Pair: [Authored<MatchDecision>]] {
        // Without decisions, nothing to index (the indexes hash every entry of both lists).
        guard !state.matchDecisions.isEmpty else { return [:] }
        let (requestIndex, releaseIndex) = (basis.indexes.requestIndex, basis.indexes.releaseIndex)
        var out: [Pair: [Authored<MatchDecision>]] = [:]
        for decision in state.matchDecisions.values {
            guard let i = requestIndex[decision.body.pair.request], let j = releaseIndex[decision.body.pair.release] else { continue }
            out[Pair(i, j), default: []].append(decision)
        }
        return out.mapValues { $0.sorted(by: Authored.canonicalOrder) }
    }

    private static func verdict(_ decisions: [Authored<MatchDecision>]) -> Verdict {
        if decisions.allSatisfy(\.body.same) { return .same }
        if decisions.allSatisfy({ !$0.body.same }) { return .different }
        return .conflicting
    }

    static func index(_ record: Record?) -> Int? {
        record.flatMap { Int($0.id) }
    }
}

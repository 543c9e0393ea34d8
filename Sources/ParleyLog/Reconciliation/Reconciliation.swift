import ParleyCrypto
public import ParleyMatch

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
        self.exchange = state.exchange
        self.terms = state.currentTerms
        self.directions = Direction.allCases.map { direction in
            if let known = reused[direction] {
                return DirectionReport(direction: direction, rows: known.rows, hash: known.hash, in: state)
            }
            return DirectionReconciler(state: state, direction: direction, matcher: matcher, diffs: diffs).report()
        }
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

/// Reconciles one direction: the engine's matches, then hand decisions, registry corroboration
/// and open disputes.
private struct DirectionReconciler {
    let state: ExchangeState
    let direction: Direction
    let matcher: Matcher
    let diffs: (any DiffStore)?
    let requests: [ReconciledEntry]
    let releases: [ReconciledEntry]

    init(state: ExchangeState, direction: Direction, matcher: Matcher, diffs: (any DiffStore)?) {
        self.state = state
        self.direction = direction
        self.matcher = matcher
        self.diffs = diffs
        self.requests = state.entries(of: direction.requestList).map { ReconciledEntry(list: direction.requestList, entry: $0) }
        self.releases = state.entries(of: direction.releaseList).map { ReconciledEntry(list: direction.releaseList, entry: $0) }
    }

    /// What the hand decisions on one pair say together.
    enum Verdict {
        case same, different, conflicting
    }

    func report() -> DirectionReport {
        var rows = matchedRows()
        corroborate(&rows)
        let open = state.openDisputes
        for index in rows.indices {
            let refs = [rows[index].request?.ref, rows[index].release?.ref].compactMap { $0 }
            rows[index].disputes = open.filter { dispute in refs.contains(where: dispute.about.contains) }.map(\.id)
            if !rows[index].disputes.isEmpty {
                rows[index].outcome = .disputed
            }
        }
        rows.sort { $0.primary < $1.primary }
        return DirectionReport(
            direction: direction, rows: rows, hash: DirectionReport.hash(exchange: state.exchange, direction: direction, rows: rows), in: state
        )
    }

    /// The rows from the engine, with hand decisions applied.
    private func matchedRows() -> [ReconciliationRow] {
        let diff = engineDiff(
            (direction.requestList.description, requests), (direction.releaseList.description, releases)
        )
        let verdicts = handVerdicts()
        var rows: [ReconciliationRow] = []
        var usedRequests: Set<Int> = [], usedReleases: Set<Int> = []

        // Hand "same" (or contested) pairs first, in reference order; an entry in two of them keeps the first.
        for (pair, decisions) in verdicts.sorted(by: { ($0.key.request, $0.key.release) < ($1.key.request, $1.key.release) }) {
            let verdict = Self.verdict(decisions)
            guard verdict != Verdict.different, !usedRequests.contains(pair.request), !usedReleases.contains(pair.release) else { continue }
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

        var duplicates: [(row: DiffRow, isRequest: Bool)] = []
        var nearest: [Int: [NearestCandidate]] = [:]
        for row in diff.rows {
            switch row.outcome {
            case .agreed, .disputed:
                guard let i = Self.index(row.a), let j = Self.index(row.b),
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
            case .duplicateA, .duplicateB:
                duplicates.append((row, row.outcome == .duplicateA))
            case .onlyA:
                if let i = Self.index(row.a), !row.nearest.isEmpty {
                    nearest[i] = row.nearest.compactMap { candidate in
                        Int(candidate.id).map { NearestCandidate(entry: releases[$0], score: candidate.score) }
                    }
                }
            case .onlyB:
                break
            }
        }

        var duplicateOf: [Int: DiffRow] = [:], duplicateOfRelease: [Int: DiffRow] = [:]
        for (row, isRequest) in duplicates {
            if isRequest, let i = Self.index(row.a) { duplicateOf[i] = row }
            if !isRequest, let j = Self.index(row.b) { duplicateOfRelease[j] = row }
        }
        // The "different" decisions by entry, gathered once: a mediator decides hundreds of pairs,
        // and each lone row of 100,000 reads only its own.
        var splitsOfRequest: [Int: [Authored<MatchDecision>]] = [:], splitsOfRelease: [Int: [Authored<MatchDecision>]] = [:]
        for (pair, decisions) in verdicts where Self.verdict(decisions) == .different {
            splitsOfRequest[pair.request, default: []] += decisions
            splitsOfRelease[pair.release, default: []] += decisions
        }
        for (i, request) in requests.enumerated() where !usedRequests.contains(i) {
            var row = lone(request: request, duplicate: duplicateOf[i], decisions: splitsOfRequest[i] ?? [])
            if row.outcome == .unoffered { row.nearest = nearest[i] ?? [] }
            rows.append(row)
        }
        for (j, release) in releases.enumerated() where !usedReleases.contains(j) {
            rows.append(lone(release: release, duplicate: duplicateOfRelease[j], decisions: splitsOfRelease[j] ?? []))
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

    /// Marks unoffered rows whose person the mediator's registry holds.
    private func corroborate(_ rows: inout [ReconciliationRow]) {
        let registryList = ListKey(side: .neutral, kind: .registry)
        let registry = state.entries(of: registryList).map { ReconciledEntry(list: registryList, entry: $0) }
        guard !registry.isEmpty else { return }
        let unoffered = rows.indices.filter { rows[$0].outcome == .unoffered }
        guard !unoffered.isEmpty else { return }
        let diff = engineDiff(("request", unoffered.map { rows[$0].request! }), ("registry", registry))
        for row in diff.rows where row.outcome == .agreed || row.outcome == .disputed {
            guard let i = Self.index(row.a), let j = Self.index(row.b) else { continue }
            rows[unoffered[i]].registered.append(registry[j])
        }
    }

    /// The engine's diff of two lists of entries (records numbered by their index), read back from
    /// ``diffs`` when these very entries were matched before.
    private func engineDiff(_ a: (name: String, entries: [ReconciledEntry]), _ b: (name: String, entries: [ReconciledEntry])) -> DiffResult {
        let listA = PersonList(name: a.name, records: a.entries.enumerated().map { $1.record(id: String($0), line: $0 + 1) })
        let listB = PersonList(name: b.name, records: b.entries.enumerated().map { $1.record(id: String($0), line: $0 + 1) })
        guard let diffs else { return matcher.diff(listA, listB) }
        let key = StoredDiff.key((a.name, a.entries.map(\.pin)), (b.name, b.entries.map(\.pin)))
        if let bytes = diffs.diffBytes(for: key), let kept = StoredDiff.decoded(bytes, a: listA, b: listB) {
            return kept
        }
        let computed = matcher.diff(listA, listB)
        diffs.keep(diffBytes: StoredDiff.encoded(computed), for: key)
        return computed
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
        let requestIndex = Dictionary(uniqueKeysWithValues: requests.enumerated().map { ($1.ref, $0) })
        let releaseIndex = Dictionary(uniqueKeysWithValues: releases.enumerated().map { ($1.ref, $0) })
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

    private static func index(_ record: Record?) -> Int? {
        record.flatMap { Int($0.id) }
    }
}

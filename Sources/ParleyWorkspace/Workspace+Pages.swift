import Foundation
import ParleyCrypto
import ParleyStore
import ParleyLog
import ParleyMatch
import ParleyParty

/// The pages' contents: plain values the templates lay out. Every sentence about a row, the
/// terms or a confirmation is the report's (``ExchangeReport``), every "may I" the library's
/// rights check.
extension Workspace {
    /// How many queue items a page lists at most.
    static let pageSize = 200

    /// What every page's header shows.
    func frame(_ snapshot: Snapshot, title: String, nav: String, flash: (kind: String, text: String)?) -> [String: Any] {
        let reviewed = reviewedCount(snapshot.queue)
        var page: [String: Any] = [
            "title": title,
            "partyName": snapshot.state.participant(me)?.name ?? "",
            "role": snapshot.state.participant(me).map { "\($0.role.rawValue), side \($0.side.rawValue)" } ?? "not a participant",
            "exchangeTitle": snapshot.state.title,
            "exchangeShort": String(exchange.hex.prefix(12)),
            "state": snapshot.open.stateHash,
            "queued": snapshot.queue.count,
            "open": snapshot.queue.count - reviewed,
            "nav" + nav: true,
        ]
        if let flash {
            page["flash"] = ["kind": flash.kind, "lines": flash.text.split(separator: "\n").map { ["text": String($0)] }]
        }
        return page
    }

    /// The number of queue items marked reviewed.
    private func reviewedCount(_ queue: [QueueItem]) -> Int {
        let marked = marks.all
        return marked.isEmpty ? 0 : queue.reduce(0) { $0 + (marked.contains($1.key) ? 1 : 0) }
    }

    /// Whether the library would let this party sign `operation` now.
    private func refusal(_ operation: ParleyLog.Operation, in snapshot: Snapshot) -> Refusal? {
        snapshot.state.refusal(
            of: operation, by: me, directionHash: { snapshot.direction($0).hash }, reconciliation: { snapshot.reconciliation }
        )
    }

    /// A participant's name, else its short key id.
    private func name(_ key: KeyID, in snapshot: Snapshot) -> String {
        snapshot.state.participant(key)?.name ?? "key \(key.hex.prefix(12))"
    }

    // MARK: Exchange

    /// The exchange: participants, terms, counts per direction, priorities, the queue, manifests.
    func overview(flash: (kind: String, text: String)?) -> [String: Any] {
        let snapshot = snapshot()
        var page = frame(snapshot, title: "Exchange", nav: "Overview", flash: flash)
        let state = snapshot.state
        page["exchangeID"] = exchange.hex
        page["stateShort"] = String(snapshot.open.stateHash.prefix(12))
        page["participants"] = state.participants.map { participant -> [String: Any] in
            [
                "name": participant.name, "role": participant.role.rawValue, "side": participant.side.rawValue,
                "fingerprint": Fingerprint(participant.keyID).text, "isMe": participant.keyID == me,
            ]
        }
        page["terms"] = snapshot.report.termsSentence
        let phases = state.phaseStandings
        page["hasPhases"] = !phases.isEmpty
        page["phases"] = phases.map { number, phase, standing -> [String: Any] in
            [
                "number": number, "name": phase.name, "toA": phase.counts[.toA] ?? 0, "toB": phase.counts[.toB] ?? 0,
                "standing": standing.description,
            ]
        }
        page["server"] = server as Any?
        if let outcome = lastSyncOutcome {
            page["lastSync"] = ["at": outcome.at.rfc3339, "said": outcome.said, "failed": outcome.failed]
        }
        page["syncEvery"] = syncInterval.map { "\($0.components.seconds)" } as Any?
        page["directions"] = snapshot.reconciliation.directions.map { direction in
            counts(direction).merging([
                "name": direction.direction.rawValue,
                "termsLine": snapshot.report.termsSentence(direction),
                "confirmation": snapshot.report.confirmationSentence(direction),
            ]) { $1 }
        }
        let breakdowns = snapshot.priorities
        page["priorities"] = snapshot.priorityOrder.map { category -> [String: Any] in
            ["category": category.rawValue, "counts": breakdowns.map { $0[category] ?? 0 }]
        }
        page["reviewed"] = reviewedCount(snapshot.queue)
        page["oneQueued"] = snapshot.queue.count == 1
        let byKind = Dictionary(grouping: snapshot.queue, by: \.kind)
        page["kinds"] = QueueItem.Kind.allCases.compactMap { kind -> [String: Any]? in
            byKind[kind].map { ["label": kind.label, "count": $0.count] }
        }
        page["manifests"] = manifests(snapshot, mine: nil)
        return page
    }

    /// A direction's counts by outcome, named as the templates name them.
    private func counts(_ direction: DirectionReport) -> [String: Any] {
        let counts = direction.counts
        return Dictionary(uniqueKeysWithValues: ReconciliationOutcome.allCases.map { ($0.rawValue, counts[$0] ?? 0) })
    }

    /// The proposed manifests with who signed, and whether each is the one this replica builds.
    private func manifests(_ snapshot: Snapshot, mine: String?) -> [[String: Any]] {
        let state = snapshot.state
        return state.manifests.map { status -> [String: Any] in
            let signers = Set(status.signatures.map(\.author))
            var item: [String: Any] = [
                "hash": status.manifest, "short": String(status.manifest.prefix(12)),
                "signedCount": signers.count, "participantCount": state.participants.count, "complete": status.isComplete,
                "proposers": Set(status.proposals.map(\.author)).sorted().map { name($0, in: snapshot) }.joined(separator: ", "),
                "signers": state.participants.map { ["name": $0.name, "signed": signers.contains($0.keyID)] as [String: Any] },
            ]
            // A phase manifest (PROTOCOL.md §10.5) names its phase; a final one seals it.
            let phase = status.proposals.first?.body.phase
            item["covers"] = phase.map { "phase \($0.phase.name)" + (status.isFinal ? " (sealed)" : "") } ?? "the whole exchange"
            if let mine {
                let own = phase == nil ? mine : ownPhaseManifest(status, snapshot)?.hash
                item["verdict"] = status.manifest == own ? "the same as this replica builds" : "differs from what this replica builds"
            } else {
                item["verdict"] = "proposed"
            }
            return item
        }
    }

    /// The manifest of a phase proposal's phase that this replica builds, if it can draw it.
    private func ownPhaseManifest(_ status: ManifestStatus, _ snapshot: Snapshot) -> Manifest? {
        guard let phase = status.proposals.first?.body.phase else { return nil }
        return try? Manifest(phase: phase.phase.name, reconciliation: snapshot.reconciliation, state: snapshot.state)
    }

    // MARK: Queue

    /// A filter of the queue, as the query string gives it.
    struct QueueFilter {
        var kind: QueueItem.Kind?
        var direction: Direction?
        /// `all`, `open` (not reviewed) or `reviewed`.
        var show = "open"
        var page = 1

        /// The query string of this filter on `page`.
        func query(page: Int) -> String {
            var parts: [String] = []
            if let kind { parts.append("kind=\(kind.rawValue)") }
            if let direction { parts.append("direction=\(direction.rawValue)") }
            parts.append("show=\(show)")
            parts.append("page=\(page)")
            return "/queue?" + parts.joined(separator: "&")
        }
    }

    /// The decision queue, filtered, one page of it.
    func queuePage(_ filter: QueueFilter, flash: (kind: String, text: String)?) -> [String: Any] {
        let snapshot = snapshot()
        var page = frame(snapshot, title: "Decision queue", nav: "Queue", flash: flash)
        let finality = snapshot.state.finality
        if finality.isWholeExchangeFinal {
            page["final"] = "the exchange is final (every participant signed manifest "
                + finality.manifests.map { String($0.prefix(12)) }.joined(separator: ", ")
                + "): what is listed here can be reviewed, not changed"
        }
        let marked = marks.all
        let matching = snapshot.queue.enumerated().filter { _, item in
            (filter.kind == nil || item.kind == filter.kind) && (filter.direction == nil || item.direction == filter.direction)
                && (filter.show == "all" || (filter.show == "reviewed") == marked.contains(item.key))
        }
        let shown = Self.paged(matching, asked: filter.page, into: &page) { filter.query(page: $0) }
        page["reviewed"] = reviewedCount(snapshot.queue)
        page["matching"] = matching.count
        page["oneMatching"] = matching.count == 1
        page["items"] = shown.map { position, item -> [String: Any] in
            let row = snapshot.direction(item.direction).rows[item.row]
            return [
                "position": position + 1, "kind": item.kind.rawValue, "label": item.kind.label,
                "direction": item.direction.rawValue, "priorities": item.priorities.map(\.rawValue),
                "request": row.request.map(Self.person) ?? "—", "release": row.release.map(Self.person) ?? "—",
                "score": row.score.map { ReportFormatting.decimal($0) } ?? "",
                "reviewed": marked.contains(item.key), "link": Self.link(item),
            ]
        }
        page["kindOptions"] = QueueItem.Kind.allCases.map { ["value": $0.rawValue, "label": $0.label, "selected": $0 == filter.kind] as [String: Any] }
        page["directionOptions"] = Direction.allCases.map { ["value": $0.rawValue, "selected": $0 == filter.direction] as [String: Any] }
        page["showOptions"] = [("open", "not reviewed"), ("reviewed", "reviewed"), ("all", "all")].map {
            ["value": $0.0, "label": $0.1, "selected": $0.0 == filter.show] as [String: Any]
        }
        return page
    }

    /// The page `asked` of `items`, ``pageSize`` a page, with `from`, `to` and the links to the
    /// pages before and after (made by `query` from a page number) set in `page`. A page past
    /// the end is the last, and no arithmetic on a number from the query overflows.
    static func paged<Item>(
        _ items: [Item], asked: Int, into page: inout [String: Any], query: (Int) -> String
    ) -> ArraySlice<Item> {
        let number = min(max(asked, 1), items.count / pageSize + 1)
        let start = (number - 1) * pageSize
        let shown = items[start..<min(start + pageSize, items.count)]
        page["from"] = shown.isEmpty ? 0 : start + 1
        page["to"] = start + shown.count
        if start > 0 { page["previousPage"] = query(number - 1) }
        if start + shown.count < items.count { page["nextPage"] = query(number + 1) }
        return shown
    }

    /// A person in a queue line: id and name as the list gives them.
    static func person(_ entry: ReconciledEntry) -> String {
        let name = ReportFormatting.displayable(ReportFormatting.name(of: entry.fields))
        return "\(entry.ref.entry) \(name)"
    }

    /// The page of a queue item.
    static func link(_ item: QueueItem) -> String {
        link(item.direction, item.primary)
    }

    /// The page of the row of `direction` holding `entry`.
    static func link(_ direction: Direction, _ entry: EntryRef) -> String {
        "/pair?direction=\(direction.rawValue)&entry=\(Form.escaped(entry.description))"
    }

    // MARK: Pair

    /// A pair (or a lone entry): both records side by side, the evidence, the history, the actions.
    ///
    /// - Throws: ``WorkspaceError/Code/notFound`` when no row of `direction` holds `entryText`.
    func pairPage(direction: Direction, entry entryText: String, flash: (kind: String, text: String)?) throws(WorkspaceError) -> [String: Any] {
        let snapshot = snapshot()
        let state = snapshot.state
        guard let ref = try? state.entryRef(named: entryText), let (index, row) = snapshot.row(direction, holding: ref) else {
            throw WorkspaceError(code: .notFound, message: "no row of \(direction.rawValue) holds entry \(entryText)")
        }
        let key = QueueItem.key(direction, row.primary)
        var page = frame(snapshot, title: "\(direction.rawValue) \(row.primary.entry)", nav: "Queue", flash: flash)
        let position = snapshot.queue.firstIndex { $0.direction == direction && $0.row == index }
        if let position {
            page["position"] = position + 1
            if position > 0 { page["previous"] = Self.link(snapshot.queue[position - 1]) }
            if position + 1 < snapshot.queue.count { page["next"] = Self.link(snapshot.queue[position + 1]) }
        }
        let kind = QueueItem.kind(of: row)
        page["heading"] = [row.request, row.release].compactMap { $0.map(Self.person) }.joined(separator: "  ·  ")
        page["outcome"] = row.outcome.rawValue
        page["outcomeLabel"] = kind?.label ?? row.outcome.rawValue
        page["direction"] = direction.rawValue
        page["priorities"] = snapshot.priorityOrder.filter(row.priorityCategories(asOf: snapshot.report.prioritiesAsOf).contains).map(\.rawValue)
        page["reviewed"] = marks.isReviewed(key)
        page["key"] = key
        page["back"] = Self.link(direction, row.primary)
        page["requestHeading"] = row.request.map { "Requested: \($0.ref)" } ?? "Requested"
        page["releaseHeading"] = row.release.map { "Offered: \($0.ref)" } ?? "Offered"
        let evidence = Dictionary(row.evidence.map { ($0.field, $0) }, uniquingKeysWith: { first, _ in first })
        let fields = Field.allCases.filter { row.request?.fields[$0] != nil || row.release?.fields[$0] != nil || evidence[$0] != nil }
        page["fields"] = fields.map { field -> [String: Any] in
            let found = evidence[field]
            return [
                "name": field.rawValue.replacingOccurrences(of: "_", with: " "),
                "request": row.request?.fields[field].map(ReportFormatting.displayable) ?? "",
                "release": row.release?.fields[field].map(ReportFormatting.displayable) ?? "",
                "agreement": found.map { $0.agreement.words } ?? "", "code": found.map { $0.agreement.rawValue } ?? "",
                "weight": found.map { ReportFormatting.decimal($0.weight) } ?? "",
                "conflict": found.map { $0.agreement.isKeyConflict || $0.agreement == .different } ?? false,
            ]
        }
        if let score = row.score { page["score"] = ReportFormatting.decimal(score) }
        page["reasons"] = row.reasons
        page["hasReasons"] = !row.reasons.isEmpty
        let notes = snapshot.report.sentences(about: row)
        page["notes"] = notes
        page["hasNotes"] = !notes.isEmpty
        page["lone"] = row.request == nil || row.release == nil
        page["unoffered"] = row.outcome == .unoffered
        page["nearest"] = row.nearest.map { candidate -> [String: Any] in
            [
                "person": Self.person(candidate.entry), "ref": candidate.entry.ref.description,
                "link": Self.link(direction, candidate.entry.ref), "score": ReportFormatting.decimal(candidate.score),
            ]
        }
        page["hasNearest"] = !row.nearest.isEmpty
        page["history"] = history(of: row, in: snapshot)
        page["hasHistory"] = !(page["history"] as? [Any] ?? []).isEmpty

        let entries = [row.request?.ref, row.release?.ref].compactMap { $0 }
        page["entries"] = entries.enumerated().map { ["ref": $1.description, "slot": $0 == 0 ? "" : "2"] as [String: Any] }
        page["disputeReasons"] = DisputeReason.allCases.map(\.rawValue)
        page["attestationKinds"] = AttestationKind.allCases.map(\.rawValue)
        // Deciding needs a requested and an offered entry facing each other; a lone row names the other.
        let placeholder = row.request ?? row.release!
        let pair = MatchPair(request: row.request?.ref ?? placeholder.ref, release: row.release?.ref ?? placeholder.ref)
        let decide = refusal(.assertMatch(pair), in: snapshot)
        page["canDecide"] = decide == nil && row.outcome != .duplicate
        page["pairRequest"] = row.request?.ref.description as Any?
        page["pairRelease"] = row.release?.ref.description as Any?
        page["requestPlaceholder"] = "\(direction == .toA ? "A" : "B")/request/ENTRY"
        page["releasePlaceholder"] = "\(direction == .toA ? "B" : "A")/release/ENTRY"
        page["canAttest"] = refusal(.attest(Attest(entry: entries[0], kind: .visited, date: snapshot.report.asOf)), in: snapshot) == nil
        let open = refusal(.openDispute(OpenDispute(about: entries, reason: .identityConflict, note: "")), in: snapshot)
        page["canOpenDispute"] = open == nil
        let related = state.disputes.filter { $0.isOpen && $0.about.contains(where: entries.contains) }
        page["disputes"] = related.map { dispute -> [String: Any] in
            [
                "id": dispute.id.hex, "short": String(dispute.id.hex.prefix(12)), "reason": dispute.open.body.reason.rawValue,
                "back": Self.link(direction, row.primary),
                "canComment": refusal(.commentDispute(CommentDispute(dispute: dispute.id, note: "")), in: snapshot) == nil,
                "canClose": refusal(.closeDispute(CloseDispute(dispute: dispute.id, resolution: "")), in: snapshot) == nil,
            ]
        }
        // A final manifest (of the exchange, or of a sealed phase) holds these people: the
        // library refuses every change about them, and the page says so instead of offering it.
        if let final = [decide, open].compactMap({ $0 }).first(where: { $0.code == .finalized }) {
            page["final"] = final.message
        }
        return page
    }

    /// The decisions, disputes (with comments and closes) and attestations on a row's entries, in time order.
    private func history(of row: ReconciliationRow, in snapshot: Snapshot) -> [[String: Any]] {
        let state = snapshot.state
        let entries = [row.request?.ref, row.release?.ref].compactMap { $0 }
        var events: [(time: String, author: String, text: String)] = []
        func add(_ time: Timestamp, _ author: KeyID, _ text: String) {
            events.append((time.rfc3339, name(author, in: snapshot), ReportFormatting.displayable(text)))
        }
        var decisions = row.decisions
        if let request = row.request?.ref, let release = row.release?.ref {
            decisions += state.matchDecisions(request: request, release: release).filter { !decisions.contains($0) }
        }
        for decision in decisions {
            add(decision.timestamp, decision.author, (decision.body.same ? "same person" : "different persons")
                + " (\(decision.body.pair.request.entry) / \(decision.body.pair.release.entry))"
                + (decision.body.pair.remark.readable.isEmpty ? "" : ": " + decision.body.pair.remark.readable))
        }
        for dispute in state.disputes where dispute.about.contains(where: entries.contains) {
            let body = dispute.open.body
            add(dispute.open.timestamp, dispute.opener, "opened dispute \(dispute.id.hex.prefix(12)) (\(body.reason.rawValue))"
                + (body.remark.readable.isEmpty ? "" : ": " + body.remark.readable))
            for comment in dispute.comments {
                add(comment.timestamp, comment.author, "commented on dispute \(dispute.id.hex.prefix(12)): \(comment.body.remark.readable)")
            }
            for close in dispute.closes {
                add(close.timestamp, close.author, "closed dispute \(dispute.id.hex.prefix(12)): \(close.body.remark.readable)")
            }
        }
        for entry in entries {
            for attestation in state.attestations(about: entry) {
                add(attestation.timestamp, attestation.author, "attested \(attestation.body.kind.map(\.rawValue) ?? attestation.body.readable)"
                    + (attestation.body.date.map { " on \($0)" } ?? "") + " (\(entry.entry))")
            }
        }
        return events.sorted { $0.time < $1.time }.map { ["time": $0.time, "author": $0.author, "text": $0.text] }
    }

    // MARK: Confirm and manifest

    /// Every row of a direction's reconciliation, what confirming it signs, in its order (by
    /// first entry), those of one outcome or all, one page of them, each a link to its pair.
    func rowsPage(direction: Direction, outcome: ReconciliationOutcome?, page number: Int) -> [String: Any] {
        let snapshot = snapshot()
        let report = snapshot.direction(direction)
        var page = frame(snapshot, title: "\(direction.rawValue): every row", nav: "Confirm", flash: nil)
        let matching = report.rows.enumerated().filter { outcome == nil || $0.element.outcome == outcome }
        let shown = Self.paged(matching, asked: number, into: &page) { number in
            "/rows?direction=\(direction.rawValue)" + (outcome.map { "&outcome=\($0.rawValue)" } ?? "") + "&page=\(number)"
        }
        page["direction"] = direction.rawValue
        page["hash"] = report.hash
        page["total"] = report.rows.count
        page["matching"] = matching.count
        page["rows"] = shown.map { position, row -> [String: Any] in
            [
                "position": position + 1, "outcome": row.outcome.rawValue,
                "request": row.request.map(Self.person) ?? "—", "release": row.release.map(Self.person) ?? "—",
                "score": row.score.map { ReportFormatting.decimal($0) } ?? "", "hand": row.isHandDecided,
                "link": Self.link(direction, row.primary),
            ]
        }
        page["outcomeOptions"] = ReconciliationOutcome.allCases.map { ["value": $0.rawValue, "selected": $0 == outcome] as [String: Any] }
        return page
    }

    /// Both directions with exactly what confirming signs.
    func confirmPage(flash: (kind: String, text: String)?) -> [String: Any] {
        let snapshot = snapshot()
        var page = frame(snapshot, title: "Confirm", nav: "Confirm", flash: flash)
        let marked = marks.all
        page["directions"] = snapshot.reconciliation.directions.map { direction -> [String: Any] in
            let queued = snapshot.queue.filter { $0.direction == direction.direction }
            let refusal = refusal(.confirm(Confirm(direction: direction.direction, reconciliation: direction.hash)), in: snapshot)
            var item = counts(direction).merging([
                "name": direction.direction.rawValue, "hash": direction.hash, "short": String(direction.hash.prefix(12)),
                "termsLine": snapshot.report.termsSentence(direction),
                "confirmation": snapshot.report.confirmationSentence(direction),
                "queued": queued.count, "reviewed": queued.filter { marked.contains($0.key) }.count,
                "canConfirm": refusal == nil && !direction.confirmedBy.contains(me),
            ]) { $1 }
            if let refusal { item["refusal"] = refusal.message }
            if refusal == nil, direction.confirmedBy.contains(me) { item["refusal"] = "you have confirmed this very hash" }
            return item
        }
        return page
    }

    /// The manifest this replica builds, its blockers, the proposed ones and who signed, the names;
    /// for a mediator under terms with phases, the phase `phase` names (``phaseProposal(_:selected:mayPropose:)``).
    func manifestPage(phase: String? = nil, flash: (kind: String, text: String)?) -> [String: Any] {
        let snapshot = snapshot()
        var page = frame(snapshot, title: "Manifest", nav: "Manifest", flash: flash)
        let (mine, mineHash) = snapshot.manifest
        page["mine"] = mineHash
        page["toA"] = mine.count(.toA)
        page["toB"] = mine.count(.toB)
        let blockers = mine.blockers(in: snapshot.state)
        page["waivable"] = Self.waivable(blockers)
        page["hasBlockers"] = !blockers.isEmpty
        let propose = ParleyLog.Operation.proposeManifest(ProposeManifest(manifest: mineHash, basis: snapshot.open.heads))
        // What to offer is read from the manifest kept with this state and its blockers (the
        // library's `Manifest.blockers`), not from a rights check that would hash every person
        // again; the library's check still decides when the form is posted.
        let mayPropose = mayAuthor(propose)
        page["phasing"] = phaseProposal(snapshot, selected: phase, mayPropose: mayPropose) as Any?
        if mayPropose {
            let proposed = snapshot.state.manifestStatus(mineHash) != nil
            // A blocker may be waived with a reason in the form; the library refuses one that is not.
            page["canPropose"] = !proposed
            if proposed {
                page["proposeRefusal"] = "this manifest has been proposed (below)"
            }
        }
        let statuses = Dictionary(snapshot.state.manifests.map { ($0.manifest, $0) }, uniquingKeysWith: { first, _ in first })
        page["proposed"] = manifests(snapshot, mine: mineHash).map { item -> [String: Any] in
            var item = item
            guard let status = statuses[item["hash"] as? String ?? ""] else { return item }
            let isPhase = status.proposals.first?.body.phase != nil
            let own = isPhase ? ownPhaseManifest(status, snapshot) : mine
            let remaining = own?.blockers(in: snapshot.state, waiving: status.proposals.flatMap(\.body.waivers)) ?? []
            let signedByMe = status.signatures.contains { $0.author == me }
            // The whole exchange's hash is kept with the state; a phase manifest's is computed here.
            let isOwn = isPhase ? own?.hash == status.manifest : status.manifest == mineHash
            item["canSign"] = isOwn && remaining.isEmpty && !signedByMe
            if signedByMe {
                item["signRefusal"] = "you have signed it"
            } else if !isOwn {
                item["signRefusal"] = "it is not the manifest this replica builds"
                item["differs"] = true
            } else if !remaining.isEmpty {
                item["signRefusal"] = "blocked: " + remaining.map(\.description).joined(separator: "; ")
            }
            return item
        }
        page["directions"] = Direction.allCases.map { direction -> [String: Any] in
            let people = mine.people[direction] ?? []
            let shown = people.prefix(Self.pageSize)
            return [
                "name": direction.rawValue, "count": people.count, "truncated": people.count > shown.count, "shown": shown.count,
                "people": shown.enumerated().map { number, person -> [String: Any] in
                    [
                        "number": number + 1, "request": Self.person(person.request), "release": Self.person(person.release),
                        "born": ReportFormatting.dateOfBirth(of: person.request.fields), "link": Self.link(direction, person.request.ref),
                    ]
                },
            ]
        }
        return page
    }

    /// A proposed manifest against the one this replica builds (``ManifestReview``, as `parley
    /// finalize sign` reviews it): the proposal rebuilt from its basis when it is not this
    /// replica's own, so that a reader sees why before signing or not.
    ///
    /// - Throws: ``WorkspaceError/Code/notFound`` when no manifest `hash` was proposed,
    ///   ``WorkspaceError/Code/store`` when the log cannot be read for the review.
    private func review(of hash: String, in snapshot: Snapshot) throws(WorkspaceError) -> (status: ManifestStatus, review: ManifestReview) {
        guard let status = snapshot.state.manifestStatus(hash.lowercased()) else {
            throw WorkspaceError(code: .notFound, message: "no manifest \(hash.prefix(12)) has been proposed")
        }
        do {
            return (status, try snapshot.review(of: status) { try party.openedEnvelopes(of: exchange) })
        } catch {
            throw WorkspaceError(code: .store, message: "manifest \(hash.prefix(12)) cannot be read: \(error)")
        }
    }

    /// How a proposed manifest differs from the one this replica builds: each person it adds,
    /// removes or changes (a link to the pair), or why it cannot be compared.
    ///
    /// - Throws: ``WorkspaceError/Code/notFound`` when no such manifest was proposed.
    func reviewPage(_ hash: String) throws(WorkspaceError) -> [String: Any] {
        let snapshot = snapshot()
        let state = snapshot.state
        let (status, review) = try review(of: hash, in: snapshot)
        var page = frame(snapshot, title: "Manifest \(status.manifest.prefix(12))", nav: "Manifest", flash: nil)
        page["proposed"] = status.manifest
        page["mine"] = review.mine.hash
        let words = review.verdict.words(naming: { name($0, in: snapshot) }, unopened: state.unopenedEntryCount)
        page["verdict"] = words.prefix(1).uppercased() + words.dropFirst() + "."
        if case let .differs(differences) = review.verdict {
            page["hasDifferences"] = !differences.isEmpty
            page["differences"] = differences.map { difference -> [String: Any] in
                switch difference {
                case let .added(direction, request, _), let .removed(direction, request, _), let .changed(direction, request, _):
                    ["text": difference.description, "link": Self.link(direction, request)]
                default:
                    ["text": difference.description]
                }
            }
        }
        return page
    }

    /// Blockers as the propose forms list them, each with its key to waive it by.
    static func waivable(_ blockers: [Blocker]) -> [[String: Any]] {
        blockers.map { ["key": $0.key, "text": $0.description] }
    }

    /// The printable document of a proposed manifest (the one `finalize export --format html` writes).
    ///
    /// - Throws: ``WorkspaceError/Code/notFound`` when no such manifest was proposed or this
    ///   replica cannot rebuild it.
    func manifestDocument(_ hash: String, generatedAt: Timestamp) throws(WorkspaceError) -> String {
        let snapshot = snapshot()
        let state = snapshot.state
        let (status, review) = try review(of: hash, in: snapshot)
        do {
            let needed = [exchange.genesis] + status.proposals.map(\.envelope) + status.signatures.map(\.envelope)
            guard let manifest = review.proposedManifest,
                  let file = FinalizedManifest(manifest: manifest, state: state, envelopes: try party.replica.envelopes(ids: needed))
            else {
                throw WorkspaceError(code: .notFound, message: "this replica cannot rebuild manifest \(hash.prefix(12))")
            }
            return try ManifestDocument(file: file).html(generatedAt: generatedAt.rfc3339)
        } catch let error as WorkspaceError {
            throw error
        } catch {
            throw WorkspaceError(code: .store, message: "manifest \(hash.prefix(12)) cannot be read: \(error)")
        }
    }
}

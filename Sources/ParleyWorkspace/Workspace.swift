import Foundation
package import ParleyCrypto
package import ParleyLog
package import ParleyMatch
package import ParleyParty
import ParleyStore
import ParleySync
import Synchronization

/// A party's workspace on one exchange: what the pages show and the actions they take, over the
/// same library calls as the command line. Every action is an operation signed through
/// ``Party/sign(_:in:at:)``, whose rights check decides; a refusal comes back as the library
/// words it and nothing is signed. Review marks are the one thing kept here, locally.
///
/// The exchange is opened once and kept with its reconciliation and decision queue
/// (``Snapshot``); a signing here moves it forward without reading the replica again, and each
/// page first compares the kept state hash in the replica (envelopes another process stored,
/// e.g. `parley sync`) and opens it again only when that changed.
package final class Workspace: Sendable {
    /// The party (its key stays in this process).
    package let party: Party
    /// The exchange.
    package let exchange: ExchangeID
    /// This party's key id.
    package let me: KeyID
    /// The review marks.
    let marks: ReviewMarks
    /// The party's home (for the key a rotation replaced, which a sync may still need).
    private let home: PartyHome
    /// The clock operations are stamped with.
    private let clock: @Sendable () -> Timestamp
    /// The snapshot of the current state; its lock also orders the writes.
    private let current: Mutex<Snapshot>
    /// The last sync this workspace ran (the button or the timer), if any.
    private let lastSync = Mutex<SyncOutcome?>(nil)
    /// How often ``syncEvery(_:)`` syncs, while it runs.
    private let interval = Mutex<Duration?>(nil)

    /// What a sync this workspace ran came to.
    package struct SyncOutcome: Sendable {
        /// When it ended.
        package let at: Timestamp
        /// What happened, in a sentence.
        package let said: String
        /// Whether it failed.
        package let failed: Bool
    }

    /// Opens the workspace of the party in `home` on `exchange`.
    ///
    /// - Parameters:
    ///   - home: The party's home; its key must be the replica's.
    ///   - exchange: The exchange, which the replica holds.
    ///   - clock: The time operations are stamped with.
    /// - Throws: ``PartyError`` when the home is not set up or the exchange cannot be opened;
    ///   ``WorkspaceError`` when the review marks cannot be read.
    package init(home: PartyHome, exchange: ExchangeID, clock: @escaping @Sendable () -> Timestamp = { Timestamp.now() }) throws {
        let party = try Party.open(home: home, signing: true)
        self.party = party
        self.home = home
        self.exchange = exchange
        guard let key = party.me else { throw WorkspaceError(code: .forbidden, message: "the workspace needs the party's key") }
        self.clock = clock
        marks = try ReviewMarks(path: home.path + "/workspace-reviewed.log", exchange: exchange)
        let open = try party.open(exchange)
        open.keepForSigning()
        // After a key rotation the exchange still names this party by its first key id.
        self.me = open.state.participantID(signingWith: key) ?? key
        current = Mutex(Snapshot(open: open, today: Self.day(of: clock()), preparing: true))
    }

    /// This party as the exchange names it.
    package var participant: Participant? { snapshot().state.participant(me) }

    /// The snapshot of the current state, opened again when the replica's kept state moved on.
    func snapshot() -> Snapshot {
        current.withLock { snapshot in
            refresh(&snapshot)
            return snapshot
        }
    }

    /// Opens `snapshot` again if the replica stored envelopes since it was read (a sync, a bundle,
    /// another process's signing): its state hash or a chain head moved. (A remove of an entry
    /// that is not there moves a head and leaves the hash; a signing onto a state read before
    /// another writer's envelopes is refused.)
    private func refresh(_ snapshot: inout Snapshot) {
        if let kept = try? party.open(exchange, withEntries: false),
           kept.stateHash != snapshot.open.stateHash || kept.heads != snapshot.open.heads,
           let open = try? party.open(exchange) {
            open.keepForSigning()
            snapshot = Snapshot(open: open, today: Self.day(of: clock()), preparing: true)
        }
    }

    /// The server this replica syncs the exchange with (the last one `parley sync` used), if any.
    package var server: String? {
        try? party.replica.meta(.server(for: exchange))
    }

    /// The kept state hash of the exchange in the replica, read without opening the exchange:
    /// it moves when anything arrives (a sync, a bundle, another process's signing), which is
    /// how an open page learns that it is out of date.
    package var liveState: String {
        if let kept = try? party.open(exchange, withEntries: false) { return kept.stateHash }
        return current.withLock { $0.open.stateHash }
    }

    /// How often this workspace syncs by itself, while it does.
    package var syncInterval: Duration? { interval.withLock { $0 } }

    /// The last sync this workspace ran, if any.
    package var lastSyncOutcome: SyncOutcome? { lastSync.withLock { $0 } }

    /// Syncs with ``server`` every `interval` until the task is cancelled (`parley ui
    /// --sync-every`), so that what other parties push reaches the open pages without anyone
    /// pressing Sync. A failure (offline, the server down) is kept for the exchange page and the
    /// next round tries again.
    package func syncEvery(_ interval: Duration) async {
        self.interval.withLock { $0 = interval }
        defer { self.interval.withLock { $0 = nil } }
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: interval)
            } catch {
                return
            }
            _ = try? await sync()
        }
    }

    /// Syncs the exchange with ``server`` as `parley sync --exchange` does (the same
    /// ``Synchronizer``: envelopes pushed and pulled, checkpoints checked, gossip not included);
    /// the next page shows what arrived, and the exchange page what the last sync came to.
    ///
    /// - Returns: What happened, in a sentence.
    /// - Throws: ``WorkspaceError/Code/refused`` when no server is known, the server cannot be
    ///   reached or refuses, or the sync finds something wrong.
    package func sync() async throws(WorkspaceError) -> String {
        do {
            let said = try await syncOnce()
            lastSync.withLock { $0 = SyncOutcome(at: clock(), said: said, failed: false) }
            return said
        } catch {
            lastSync.withLock { $0 = SyncOutcome(at: clock(), said: error.message, failed: true) }
            throw error
        }
    }

    /// One sync, as ``sync()`` describes it.
    private func syncOnce() async throws(WorkspaceError) -> String {
        guard let url = server else {
            throw WorkspaceError(code: .refused, message: "no server is known for this exchange: sync it once with `parley sync --server URL`")
        }
        guard let key = party.key else { throw WorkspaceError(code: .forbidden, message: "the workspace needs the party's key") }
        do {
            let client = SyncClient(server: url, key: key, fallbackKey: try home.previousKey())
            let synchronizer = Synchronizer(client: client, party: party)
            let report = try await synchronizer.sync(exchange, server: try await synchronizer.connect())
            var said = "synced with \(url): received \(report.pulled), sent \(report.pushed); the server's log holds \(report.checkpoint.checkpoint.size) envelopes"
            if report.refused > 0 { said += "; \(report.refused) refused (run `parley sync` to see why)" }
            if !report.equivocations.isEmpty { said += "; \(report.equivocations.count) equivocation(s) found (run `parley sync` for the evidence)" }
            if let failure = report.owedKeysFailure {
                said += "; the key envelopes this party owes the others were not signed (\(failure.message)): the next sync tries again"
            }
            if let heads = try? party.replica.heads(exchange: exchange), let complete = report.completeness(holding: heads) {
                said += "; " + complete
            }
            return said
        } catch {
            throw WorkspaceError(code: .refused, message: "the sync with \(url) failed: \(error)")
        }
    }

    /// Signs `operations` on the current state (read again first if the replica moved on) and
    /// moves the snapshot on.
    ///
    /// - Returns: The signed envelopes.
    /// - Throws: ``WorkspaceError/Code/refused`` with the library's words when it refuses.
    @discardableResult
    func sign(_ operations: [ParleyLog.Operation]) throws(WorkspaceError) -> [SignedEnvelope] {
        let result: Result<[SignedEnvelope], PartyError> = current.withLock { snapshot in
            do throws(PartyError) {
                refresh(&snapshot)
                let signed = try party.sign(operations, in: snapshot.open, at: clock())
                snapshot = Snapshot(open: snapshot.open.after(signed), today: Self.day(of: clock()), after: snapshot, preparing: true)
                return .success(signed.envelopes)
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case let .success(envelopes): return envelopes
        case let .failure(error):
            if let refusal = error.cause as? Refusal { throw WorkspaceError(refusal) }
            throw WorkspaceError(code: .refused, message: error.message)
        }
    }

    /// Whether this party's role may author `operation` at all (the log's stateless rule): the
    /// pages offer only such actions; the full check is the library's when it is signed.
    func mayAuthor(_ operation: ParleyLog.Operation) -> Bool {
        snapshot().state.participant(me)?.mayAuthor(operation) ?? false
    }

    // MARK: Actions

    /// Decides by hand that two entries are the same person, or different persons.
    ///
    /// - Returns: What was done, in a sentence.
    package func decide(request: EntryRef, release: EntryRef, same: Bool, note: String) throws(WorkspaceError) -> String {
        let pair = MatchPair(request: request, release: release, note: note)
        guard let direction = pair.direction else {
            throw WorkspaceError(code: .badRequest, message: "\(request) and \(release) do not face each other")
        }
        try sign([same ? .assertMatch(pair) : .rejectMatch(pair)])
        return "\(direction.rawValue): \(request) and \(release) are \(same ? "the same person" : "different persons"), by your hand"
    }

    /// Opens a dispute about entries.
    package func openDispute(about refs: [EntryRef], reason: DisputeReason, note: String) throws(WorkspaceError) -> String {
        guard !refs.isEmpty else { throw WorkspaceError(code: .badRequest, message: "name the entries in doubt") }
        let envelopes = try sign([.openDispute(OpenDispute(about: refs, reason: reason, note: note))])
        return "dispute \(envelopes[0].id.hex.prefix(12)) opened (\(reason.rawValue))"
    }

    /// Comments on a dispute.
    package func comment(on dispute: EnvelopeID, note: String) throws(WorkspaceError) -> String {
        try sign([.commentDispute(CommentDispute(dispute: dispute, note: note))])
        return "dispute \(dispute.hex.prefix(12)): comment added"
    }

    /// Closes a dispute.
    package func close(_ dispute: EnvelopeID, resolution: String) throws(WorkspaceError) -> String {
        try sign([.closeDispute(CloseDispute(dispute: dispute, resolution: resolution))])
        return "dispute \(dispute.hex.prefix(12)) closed"
    }

    /// Attests that a person was registered, visited or medically assessed on a day.
    package func attest(_ entry: EntryRef, kind: AttestationKind, date: CalendarDate) throws(WorkspaceError) -> String {
        try sign([.attest(Attest(entry: entry, kind: kind, date: date))])
        return "\(entry): \(kind.rawValue) on \(date), attested"
    }

    /// Confirms a direction's reconciliation, if its hash is still `reviewed` (the one the page showed).
    package func confirm(_ direction: Direction, reviewed hash: String) throws(WorkspaceError) -> String {
        try sign([.confirm(Confirm(direction: direction, reconciliation: hash))])
        return "\(direction.rawValue) confirmed: reconciliation \(hash.prefix(12))"
    }

    /// Proposes the manifest this replica builds now, on its chain heads: of the whole exchange,
    /// or of the phase `phase` names (as `parley finalize propose --phase` does, through the same
    /// ``ManifestProposal``).
    ///
    /// - Parameters:
    ///   - phase: The phase's name or number; `nil` for the whole exchange.
    ///   - waivers: Reasons by blocker key; a blocker with a reason is waived.
    ///   - reviewed: The manifest hash the page showed; the library refuses the proposal when
    ///     the state now builds another. `nil`: the one built now.
    /// - Returns: What was done, in a sentence.
    /// - Throws: ``WorkspaceError/Code/refused`` with the library's words when it refuses.
    package func propose(phase: String? = nil, waivers: [String: String] = [:], reviewed: String? = nil) throws(WorkspaceError) -> String {
        let snapshot = snapshot()
        let proposal: ManifestProposal
        switch snapshot.proposal(phase: phase) {
        case let .success(built): proposal = built
        case let .failure(refusal): throw WorkspaceError(refusal)
        }
        var waived: [Waiver] = []
        for (key, reason) in waivers.sorted(by: { $0.key < $1.key }) where !reason.isEmpty {
            do throws(LogError) {
                waived.append(try proposal.waiver(of: key, reason: reason))
            } catch {
                throw WorkspaceError(code: .badRequest, message: "waiving \(key): \(error.message); nothing was signed")
            }
        }
        try sign([proposal.operation(basis: snapshot.open.heads, waivers: waived, reviewed: reviewed)])
        let manifest = proposal.manifest
        let covers = manifest.phase.map { " for phase \($0.number) \($0.phase.name)" } ?? ""
        return "manifest \(proposal.hash.prefix(12)) proposed\(covers): \(manifest.count(.toA)) to A, \(manifest.count(.toB)) to B"
            + (waived.isEmpty ? "" : "; waived: " + waived.map(\.blocker).joined(separator: ", "))
    }

    /// Signs a proposed manifest (the library signs only the one this replica builds).
    package func signManifest(_ hash: String) throws(WorkspaceError) -> String {
        try sign([.signManifest(SignManifest(manifest: hash))])
        return "manifest \(hash.prefix(12)) signed"
    }

    /// Marks a queue item reviewed, or not.
    package func markReviewed(_ key: String, reviewed: Bool) throws(WorkspaceError) {
        try marks.mark(key, reviewed: reviewed)
    }

    /// Whether a queue item is marked reviewed.
    package func isReviewed(_ key: String) -> Bool { marks.isReviewed(key) }

    /// The day of a timestamp (UTC), on which priorities are measured.
    static func day(of time: Timestamp) -> CalendarDate {
        let digits = time.rfc3339.prefix(10).split(separator: "-").compactMap { Int($0) }
        return CalendarDate(year: digits[0], month: digits[1], day: digits[2]) ?? CalendarDate(year: 2000, month: 1, day: 1)!
    }
}

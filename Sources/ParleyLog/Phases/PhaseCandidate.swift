public import ParleyMatch

/// One agreed person of a direction who may be drawn into a phase: the pair of entries, the
/// person's priority categories and since when they are held.
public struct PhaseCandidate: Hashable, Sendable {
    /// The requester's entry.
    public let request: EntryRef
    /// The releaser's entry.
    public let release: EntryRef
    /// The person's priority categories on the plan's day (either record saying so is enough).
    public let categories: Set<PriorityCategory>
    /// Since when the person is held (the earlier of the records'), which orders the long held.
    public let heldSince: CalendarDate?

    /// Describes a candidate.
    public init(request: EntryRef, release: EntryRef, categories: Set<PriorityCategory>, heldSince: CalendarDate? = nil) {
        self.request = request
        self.release = release
        self.categories = categories
        self.heldSince = heldSince
    }

    /// The agreed people of a direction's reconciliation: its rows whose outcome is `agreed`
    /// (so no open dispute touches them), with their categories on `date`.
    ///
    /// - Parameters:
    ///   - report: The direction's reconciliation.
    ///   - date: The day ages and time held are measured on.
    public static func agreed(in report: DirectionReport, asOf date: CalendarDate) -> [PhaseCandidate] {
        report.rows.compactMap { row in
            guard row.outcome == .agreed, let request = row.request, let release = row.release else { return nil }
            return PhaseCandidate(
                request: request.ref, release: release.ref,
                categories: PriorityCategory.categories(of: row, asOf: date), heldSince: PriorityCategory.heldSince(of: row)
            )
        }
    }

    /// Whether the person is one of `entries` (by either entry).
    func isAmong(_ entries: Set<EntryRef>) -> Bool {
        entries.contains(request) || entries.contains(release)
    }
}

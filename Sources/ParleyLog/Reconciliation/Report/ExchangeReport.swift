import ParleyCrypto
public import ParleyMatch

/// The report of an exchange's reconciliation, in the formats of `parley diff`'s report: a
/// terminal summary, a stable JSON document, one CSV line per row, or one self-contained HTML page.
///
/// Every format shows the same facts: the exchange (title, id, participants, reconciliation hash),
/// the terms and each direction's agreed count against them, the open disputes first, then for
/// each direction its counts, priority breakdown, confirmations and rows, with the hand decisions,
/// registry corroboration, disputes and attestations behind each row.
///
/// A pure function of its inputs: no clock, no I/O; the same inputs give the same bytes.
public struct ExchangeReport: Sendable {
    /// The reconciliation to report.
    public let reconciliation: Reconciliation
    /// The state it was computed from, which names the participants and holds the disputes and
    /// attestations.
    public let state: ExchangeState
    /// The day the caller gave for the priority breakdown (today, as the caller sees it).
    public let asOf: CalendarDate
    /// The open disputes, ordered by id.
    let openDisputes: [Dispute]
    /// The attestations by the entry they are about, each list by author key id then seq.
    private let attestationsByEntry: [EntryRef: [Authored<Attest>]]

    /// Describes the report of `reconciliation`.
    ///
    /// - Parameters:
    ///   - reconciliation: The reconciliation, computed from `state`.
    ///   - state: The folded state of the same exchange.
    ///   - asOf: The day on which ages and time held are measured for the priority breakdown when
    ///     the terms in force do not agree one (``Terms/asOf``); callers pass today's date.
    /// - Precondition: `reconciliation` and `state` are of the same exchange.
    public init(reconciliation: Reconciliation, state: ExchangeState, asOf: CalendarDate) {
        precondition(reconciliation.exchange == state.exchange, "a reconciliation is reported with the state of its own exchange")
        self.reconciliation = reconciliation
        self.state = state
        self.asOf = asOf
        self.openDisputes = state.openDisputes
        self.attestationsByEntry = Dictionary(grouping: state.attestations.values, by: \.body.entry)
            .mapValues { $0.sorted(by: Authored.canonicalOrder) }
    }

    /// The day the priority breakdown is measured on: the terms' `as_of` when the terms in force
    /// give one, else ``asOf``.
    public var prioritiesAsOf: CalendarDate {
        reconciliation.terms.terms?.asOf ?? asOf
    }

    /// The report in a format, as text.
    ///
    /// - Parameters:
    ///   - format: The format to write.
    ///   - options: Colour (text only) and an optional timestamp to show (never in CSV).
    /// - Returns: The whole report; every format ends in a newline.
    public func rendered(as format: ReportFormat, options: ReportOptions = .init()) -> String {
        switch format {
        case .text: ExchangeTextReport(report: self, options: options).render()
        case .json: ExchangeJSONReport(report: self, options: options).render()
        case .csv: ExchangeCSVReport(report: self).render()
        case .html: ExchangeHTMLReport(report: self, options: options).render()
        }
    }

    /// The priority breakdown of a direction's agreed rows on ``prioritiesAsOf``.
    func priorities(_ direction: DirectionReport) -> [PriorityCategory: Int] {
        direction.priorities(asOf: prioritiesAsOf)
    }

    /// A direction's rows (their indexes in its ``DirectionReport/rows``) grouped by outcome in
    /// ``ReconciliationOutcome/reportOrder``, empty groups left out; inside a group rows keep the
    /// reconciliation's order. Indexes, so that 100,000 rows are not copied to be grouped.
    func groups(_ direction: DirectionReport) -> [(outcome: ReconciliationOutcome, rows: [Int])] {
        var groups = [[Int]](repeating: [], count: ReconciliationOutcome.reportOrder.count)
        for (index, row) in direction.rows.enumerated() {
            if let k = ReconciliationOutcome.reportOrder.firstIndex(of: row.outcome) { groups[k].append(index) }
        }
        return zip(ReconciliationOutcome.reportOrder, groups).filter { !$0.1.isEmpty }.map { (outcome: $0.0, rows: $0.1) }
    }

    /// The attestations about a row's entries (request, release, registry entries that hold the
    /// person), by author key id then seq.
    func attestations(of row: ReconciliationRow) -> [Authored<Attest>] {
        let refs = [row.request, row.release].compactMap { $0?.ref } + row.registered.map(\.ref)
        return refs.flatMap { attestationsByEntry[$0] ?? [] }.sorted(by: Authored.canonicalOrder)
    }

    /// The display name of a key: its participant's name, else its short id.
    func name(of key: KeyID) -> String {
        state.participant(key)?.name ?? Self.short(key.hex)
    }

    /// The first 8 hex digits of an id, as reports show ids to people.
    static func short(_ hex: String) -> String {
        String(hex.prefix(8))
    }
}

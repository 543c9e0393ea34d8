import ParleyCrypto
import ParleyMatch

/// The sentences the text and HTML reports share, in plain text (the HTML report escapes them).
extension ExchangeReport {
    /// The terms in force in one line: their status, who set them, the counts, phases and `as_of`.
    var termsSummary: String {
        switch reconciliation.terms {
        case .none:
            return "no terms agreed"
        case let .agreed(terms, setBy):
            let source = setBy.isEmpty ? "from the genesis" : "set by " + setBy.map(name(of:)).joined(separator: ", ")
            return "agreed, \(source): \(Self.describe(terms))"
        case let .conflicting(set):
            return "conflicting: " + set.map { "\(name(of: $0.author)) sets \(Self.describe($0.body))" }.joined(separator: "; ")
        }
    }

    /// A direction's agreed count against its terms count: `agreed 3 of 4 by the terms (short by 1)`.
    func termsLine(_ direction: DirectionReport) -> String {
        let agreed = direction.counts[.agreed] ?? 0
        guard let count = direction.termsCount else { return "agreed \(agreed), no terms to count against" }
        let verdict = agreed == count ? "meets the terms" : agreed < count ? "short by \(count - agreed)" : "over by \(agreed - count)"
        return "agreed \(agreed) of \(count) by the terms (\(verdict))"
    }

    /// Who confirmed a direction's current hash: `confirmed by Mediator` or `not confirmed`.
    func confirmationLine(_ direction: DirectionReport) -> String {
        direction.confirmedBy.isEmpty ? "not confirmed" : "confirmed by " + direction.confirmedBy.map(name(of:)).joined(separator: ", ")
    }

    /// Where an entry is and who wrote it: `A/request, by Side A headquarters`.
    func origin(of entry: ReconciledEntry) -> String {
        "\(entry.ref.list), by \(name(of: entry.ref.author))"
    }

    /// A reference with the person's name when the state holds the entry:
    /// `A/request/1a2b3c4d/A-1 (Koval Ivan)`.
    func describe(_ ref: EntryRef) -> String {
        guard let entry = state.entry(ref) else { return ref.description }
        let name = ReportFormatting.name(of: entry.fields)
        return name.isEmpty ? ref.description : "\(ref.description) (\(name))"
    }

    /// An open dispute's head in one line: `1a2b3c4d status-contested, opened by Side B headquarters`.
    func headline(of dispute: Dispute) -> String {
        "\(Self.short(dispute.id.hex)) \(dispute.open.body.reason.rawValue), opened by \(name(of: dispute.opener))"
    }

    /// What stands behind a row besides its reasons, one sentence each: its outcome before open
    /// disputes (when they changed it), duplicate of, hand decisions, rival candidates, registry
    /// corroboration, open disputes, attestations.
    func notes(of row: ReconciliationRow) -> [String] {
        var notes: [String] = []
        if row.matchOutcome != row.outcome {
            notes.append("\(row.matchOutcome.rawValue) before open disputes")
        }
        if let original = row.duplicateOf {
            notes.append("duplicate of \(describe(original))")
        }
        for decision in row.decisions {
            notes.append(Self.verdict(decision.body.same) + ", by " + name(of: decision.author)
                + (decision.body.pair.remark.readable.isEmpty ? "" : ": " + decision.body.pair.remark.readable))
        }
        notes += row.alternatives.map { "also possible: \(describe($0))" }
        notes += row.registered.map { "held according to the mediator's registry: \(describe($0.ref))" }
        notes += row.disputes.map { id in
            let reason = state.disputeOpens[id].map { " (\($0.body.reason.rawValue))" } ?? ""
            return "open dispute \(Self.short(id.hex))\(reason)"
        }
        notes += attestations(of: row).map { attestation in
            "\(attestation.body.readable), attested by \(name(of: attestation.author))"
                + " (\(attestation.body.entry.list)/\(attestation.body.entry.entry))"
        }
        return notes
    }

    /// A hand decision in words.
    static func verdict(_ same: Bool) -> String {
        same ? "same person" : "different persons"
    }

    /// Terms in words: `to-A 3, to-B 4; phases: phase 1 (to-A 1, to-B 2), …; as of 2025-05-01`.
    static func describe(_ terms: Terms) -> String {
        func counts(_ counts: [Direction: Int]) -> String {
            Direction.allCases.map { "\($0.rawValue) \(counts[$0] ?? 0)" }.joined(separator: ", ")
        }
        var text = counts(terms.counts)
        if !terms.phases.isEmpty {
            text += "; phases: " + terms.phases.map { "\($0.name) (\(counts($0.counts)))" }.joined(separator: ", ")
        }
        if let asOf = terms.asOf { text += "; as of \(asOf)" }
        return text
    }
}

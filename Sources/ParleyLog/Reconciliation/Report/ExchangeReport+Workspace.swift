package import ParleyMatch

// The report's sentences for the other faces of the same library (the workspace in a browser),
// so that a row, the terms and a confirmation read the same on a page as in the report.
extension ExchangeReport {
    /// The terms in force in one line (as the report's header says them).
    package var termsSentence: String { termsSummary }

    /// A direction's agreed count against its terms count (as the report says it).
    package func termsSentence(_ direction: DirectionReport) -> String { termsLine(direction) }

    /// Who confirmed a direction's current hash (as the report says it).
    package func confirmationSentence(_ direction: DirectionReport) -> String { confirmationLine(direction) }

    /// What stands behind a row besides its reasons, one sentence each (as the report says it).
    package func sentences(about row: ReconciliationRow) -> [String] { notes(of: row) }

    /// A reference with the person's name, when the state holds the entry.
    package func sentence(naming ref: EntryRef) -> String { describe(ref) }
}

extension ReconciliationRow {
    /// The priority categories of the row's person on `date` (those the report's breakdown counts).
    package func priorityCategories(asOf date: CalendarDate) -> Set<PriorityCategory> {
        PriorityCategory.categories(of: self, asOf: date)
    }
}

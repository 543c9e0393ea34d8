extension ReconciliationOutcome {
    /// The order reports present outcomes in: the rows that need a person first (disputed), then
    /// what only one list has (unoffered, unrequested), then duplicates, and agreed last.
    static let reportOrder: [ReconciliationOutcome] = [.disputed, .unoffered, .unrequested, .duplicate, .agreed]

    /// A heading for the outcome's part of a direction.
    var heading: String {
        switch self {
        case .agreed: "Agreed"
        case .disputed: "Disputed"
        case .unoffered: "Unoffered"
        case .unrequested: "Unrequested"
        case .duplicate: "Duplicates"
        }
    }

    /// One sentence on what the outcome means for the reader.
    var explanation: String {
        switch self {
        case .agreed: "Requested and offered: the same person, no key field in conflict, no open dispute."
        case .disputed: "A key field conflicts, the match is ambiguous, hand decisions disagree, or a dispute is open. A person must decide."
        case .unoffered: "Requested, but not on the releasing side's list."
        case .unrequested: "Offered, but not on the requesting side's list."
        case .duplicate: "A second entry of a person already on the same list."
        }
    }
}

extension Outcome {
    /// The order reports present outcomes in: the rows that need a person first
    /// (disputed), then what only one list has, then duplicates, and agreed last.
    static let reportOrder: [Outcome] = [.disputed, .onlyA, .onlyB, .duplicateA, .duplicateB, .agreed]

    /// A heading for the outcome's section of a report.
    var heading: String {
        switch self {
        case .agreed: "Agreed"
        case .disputed: "Disputed"
        case .onlyA: "Only on list A"
        case .onlyB: "Only on list B"
        case .duplicateA: "Duplicates in list A"
        case .duplicateB: "Duplicates in list B"
        }
    }

    /// One sentence on what the outcome means for the reader.
    var explanation: String {
        switch self {
        case .agreed: "The same person on both lists; no key field in conflict."
        case .disputed: "Probably the same person, but a key field conflicts or another candidate is nearly as likely. A person must decide."
        case .onlyA: "On list A, with no match on list B."
        case .onlyB: "On list B, with no match on list A."
        case .duplicateA: "A second record of a person already on list A."
        case .duplicateB: "A second record of a person already on list B."
        }
    }
}

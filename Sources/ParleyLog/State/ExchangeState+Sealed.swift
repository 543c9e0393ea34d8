extension ExchangeState {
    /// How many entries hold a sealed record this state's party could not open (no share of its
    /// author's content key to it yet): they are on their lists with no fields (PROTOCOL.md §5.19).
    public var unopenedEntryCount: Int {
        lists.values.reduce(0) { count, list in count + list.values.count { $0.fields.isEmpty } }
    }

    /// How many operations in force hold something sealed this state's party could not open (a
    /// note, a comment, a resolution, an attestation's kind and date): they stand with an empty
    /// text, or no kind and date, until it can (PROTOCOL.md §5.19).
    public var unopenedFactCount: Int {
        facts.count { $0.operation.isUnopened }
    }
}

extension ExchangeState {
    /// The refusal of a confirmation or manifest while some records are unopened, if any are.
    func unopenedRefusal() -> Refusal? {
        let count = unopenedEntryCount
        guard count > 0 else { return nil }
        return Refusal(
            .unopened,
            "\(count) \(count == 1 ? "entry is" : "entries are") sealed to a content key not shared with this party yet; "
                + "sync again once their authors have signed (they share their keys to every announced participant when they sign)"
        )
    }
}

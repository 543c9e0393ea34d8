public import ParleyCrypto

/// The terms in force, as the state shows them.
public enum TermsStatus: Hashable, Sendable {
    /// No terms: the genesis has none in the typed form and no mediator set any.
    case none
    /// Terms in force, set by these mediators (empty: from the genesis).
    case agreed(Terms, setBy: [KeyID])
    /// Mediators set different terms; each mediator's latest, by author key id.
    case conflicting([Authored<Terms>])

    /// The terms in force, if there is exactly one set.
    public var terms: Terms? {
        if case let .agreed(terms, _) = self { terms } else { nil }
    }
}

extension ExchangeState {
    /// The terms in force: the mediators' latest `terms.set` when they all agree, else the
    /// genesis terms when they have the typed form of ``Terms``.
    public var currentTerms: TermsStatus {
        let set = termsSet.values.sorted(by: Authored.canonicalOrder)
        if let first = set.first {
            return set.allSatisfy({ $0.body == first.body }) ? .agreed(first.body, setBy: set.map(\.author)) : .conflicting(set)
        }
        if let genesis = try? Terms(json: terms) {
            return .agreed(genesis, setBy: [])
        }
        return .none
    }
}

public import ParleyCrypto

extension ExchangeState {
    /// Whether the exchange is final as a whole, the condition for erasing it
    /// (`parley exchange erase`): a manifest of the whole exchange is final, or the terms in force
    /// have phases and a final manifest seals each one (PROTOCOL.md §7.1).
    public var isClosed: Bool {
        if finality.isWholeExchangeFinal { return true }
        guard case let .agreed(terms, _) = currentTerms, !terms.phases.isEmpty else { return false }
        let sealed = Set(finality.phases.map(\.phase.phase.name))
        return terms.phases.allSatisfy { sealed.contains($0.name) }
    }

    /// The seq in `participant`'s chain from which the exchange is closed for it: its cutoff for
    /// a final manifest of the whole exchange, else the highest of its cutoffs for the sealed
    /// phases (`nil` while the exchange is not closed, or the participant signed no final manifest).
    ///
    /// - Parameter participant: A participant's id.
    public func closingSeq(of participant: KeyID) -> Int? {
        guard isClosed else { return nil }
        if finality.isWholeExchangeFinal { return finality.cutoffs[participant] }
        return finality.phases.compactMap { $0.cutoffs[participant] }.max()
    }
}

extension ExchangeState {
    /// The participants that have said they erased the exchange, by key id: each one's
    /// `exchange.erase` with the lowest seq above its ``closingSeq(of:)``. Computed from the
    /// whole state, so it does not depend on the fold's order; empty while the exchange is not
    /// closed.
    public var erasedBy: [KeyID] {
        countedErasures.map(\.author)
    }

    /// The `exchange.erase` facts that count, one per participant, by author key id.
    var countedErasures: [Authored<EraseExchange>] {
        var first: [KeyID: Authored<EraseExchange>] = [:]
        for erase in erasures.values {
            guard let closing = closingSeq(of: erase.author), erase.seq > closing else { continue }
            if let other = first[erase.author], other.seq < erase.seq { continue }
            first[erase.author] = erase
        }
        return first.values.sorted { $0.author < $1.author }
    }

    /// Whether every participant has said it erased the exchange: a server may then drop the
    /// sealed bodies it relays (PROTOCOL.md §5.20).
    public var isErasedByEveryone: Bool {
        erasedBy.count == participants.count
    }
}

extension ExchangeState {
    /// Why `author` may not sign an `exchange.erase` now, if it may not: the exchange must be
    /// closed, and each participant says it once.
    func erasureRefusal(by author: KeyID) -> Refusal? {
        guard isClosed else {
            return Refusal(
                .notClosed,
                "the exchange is not final: it can be erased once every participant has signed a manifest of the whole exchange "
                    + "(or of every phase of its terms)"
            )
        }
        return erasedBy.contains(author) ? Refusal(.alreadyErased, "you have already said you erased this exchange") : nil
    }
}

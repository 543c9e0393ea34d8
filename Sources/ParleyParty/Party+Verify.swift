public import ParleyCrypto
public import ParleyLog
public import ParleyStore

extension Party {
    /// What the full check of an exchange found: every stored envelope verified again from its
    /// bytes and folded from scratch, and whether the kept state agrees with that fold.
    public struct FullCheck: Sendable {
        /// The verification of the stored bytes.
        public let stored: StoredVerification
        /// Why the kept state differs from the fold, if it does (the replica's files were edited,
        /// or a bug); `nil` when it agrees or the replica keeps none that is current.
        public let keptDiffers: String?
        /// The hash of the state folded from scratch (`nil` when no genesis verifies), computed
        /// once here for the caller to show.
        public let stateHash: String?

        /// Whether everything verifies and the kept state agrees.
        public var isClean: Bool {
            stored.isClean && keptDiffers == nil
        }
    }

    /// Verifies an exchange in full: `parley verify`, the one command that recomputes everything.
    ///
    /// - Parameter exchange: The exchange.
    /// - Returns: The check.
    /// - Throws: A store failure.
    public func verify(_ exchange: ExchangeID) throws(PartyError) -> FullCheck {
        progress?(PartyProgress(step: "verifying every stored envelope", count: try stored { () throws(StoreError) in try replica.envelopeCount() }))
        let opener = try opener(for: exchange)
        let verification = try stored { () throws(StoreError) in try replica.verifyStored(exchange: exchange, preparing: opener) }
        let folded = verification.report.state?.stateHash
        let kept: KeptState?
        do {
            kept = try replica.keptState(exchange: exchange, preparing: opener)
        } catch {
            return FullCheck(stored: verification, keptDiffers: "the kept state cannot be read (\(error.message))", stateHash: folded)
        }
        guard let kept else { return FullCheck(stored: verification, keptDiffers: nil, stateHash: folded) }
        return FullCheck(stored: verification, keptDiffers: Self.difference(kept, verification.report, folded: folded), stateHash: folded)
    }

    /// How the kept state differs from a fold from scratch, if it does.
    ///
    /// - Parameters:
    ///   - kept: The kept state.
    ///   - report: The fold from scratch.
    ///   - folded: The hash of `report`'s state (computed once by the caller).
    static func difference(_ kept: KeptState, _ report: VerificationReport, folded: String?) -> String? {
        guard let state = report.state, let folded else { return "the replica keeps a state, but no genesis verifies" }
        // Equal states hash alike: the kept rows are hashed only when they differ from the fold.
        if kept.state != state {
            let rows = kept.state.stateHash
            if rows != folded {
                return "the kept state (\(rows.prefix(12))) is not the fold of the log (\(folded.prefix(12)))"
            }
        }
        if kept.stateHash != folded {
            return "the kept state hash (\(kept.stateHash.prefix(12))) is not the fold's (\(folded.prefix(12)))"
        }
        if kept.heads != report.heads {
            return "the kept chain heads are not the log's"
        }
        if kept.frozen != Set(report.equivocations.map(\.author)) {
            return "the kept forks are not the log's"
        }
        return nil
    }

    /// The forks in an exchange: each forked author's stored envelopes verified again, with the
    /// genesis, to name the envelopes that prove the equivocation.
    ///
    /// - Parameters:
    ///   - exchange: The exchange.
    ///   - authors: The forked authors (``KeptState/frozen``).
    /// - Returns: The equivocations, by author then seq.
    /// - Throws: A store failure.
    public func equivocations(in exchange: ExchangeID, of authors: Set<KeyID>) throws(PartyError) -> [Equivocation] {
        guard !authors.isEmpty else { return [] }
        let chains = try stored { () throws(StoreError) in try replica.chains(exchange: exchange, authors: authors) }
        return Verifier(exchange: exchange).verify(wire: chains.map(\.wireBytes)).equivocations
    }
}

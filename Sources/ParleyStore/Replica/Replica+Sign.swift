public import ParleyCrypto
public import ParleyLog

/// What ``Replica/sign(_:with:in:on:at:)`` stored.
public struct SignedBatch: Sendable {
    /// The envelopes signed, in order.
    public let envelopes: [SignedEnvelope]
    /// How many of them were new to the replica (all of them, unless signed twice).
    public let added: Int
    /// The verification of the exchange with the batch: its state is the replica's new state.
    public let report: VerificationReport
    /// Why the derived tables were not refreshed, when they were not (the batch is stored all
    /// the same; the next write or `parley verify` refreshes them).
    public let derivedRefreshFailure: StoreError?
}

extension Replica {
    /// The exchange as this replica holds it, verified from the stored envelopes, for a party
    /// about to sign on top of it.
    ///
    /// - Parameter exchange: The exchange.
    /// - Returns: A clean verification with a state.
    /// - Throws: ``StoreError/Code/unverified`` when something stored does not verify (see
    ///   `parley verify`), or a read failure.
    public func verifiedForSigning(exchange: ExchangeID) throws(StoreError) -> VerificationReport {
        let report = Verifier(exchange: exchange).verify(try envelopes(exchange: exchange))
        guard report.isClean, report.state != nil else {
            throw StoreError(
                code: .unverified,
                message: "exchange \(exchange.hex.prefix(8)) does not verify in replica \(path); nothing was signed "
                    + "(see `parley verify --exchange \(exchange.hex)`)"
            )
        }
        return report
    }

    /// Signs `operations` as the next envelopes of `key`'s chain in `exchange`, verifies them with
    /// everything stored, and stores them in one transaction, then refreshes the derived tables
    /// (a failure there is reported in the result, not thrown: the batch is stored).
    ///
    /// Each operation is first checked against the state it is signed on
    /// (``ExchangeState/refusal(of:by:)``): a refused one signs and stores nothing of the batch.
    /// The chain head is checked again inside the append's transaction, so two processes signing
    /// at once cannot fork the chain.
    ///
    /// - Parameters:
    ///   - operations: What to sign, in order; each is checked against `before`'s state.
    ///   - key: The party's signing key.
    ///   - exchange: The exchange.
    ///   - before: ``verifiedForSigning(exchange:)`` of this replica, just before.
    ///   - time: The envelopes' timestamp.
    /// - Returns: What was signed and the verification with it.
    /// - Throws: ``StoreError/Code/notAllowed`` naming the first refused operation's reason;
    ///   ``StoreError/Code/chainMoved`` when another process signed meanwhile; a write failure.
    @discardableResult
    public func sign(
        _ operations: [Operation], with key: SigningKey, in exchange: ExchangeID, on before: VerificationReport, at time: Timestamp
    ) throws(StoreError) -> SignedBatch {
        guard let state = before.state else {
            throw StoreError(code: .unverified, message: "exchange \(exchange.hex.prefix(8)) has no verified state in replica \(path)")
        }
        let own = key.publicKey.keyID
        for operation in operations {
            if let refusal = state.refusal(of: operation, by: own) {
                throw StoreError(code: .notAllowed, message: "\(refusal); nothing was signed")
            }
        }
        guard !operations.isEmpty else { return SignedBatch(envelopes: [], added: 0, report: before, derivedRefreshFailure: nil) }
        var signer = EnvelopeSigner(key: key, exchange: exchange, head: before.heads[own])
        var batch: [SignedEnvelope] = []
        for operation in operations {
            do {
                batch.append(try signer.sign(operation, at: time))
            } catch {
                throw StoreError(code: .notAllowed, message: "\(error.message); nothing was signed", cause: error)
            }
        }
        let after = Verifier(exchange: exchange).verify(before.folded + batch)
        guard after.isClean else {
            let reasons = Set(after.entries.flatMap(\.verdict.reasons).map(\.description)).sorted()
            throw StoreError(
                code: .notAllowed, message: "the new envelopes do not verify (\(reasons.joined(separator: ", "))); nothing was stored"
            )
        }
        let added = try append(batch, extendingChainOf: own, in: exchange, from: before.heads[own]).added
        var refreshFailure: StoreError?
        do {
            try rebuildDerived(exchange: exchange, verified: after)
        } catch {
            refreshFailure = error
        }
        return SignedBatch(envelopes: batch, added: added, report: after, derivedRefreshFailure: refreshFailure)
    }
}

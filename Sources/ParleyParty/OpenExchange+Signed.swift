package import ParleyLog

// The exchange as it stands after this party's own signing, without reading the replica again:
// a long-lived face (the workspace) keeps one open exchange and moves it forward with each write.
extension OpenExchange {
    /// The exchange opened on the state a signing left, in the same replica.
    ///
    /// - Parameter signed: What ``Party/sign(_:in:at:)`` returned for this exchange.
    /// - Returns: The open exchange after it; its reconciliation is computed again on first use,
    ///   for the directions whose inputs the signing changed (``DirectionInputs``; the others are
    ///   taken from this one's), reading back the engine's kept diffs of lists that did not change.
    package func after(_ signed: Party.Signed) -> OpenExchange {
        let next = OpenExchange(exchange: exchange, kept: signed.kept, replica: replica, progress: nil, reopen: reopen, earlier: reconciled)
        if keepsForSigning { next.keepForSigning() }
        return next
    }

    /// Builds what the next signing and the reconciliation after it would build first, for a
    /// face that can do it while nobody waits: the canonical bytes of the lists (the state hash
    /// after a decision feeds them to the digest) and the indexes a continued reconciliation
    /// reads.
    /// The directions whose reconciliation was continued from the rows of the state this one
    /// moved on from (empty until it is computed, or when each was made from scratch or reused).
    package var continuedDirections: Set<Direction> {
        reconciled?.continuation.continued ?? []
    }

    package func prepareForSigning() {
        state.keepListsForm()
        reconciled?.continuation.prepare()
    }
}

public import ParleyCrypto

extension ExchangeState {
    /// Every dispute, ordered by id, with the comments and closes that count.
    ///
    /// A close counts when its author opened the dispute or is a mediator. Comments and closes are
    /// matched to disputes once the whole state is folded, so they do not depend on which author's
    /// chain was applied first. Those a sealed phase sets aside (a dispute about one of its people,
    /// after the author's cutoff, ``Finality/setsAside(about:by:seq:)``) do not count.
    public var disputes: [Dispute] {
        var comments: [EnvelopeID: [Authored<CommentDispute>]] = [:]
        for comment in disputeComments.values {
            guard let open = disputeOpens[comment.body.dispute], !sealedPhaseSetsAside(open, comment.author, comment.seq) else { continue }
            comments[comment.body.dispute, default: []].append(comment)
        }
        var closes: [EnvelopeID: [Authored<CloseDispute>]] = [:]
        for close in disputeCloses.values {
            guard let open = disputeOpens[close.body.dispute], mayClose(open, close.author),
                  !sealedPhaseSetsAside(open, close.author, close.seq)
            else { continue }
            closes[close.body.dispute, default: []].append(close)
        }
        return disputeOpens.values.sorted { $0.envelope < $1.envelope }.map { open in
            Dispute(
                open: open,
                comments: (comments[open.envelope] ?? []).sorted(by: Authored.canonicalOrder),
                closes: (closes[open.envelope] ?? []).sorted(by: Authored.canonicalOrder)
            )
        }
    }

    /// The disputes still open, ordered by id.
    public var openDisputes: [Dispute] {
        disputes.filter(\.isOpen)
    }

    /// The open disputes about `ref`, ordered by id.
    public func openDisputes(about ref: EntryRef) -> [Dispute] {
        openDisputes.filter { $0.about.contains(ref) }
    }

    /// The envelopes that are valid in the log but have no effect, ordered by envelope id.
    public var ignored: [IgnoredOperation] {
        var out: [IgnoredOperation] = []
        for comment in disputeComments.values {
            guard let open = disputeOpens[comment.body.dispute] else {
                out.append(IgnoredOperation(envelope: comment.envelope, author: comment.author, operation: .commentDispute, reason: .unknownDispute))
                continue
            }
            if sealedPhaseSetsAside(open, comment.author, comment.seq) {
                out.append(IgnoredOperation(envelope: comment.envelope, author: comment.author, operation: .commentDispute, reason: .finalized))
            }
        }
        for close in disputeCloses.values {
            guard let open = disputeOpens[close.body.dispute] else {
                out.append(IgnoredOperation(envelope: close.envelope, author: close.author, operation: .closeDispute, reason: .unknownDispute))
                continue
            }
            if sealedPhaseSetsAside(open, close.author, close.seq) {
                out.append(IgnoredOperation(envelope: close.envelope, author: close.author, operation: .closeDispute, reason: .finalized))
            } else if !mayClose(open, close.author) {
                out.append(IgnoredOperation(envelope: close.envelope, author: close.author, operation: .closeDispute, reason: .notOpenerOrMediator))
            }
        }
        let proposed = Set(proposals.values.map(\.body.manifest))
        let counted = Set(countedSignatures.map(\.envelope))
        for sign in manifestSignatures.values where !counted.contains(sign.envelope) {
            let reason: IgnoredOperation.Reason = isSetAside(sign)
                ? .finalized : proposed.contains(sign.body.manifest) ? .duplicateSignature : .unknownManifest
            out.append(IgnoredOperation(envelope: sign.envelope, author: sign.author, operation: .signManifest, reason: reason))
        }
        for propose in proposals.values where isSetAside(propose) {
            out.append(IgnoredOperation(envelope: propose.envelope, author: propose.author, operation: .proposeManifest, reason: .finalized))
        }
        let countedErasures = Set(countedErasures.map(\.envelope))
        for erase in erasures.values where !countedErasures.contains(erase.envelope) {
            let closing = closingSeq(of: erase.author)
            let reason: IgnoredOperation.Reason = closing.map { erase.seq > $0 } == true ? .duplicateErasure : .notClosed
            out.append(IgnoredOperation(envelope: erase.envelope, author: erase.author, operation: .eraseExchange, reason: reason))
        }
        for fact in setAside.values {
            out.append(IgnoredOperation(envelope: fact.envelope, author: fact.author, operation: fact.body.name, reason: .finalized))
        }
        return out.sorted { $0.envelope < $1.envelope }
    }

    /// The hand decisions on the pair `request`–`release`, one per author, by author key id.
    public func matchDecisions(request: EntryRef, release: EntryRef) -> [Authored<MatchDecision>] {
        matchDecisions.values
            .filter { $0.body.pair.request == request && $0.body.pair.release == release }
            .sorted(by: Authored.canonicalOrder)
    }

    /// The attestations about `ref`, by author key id then seq.
    public func attestations(about ref: EntryRef) -> [Authored<Attest>] {
        attestations.values.filter { $0.body.entry == ref }.sorted(by: Authored.canonicalOrder)
    }

    /// Whether a comment or close by `author` at `seq` of the dispute opened by `open` is set aside
    /// because the dispute is about a sealed phase's person (PROTOCOL.md §7.1).
    private func sealedPhaseSetsAside(_ open: Authored<OpenDispute>, _ author: KeyID, _ seq: Int) -> Bool {
        finality.setsAside(about: open.body.about, by: author, seq: seq)
    }

    /// Whether `author` may close the dispute opened by `open`: its opener or a mediator.
    private func mayClose(_ open: Authored<OpenDispute>, _ author: KeyID) -> Bool {
        author == open.author || participant(author)?.role == .mediator
    }

    /// The signatures that count: for each key and proposed manifest, its sign with the lowest
    /// seq, less those ``finality`` sets aside (signs of a manifest that is not final, after their
    /// author's cutoff).
    var countedSignatures: [Authored<SignManifest>] {
        allCountedSignatures.filter { !isSetAside($0) }
    }

    /// The proposals in force: every `manifest.propose` less those ``finality`` sets aside.
    var proposalsInForce: [Authored<ProposeManifest>] {
        proposals.values.filter { !isSetAside($0) }
    }

    /// Whether ``finality`` sets aside a recorded signature.
    private func isSetAside(_ sign: Authored<SignManifest>) -> Bool {
        participant(sign.author).map { finality.setsAside(.signManifest(sign.body), by: $0, seq: sign.seq) } ?? false
    }

    /// Whether ``finality`` sets aside a recorded proposal.
    private func isSetAside(_ propose: Authored<ProposeManifest>) -> Bool {
        participant(propose.author).map { finality.setsAside(.proposeManifest(propose.body), by: $0, seq: propose.seq) } ?? false
    }

    /// For each key and manifest any mediator proposed, its sign with the lowest seq: what
    /// finality is computed from.
    var allCountedSignatures: [Authored<SignManifest>] {
        let proposed = Set(proposals.values.map(\.body.manifest))
        var first: [String: Authored<SignManifest>] = [:]
        for sign in manifestSignatures.values where proposed.contains(sign.body.manifest) {
            let key = sign.author.hex + sign.body.manifest
            if let other = first[key], other.seq < sign.seq { continue }
            first[key] = sign
        }
        return first.values.sorted(by: Authored.canonicalOrder)
    }

    /// The highest seq of `author`'s chain that finality rests on: its counted signatures of
    /// final manifests and its proposals of them (`nil` when none). A revocation sets aside
    /// nothing at or below it (PROTOCOL.md §5.16), so a final manifest stays final.
    ///
    /// - Parameter author: A participant's id.
    public func finalityFloor(of author: KeyID) -> Int? {
        let final = Set(finality.manifests)
        let signs = allCountedSignatures.lazy.filter { $0.author == author && final.contains($0.body.manifest) }.map(\.seq)
        let proposed = proposals.values.lazy.filter { $0.author == author && final.contains($0.body.manifest) }.map(\.seq)
        return (Array(signs) + Array(proposed)).max()
    }
}

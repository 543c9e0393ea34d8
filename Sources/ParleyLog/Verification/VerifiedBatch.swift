public import ParleyCrypto

/// Envelopes of one exchange that a verifier of this module has accepted for storing: the only
/// thing a replica appends, so that "store only what was verified" is a rule of the types rather
/// than a comment.
///
/// Only ``ChainExtension`` (new envelopes against the stored chain heads) and ``Verifier`` (a
/// genesis, or a whole log) build one; its initializer is internal to `ParleyLog`.
public struct VerifiedBatch: Sendable {
    /// The exchange.
    public let exchange: ExchangeID
    /// What to store, in append order: each author's chain contiguous by seq, the genesis first.
    /// Every link of a chain is here, including one whose operation the author's role forbids
    /// (the chain continues through it, and the fold ignores it), and every ``forks`` envelope.
    public let envelopes: [SignedEnvelope]
    /// The envelopes the state folds, in fold order (by author key id, then seq): ``envelopes``
    /// less the rejected links and the forks.
    public let folded: [SignedEnvelope]
    /// Validly signed envelopes at a seq their author's stored chain already covers: each proves
    /// an equivocation together with the stored envelope, and is stored as that proof.
    public let forks: [SignedEnvelope]
    /// Each author's chain head the batch was verified against (authors without one absent).
    /// A replica appends the batch only if these are still its heads for ``authors``.
    public let base: [KeyID: ChainHead]
    /// Each author's chain head after the batch (every author of ``base`` and of the batch).
    public let heads: [KeyID: ChainHead]
    /// The genesis body when the batch creates the exchange.
    public let genesis: CreateExchange?

    init(
        exchange: ExchangeID, envelopes: [SignedEnvelope], folded: [SignedEnvelope], forks: [SignedEnvelope],
        base: [KeyID: ChainHead], heads: [KeyID: ChainHead], genesis: CreateExchange?
    ) {
        self.exchange = exchange
        self.envelopes = envelopes
        self.folded = folded
        self.forks = forks
        self.base = base
        self.heads = heads
        self.genesis = genesis
    }

    /// The authors whose chains the batch touches (their heads must not move before it is stored).
    public var authors: Set<KeyID> {
        Set(envelopes.map(\.envelope.author))
    }

    /// Whether there is nothing to store.
    public var isEmpty: Bool { envelopes.isEmpty }

    /// Whether the batch changes what was folded before it, so that the state must be folded
    /// again from the whole log: a fork cuts a chain short, and a `key.revoke` whose `from` lies
    /// below its own seq sets aside envelopes already folded.
    public var refoldsState: Bool {
        !forks.isEmpty || folded.contains { envelope in
            if case let .revokeKey(revoke) = envelope.envelope.operation { revoke.from < envelope.envelope.seq } else { false }
        }
    }

    /// Whether the batch must be folded with the whole log rather than applied to `state`:
    /// ``refoldsState``, or the batch proposes or signs a manifest while a `key.revoke` folded
    /// in `state` set envelopes aside. Finality counts the proposals and signatures a revocation
    /// sets aside (PROTOCOL.md §5.16, §7.1), so a manifest this batch makes final can bring back
    /// what the revocation set aside, which no incremental step undoes.
    public func refoldsState(onto state: ExchangeState) -> Bool {
        if refoldsState { return true }
        let concernsManifests = folded.contains { envelope in
            switch envelope.envelope.operation {
            case .proposeManifest, .signManifest: true
            default: false
            }
        }
        return concernsManifests && state.keyOperations.values.contains { operation in
            if case let .revokeKey(revoke) = operation.body { revoke.from < operation.seq } else { false }
        }
    }
}

extension ExtensionReport {
    /// The batch to store: each author's new links up to the first rejected one (a replica holds
    /// only valid envelopes, so that it verifies clean; the envelopes after a rejected link would
    /// not attach), and every fork proof, verified against `base`.
    ///
    /// - Parameter base: The heads the extension was verified against.
    /// - Returns: The batch.
    func batch(base: [KeyID: ChainHead]) -> VerifiedBatch {
        var stored: [SignedEnvelope] = []
        var heads = base
        var stopped: Set<KeyID> = []
        for link in links {
            let author = link.envelope.author
            guard !stopped.contains(author) else { continue }
            guard verdicts[link.id]?.isValid == true else {
                stopped.insert(author)
                continue
            }
            stored.append(link)
            heads[author] = ChainHead(seq: link.envelope.seq, id: link.id)
        }
        return VerifiedBatch(
            exchange: exchange, envelopes: stored + forks, folded: stored, forks: forks,
            base: base, heads: heads, genesis: nil
        )
    }
}

extension VerificationReport {
    /// The batch that creates the exchange, when the report is of a clean log holding its genesis:
    /// every folded envelope, in fold order, the genesis first; `nil` otherwise.
    public var creatingBatch: VerifiedBatch? {
        guard isClean, let state, let genesis = envelopes[exchange.genesis],
              case let .createExchange(create) = genesis.envelope.operation
        else { return nil }
        _ = state
        let rest = folded.filter { $0.id != genesis.id }
        return VerifiedBatch(
            exchange: exchange, envelopes: [genesis] + rest, folded: folded, forks: [],
            base: [:], heads: heads, genesis: create
        )
    }
}

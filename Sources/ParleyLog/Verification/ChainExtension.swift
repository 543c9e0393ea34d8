public import ParleyCrypto
import ParleyMatch

/// Verifies a batch of new envelopes against a log that is already verified, knowing only the
/// exchange's participants and each author's chain head: what a server or a replica does when
/// envelopes arrive, without reading back the envelopes it stores.
///
/// The batch must hold envelopes that are not stored yet. For each distinct envelope, the rules
/// of ``Verifier`` with the stored log standing in for the envelopes it lacks:
///
/// 1. Exchange: it names this exchange; a genesis in a batch is `wrongExchange` (the exchange
///    exists, so its genesis is stored).
/// 2. Author: a participant (`notAParticipant`).
/// 3. Signature: by the key the chain has in force there (``ChainKeys``: the identity key given
///    in `keys`, else the genesis key, followed through the batch's own key operations; a
///    handover's countersignature too) (`badSignature`); checked on every core. Envelopes failing
///    1–3 are not links. A fork at a seq the head covers is checked with the keys in force at the
///    head, so a fork signed by a key the chain rotated away from is `badSignature`.
/// 4. Chain, per author by seq: a link at a seq the head already covers would fork the chain
///    (`equivocation`), as would a link whose `prev` is such a link. Otherwise seq head + 1 needs
///    `prev` = the head's id (seq 1 needs `prev` null), and a later seq needs an accepted link at
///    seq − 1 (`seqGap`) whose id is `prev` (`prevMismatch`). Two accepted links at one seq fork
///    the chain in the batch itself: both, and every link after them, get `equivocation`.
/// 5. Role: ``Participant/mayAuthor(_:)`` (`roleNotAllowed`); the chain continues through such a
///    link.
///
/// For a batch with at most one fault, the verdicts are those ``Verifier`` gives the same
/// envelopes among the whole log, except that a fork of a stored chain is `equivocation` here
/// where ``Verifier`` reports an ``Equivocation``.
public struct ChainExtension: Sendable {
    /// The exchange.
    public let exchange: ExchangeID
    /// The exchange's participants by key id, from its genesis.
    public let participants: [KeyID: Participant]

    /// An extension check for the exchange whose genesis lists `participants`.
    ///
    /// - Parameters:
    ///   - exchange: The exchange.
    ///   - participants: The participants of its genesis `exchange.create`.
    public init(exchange: ExchangeID, participants: some Sequence<Participant>) {
        self.exchange = exchange
        self.participants = Dictionary(participants.map { ($0.keyID, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// An extension check for the exchange created by `create`.
    ///
    /// - Parameters:
    ///   - exchange: The exchange.
    ///   - create: The body of its genesis.
    public init(exchange: ExchangeID, create: CreateExchange) {
        self.init(exchange: exchange, participants: create.participants)
    }

    /// Verifies a batch of parsed envelopes.
    ///
    /// - Parameters:
    ///   - batch: Envelopes not stored yet, in any order, duplicates allowed.
    ///   - heads: Each author's last stored envelope (authors without one are absent).
    ///   - frozen: Authors whose stored chain already forks: it is folded only up to the fork,
    ///     so every new envelope of theirs is `equivocation` (and is not a fork proof: one is stored).
    /// - Returns: The verdicts and what to append, in order.
    ///   - keys: The keys in force of each chain that has a key operation (``ExchangeState/chainKeys``);
    ///     other chains sign with their genesis key.
    public func verify(
        _ batch: [SignedEnvelope], heads: [KeyID: ChainHead], frozen: Set<KeyID> = [], keys: [KeyID: ChainKeys] = [:]
    ) -> ExtensionReport {
        verify(parsed: batch.map { .success($0) }, heads: heads, frozen: frozen, signatures: nil, keys: keys)
    }

    /// The signatures of a batch, checked on every core: the costly part of ``verify(_:heads:frozen:)``,
    /// which needs no chain head, so a server runs it before it queues for the exchange's log.
    ///
    /// Each envelope is checked with the key its chain would have in force if the batch's first
    /// envelope of that author attached to a chain whose keys are `keys`; the chain check reuses a
    /// result only when that is the key it expects.
    ///
    /// - Parameters:
    ///   - batch: The envelopes.
    ///   - keys: The keys in force of the chains with a key operation, as far as known now.
    /// - Returns: For each id whose author is a participant, the key it was checked with and its
    ///   first copy with a valid signature.
    public func signatures(of batch: [SignedEnvelope], keys: [KeyID: ChainKeys] = [:]) -> SignatureCheck {
        var candidates: [SignedEnvelope] = []
        var seen: Set<EnvelopeID> = []
        var first: [KeyID: Int] = [:]
        for envelope in batch where participants[envelope.envelope.author] != nil && seen.insert(envelope.id).inserted {
            candidates.append(envelope)
            first[envelope.envelope.author] = min(first[envelope.envelope.author] ?? .max, envelope.envelope.seq)
        }
        let expected = ChainKeys.expected(for: candidates) { author in
            start(author, seq: (first[author] ?? 1) - 1, keys: keys)
        }
        let signed = batch.concurrentMap(chunkSize: 64) { envelope -> (EnvelopeID, PublicKey, SignedEnvelope?)? in
            guard let signer = expected[envelope.id]?.signer(of: envelope.envelope) else { return nil }
            return (envelope.id, signer, envelope.isSigned(by: signer) ? envelope : nil)
        }
        var valid: [EnvelopeID: SignedEnvelope] = [:]
        var signers: [EnvelopeID: PublicKey] = [:]
        for case let (id, signer, envelope)? in signed {
            signers[id] = signer
            if let envelope, valid[id] == nil { valid[id] = envelope }
        }
        return SignatureCheck(exchange: exchange, signed: valid, signers: signers)
    }

    /// Where an author's keys are known: after `seq`, with `keys`' entry or the genesis key.
    private func start(_ author: KeyID, seq: Int, keys: [KeyID: ChainKeys]) -> ChainKeys.Start? {
        guard let participant = participants[author] else { return nil }
        return ChainKeys.Start(seq: seq, keys: keys[author] ?? ChainKeys(identity: participant.publicKey))
    }

    /// ``verify(_:heads:frozen:)`` with the signatures already checked (``signatures(of:)``): only
    /// the rules that need the heads run here.
    ///
    /// - Parameters:
    ///   - batch: The envelopes the signatures were checked of.
    ///   - signatures: Their check, by this extension.
    ///   - heads: Each author's last stored envelope.
    ///   - frozen: Authors whose stored chain already forks.
    ///   - keys: The keys in force of the chains with a key operation.
    /// - Returns: The verdicts and what to append, in order.
    public func verify(
        _ batch: [SignedEnvelope], signatures: SignatureCheck, heads: [KeyID: ChainHead], frozen: Set<KeyID> = [],
        keys: [KeyID: ChainKeys] = [:]
    ) -> ExtensionReport {
        precondition(signatures.exchange == exchange, "signatures checked for another exchange")
        return verify(parsed: batch.map { .success($0) }, heads: heads, frozen: frozen, signatures: signatures, keys: keys)
    }

    /// Verifies a batch in wire form; unreadable envelopes get `malformed`.
    ///
    /// - Parameters:
    ///   - wire: The wire bytes of each envelope not stored yet.
    ///   - heads: Each author's last stored envelope.
    ///   - frozen: Authors whose stored chain already forks (see ``verify(_:heads:frozen:keys:)``).
    ///   - keys: The keys in force of the chains with a key operation.
    /// - Returns: The verdicts and what to append, in order.
    public func verify(
        wire: [[UInt8]], heads: [KeyID: ChainHead], frozen: Set<KeyID> = [], keys: [KeyID: ChainKeys] = [:]
    ) -> ExtensionReport {
        verify(parsed: wire.concurrentMap(chunkSize: 256) { bytes in
            Result { () throws(LogError) in try SignedEnvelope(parsing: bytes) }
        }, heads: heads, frozen: frozen, signatures: nil, keys: keys)
    }

    private func verify(
        parsed inputs: [Result<SignedEnvelope, LogError>], heads: [KeyID: ChainHead], frozen: Set<KeyID>,
        signatures: SignatureCheck?, keys chainKeys: [KeyID: ChainKeys]
    ) -> ExtensionReport {
        var copies: [EnvelopeID: [SignedEnvelope]] = [:]
        copies.reserveCapacity(inputs.count)
        var order: [EnvelopeID] = []
        order.reserveCapacity(inputs.count)
        for case let .success(envelope) in inputs {
            if copies[envelope.id] == nil { order.append(envelope.id) }
            copies[envelope.id, default: []].append(envelope)
        }

        // Rules 1–2, then the keys each candidate must be signed with (along the `prev` links from
        // the head), then the signatures on every core, then rule 5.
        var reasons: [EnvelopeID: [Reason]] = [:]
        reasons.reserveCapacity(order.count)
        var candidates: [SignedEnvelope] = []
        var isCandidate: [Bool] = []
        isCandidate.reserveCapacity(order.count)
        for id in order {
            let envelope = copies[id]?[0]
            if let envelope, envelope.envelope.isGenesis || envelope.envelope.exchange != exchange {
                reasons[id] = [.wrongExchange]
                isCandidate.append(false)
            } else if let envelope, participants[envelope.envelope.author] != nil {
                candidates.append(envelope)
                reasons[id] = []
                isCandidate.append(true)
            } else {
                reasons[id] = [.notAParticipant]
                isCandidate.append(false)
            }
        }
        let expected = ChainKeys.expected(for: candidates) { author in
            start(author, seq: heads[author]?.seq ?? 0, keys: chainKeys)
        }
        let keyed = zip(order, isCandidate).map { id, isCandidate in
            (id: id, group: copies[id] ?? [], keys: expected[id], isCandidate: isCandidate)
        }
        let exchange = exchange
        let check: @Sendable ((id: EnvelopeID, group: [SignedEnvelope], keys: ChainKeys?, isCandidate: Bool)) -> SignedEnvelope? = { item in
            guard let keys = item.keys else { return nil }
            if let signatures, let signer = keys.signer(of: item.group[0].envelope), signatures.signers[item.id] == signer {
                return signatures.signed[item.id].flatMap { keys.isHandoverSound($0.envelope, in: exchange) ? $0 : nil }
            }
            return item.group.first { keys.accepts($0, in: exchange) }
        }
        let signedCopies = signatures == nil ? keyed.concurrentMap(chunkSize: 64, check) : keyed.map(check)
        var keys: [EnvelopeID: PublicKey] = [:]
        keys.reserveCapacity(keyed.count)
        var representatives: [EnvelopeID: SignedEnvelope] = [:]
        representatives.reserveCapacity(keyed.count)
        var links: [KeyID: [Int: [SignedEnvelope]]] = [:]
        for (item, signed) in zip(keyed, signedCopies) {
            representatives[item.id] = signed ?? item.group[0]
            guard item.isCandidate else { continue }
            let envelope = item.group[0].envelope
            guard let itemKeys = item.keys else {
                // Its `prev` names neither the head nor a link of the batch: rule 4 refuses it.
                links[envelope.author, default: [:]][envelope.seq, default: []].append(item.group[0])
                continue
            }
            keys[item.id] = itemKeys.signer(of: envelope)
            guard let signed else {
                reasons[item.id, default: []].append(.badSignature)
                continue
            }
            links[envelope.author, default: [:]][envelope.seq, default: []].append(signed)
            if participants[envelope.author]?.mayAuthor(envelope.operation) != true {
                reasons[item.id, default: []].append(.roleNotAllowed)
            }
        }

        // Rule 4, per author, in append order.
        var appended: [SignedEnvelope] = []
        var forks: [SignedEnvelope] = []
        var newHeads = heads
        for author in links.keys.sorted() {
            if frozen.contains(author) {
                for link in (links[author] ?? [:]).values.joined() {
                    reasons[link.id, default: []].insert(.equivocation, at: 0)
                }
                continue
            }
            let chain = extend(heads[author], with: links[author] ?? [:], reasons: &reasons, forks: &forks)
            appended += chain
            if let last = chain.last {
                newHeads[author] = ChainHead(seq: last.envelope.seq, id: last.id)
            }
        }

        let verdicts = reasons.mapValues { $0.isEmpty ? Verdict.valid : .invalid($0) }
        let entries = VerificationReport.Entry.entries(
            for: inputs, verdicts: verdicts, keys: keys, representatives: representatives
        )
        return ExtensionReport(
            exchange: exchange, entries: entries, verdicts: verdicts, links: appended,
            accepted: appended.filter { reasons[$0.id]?.isEmpty == true }, forks: forks, base: heads, heads: newHeads
        )
    }

    /// Checks rule 4 for one author's signed links (by seq) after `head`; returns the links that
    /// extend the chain, in seq order.
    /// A link at a seq the head already covers goes to `forks` (the proof of an equivocation).
    private func extend(
        _ head: ChainHead?, with bySeq: [Int: [SignedEnvelope]], reasons: inout [EnvelopeID: [Reason]],
        forks: inout [SignedEnvelope]
    ) -> [SignedEnvelope] {
        let headSeq = head?.seq ?? 0
        var accepted: [Int: [SignedEnvelope]] = [:]
        var branch: Set<EnvelopeID> = []
        for seq in bySeq.keys.sorted() {
            let previous = Set((accepted[seq - 1] ?? []).map(\.id))
            for link in bySeq[seq] ?? [] {
                let prev = link.envelope.prev
                var problem: Reason?
                if seq <= headSeq || prev.map({ branch.contains($0) }) == true {
                    problem = .equivocation
                    if seq <= headSeq { forks.append(link) }
                    branch.insert(link.id)
                } else if seq == 1 {
                    problem = prev == nil ? nil : .prevMismatch
                } else if seq == headSeq + 1 {
                    problem = prev == head?.id ? nil : .prevMismatch
                } else if previous.isEmpty {
                    problem = .seqGap
                } else if prev.map({ !previous.contains($0) }) ?? true {
                    problem = .prevMismatch
                }
                if let problem {
                    reasons[link.id, default: []].insert(problem, at: 0)
                } else {
                    accepted[seq, default: []].append(link)
                }
            }
        }
        var chain: [SignedEnvelope] = []
        var seq = headSeq + 1
        while let links = accepted[seq] {
            guard links.count == 1 else {
                // A fork inside the batch: neither branch extends the chain.
                for forked in accepted.filter({ $0.key >= seq }).values.joined() {
                    reasons[forked.id, default: []].insert(.equivocation, at: 0)
                }
                break
            }
            chain.append(links[0])
            seq += 1
        }
        return chain
    }
}

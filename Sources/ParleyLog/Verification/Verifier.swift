import ParleyCrypto
import ParleyMatch

/// Verifies the envelopes of one exchange and folds the accepted ones into its state.
///
/// A pure function of the set of envelopes: the order they come in and duplicates change nothing
/// but the per-input ``VerificationReport/entries``. The rules, in order:
///
/// 1. Exchange: the genesis is the envelope whose id is the exchange id; any other envelope must
///    name the exchange (`wrongExchange`).
/// 2. Author: keys come only from a validly signed genesis (`unknownAuthor` without one); the author
///    must be a participant (`notAParticipant`).
/// 3. Signature: Ed25519 over `parley/v1/envelope` ‖ 0x00 ‖ canonical bytes by the key the
///    author's chain has in force there (``ChainKeys``, found along the `prev` links: the genesis
///    key until a `key.rotate` or `key.revoke` hands the chain on; the recovery key for a
///    `key.revoke`), with a handover's countersignature (`badSignature`). An envelope whose `prev`
///    names no envelope of its author at seq − 1 gets only rule 4's reason. Envelopes failing 1–3
///    are not links of any chain.
/// 4. Chain: seq 1 has `prev` null; seq n > 1 needs an accepted link at n − 1 (`seqGap`) whose id
///    is `prev` (`prevMismatch`). A link may carry an operation rejected by rule 5; the chain
///    continues through it.
/// 5. Role: only operations the author's role may author (``Participant/mayAuthor(_:)``;
///    `roleNotAllowed`).
///
/// Two or more links at one (author, seq) are an ``Equivocation``; that author's chain is folded
/// only up to the seq before the first fork, unless exactly one of them is a `key.revoke`, which
/// wins: the others and what follows them are set aside (``VerificationReport/setAside``), as are
/// the links a revocation's `from` names (``ChainWalk``).
public struct Verifier: Sendable {
    /// The exchange whose envelopes are verified.
    public let exchange: ExchangeID

    /// A verifier for one exchange.
    public init(exchange: ExchangeID) {
        self.exchange = exchange
    }

    /// Verifies parsed envelopes.
    ///
    /// - Parameter envelopes: Any envelopes, in any order, duplicates allowed.
    /// - Returns: The verdicts, equivocations and state.
    public func verify(_ envelopes: [SignedEnvelope]) -> VerificationReport {
        verify(parsed: envelopes.map { .success($0) })
    }

    /// Verifies envelopes in their wire form; unreadable ones get `malformed`.
    ///
    /// - Parameter wire: The wire bytes of each envelope.
    /// - Returns: The verdicts, equivocations and state.
    public func verify(wire: [[UInt8]]) -> VerificationReport {
        verify(parsed: wire.concurrentMap { bytes in
            Result { () throws(LogError) in try SignedEnvelope(parsing: bytes) }
        })
    }

    /// Verifies envelopes in their wire form after `prepare` has seen the ones that parse: a
    /// party opens their sealed records there (the same bytes and ids, with the fields it could
    /// open), so the fold is a pure function of the envelopes and what the party could open.
    ///
    /// - Parameters:
    ///   - wire: The wire bytes of each envelope.
    ///   - prepare: Given the envelopes that parse, in order, returns them in the same order,
    ///     each with the same id.
    /// - Returns: The verdicts, equivocations and state.
    public func verify(wire: [[UInt8]], preparing prepare: ([SignedEnvelope]) -> [SignedEnvelope]) -> VerificationReport {
        let parsed = wire.concurrentMap { bytes in
            Result { () throws(LogError) in try SignedEnvelope(parsing: bytes) }
        }
        var prepared = prepare(parsed.compactMap { try? $0.get() }).makeIterator()
        return verify(parsed: parsed.map { result in
            result.map { envelope in
                guard let next = prepared.next() else { preconditionFailure("prepare must return every envelope it was given") }
                precondition(next.id == envelope.id, "prepare must keep each envelope's id")
                return next
            }
        })
    }

    private func verify(parsed inputs: [Result<SignedEnvelope, LogError>]) -> VerificationReport {
        var copies: [EnvelopeID: [SignedEnvelope]] = [:]
        copies.reserveCapacity(inputs.count)
        for case let .success(envelope) in inputs {
            copies[envelope.id, default: []].append(envelope)
        }
        let genesis = validGenesis(among: copies[exchange.genesis] ?? [])
        let participants = genesis.map { Dictionary(uniqueKeysWithValues: $0.create.participants.map { ($0.keyID, $0) }) }

        // Rules 1–2, per distinct id; then the keys each candidate link must be signed with
        // (the chain's keys after the envelope its `prev` names), then the signatures on every
        // core (the costly part), then rule 5.
        var reasons: [EnvelopeID: [Reason]] = [:]
        reasons.reserveCapacity(copies.count)
        var authors: [EnvelopeID: Participant] = [:]
        authors.reserveCapacity(copies.count)
        for (id, group) in copies {
            var found: [Reason] = []
            authors[id] = author(of: group[0].envelope, id: id, participants: participants, reasons: &found)
            reasons[id] = found
        }
        let candidates = authors.keys.compactMap { copies[$0]?.first }
        let owners = Dictionary(authors.values.map { ($0.keyID, $0) }, uniquingKeysWith: { first, _ in first })
        let expected = ChainKeys.expected(for: candidates) { author in
            owners[author].map { ChainKeys.Start(seq: 0, keys: ChainKeys(identity: $0.publicKey)) }
        }
        let keyed = authors.keys.map { id in (id: id, group: copies[id] ?? [], keys: expected[id]) }
        let signedCopies = keyed.concurrentMap(chunkSize: 2_048) { item in
            item.keys.flatMap { keys in item.group.first { keys.accepts($0, in: exchange) } }
        }
        var keys: [EnvelopeID: PublicKey] = [:]
        var representatives: [EnvelopeID: SignedEnvelope] = [:]
        var links: [KeyID: [Int: [SignedEnvelope]]] = [:]
        for (id, group) in copies where authors[id] == nil {
            representatives[id] = group[0]
        }
        for ((id, group, chainKeys), signed) in zip(keyed, signedCopies) {
            let envelope = group[0].envelope
            representatives[id] = signed ?? group[0]
            guard let chainKeys else {
                // Its `prev` names no envelope of its author at seq − 1: rule 4 refuses it
                // whatever its signature.
                links[envelope.author, default: [:]][envelope.seq, default: []].append(group[0])
                continue
            }
            keys[id] = chainKeys.signer(of: envelope)
            guard let signed else {
                reasons[id, default: []].append(.badSignature)
                continue
            }
            links[envelope.author, default: [:]][envelope.seq, default: []].append(signed)
            if authors[id]?.mayAuthor(envelope.operation) != true {
                reasons[id, default: []].append(.roleNotAllowed)
            }
        }

        // Rule 4, equivocations and recoveries, per author.
        var equivocations: [Equivocation] = []
        var folded: [SignedEnvelope] = []
        var setAside: [SignedEnvelope] = []
        var heads: [KeyID: ChainHead] = [:]
        var state = genesis.map { ExchangeState(exchange: exchange, create: $0.create) }
        var walks: [(author: KeyID, walk: ChainWalk)] = []
        for author in links.keys.sorted() {
            let chain = checkChain(links[author] ?? [:], reasons: &reasons)
            let walk = ChainWalk(chain)
            for (seq, forks) in walk.forks {
                equivocations.append(Equivocation(author: author, seq: seq, envelopes: forks))
            }
            walks.append((author, walk))
            if participants?[author] != nil, let last = walk.path.last {
                heads[author] = ChainHead(seq: last.envelope.seq, id: last.id)
            }
        }
        // Finality before any revocation point is applied: a revocation sets aside nothing that a
        // final manifest rests on (PROTOCOL.md §5.16, §7.1).
        let floors = state.map { finalityFloors(walks, start: $0, participants: participants ?? [:], reasons: reasons) } ?? [:]
        var toFold: [(SignedEnvelope, Participant)] = []
        for (author, walk) in walks {
            let aside = walk.setAside(above: floors[author] ?? 0)
            setAside += aside
            guard let participant = participants?[author] else { continue }
            let asideIDs = Set(aside.map(\.id))
            for link in walk.path where reasons[link.id]?.isEmpty == true && !asideIDs.contains(link.id) {
                toFold.append((link, participant))
                folded.append(link)
            }
        }

        for (link, participant) in ExchangeState.foldingOrder(toFold, operation: \.0.envelope.operation) {
            state?.apply(link, by: participant)
        }

        let verdicts = reasons.mapValues { $0.isEmpty ? Verdict.valid : .invalid($0) }
        let entries = VerificationReport.Entry.entries(
            for: inputs, verdicts: verdicts, keys: keys, representatives: representatives
        )
        return VerificationReport(
            exchange: exchange, entries: entries, verdicts: verdicts, envelopes: representatives,
            equivocations: equivocations, folded: folded, heads: heads, state: state, setAside: setAside
        )
    }

    /// For each author, the highest seq of its chain that a final manifest rests on (its counted
    /// signatures and its proposals of final manifests), with finality computed from the
    /// proposals and signatures the walks take, before any revocation point sets links aside.
    private func finalityFloors(
        _ walks: [(author: KeyID, walk: ChainWalk)], start: ExchangeState, participants: [KeyID: Participant],
        reasons: [EnvelopeID: [Reason]]
    ) -> [KeyID: Int] {
        var state = start
        for (author, walk) in walks {
            guard let participant = participants[author] else { continue }
            for link in walk.path where reasons[link.id]?.isEmpty == true {
                switch link.envelope.operation {
                case .proposeManifest, .signManifest: state.apply(link, by: participant)
                default: continue
                }
            }
        }
        guard state.finality.isFinal else { return [:] }
        return Dictionary(uniqueKeysWithValues: walks.compactMap { item in state.finalityFloor(of: item.author).map { (item.author, $0) } })
    }

    /// The genesis and its body, if a copy with the exchange's id is a validly signed genesis.
    private func validGenesis(among copies: [SignedEnvelope]) -> (envelope: SignedEnvelope, create: CreateExchange)? {
        for copy in copies {
            guard copy.envelope.isGenesis, case let .createExchange(create) = copy.envelope.operation,
                  let creator = create.participants.first(where: { $0.keyID == copy.envelope.author }),
                  copy.isSigned(by: creator.publicKey)
            else { continue }
            return (copy, create)
        }
        return nil
    }

    /// The participant whose chain `envelope` claims a place in, or `nil` with the reason it has
    /// none (rules 1–2).
    private func author(
        of envelope: Envelope, id: EnvelopeID, participants: [KeyID: Participant]?, reasons: inout [Reason]
    ) -> Participant? {
        if envelope.isGenesis {
            guard id == exchange.genesis else {
                reasons.append(.wrongExchange)
                return nil
            }
            guard case let .createExchange(create) = envelope.operation else { return nil }
            return create.participants.first { $0.keyID == envelope.author }
        }
        guard envelope.exchange == exchange else {
            reasons.append(.wrongExchange)
            return nil
        }
        guard let participants else {
            reasons.append(.unknownAuthor)
            return nil
        }
        guard let participant = participants[envelope.author] else {
            reasons.append(.notAParticipant)
            return nil
        }
        return participant
    }

    /// Checks rule 4 over one author's signed links (by seq) and returns the links that hold, by seq.
    private func checkChain(
        _ bySeq: [Int: [SignedEnvelope]], reasons: inout [EnvelopeID: [Reason]]
    ) -> [Int: [SignedEnvelope]] {
        var accepted: [Int: [SignedEnvelope]] = [:]
        for seq in bySeq.keys.sorted() {
            let previous = Set((accepted[seq - 1] ?? []).map(\.id))
            for link in bySeq[seq] ?? [] {
                let prev = link.envelope.prev
                var problem: Reason?
                if seq == 1 {
                    problem = prev == nil ? nil : .prevMismatch
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
        return accepted
    }
}

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
/// 3. Signature: Ed25519 by the author's key over `parley/v1/envelope` ‖ 0x00 ‖ canonical bytes
///    (`badSignature`). Envelopes failing 1–3 are not links of any chain.
/// 4. Chain: seq 1 has `prev` null; seq n > 1 needs an accepted link at n − 1 (`seqGap`) whose id
///    is `prev` (`prevMismatch`). A link may carry an operation rejected by rule 5; the chain
///    continues through it.
/// 5. Role: only operations the author's role may author (``Participant/mayAuthor(_:)``;
///    `roleNotAllowed`).
///
/// Two or more links at one (author, seq) are an ``Equivocation``; that author's chain is folded
/// only up to the seq before the first fork.
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

    private func verify(parsed inputs: [Result<SignedEnvelope, LogError>]) -> VerificationReport {
        var copies: [EnvelopeID: [SignedEnvelope]] = [:]
        for case let .success(envelope) in inputs {
            copies[envelope.id, default: []].append(envelope)
        }
        let genesis = validGenesis(among: copies[exchange.genesis] ?? [])
        let participants = genesis.map { Dictionary(uniqueKeysWithValues: $0.create.participants.map { ($0.keyID, $0) }) }

        // Rules 1–3 and 5, per distinct id.
        var reasons: [EnvelopeID: [Reason]] = [:]
        var keys: [EnvelopeID: PublicKey] = [:]
        var representatives: [EnvelopeID: SignedEnvelope] = [:]
        var links: [KeyID: [Int: [SignedEnvelope]]] = [:]
        // Keys first, then the signatures on every core (the costly part), then the rules.
        var keyed: [(id: EnvelopeID, group: [SignedEnvelope], key: PublicKey?, found: [Reason])] = []
        keyed.reserveCapacity(copies.count)
        for (id, group) in copies {
            var found: [Reason] = []
            let key = authorKey(of: group[0].envelope, id: id, participants: participants, reasons: &found)
            keyed.append((id, group, key, found))
        }
        let signedCopies = keyed.concurrentMap(chunkSize: 2_048) { item in
            item.key.flatMap { key in item.group.first { $0.isSigned(by: key) } }
        }
        for ((id, group, key, initial), signed) in zip(keyed, signedCopies) {
            let envelope = group[0].envelope
            var found = initial
            if key != nil, signed == nil {
                found.append(.badSignature)
            }
            keys[id] = key
            representatives[id] = signed ?? group[0]
            if let signed {
                links[envelope.author, default: [:]][envelope.seq, default: []].append(signed)
                if participants?[envelope.author]?.mayAuthor(envelope.operation) != true {
                    found.append(.roleNotAllowed)
                }
            }
            reasons[id] = found
        }

        // Rule 4 and equivocations, per author.
        var equivocations: [Equivocation] = []
        var folded: [SignedEnvelope] = []
        var heads: [KeyID: ChainHead] = [:]
        var state = genesis.map { ExchangeState(exchange: exchange, create: $0.create) }
        var toFold: [(SignedEnvelope, Participant)] = []
        for author in links.keys.sorted() {
            let chain = checkChain(links[author] ?? [:], reasons: &reasons)
            for (seq, forks) in chain.sorted(by: { $0.key < $1.key }) where forks.count > 1 {
                equivocations.append(Equivocation(author: author, seq: seq, envelopes: forks))
            }
            guard let participant = participants?[author] else { continue }
            var seq = 1
            while let links = chain[seq], links.count == 1 {
                let link = links[0]
                if reasons[link.id]?.isEmpty == true {
                    toFold.append((link, participant))
                    folded.append(link)
                }
                heads[author] = ChainHead(seq: seq, id: link.id)
                seq += 1
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
            equivocations: equivocations, folded: folded, heads: heads, state: state
        )
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

    /// The key that must have signed `envelope`, or `nil` with the reason it has none (rules 1–2).
    private func authorKey(
        of envelope: Envelope, id: EnvelopeID, participants: [KeyID: Participant]?, reasons: inout [Reason]
    ) -> PublicKey? {
        if envelope.isGenesis {
            guard id == exchange.genesis else {
                reasons.append(.wrongExchange)
                return nil
            }
            guard case let .createExchange(create) = envelope.operation else { return nil }
            return create.participants.first { $0.keyID == envelope.author }?.publicKey
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
        return participant.publicKey
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

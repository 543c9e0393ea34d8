import ParleyCrypto
import ParleyLog
import Testing

@Suite struct ChainExtensionTests {
    /// A random valid log: the genesis, then every participant's chain, interleaved at random.
    struct RandomLog {
        var genesis: SignedEnvelope
        var log: [SignedEnvelope]
        var exchange: ExchangeID

        init(seed: UInt64) throws {
            var rng = SplitMix64(state: seed)
            let (genesis, creator) = LogFixture.genesis()
            self.genesis = genesis
            self.exchange = creator.exchange
            var signers = [creator] + [LogFixture.ombudsmanA, LogFixture.headquartersB, LogFixture.mediator].map {
                EnvelopeSigner(key: $0, exchange: creator.exchange, head: nil)
            }
            var remaining = signers.map { _ in Int.random(in: 0...6, using: &rng) }
            var log = [genesis]
            var minute = 1
            while remaining.contains(where: { $0 > 0 }) {
                let author = remaining.indices.filter { remaining[$0] > 0 }.randomElement(using: &rng)!
                let list: ListKind = author == 3 ? .registry : (Bool.random(using: &rng) ? .request : .release)
                let operation: Operation = remaining[author] % 3 == 0 && signers[author].head != nil
                    ? .removeEntry(RemoveEntry(list: list, entry: "E-\(author)-0", reason: "synthetic"))
                    : LogFixture.put(list, "E-\(author)-\(remaining[author])", surname: "Synthetic\(minute)")
                log.append(try signers[author].sign(operation, at: LogFixture.time(minute)))
                remaining[author] -= 1
                minute += 1
            }
            self.log = log
        }
    }

    enum Fault: CaseIterable, CustomTestStringConvertible {
        case none, forgedSignature, nonParticipant, roleNotAllowed, gap, prevMismatch, fork
        var testDescription: String { "\(self)" }
    }

    /// `envelope` with one character of its signature changed (same id, bad signature).
    static func forged(_ envelope: SignedEnvelope) throws -> SignedEnvelope {
        var wire = envelope.wireBytes
        let position = wire.count - 2 - envelope.signatureBase64URL.utf8.count + 10
        wire[position] = wire[position] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        return try SignedEnvelope(parsing: wire)
    }

    /// Signs `operation` at `seq` with `prev` as `key`, whatever the chain says.
    static func raw(
        _ key: SigningKey, _ exchange: ExchangeID, seq: Int, prev: EnvelopeID?, _ operation: Operation, minute: Int = 500
    ) throws -> SignedEnvelope {
        try EnvelopeSigner.sign(Envelope(
            exchange: exchange, author: key.publicKey.keyID, seq: seq, prev: prev,
            timestamp: LogFixture.time(minute), operation: operation
        ), with: key)
    }

    @Test(arguments: Fault.allCases)
    func agreesWithTheFullVerifierOnSingleFaults(fault: Fault) throws {
        var applied = 0
        for seed in UInt64(1)...40 {
            var rng = SplitMix64(state: seed &* 7919 &+ UInt64(Fault.allCases.firstIndex(of: fault)!))
            let random = try RandomLog(seed: seed)
            let split = Int.random(in: 1...random.log.count, using: &rng)
            let prefix = Array(random.log[..<split])
            var batch = Array(random.log[split...])
            let prefixReport = Verifier(exchange: random.exchange).verify(prefix)
            let heads = prefixReport.heads
            var forkID: EnvelopeID?

            /// The last envelope of `key`'s chain in the whole log, if any.
            func last(_ key: SigningKey) -> SignedEnvelope? {
                random.log.last { $0.envelope.author == key.publicKey.keyID }
            }
            let authors = [LogFixture.headquartersA, LogFixture.ombudsmanA, LogFixture.headquartersB, LogFixture.mediator]
            switch fault {
            case .none:
                break
            case .forgedSignature:
                guard !batch.isEmpty else { continue }
                let index = Int.random(in: batch.indices, using: &rng)
                batch[index] = try Self.forged(batch[index])
            case .nonParticipant:
                batch.append(try Self.raw(LogFixture.outsider, random.exchange, seq: 1, prev: nil,
                                          LogFixture.put(.request, "X-1", surname: "Nobody")))
            case .roleNotAllowed:
                let key = authors.randomElement(using: &rng)!
                let end = last(key)
                let list: ListKind = key.publicKey == LogFixture.mediator.publicKey ? .request : .registry
                batch.append(try Self.raw(key, random.exchange, seq: (end?.envelope.seq ?? 0) + 1, prev: end?.id,
                                          LogFixture.put(list, "R-1", surname: "Forbidden")))
            case .gap:
                let candidates = batch.indices.filter { index in
                    batch.contains { $0.envelope.author == batch[index].envelope.author && $0.envelope.seq == batch[index].envelope.seq + 1 }
                }
                guard let index = candidates.randomElement(using: &rng) else { continue }
                batch.remove(at: index)
            case .prevMismatch:
                let key = authors.randomElement(using: &rng)!
                let end = last(key)
                let elsewhere = EnvelopeID(hex: String(repeating: "0f", count: 32))!
                batch.append(try Self.raw(key, random.exchange, seq: (end?.envelope.seq ?? 0) + 1, prev: elsewhere,
                                          LogFixture.put(key.publicKey == LogFixture.mediator.publicKey ? .registry : .request,
                                                         "P-1", surname: "Misplaced")))
            case .fork:
                let candidates = authors.filter { heads[$0.publicKey.keyID] != nil }
                let key = candidates.randomElement(using: &rng)!
                let seq = Int.random(in: 1...heads[key.publicKey.keyID]!.seq, using: &rng)
                let prev = prefix.first { $0.envelope.author == key.publicKey.keyID && $0.envelope.seq == seq - 1 }?.id
                let fork = try Self.raw(key, random.exchange, seq: seq, prev: prev,
                                        LogFixture.put(key.publicKey == LogFixture.mediator.publicKey ? .registry : .release,
                                                       "F-1", surname: "Forked"))
                batch.append(fork)
                forkID = fork.id
            }
            applied += 1
            batch.shuffle(using: &rng)

            let full = Verifier(exchange: random.exchange).verify(prefix + batch)
            let report = ChainExtension(exchange: random.exchange, create: LogFixture.create).verify(batch, heads: heads)
            #expect(report.entries.count == batch.count)
            for (index, envelope) in batch.enumerated() {
                let verdict = report.entries[index].verdict
                if envelope.id == forkID {
                    #expect(verdict == .invalid([.equivocation]), "seed \(seed)")
                    #expect(full.verdict(for: envelope.id) == .valid)
                    #expect(full.equivocations.contains { $0.ids.contains(envelope.id) }, "seed \(seed)")
                } else {
                    #expect(verdict == full.verdict(for: envelope.id), "seed \(seed) \(fault) seq \(envelope.envelope.seq)")
                }
            }
            let expectedAccepted = Set(batch.map(\.id).filter { full.verdict(for: $0) == .valid && $0 != forkID })
            #expect(Set(report.accepted.map(\.id)) == expectedAccepted, "seed \(seed)")
            #expect(report.isClean == (fault == .none))
            if forkID == nil {
                #expect(report.heads == full.heads, "seed \(seed)")
            }
            // The links extend each head contiguously, authors by key id, each by seq.
            var expectedHeads = heads
            var lastAuthor: KeyID?
            for link in report.links {
                let author = link.envelope.author
                if let lastAuthor { #expect(lastAuthor <= author) }
                lastAuthor = author
                #expect(link.envelope.seq == (expectedHeads[author]?.seq ?? 0) + 1)
                #expect(link.envelope.prev == expectedHeads[author]?.id)
                expectedHeads[author] = ChainHead(seq: link.envelope.seq, id: link.id)
            }
            #expect(expectedHeads == report.heads)
        }
        #expect(applied >= 20)
    }

    private func base() throws -> (genesis: SignedEnvelope, first: SignedEnvelope, signer: EnvelopeSigner) {
        let (genesis, creator) = LogFixture.genesis()
        var signer = creator
        let first = try signer.sign(LogFixture.put(.request, "A-1", surname: "Koval"), at: LogFixture.time(1))
        return (genesis, first, signer)
    }

    private func heads(_ envelopes: SignedEnvelope...) -> [KeyID: ChainHead] {
        Dictionary(envelopes.map { ($0.envelope.author, ChainHead(seq: $0.envelope.seq, id: $0.id)) }, uniquingKeysWith: { a, b in a.seq > b.seq ? a : b })
    }

    @Test func aGenesisOrAnotherExchangeInABatchIsWrongExchange() throws {
        let (genesis, first, signer) = try base()
        var other = LogFixture.create
        other.nonce = "ffffffffffffffffffffffffffffffff"
        let (otherGenesis, otherCreator) = try EnvelopeSigner.createExchange(other, key: LogFixture.headquartersA, at: LogFixture.time(0))
        var otherSigner = otherCreator
        let foreign = try otherSigner.sign(LogFixture.put(.request, "A-9", surname: "Elsewhere"), at: LogFixture.time(1))
        let check = ChainExtension(exchange: signer.exchange, create: LogFixture.create)
        let report = check.verify([genesis, otherGenesis, foreign], heads: heads(first))
        #expect(report.entries.map(\.verdict) == Array(repeating: .invalid([.wrongExchange]), count: 3))
        #expect(report.links.isEmpty && report.accepted.isEmpty)
        #expect(report.rejections.keys.sorted() == [0, 1, 2])
        #expect(report.heads == heads(first))
    }

    @Test func aForkInsideTheBatchRejectsBothBranchesAndWhatFollows() throws {
        let (genesis, first, signer) = try base()
        var sideB = EnvelopeSigner(key: LogFixture.headquartersB, exchange: signer.exchange, head: nil)
        let b1 = try sideB.sign(LogFixture.put(.request, "B-1", surname: "Melnyk"), at: LogFixture.time(2))
        var branch = sideB
        let left = try sideB.sign(LogFixture.put(.request, "B-2", surname: "Tkachenko"), at: LogFixture.time(3))
        let right = try branch.sign(LogFixture.put(.request, "B-2", surname: "Kravchenko"), at: LogFixture.time(3))
        let afterLeft = try sideB.sign(LogFixture.put(.request, "B-3", surname: "Oliynyk"), at: LogFixture.time(4))
        let report = ChainExtension(exchange: signer.exchange, create: LogFixture.create)
            .verify([afterLeft, right, b1, left], heads: heads(genesis, first))
        #expect(report.verdicts[b1.id] == .valid)
        #expect(report.verdicts[left.id] == .invalid([.equivocation]))
        #expect(report.verdicts[right.id] == .invalid([.equivocation]))
        #expect(report.verdicts[afterLeft.id] == .invalid([.equivocation]))
        #expect(report.links == [b1])
        #expect(report.heads[LogFixture.headquartersB.publicKey.keyID] == ChainHead(seq: 1, id: b1.id))
        #expect(!report.isClean)
    }

    @Test func aLinkContinuingAStoredForkIsAnEquivocationToo() throws {
        let (genesis, first, signer) = try base()
        // Side A forks at seq 2 (the head) and continues the fork at seq 3.
        let fork = try Self.raw(LogFixture.headquartersA, signer.exchange, seq: 2, prev: genesis.id,
                                LogFixture.put(.request, "A-2", surname: "Shevchuk"))
        let onFork = try Self.raw(LogFixture.headquartersA, signer.exchange, seq: 3, prev: fork.id,
                                  LogFixture.put(.request, "A-3", surname: "Bondar"))
        let report = ChainExtension(exchange: signer.exchange, create: LogFixture.create)
            .verify([onFork, fork], heads: heads(genesis, first))
        #expect(report.entries.map(\.verdict) == [.invalid([.equivocation]), .invalid([.equivocation])])
        #expect(report.links.isEmpty)
    }

    @Test func roleNotAllowedLinksStayInTheChainButAreNotAccepted() throws {
        let (genesis, first, signer) = try base()
        var mediator = EnvelopeSigner(key: LogFixture.mediator, exchange: signer.exchange, head: nil)
        let wrong = try mediator.sign(LogFixture.put(.request, "M-1", surname: "Wrong"), at: LogFixture.time(2))
        let right = try mediator.sign(LogFixture.put(.registry, "M-2", surname: "Right"), at: LogFixture.time(3))
        let report = ChainExtension(exchange: signer.exchange, create: LogFixture.create)
            .verify([right, wrong], heads: heads(genesis, first))
        #expect(report.entries.map(\.verdict) == [.valid, .invalid([.roleNotAllowed])])
        #expect(report.links == [wrong, right])
        #expect(report.accepted == [right])
        #expect(report.rejections == [1: [.roleNotAllowed]])
    }

    @Test func duplicatesAndUnreadableWire() throws {
        let (genesis, first, signer) = try base()
        var sideA = signer
        let second = try sideA.sign(LogFixture.put(.request, "A-2", surname: "Shevchuk"), at: LogFixture.time(2))
        let forgedCopy = try Self.forged(second)
        let report = ChainExtension(exchange: signer.exchange, create: LogFixture.create).verify(
            wire: [second.wireBytes, Array("{}".utf8), forgedCopy.wireBytes, second.wireBytes], heads: heads(genesis, first)
        )
        #expect(report.entries.map(\.isDuplicate) == [false, false, true, true])
        #expect(report.entries[0].verdict == .valid)
        #expect(report.entries[1].verdict.reasons.count == 1)
        if case .malformed = report.entries[1].verdict.reasons.first {} else { Issue.record("expected malformed") }
        #expect(report.entries[2].verdict == .invalid([.badSignature]))
        #expect(report.entries[3].verdict == .valid)
        #expect(report.accepted == [second])
    }

    @Test func aNewAuthorStartsAtSeqOne() throws {
        let (genesis, first, signer) = try base()
        var ombudsman = EnvelopeSigner(key: LogFixture.ombudsmanA, exchange: signer.exchange, head: nil)
        let one = try ombudsman.sign(LogFixture.put(.release, "O-1", surname: "One"), at: LogFixture.time(2))
        let two = try ombudsman.sign(LogFixture.put(.release, "O-2", surname: "Two"), at: LogFixture.time(3))
        let three = try ombudsman.sign(LogFixture.put(.release, "O-3", surname: "Three"), at: LogFixture.time(4))
        let check = ChainExtension(exchange: signer.exchange, create: LogFixture.create)
        let all = check.verify([three, one, two], heads: heads(genesis, first))
        #expect(all.isClean)
        #expect(all.links == [one, two, three])
        let gap = check.verify([three, one], heads: heads(genesis, first))
        #expect(gap.entries.map(\.verdict) == [.invalid([.seqGap]), .valid])
    }
}

import ParleyCrypto
import ParleyLog
import ParleyMatch
import Testing

@Suite struct StateOrderTests {
    /// About 30 envelopes from three authors (side A, side B, the mediator), with puts, replacing
    /// puts and removes, plus two invalid ones (an outsider's and one after a gap).
    private func envelopes() throws -> (exchange: ExchangeID, all: [SignedEnvelope]) {
        var (genesis, sideA) = LogFixture.genesis()
        var sideB = EnvelopeSigner(key: LogFixture.headquartersB, exchange: sideA.exchange, head: nil)
        var mediator = EnvelopeSigner(key: LogFixture.mediator, exchange: sideA.exchange, head: nil)
        var all = [genesis]
        for index in 1...10 {
            all.append(try sideA.sign(LogFixture.put(index % 2 == 0 ? .request : .release, "A-\(index)", surname: "Koval\(index)"), at: LogFixture.time(index)))
            all.append(try sideB.sign(LogFixture.put(.request, "B-\(index)", surname: "Melnyk\(index)"), at: LogFixture.time(index)))
            if index % 2 == 0 {
                all.append(try mediator.sign(LogFixture.put(.registry, "M-\(index)", surname: "Koval\(index)"), at: LogFixture.time(index)))
            }
        }
        all.append(try sideA.sign(LogFixture.put(.request, "A-2", surname: "Kovalenko"), at: LogFixture.time(20)))
        all.append(try sideB.sign(.removeEntry(RemoveEntry(list: .request, entry: "B-3", reason: "duplicate of B-4")), at: LogFixture.time(21)))
        all.append(try mediator.sign(.removeEntry(RemoveEntry(list: .registry, entry: "M-4", reason: "")), at: LogFixture.time(22)))
        // The other operations, including ones the fold ignores (a close by a non-opener, a sign
        // of an unproposed manifest) and ones that need another author's envelope to take effect.
        let a2 = EntryRef(list: ListKey(side: .a, kind: .request), author: LogFixture.headquartersA.publicKey.keyID, entry: "A-2")
        let b1 = EntryRef(list: ListKey(side: .b, kind: .release), author: LogFixture.headquartersB.publicKey.keyID, entry: "B-1")
        let open = try sideB.sign(.openDispute(OpenDispute(about: [a2], reason: .identityConflict, note: "")), at: LogFixture.time(30))
        all.append(open)
        all.append(try mediator.sign(.commentDispute(CommentDispute(dispute: open.id, note: "visiting")), at: LogFixture.time(31)))
        all.append(try sideA.sign(.closeDispute(CloseDispute(dispute: open.id, resolution: "not the opener")), at: LogFixture.time(32)))
        all.append(try sideA.sign(.assertMatch(MatchPair(request: a2, release: b1)), at: LogFixture.time(33)))
        all.append(try sideB.sign(.rejectMatch(MatchPair(request: a2, release: b1)), at: LogFixture.time(34)))
        all.append(try sideB.sign(.assertMatch(MatchPair(request: a2, release: b1)), at: LogFixture.time(35)))
        all.append(try mediator.sign(.attest(Attest(entry: a2, kind: .visited, date: CalendarDate(year: 2025, month: 4, day: 2)!)), at: LogFixture.time(36)))
        all.append(try mediator.sign(.setTerms(Terms(counts: [.toA: 1, .toB: 1])), at: LogFixture.time(37)))
        all.append(try mediator.sign(.confirm(Confirm(direction: .toA, reconciliation: String(repeating: "5", count: 64))), at: LogFixture.time(38)))
        all.append(try mediator.sign(.proposeManifest(ProposeManifest(manifest: String(repeating: "6", count: 64), basis: LogFixture.someBasis)), at: LogFixture.time(39)))
        all.append(try sideB.sign(.signManifest(SignManifest(manifest: String(repeating: "6", count: 64))), at: LogFixture.time(40)))
        all.append(try sideA.sign(.signManifest(SignManifest(manifest: String(repeating: "7", count: 64))), at: LogFixture.time(41)))
        var outsider = EnvelopeSigner(key: LogFixture.outsider, exchange: sideA.exchange, head: nil)
        all.append(try outsider.sign(LogFixture.put(.request, "X-1", surname: "Nobody"), at: LogFixture.time(23)))
        var gap = mediator
        _ = try gap.sign(LogFixture.put(.registry, "M-99", surname: "Lost"), at: LogFixture.time(24))
        all.append(try gap.sign(LogFixture.put(.registry, "M-100", surname: "Orphan"), at: LogFixture.time(25)))
        return (sideA.exchange, all)
    }

    @Test func sameStateHashInEveryOrder() throws {
        let (exchange, all) = try envelopes()
        #expect((40...46).contains(all.count))
        let verifier = Verifier(exchange: exchange)
        let reference = verifier.verify(all)
        let state = try #require(reference.state)
        #expect(reference.entries.filter { !$0.verdict.isValid }.count == 2)
        #expect(state.entries(of: ListKey(side: .b, kind: .request)).count == 9)
        #expect(state.entries(of: ListKey(side: .a, kind: .request)).first { $0.entry == "A-2" }?.fields[.surname] == "Kovalenko")
        #expect(state.ignored.map(\.reason).sorted { $0.rawValue < $1.rawValue } == [.notOpenerOrMediator, .unknownManifest])
        #expect(state.openDisputes.first?.comments.count == 1)
        #expect(state.matchDecisions.count == 2)
        let reconciliation = Reconciliation(state: state)

        var generator = SplitMix64(state: 0x5EED_0F_0DE5)
        for _ in 0..<200 {
            var input = all
            for _ in 0..<Int.random(in: 0...8, using: &generator) {
                input.append(all.randomElement(using: &generator)!)
            }
            input.shuffle(using: &generator)
            let report = verifier.verify(input)
            #expect(report.state?.stateHash == state.stateHash)
            #expect(report.state == state)
            #expect(report.folded == reference.folded)
            #expect(report.verdicts == reference.verdicts)
            #expect(report.state.map { $0.disputes } == state.disputes)
            #expect(report.state.map { $0.ignored } == state.ignored)
            if report.state?.stateHash == state.stateHash, Int.random(in: 0..<10, using: &generator) == 0 {
                #expect(report.state.map { Reconciliation(state: $0).hash } == reconciliation.hash)
            }
        }
    }

    @Test func stateHashChangesWhenAFieldChanges() throws {
        var (genesis, signer) = LogFixture.genesis()
        var other = signer
        let put = try signer.sign(LogFixture.put(.request, "A-1", surname: "Koval", born: "1990-01-02"), at: LogFixture.time(1))
        let changed = try other.sign(LogFixture.put(.request, "A-1", surname: "Koval", born: "1990-02-01"), at: LogFixture.time(1))
        let verifier = Verifier(exchange: signer.exchange)
        let first = try #require(verifier.verify([genesis, put]).state)
        let second = try #require(verifier.verify([genesis, changed]).state)
        #expect(first.stateHash != second.stateHash)
        #expect(first.stateHash.count == 64)
    }
}

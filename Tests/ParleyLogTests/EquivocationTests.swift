import ParleyCrypto
import ParleyLog
import ParleyMatch
import Testing

@Suite struct EquivocationTests {
    @Test func forkIsReportedBothKeptAndNotFolded() throws {
        var (genesis, signer) = LogFixture.genesis()
        var sideB = EnvelopeSigner(key: LogFixture.headquartersB, exchange: signer.exchange, head: nil)
        let first = try sideB.sign(LogFixture.put(.request, "B-1", surname: "Melnyk"), at: LogFixture.time(1))
        var branch = sideB
        let left = try sideB.sign(LogFixture.put(.request, "B-2", surname: "Tkachenko"), at: LogFixture.time(2))
        let right = try branch.sign(LogFixture.put(.request, "B-2", surname: "Kravchenko"), at: LogFixture.time(2))
        let afterLeft = try sideB.sign(LogFixture.put(.request, "B-3", surname: "Oliynyk"), at: LogFixture.time(3))
        let sideA = try signer.sign(LogFixture.put(.request, "A-1", surname: "Koval"), at: LogFixture.time(1))

        let report = Verifier(exchange: signer.exchange).verify([genesis, first, left, right, afterLeft, sideA])
        #expect(report.equivocations.count == 1)
        let fork = try #require(report.equivocations.first)
        #expect(fork.author == LogFixture.headquartersB.publicKey.keyID)
        #expect(fork.seq == 2)
        #expect(Set(fork.ids) == [left.id, right.id])
        #expect(Set(fork.envelopes) == [left, right])
        #expect(report.verdict(for: left.id) == .valid)
        #expect(report.verdict(for: right.id) == .valid)
        #expect(!report.isClean)

        // Side B is folded up to seq 1 only; side A is unaffected.
        let state = try #require(report.state)
        #expect(state.entries(of: ListKey(side: .b, kind: .request)).map(\.entry) == ["B-1"])
        #expect(state.entries(of: ListKey(side: .a, kind: .request)).map(\.entry) == ["A-1"])
        #expect(report.heads[LogFixture.headquartersB.publicKey.keyID] == ChainHead(seq: 1, id: first.id))
        #expect(!report.folded.contains(afterLeft))

        let reordered = Verifier(exchange: signer.exchange).verify([afterLeft, right, sideA, left, first, genesis])
        #expect(reordered.state?.stateHash == state.stateHash)
        #expect(reordered.equivocations == report.equivocations)
    }
}

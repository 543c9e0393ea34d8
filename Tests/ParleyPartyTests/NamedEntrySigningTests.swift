import ParleyCrypto
import ParleyLog
import ParleyMatch
import ParleyParty
import ParleyStore
import Testing

/// A signer of a hand decision, a dispute or an attestation reads only the entries it names and
/// hashes the state from the kept rows; what it keeps must be what a signer that read every entry
/// keeps, and what a fold from scratch gives.
@Suite struct NamedEntrySigningTests {
    @Test func signingOnNamedEntriesKeepsTheStateAFoldGives() throws {
        let three = try SealedRecordTests.Three()
        let (a, b, m) = (three.sideA, three.sideB, three.mediator)
        let sideA = PartyFixture.headquartersA.publicKey.keyID, sideB = PartyFixture.headquartersB.publicKey.keyID
        // Ids that sort differently as bytes and as numbers, and values that need escaping.
        let ids = ["1", "10", "2", "A-9", "a-1", "u:0412"]
        try a.sign(ids.map { PartyFixture.put(.request, "r\($0)", surname: "Ко\"валь\\\($0)") }, in: try a.open(three.exchange), at: PartyFixture.time(1))
        try b.sign(ids.map { PartyFixture.put(.release, "s\($0)", surname: "Koval \($0)") }, in: try b.open(three.exchange), at: PartyFixture.time(2))
        for (from, to) in [(a, m), (b, m)] { try three.send(from: from, to: to) }

        let request = ListKey(side: .a, kind: .request), release = ListKey(side: .b, kind: .release)
        let r1 = EntryRef(list: request, author: sideA, entry: "r1"), s1 = EntryRef(list: release, author: sideB, entry: "s1")
        let r2 = EntryRef(list: request, author: sideA, entry: "r2"), s10 = EntryRef(list: release, author: sideB, entry: "s10")
        var step = 2
        @discardableResult
        func sign(_ operation: ParleyLog.Operation, naming names: [EntryRef]) throws -> Party.Signed {
            step += 1
            let open = try m.open(three.exchange, entries: .named(names.map { ($0.list, $0.entry) }))
            #expect(!open.kept.isComplete)
            #expect(open.state.lists.values.reduce(0) { $0 + $1.count } == Set(names).count, "only the named entries are read")
            let signed = try m.sign([operation], in: open, at: PartyFixture.time(step))
            let whole = try m.open(three.exchange)
            #expect(signed.kept.stateHash == whole.stateHash)
            let check = try m.verify(three.exchange)
            #expect(check.isClean, "\(check.keptDiffers ?? "")")
            #expect(check.stateHash == whole.stateHash, "the kept hash is the fold's")
            return signed
        }
        try sign(.assertMatch(MatchPair(request: r1, release: s1, note: "same man, Koval 1")), naming: [r1, s1])
        let opened = try sign(.openDispute(OpenDispute(about: [r2, s10], reason: .identityConflict, note: "Ж-5512")), naming: [r2, s10])
        let dispute = try #require(opened.envelopes.first { $0.envelope.operation.name == .openDispute }).id
        try sign(.commentDispute(CommentDispute(dispute: dispute, note: "asked")), naming: [])
        try sign(.closeDispute(CloseDispute(dispute: dispute, resolution: "typo")), naming: [])
        try sign(.attest(Attest(entry: s10, kind: .visited, date: CalendarDate(year: 2025, month: 4, day: 2)!)), naming: [s10])
        try sign(.rejectMatch(MatchPair(request: r2, release: s10)), naming: [r2, s10])

        // An entry not named is not there to check: the signer is refused, nothing is stored.
        let open = try m.open(three.exchange, entries: .named([(request, "r1")]))
        let before = try m.replica.envelopes(exchange: three.exchange).count
        #expect(throws: PartyError.self) {
            try m.sign([.attest(Attest(entry: s1, kind: .visited, date: CalendarDate(year: 2025, month: 4, day: 3)!))], in: open, at: PartyFixture.time(40))
        }
        #expect(try m.replica.envelopes(exchange: three.exchange).count == before)
        // The other parties fold the mediator's envelopes to the same state.
        for (from, to) in [(m, a), (m, b), (b, a), (a, b)] { try three.send(from: from, to: to) }
        // A and B each signed before the other announced its key: they share their content keys
        // to each other now, as a sync does.
        for party in [a, b] { #expect(try party.shareContentKey(in: three.exchange, at: PartyFixture.time(50)) == 1) }
        for (from, to) in [(a, b), (b, a), (a, m), (b, m)] { try three.send(from: from, to: to) }
        let opens = try [a, b, m].map { try $0.open(three.exchange) }
        #expect(Set(opens.map(\.stateHash)).count == 1)
        #expect(opens.allSatisfy { $0.state.unopenedEntryCount == 0 })
    }
}

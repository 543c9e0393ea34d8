import ParleyCrypto
@testable import ParleyLog
import ParleyMatch
import Testing

/// The state hash is written straight into the digest; it must stay the hash of the canonical
/// form's bytes (PROTOCOL.md §7), whatever the lists and facts hold.
@Suite struct StateHashTests {
    /// Text that exercises every branch of the canonical string writer: escapes, controls,
    /// multi-byte and supplementary characters, and characters that sort differently in UTF-16.
    private static let pieces = [
        "Коваленко", "Ivan", "O'Neil", "\"quoted\"", "back\\slash", "tab\there", "line\nbreak", "\u{01}\u{1F}",
        "𝔸𝕓", "\u{E000}private", "ʼapostrophe", "Шевчук-Ševčuk", "1990-01-02", "Р-368761", " ",
    ]

    private static func text(_ rng: inout SplitMix64) -> String {
        (0..<Int.random(in: 1...3, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
    }

    @Test(arguments: 0..<12)
    func theStreamedHashIsTheHashOfTheCanonicalForm(seed: UInt64) throws {
        var rng = SplitMix64(state: 0x57A7E_0000 &+ seed)
        var (genesis, sideA) = LogFixture.genesis()
        var sideB = EnvelopeSigner(key: LogFixture.headquartersB, exchange: sideA.exchange, head: nil)
        var mediator = EnvelopeSigner(key: LogFixture.mediator, exchange: sideA.exchange, head: nil)
        var all = [genesis]
        let idCharacters = Array("AZaz09._:-")
        // Seed 0 writes more than the 64 KiB the writer hands to the digest at a time.
        for index in 0..<(seed == 0 ? 700 : Int.random(in: 0...40, using: &rng)) {
            let entry = String((0..<Int.random(in: 1...6, using: &rng)).map { _ in idCharacters.randomElement(using: &rng)! }) + "\(index)"
            var fields: [Field: String] = [:]
            for field in Field.allCases.shuffled(using: &rng).prefix(Int.random(in: 1...8, using: &rng)) {
                fields[field] = Self.text(&rng)
            }
            let kind = [ListKind.request, .release].randomElement(using: &rng)!
            let put = Operation.putEntry(PutEntry(list: kind, entry: entry, fields: fields))
            switch Int.random(in: 0..<3, using: &rng) {
            case 0: all.append(try sideA.sign(put, at: LogFixture.time(index)))
            case 1: all.append(try sideB.sign(put, at: LogFixture.time(index)))
            default: all.append(try mediator.sign(LogFixture.put(.registry, entry, surname: Self.text(&rng)), at: LogFixture.time(index)))
            }
        }
        if Bool.random(using: &rng) {
            let about = EntryRef(list: ListKey(side: .a, kind: .request), author: LogFixture.headquartersA.publicKey.keyID, entry: "none")
            all.append(try sideB.sign(.openDispute(OpenDispute(about: [about], reason: .identityConflict, note: Self.text(&rng))), at: LogFixture.time(90)))
            all.append(try mediator.sign(.setTerms(Terms(counts: [.toA: 3, .toB: 1])), at: LogFixture.time(91)))
        }
        let report = Verifier(exchange: sideA.exchange).verify(all)
        var state = try #require(report.state)
        let bytes = try CanonicalJSON.encode(state.canonicalForm)
        #expect(state.stateHash == Hex.encode(SHA256.hash(bytes)))

        // The lists' bytes kept with the state hash as its entries do, and stay kept (and right)
        // through operations that change no list; a put drops them.
        state.keepListsForm()
        #expect(state.listsForm.bytes != nil)
        #expect(state.stateHash == Hex.encode(SHA256.hash(bytes)))
        let request = EntryRef(list: ListKey(side: .a, kind: .request), author: LogFixture.headquartersA.publicKey.keyID, entry: "r")
        let release = EntryRef(list: ListKey(side: .b, kind: .release), author: LogFixture.headquartersB.publicKey.keyID, entry: "s")
        let facts = [
            try mediator.sign(.assertMatch(MatchPair(request: request, release: release, note: Self.text(&rng))), at: LogFixture.time(92)),
            try mediator.sign(.openDispute(OpenDispute(about: [request], reason: .identityConflict, note: Self.text(&rng))), at: LogFixture.time(93)),
        ]
        let chain = ChainExtension(exchange: sideA.exchange, participants: state.participants)
        let extended = chain.verify(facts, heads: report.heads)
        try #require(extended.isClean)
        let decisions = state.matchDecisions.count
        _ = state.apply(extended.batch)
        #expect(state.matchDecisions.count == decisions + 1)
        #expect(state.listsForm.bytes != nil)
        #expect(state.stateHash == Hex.encode(SHA256.hash(try CanonicalJSON.encode(state.canonicalForm))))
        let put = try sideA.sign(.putEntry(PutEntry(list: .request, entry: "late", fields: [.surname: Self.text(&rng)])), at: LogFixture.time(94))
        let putExtended = chain.verify([put], heads: report.heads.merging([(facts[1].envelope.author, ChainHead(seq: facts[1].envelope.seq, id: facts[1].id))]) { $1 })
        try #require(putExtended.isClean)
        _ = state.apply(putExtended.batch)
        #expect(state.listsForm.bytes == nil)
        #expect(state.stateHash == Hex.encode(SHA256.hash(try CanonicalJSON.encode(state.canonicalForm))))
    }
}

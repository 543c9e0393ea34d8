import ParleyCrypto
import ParleyLog
import ParleyMatch
import ParleyParty
import ParleyStore
import Testing

/// A party draws up phases from its kept exchange as `parley terms plan` does: the mediator's
/// priority order goes through the commit path, the plan from the kept reconciliation equals one
/// from scratch, and the plan's text and JSON show entry ids, never names.
@Suite struct PhasePlanPartyTests {
    static let day = CalendarDate(year: 2025, month: 5, day: 1)!

    @Test func aPartyDrawsUpThePhasesOfItsKeptExchange() throws {
        let replica = try Replica.inMemory()
        let sideA = Party(replica: replica, key: PartyFixture.headquartersA)
        let sideB = Party(replica: replica, key: PartyFixture.headquartersB)
        let mediator = Party(replica: replica, key: PartyFixture.mediator)
        let exchange = try sideA.create(PartyFixture.create(nonce: 12), at: PartyFixture.time(0))
        let people: [(String, String, String, [Field: String])] = [
            ("Коваленко", "Олександр", "1990-05-12", [:]),
            ("Шевчук", "Тарас", "1985-11-02", [.seriouslyWounded: "так"]),
            ("Бондар", "Ігор", "1988-03-07", [.sex: "жін."]),
            ("Мельник", "Юрій", "1984-06-19", [.category: "цивільний"]),
        ]
        var minute = 1
        for (n, person) in people.enumerated() {
            let fields: [Field: String] = [.surname: person.0, .givenName: person.1, .dateOfBirth: person.2]
            try sideA.sign([.putEntry(PutEntry(list: .request, entry: "UA-\(n)", fields: fields.merging(person.3) { $1 }))], in: try sideA.open(exchange), at: PartyFixture.time(minute))
            try sideB.sign([.putEntry(PutEntry(list: .release, entry: "RU-\(n)", fields: fields))], in: try sideB.open(exchange), at: PartyFixture.time(minute + 1))
            minute += 2
        }
        let terms = Terms(
            counts: [.toA: 4, .toB: 0],
            phases: [Terms.Phase(name: "first", counts: [.toA: 2, .toB: 0]), Terms.Phase(name: "second", counts: [.toA: 2, .toB: 0])],
            asOf: Self.day, priorities: [.civilian, .seriouslyWounded]
        )
        // Only a mediator sets terms, priority order included.
        #expect(try sideA.open(exchange).state.refusal(of: .setTerms(terms), by: PartyFixture.headquartersA.publicKey.keyID) != nil)
        try mediator.sign([.setTerms(terms)], in: try mediator.open(exchange), at: PartyFixture.time(minute))

        let open = try mediator.open(exchange)
        #expect(open.state.currentTerms.terms == terms)
        let drawUp = PhaseDrawUp(reconciliation: try open.reconciliation, terms: terms, today: CalendarDate(year: 2031, month: 1, day: 1)!)
        #expect(drawUp == PhaseDrawUp(reconciliation: Reconciliation(state: open.state), terms: terms, today: Self.day))
        let first = try #require(drawUp.plan(named: "first")).direction(.toA)
        #expect(first.people.map(\.candidate.request.recordID) == ["UA-3", "UA-1"])
        #expect(first.people.map(\.reason) == [.priority(.civilian), .priority(.seriouslyWounded)])
        let second = try #require(drawUp.plan(named: "second")).direction(.toA)
        #expect(second.people.map(\.candidate.request.recordID) == ["UA-0", "UA-2"])
        #expect(second.people.map(\.reason) == [.remaining, .remaining])
        #expect(drawUp.plans.filter(\.meetsTerms).count == drawUp.plans.count)

        let text = drawUp.text(phase: "first", asOfFromTerms: true)
        #expect(text.contains("1. UA-3 = RU-3  civilian\n"))
        #expect(text.contains("to-A: 2 of 2\n"))
        #expect(!text.contains("UA-0"))
        let json = drawUp.json(asOfFromTerms: true)
        let document = try JSONValue(parsing: Array(json.utf8))
        #expect(document["phases"]?.arrayValue?.count == 2)
        #expect(document["order"] == ["civilian", "seriously-wounded"])
        for output in [text, json] {
            #expect(!people.contains { output.contains($0.0) || output.contains($0.1) || output.contains($0.2) })
        }
    }
}

import Foundation
import ParleyCrypto
import ParleyLog
import ParleyMatch
import Testing

/// Drawing up phases (PROTOCOL.md §10.5): properties over random candidates, and the same plan for
/// every order of the same envelopes.
@Suite struct PhaseDrawUpTests {
    static let day = CalendarDate(year: 2025, month: 5, day: 1)!
    static let sideA = LogFixture.headquartersA.publicKey.keyID
    static let sideB = LogFixture.headquartersB.publicKey.keyID

    /// A synthetic candidate of `direction` numbered `n`.
    static func candidate(_ direction: Direction, _ n: Int, _ categories: Set<PriorityCategory> = [], held: CalendarDate? = nil) -> PhaseCandidate {
        let (requester, releaser): (KeyID, KeyID) = direction == .toA ? (sideA, sideB) : (sideB, sideA)
        return PhaseCandidate(
            request: EntryRef(list: direction.requestList, author: requester, entry: "R-\(n)"),
            release: EntryRef(list: direction.releaseList, author: releaser, entry: "L-\(n)"),
            categories: categories, heldSince: held
        )
    }

    /// Random candidates for both directions, numbered distinctly.
    static func randomCandidates(using rng: inout SplitMix64) -> [Direction: [PhaseCandidate]] {
        var out: [Direction: [PhaseCandidate]] = [:]
        for direction in Direction.allCases {
            out[direction] = (0..<Int.random(in: 0...40, using: &rng)).map { n in
                let categories = Set(PriorityCategory.allCases.filter { _ in Int.random(in: 0..<5, using: &rng) == 0 })
                let held = categories.contains(.longHeld)
                    ? CalendarDate(year: Int.random(in: 2014...2023, using: &rng), month: Int.random(in: 1...12, using: &rng), day: 1) : nil
                return candidate(direction, n, categories, held: held)
            }
        }
        return out
    }

    /// Random terms over about `total` people per direction, in 1 to 4 phases.
    static func randomTerms(using rng: inout SplitMix64) -> Terms {
        let phaseCount = Int.random(in: 1...4, using: &rng)
        let phases = (1...phaseCount).map { n in
            Terms.Phase(name: "phase \(n)", counts: [.toA: Int.random(in: 0...15, using: &rng), .toB: Int.random(in: 0...15, using: &rng)])
        }
        let counts = Dictionary(uniqueKeysWithValues: Direction.allCases.map { d in (d, phases.reduce(0) { $0 + ($1.counts[d] ?? 0) }) })
        let order: [PriorityCategory]? = Bool.random(using: &rng)
            ? Array(PriorityCategory.allCases.shuffled(using: &rng).prefix(Int.random(in: 0...6, using: &rng))) : nil
        return Terms(counts: counts, phases: phases, asOf: day, priorities: order)
    }

    @Test func thePlanDoesNotDependOnTheOrderOfItsInput() {
        var rng = SplitMix64(state: 0x9A5E_0001)
        for _ in 0..<200 {
            let candidates = Self.randomCandidates(using: &rng)
            let terms = Self.randomTerms(using: &rng)
            let sealed = [SealedPhase(name: "phase 1", entries: Set((candidates[.toA] ?? []).prefix(3).map(\.request)))]
            let reference = PhaseDrawUp(candidates: candidates, terms: terms, sealed: sealed, asOf: Self.day)
            var shuffled = candidates.mapValues { $0.shuffled(using: &rng) }
            // A repeat counts once.
            if let repeated = shuffled[.toB]?.first { shuffled[.toB]?.append(repeated) }
            #expect(PhaseDrawUp(candidates: shuffled, terms: terms, sealed: sealed, asOf: Self.day) == reference)
        }
    }

    @Test func phasesRespectTheTermsTheOrderAndSealedPhases() {
        var rng = SplitMix64(state: 0x9A5E_0002)
        for _ in 0..<300 {
            let candidates = Self.randomCandidates(using: &rng)
            let terms = Self.randomTerms(using: &rng)
            let order = terms.priorityOrder
            let sealedPhase = terms.phases.count > 1 && Bool.random(using: &rng) ? terms.phases[0].name : nil
            let sealedPeople = (candidates[.toA] ?? []).filter { _ in Int.random(in: 0..<4, using: &rng) == 0 }
            let sealed = sealedPhase.map { [SealedPhase(name: $0, entries: Set(sealedPeople.flatMap { [$0.request, $0.release] }))] } ?? []
            let drawUp = PhaseDrawUp(candidates: candidates, terms: terms, sealed: sealed, asOf: Self.day)
            #expect(drawUp.plans.map(\.phase) == terms.phases)
            for direction in Direction.allCases {
                let all = candidates[direction] ?? []
                let sealedSet: Set<PhaseCandidate> = sealed.isEmpty ? [] : Set(all.filter { $0.request.list == direction.requestList && sealedPeople.contains($0) })
                var seen: Set<PhaseCandidate> = []
                var drawnTotal = 0
                for plan in drawUp.plans {
                    let part = plan.direction(direction)
                    let people = part.people.map(\.candidate)
                    #expect(part.people.map(\.position) == (0..<people.count).map { $0 + 1 })
                    if plan.isSealed {
                        #expect(Set(people) == sealedSet)
                        continue
                    }
                    // Counts: as many as the terms say, or every one left, and the shortfall said.
                    let left = all.count - sealedSet.count - drawnTotal
                    #expect(people.count == min(part.expected, left))
                    #expect(part.available == left)
                    #expect(part.missing == max(0, part.expected - left))
                    #expect(part.meetsTerms == (people.count == part.expected))
                    drawnTotal += people.count
                    // No one twice, no one sealed.
                    #expect(seen.isDisjoint(with: people))
                    #expect(sealedSet.isDisjoint(with: people))
                    seen.formUnion(people)
                    // Each reason is the first category of the order the person is in.
                    for person in part.people {
                        let first = order.first(where: person.candidate.categories.contains)
                        #expect(person.reason == (first.map(PhaseReason.priority) ?? .remaining))
                    }
                    // In priority order, and nobody left behind ranks before anyone drawn.
                    let ranks = part.people.map { rank($0.candidate, order) }
                    #expect(ranks == ranks.sorted())
                    let undrawn = all.filter { !seen.contains($0) && !sealedSet.contains($0) }
                    if let last = ranks.last {
                        #expect(undrawn.allSatisfy { rank($0, order) >= last })
                    }
                }
                #expect(drawUp.undrawn[direction] == all.count - sealedSet.count - drawnTotal)
            }
        }
    }

    private func rank(_ candidate: PhaseCandidate, _ order: [PriorityCategory]) -> Int {
        order.firstIndex(where: candidate.categories.contains) ?? order.count
    }

    @Test func theDefaultOrderAndTiesAreAsStated() throws {
        let people = [
            Self.candidate(.toA, 1),
            Self.candidate(.toA, 2, [.civilian]),
            Self.candidate(.toA, 3, [.young, .civilian]),
            Self.candidate(.toA, 4, [.longHeld], held: CalendarDate(year: 2020, month: nil)),
            Self.candidate(.toA, 5, [.longHeld, .young], held: CalendarDate(year: 2016, month: 3, day: 9)),
            Self.candidate(.toA, 6, [.woman]),
            Self.candidate(.toA, 7, [.seriouslyIll, .woman]),
            Self.candidate(.toA, 8, [.seriouslyWounded, .civilian]),
            Self.candidate(.toA, 9),
            Self.candidate(.toA, 10, [.seriouslyWounded]),
        ]
        let terms = Terms(counts: [.toA: 10, .toB: 0], phases: [
            Terms.Phase(name: "first", counts: [.toA: 4, .toB: 0]), Terms.Phase(name: "second", counts: [.toA: 6, .toB: 0]),
        ])
        let drawUp = PhaseDrawUp(candidates: [.toA: people.reversed()], terms: terms, asOf: Self.day)
        let first = try #require(drawUp.plan(named: "first")).direction(.toA).people
        let second = try #require(drawUp.plan(named: "second")).direction(.toA).people
        // Entry ids compare as bytes: R-10 before R-8; the longest held first.
        #expect(first.map(\.candidate.request.entry) == ["R-10", "R-8", "R-7", "R-6"])
        #expect(first.map(\.reason.description) == ["seriously-wounded", "seriously-wounded", "seriously-ill", "woman"])
        #expect(second.map(\.candidate.request.entry) == ["R-5", "R-4", "R-3", "R-2", "R-1", "R-9"])
        #expect(second.map(\.reason.description) == ["long-held", "long-held", "young", "civilian", "remaining", "remaining"])
        #expect(drawUp.plans.filter(\.meetsTerms).count == drawUp.plans.count)

        // A mediator's order: civilians first, then nothing else counts.
        var civilianFirst = terms
        civilianFirst.priorities = [.civilian]
        let plan = PhaseDrawUp(candidates: [.toA: people], terms: civilianFirst, asOf: Self.day)
        #expect(plan.plans[0].direction(.toA).people.map(\.candidate.request.entry) == ["R-2", "R-3", "R-8", "R-1"])
        #expect(plan.plans[0].direction(.toA).people.map(\.reason) == [.priority(.civilian), .priority(.civilian), .priority(.civilian), .remaining])
    }

    @Test func aPhaseShortOfPeopleSaysHowManyAreMissing() throws {
        let terms = Terms(counts: [.toA: 5, .toB: 3], phases: [
            Terms.Phase(name: "1", counts: [.toA: 2, .toB: 2]), Terms.Phase(name: "2", counts: [.toA: 3, .toB: 1]),
        ])
        let drawUp = PhaseDrawUp(candidates: [.toA: (1...3).map { Self.candidate(.toA, $0) }, .toB: []], terms: terms, asOf: Self.day)
        let second = try #require(drawUp.plan(named: "2"))
        #expect(second.number == 2)
        #expect(second.direction(.toA).people.count == 1)
        #expect(second.direction(.toA).missing == 2)
        #expect(second.direction(.toB).missing == 1)
        #expect(!second.meetsTerms)
        #expect(drawUp.plans[0].direction(.toA).meetsTerms)
        #expect(drawUp.plans[0].direction(.toB).missing == 2)
        #expect(drawUp.plan(named: "3") == nil)
    }

    /// An exchange with phases and priority flags: every order of its envelopes draws the same plan.
    @Test func thePlanIsTheSameForEveryOrderOfTheEnvelopes() throws {
        var scenario = try ExchangeScenario()
        let surnames = ["Koval", "Melnyk", "Bondar", "Shevchuk", "Tkachenko", "Lysenko", "Marchenko", "Kravets"]
        let given = ["Ivan", "Petro", "Oleh", "Taras", "Yurii", "Andrii", "Mykola", "Roman"]
        let flags: [[Field: String]] = [
            [:], [.sex: "F"], [.seriouslyWounded: "yes"], [.heldSince: "2019"], [.category: "civilian"],
            [.seriouslyIll: "так"], [.heldSince: "03.2022"], [:],
        ]
        for n in 0..<8 {
            // The last is young (22 on the terms' day), a category this order leaves out.
            var fields = ExchangeScenario.person(surnames[n], given[n], born: n == 7 ? "2003-04-05" : "19\(70 + n)-0\(n + 1)-1\(n)")
            try scenario.put(ExchangeScenario.hqB, .release, "B-\(n)", fields)
            fields.merge(flags[n]) { $1 }
            try scenario.put(ExchangeScenario.hqA, .request, "A-\(n)", fields)
        }
        let terms = Terms(
            counts: [.toA: 9, .toB: 0],
            phases: [Terms.Phase(name: "wounded", counts: [.toA: 3, .toB: 0]), Terms.Phase(name: "rest", counts: [.toA: 6, .toB: 0])],
            asOf: Self.day, priorities: [.seriouslyWounded, .seriouslyIll, .longHeld, .woman]
        )
        try scenario.sign(ExchangeScenario.mediator, .setTerms(terms))
        let state = scenario.state()
        let reconciliation = Reconciliation(state: state)
        #expect(reconciliation.report(.toA).counts[.agreed] == 8)
        let inForce = try #require(state.currentTerms.terms)
        #expect(inForce == terms)
        let reference = PhaseDrawUp(reconciliation: reconciliation, terms: inForce, today: CalendarDate(year: 2030, month: 1, day: 1)!)
        #expect(reference.asOf == Self.day)
        let first = try #require(reference.plan(named: "wounded")).direction(.toA).people
        #expect(first.map(\.candidate.request.recordID) == ["A-2", "A-5", "A-3"])
        #expect(first.map(\.reason.description) == ["seriously-wounded", "seriously-ill", "long-held"])
        let rest = try #require(reference.plan(named: "rest")).direction(.toA)
        #expect(rest.people.map(\.candidate.request.recordID) == ["A-6", "A-1", "A-0", "A-4", "A-7"])
        #expect(rest.missing == 1)

        var rng = SplitMix64(state: 0x9A5E_0003)
        for _ in 0..<20 {
            let state = try #require(Verifier(exchange: scenario.exchange).verify(scenario.envelopes.shuffled(using: &rng)).state)
            let drawUp = PhaseDrawUp(reconciliation: Reconciliation(state: state), terms: inForce, today: Self.day)
            #expect(drawUp == reference)
        }
    }
}

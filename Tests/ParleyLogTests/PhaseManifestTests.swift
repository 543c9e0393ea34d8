import Foundation
import ParleyCrypto
import ParleyLog
import ParleyMatch
import Testing

/// A manifest per phase (PROTOCOL.md §5.11, §7.1, §10.5): the manifest of a phase lists exactly
/// the people the phase draw-up places in it, the same for every order of the same envelopes, in
/// the terms' priority order, leaving out the people of sealed earlier phases.
@Suite struct PhaseManifestTests {
    typealias S = ExchangeScenario

    static let asOf = CalendarDate(year: 2025, month: 5, day: 1)!

    /// A synthetic person whose records give the categories of `flags` (both sides write the
    /// same fields), numbered `n` so no two people look alike.
    static func person(_ n: Int, _ flags: Set<PriorityCategory>) -> [Field: String] {
        let syllables = ["ko", "me", "sha", "bo", "tka", "pe", "ly", "sa", "hu", "ro", "da", "vi"]
        var fields: [Field: String] = [
            .surname: (syllables[n % 12] + syllables[(n / 12) % 12] + "nko").capitalized,
            .givenName: ["Ivan", "Petro", "Taras", "Oleh", "Yurii", "Roman"][n % 6],
            .dateOfBirth: flags.contains(.young) ? "2003-0\(n % 9 + 1)-1\(n % 9)" : "19\(60 + n % 30)-0\(n % 9 + 1)-2\(n % 9)",
            .serviceNumber: "SN\(100_000 + n)",
        ]
        if flags.contains(.seriouslyWounded) { fields[.seriouslyWounded] = "yes" }
        if flags.contains(.seriouslyIll) { fields[.seriouslyIll] = "yes" }
        if flags.contains(.woman) { fields[.sex] = "F" }
        if flags.contains(.civilian) { fields[.category] = "civilian" }
        if flags.contains(.longHeld) { fields[.heldSince] = "20\(15 + n % 8)-03-01" }
        return fields
    }

    /// An exchange of `toA` and `toB` agreed people (each pair asserted by hand) with random
    /// categories, and terms of `phases` phases with random counts and order.
    static func randomExchange(using rng: inout SplitMix64) throws -> (scenario: ExchangeScenario, terms: Terms) {
        var scenario = try ExchangeScenario()
        var n = 0
        for direction in Direction.allCases {
            let (requester, releaser) = direction == .toA ? (S.hqA, S.hqB) : (S.hqB, S.hqA)
            for _ in 0..<Int.random(in: direction == .toA ? 4...9 : 1...4, using: &rng) {
                n += 1
                let flags = Set(PriorityCategory.allCases.filter { _ in Int.random(in: 0..<4, using: &rng) == 0 })
                try scenario.put(requester, .request, "R-\(n)", person(n, flags))
                try scenario.put(releaser, .release, "L-\(n)", person(n, flags))
                try scenario.sign(S.mediator, .assertMatch(MatchPair(request: S.ref(requester, .request, "R-\(n)"), release: S.ref(releaser, .release, "L-\(n)"))))
            }
        }
        let phases = (1...Int.random(in: 2...3, using: &rng)).map { k in
            Terms.Phase(name: "phase \(k)", counts: [.toA: Int.random(in: 1...4, using: &rng), .toB: Int.random(in: 0...2, using: &rng)])
        }
        let counts = Dictionary(uniqueKeysWithValues: Direction.allCases.map { d in (d, phases.reduce(0) { $0 + ($1.counts[d] ?? 0) }) })
        let order: [PriorityCategory]? = Bool.random(using: &rng) ? PriorityCategory.allCases.shuffled(using: &rng) : nil
        let terms = Terms(counts: counts, phases: phases, asOf: asOf, priorities: order)
        try scenario.sign(S.mediator, .setTerms(terms))
        return (scenario, terms)
    }

    /// The manifest of `phase` that `state` builds.
    static func manifest(_ phase: String, _ state: ExchangeState) throws -> Manifest {
        try Manifest(phase: phase, reconciliation: Reconciliation(state: state), state: state)
    }

    /// Proposes `manifest` as the mediator and has every participant sign it.
    static func seal(_ manifest: Manifest, in scenario: inout ExchangeScenario) throws {
        try scenario.sign(S.mediator, .proposeManifest(ProposeManifest(
            manifest: manifest.hash, basis: scenario.report().heads, phase: ProposedPhase(manifest: manifest)
        )))
        for key in S.everyone {
            try scenario.sign(key, .signManifest(SignManifest(manifest: manifest.hash)))
        }
    }

    /// The rank of a reason in `order` (`remaining` last).
    static func rank(_ reason: PhaseReason?, _ order: [PriorityCategory]) -> Int {
        guard case let .priority(category) = reason else { return order.count }
        return order.firstIndex(of: category) ?? order.count
    }

    @Test func aPhaseManifestIsTheSameForEveryOrderAndRespectsTermsOrderAndSealedPhases() throws {
        var rng = SplitMix64(state: 0x9A5E_0012)
        for _ in 0..<4 {
            var (scenario, terms) = try Self.randomExchange(using: &rng)
            let order = terms.priorityOrder
            let first = try Self.manifest("phase 1", scenario.state())
            let before = PhaseDrawUp(reconciliation: Reconciliation(state: scenario.state()), terms: terms, today: Self.asOf)
            try Self.seal(first, in: &scenario)
            let state = scenario.state()
            #expect(state.finalManifests.map(\.manifest) == [first.hash])
            #expect(state.sealedPhases == [SealedPhase(name: "phase 1", entries: first.includedEntries)])
            let second = try Self.manifest("phase 2", state)
            let plan = PhaseDrawUp(reconciliation: Reconciliation(state: state), terms: terms, sealed: state.sealedPhases, today: Self.asOf)

            for (manifest, number) in [(first, 1), (second, 2)] {
                #expect(manifest.phase?.number == number && manifest.phase?.phase == terms.phases[number - 1])
                for direction in Direction.allCases {
                    let people = manifest.people[direction] ?? []
                    // The plan's people, in its order, with its reasons (phase 1 as drawn before it was sealed).
                    let drawn = (number == 1 ? before : plan).plans[number - 1].direction(direction).people
                    #expect(people.map(\.request.ref) == drawn.map(\.candidate.request))
                    #expect(people.map(\.reason) == drawn.map(\.reason))
                    // The terms: at most the phase's count, exactly it when enough people are left.
                    #expect(people.count <= terms.phases[number - 1].counts[direction] ?? 0)
                    // The priority order: reasons never go back up the order.
                    let ranks = people.map { Self.rank($0.reason, order) }
                    #expect(ranks == ranks.sorted())
                }
            }
            // Sealed earlier phase: none of its people is drawn again, and phase 2 is what phase 2 was.
            #expect(second.includedEntries.isDisjoint(with: first.includedEntries))
            #expect(second.people == (try Self.manifest("phase 2", scenario.state())).people)
            for direction in Direction.allCases {
                #expect(second.people[direction]?.map(\.request.ref) == before.plans[1].direction(direction).people.map(\.candidate.request))
            }

            // The same envelopes in any order: the same plan, the same manifest, the same sealed phases.
            for _ in 0..<4 {
                let shuffled = try #require(Verifier(exchange: scenario.exchange).verify(scenario.envelopes.shuffled(using: &rng)).state)
                #expect(shuffled.stateHash == state.stateHash)
                #expect(shuffled.sealedPhases == state.sealedPhases)
                #expect(try Self.manifest("phase 2", shuffled).hash == second.hash)
                #expect(PhaseDrawUp(reconciliation: Reconciliation(state: shuffled), terms: terms, sealed: shuffled.sealedPhases, today: Self.asOf) == plan)
            }
        }
    }

    @Test func aPhaseProposalRoundTripsAndAWholeOneKeepsItsBytes() throws {
        var scenario = try S.agreed()
        let terms = Terms(counts: [.toA: 2, .toB: 1], phases: [
            Terms.Phase(name: "first", counts: [.toA: 1, .toB: 1]), Terms.Phase(name: "second", counts: [.toA: 1, .toB: 0]),
        ], asOf: Self.asOf)
        try scenario.sign(S.mediator, .setTerms(terms))
        let manifest = try Self.manifest("first", scenario.state())
        let phase = try #require(ProposedPhase(manifest: manifest))
        let propose = Operation.proposeManifest(ProposeManifest(manifest: manifest.hash, basis: LogFixture.someBasis, phase: phase))
        let envelope = try scenario.sign(S.mediator, propose)
        #expect(try SignedEnvelope(parsing: envelope.wireBytes).envelope.operation == propose)
        let whole = ProposeManifest(manifest: manifest.hash, basis: LogFixture.someBasis)
        let text = String(decoding: try JSONEncoder().encode(whole), as: UTF8.self)
        #expect(!text.contains("phase"), "a proposal of the whole exchange has no phase member")
        // The manifest read back from its canonical form is the same manifest.
        #expect(try Manifest(json: manifest.canonicalForm).hash == manifest.hash)
        // The hash is written straight into the digest; it is still the hash of the canonical bytes.
        #expect(manifest.hash == Hex.encode(SHA256.hash(Array("parley/v1/manifest".utf8) + [0] + manifest.canonicalBytes)))
        #expect(manifest.canonicalForm.objectValue?["phase"] != nil)
        #expect(S.manifest(scenario).canonicalForm.objectValue?["phase"] == nil)
    }

    @Test func aPhaseNeedsTermsWithItAndAnAsOfDay() throws {
        var scenario = try S.agreed()
        #expect(throws: LogError.self) { try Self.manifest("first", scenario.state()) }
        try scenario.sign(S.mediator, .setTerms(Terms(counts: [.toA: 2, .toB: 1], phases: [
            Terms.Phase(name: "first", counts: [.toA: 2, .toB: 1]),
        ])))
        #expect(throws: LogError.self, "no as_of") { try Self.manifest("first", scenario.state()) }
        #expect(throws: LogError.self, "no such phase") { try Self.manifest("second", scenario.state()) }
    }

    @Test func aPhaseShortOfItsCountIsBlockedByItsOwnTerms() throws {
        var scenario = try S.agreed()
        // To A: two agreed people, one phase asks for three (short by one); to B: one, as asked.
        try scenario.sign(S.mediator, .setTerms(Terms(counts: [.toA: 3, .toB: 1], phases: [
            Terms.Phase(name: "first", counts: [.toA: 3, .toB: 1]),
        ], asOf: Self.asOf)))
        let state = scenario.state()
        let manifest = try Self.manifest("first", state)
        #expect(manifest.count(.toA) == 2 && manifest.count(.toB) == 1)
        #expect(manifest.blockers(in: state) == [.termsBroken(.toA, expected: 3, actual: 2)])
        #expect(manifest.blockers(in: state, waiving: [Waiver(blocker: "terms:to-A", reason: "phase short, agreed")]).isEmpty)
        let refusal = state.refusal(of: .proposeManifest(ProposeManifest(
            manifest: manifest.hash, basis: scenario.report().heads, phase: ProposedPhase(manifest: manifest)
        )), by: S.mediator.publicKey.keyID)
        #expect(refusal?.code == .blocked)
    }
}

import ParleyCrypto
import ParleyLog
import ParleyMatch
import Testing

/// What a party hears before it signs: refusals, typed entry references, and the review of a
/// proposed manifest against its own.
@Suite struct SigningRulesTests {
    typealias S = ExchangeScenario

    private static func id(_ key: SigningKey) -> KeyID { key.publicKey.keyID }

    /// The standard lists with A-2/B-2 agreed by hand and the terms met.
    private func agreed() throws -> ExchangeScenario {
        var scenario = try S.standard()
        try scenario.sign(S.hqA, .assertMatch(MatchPair(request: S.ref(S.hqA, .request, "A-2"), release: S.ref(S.hqB, .release, "B-2"))))
        try scenario.sign(S.mediator, .setTerms(Terms(counts: [.toA: 2, .toB: 1])))
        return scenario
    }

    private func manifest(_ state: ExchangeState) -> Manifest {
        Manifest(reconciliation: Reconciliation(state: state), state: state)
    }

    @Test func onlyAMediatorAttestsConfirmsAndProposes() throws {
        let scenario = try agreed()
        let state = scenario.state()
        let mediatorOnly: [Operation] = [
            .attest(Attest(entry: S.ref(S.hqA, .request, "A-1"), kind: .visited, date: CalendarDate(year: 2025, month: 4, day: 1)!)),
            .confirm(Confirm(direction: .toA, reconciliation: Reconciliation(state: state).report(.toA).hash)),
            .setTerms(Terms(counts: [.toA: 1, .toB: 1])),
            .proposeManifest(ProposeManifest(manifest: manifest(state).hash, basis: scenario.report().heads)),
        ]
        for operation in mediatorOnly {
            let refusal = try #require(state.refusal(of: operation, by: Self.id(S.hqA)))
            #expect(refusal.code == .roleNotAllowed)
            #expect(refusal.message.contains("only a mediator may \(operation.name.rawValue)"))
            // The mediator may, but proposes only what it confirmed (a refusal of another kind).
            #expect(state.refusal(of: operation, by: Self.id(S.mediator))?.code ?? .notConfirmed == .notConfirmed)
        }
    }

    @Test func onlyWhatThisStateBuildsIsConfirmedProposedOrSigned() throws {
        var scenario = try agreed()
        let other = String(repeating: "0", count: 64)
        let state = scenario.state()
        let confirm = try #require(state.refusal(of: .confirm(Confirm(direction: .toA, reconciliation: other)), by: Self.id(S.mediator)))
        #expect(confirm.message.contains("to-A reconciliation of this state is"))
        let propose = ProposeManifest(manifest: other, basis: scenario.report().heads)
        #expect(state.refusal(of: .proposeManifest(propose), by: Self.id(S.mediator))?.message.contains("not the one this state builds") == true)

        // A proposal that this state builds, then a change: signing the proposed hash is refused.
        let hash = manifest(state).hash
        try scenario.sign(S.mediator, .proposeManifest(ProposeManifest(manifest: hash, basis: scenario.report().heads)))
        try scenario.sign(S.hqB, .removeEntry(RemoveEntry(list: .release, entry: "B-1", reason: "")))
        let sign = Operation.signManifest(SignManifest(manifest: hash))
        #expect(scenario.state().refusal(of: sign, by: Self.id(S.hqA))?.message.contains("not the one this state builds") == true)
    }

    @Test func aBlockedManifestIsNeitherProposedNorSigned() throws {
        var scenario = try agreed()
        let hash = manifest(scenario.state()).hash
        try scenario.sign(S.mediator, .proposeManifest(ProposeManifest(manifest: hash, basis: scenario.report().heads)))
        // A dispute about an included person opens after the proposal. It changes the
        // reconciliation, so the proposed manifest is no longer this state's, and the new one is blocked.
        let open = try scenario.sign(S.hqB, .openDispute(OpenDispute(about: [S.ref(S.hqA, .request, "A-1")], reason: .notHeld, note: "")))
        let state = scenario.state()
        let sign = try #require(state.refusal(of: .signManifest(SignManifest(manifest: hash)), by: Self.id(S.hqA)))
        #expect(sign.message.contains("not the one this state builds"))
        let again = ProposeManifest(manifest: manifest(state).hash, basis: scenario.report().heads)
        let blocked = try #require(state.refusal(of: .proposeManifest(again), by: Self.id(S.mediator)))
        #expect(blocked.code == .blocked && blocked.blockers.map(\.key) == ["dispute:\(open.id.hex)"])
        let waived = ProposeManifest(
            manifest: manifest(state).hash, basis: scenario.report().heads,
            waivers: [Waiver(blocker: "dispute:\(open.id.hex)", reason: "settled in person")]
        )
        #expect(state.refusal(of: .proposeManifest(waived), by: Self.id(S.mediator))?.code == .notConfirmed)
        for direction in Direction.allCases {
            try scenario.sign(S.mediator, .confirm(Confirm(direction: direction, reconciliation: Reconciliation(state: state).report(direction).hash)))
        }
        let confirmed = ProposeManifest(manifest: waived.manifest, basis: scenario.report().heads, waivers: waived.waivers)
        #expect(scenario.state().refusal(of: .proposeManifest(confirmed), by: Self.id(S.mediator)) == nil)
    }

    @Test func aSideWritesOnlyItsOwnKindsOfList() throws {
        let state = try S.standard().state()
        let registry = Operation.putEntry(PutEntry(list: .registry, entry: "X-1", fields: [.surname: "Synthetic"]))
        #expect(state.refusal(of: registry, by: Self.id(S.hqA))?.message == "as headquarters you may not write a registry list")
        let request = Operation.putEntry(PutEntry(list: .request, entry: "X-1", fields: [.surname: "Synthetic"]))
        #expect(state.refusal(of: request, by: Self.id(S.mediator))?.message == "as mediator you may not write a request list")
        #expect(state.refusal(of: request, by: Self.id(S.hqB)) == nil)
        #expect(state.refusal(of: request, by: Self.id(LogFixture.outsider))?.message.contains("not a participant") == true)
    }

    @Test func closingSomeoneElsesDisputeIsForAMediator() throws {
        var scenario = try S.standard()
        let open = try scenario.sign(S.hqA, .openDispute(OpenDispute(about: [S.ref(S.hqB, .release, "B-2")], reason: .identityConflict, note: "")))
        let state = scenario.state()
        let close = Operation.closeDispute(CloseDispute(dispute: open.id, resolution: "settled"))
        #expect(state.refusal(of: close, by: Self.id(S.hqB))?.message.contains("only the party that opened dispute") == true)
        #expect(state.refusal(of: close, by: Self.id(S.hqA)) == nil)
        #expect(state.refusal(of: close, by: Self.id(S.mediator)) == nil)

        try scenario.sign(S.mediator, close)
        #expect(scenario.state().refusal(of: close, by: Self.id(S.hqA))?.message.contains("already closed") == true)
        let unknown = Operation.commentDispute(CommentDispute(dispute: EnvelopeID(hex: String(repeating: "cd", count: 32))!, note: ""))
        #expect(scenario.state().refusal(of: unknown, by: Self.id(S.hqA))?.message.contains("no dispute") == true)
    }

    @Test func entriesNamedMustBeOnTheirLists() throws {
        let state = try S.standard().state()
        let pair = MatchPair(request: S.ref(S.hqA, .request, "A-9"), release: S.ref(S.hqB, .release, "B-1"))
        #expect(state.refusal(of: .assertMatch(pair), by: Self.id(S.hqA))?.message.contains("A-9") == true)
        let open = OpenDispute(about: [S.ref(S.hqA, .request, "A-1")], reason: .other, note: "")
        #expect(state.refusal(of: .openDispute(open), by: Self.id(S.hqB)) == nil)
    }

    @Test func signingTwiceOrAnUnproposedManifestIsRefused() throws {
        var scenario = try agreed()
        let hash = manifest(scenario.state()).hash
        let sign = Operation.signManifest(SignManifest(manifest: hash))
        #expect(scenario.state().refusal(of: sign, by: Self.id(S.hqA))?.message.contains("no manifest") == true)
        try scenario.sign(S.mediator, .proposeManifest(ProposeManifest(manifest: hash, basis: scenario.report().heads)))
        #expect(scenario.state().refusal(of: sign, by: Self.id(S.hqA)) == nil)
        try scenario.sign(S.hqA, sign)
        #expect(scenario.state().refusal(of: sign, by: Self.id(S.hqA))?.message.contains("already signed") == true)
    }

    @Test func typedReferencesNameOneEntry() throws {
        let state = try S.standard().state()
        #expect(try state.entryRef(named: "A/request/A-1") == S.ref(S.hqA, .request, "A-1"))
        #expect(try state.entryRef(named: "a/REQUEST/A-1") == S.ref(S.hqA, .request, "A-1"))
        let long = "B/release/\(Self.id(S.hqB).hex.prefix(8))/B-2"
        #expect(try state.entryRef(named: long) == S.ref(S.hqB, .release, "B-2"))
        #expect(S.ref(S.hqB, .release, "B-2").description == long)
        #expect(throws: LogError.self) { try state.entryRef(named: "A/request/A-9") }
        #expect(throws: LogError.self) { try state.entryRef(named: "C/request/A-1") }
        #expect(throws: LogError.self) { try state.entryRef(named: "A-1") }
        #expect(throws: LogError.self) { try state.entryRef(named: "B/release/00000000/B-2") }
        #expect(throws: LogError.self) { try state.entryRef(named: "B/release//B-2") }
        #expect(throws: LogError.self) { try state.entryRef(named: "B/release/zz/B-2") }
        // The author part is an id prefix like any other: 8 hex digits at least.
        let short = "B/release/\(Self.id(S.hqB).hex.prefix(7))/B-2"
        #expect(throws: LogError.self) { try state.entryRef(named: short) }
    }

    @Test func twoAuthorsWithOneEntryIdNeedTheAuthor() throws {
        var scenario = try S.standard()
        try scenario.put(S.ombudsmanA, .request, "A-1", S.person("Synthetic", "Person", born: "1991-01-01"))
        let state = scenario.state()
        let named = "A/request/\(Self.id(S.ombudsmanA).hex.prefix(8))/A-1"
        // The ambiguity lists both candidates, as written, as an ambiguous id prefix does.
        let error = try #require(throws: LogError.self) { try state.entryRef(named: "A/request/A-1") }
        #expect(error.code == .ambiguousID)
        #expect(error.message.contains(named) && error.message.contains(S.ref(S.hqA, .request, "A-1").description))
        #expect(try state.entryRef(named: named) == S.ref(S.ombudsmanA, .request, "A-1"))
    }

    @Test func aReviewOfTheSameStateMatches() throws {
        let scenario = try agreed()
        let state = scenario.state()
        let mine = manifest(state)
        let review = ManifestReview(
            proposal: ProposeManifest(manifest: mine.hash, basis: scenario.report().heads), state: state, envelopes: scenario.envelopes
        )
        #expect(review.verdict == .matches)
        #expect(review.proposedManifest == mine)
    }

    @Test func aReviewShowsWhatChangedSinceTheProposal() throws {
        var scenario = try agreed()
        let proposedState = scenario.state()
        let proposal = ProposeManifest(manifest: manifest(proposedState).hash, basis: scenario.report().heads)
        try scenario.sign(S.mediator, .proposeManifest(proposal))
        // After the proposal, side B withdraws B-1 (agreed with A-1): the signer's manifest lacks that pair.
        try scenario.sign(S.hqB, .removeEntry(RemoveEntry(list: .release, entry: "B-1", reason: "")))
        let review = ManifestReview(proposal: proposal, state: scenario.state(), envelopes: scenario.envelopes)
        guard case let .differs(differences) = review.verdict else {
            Issue.record("expected differences, got \(review.verdict)")
            return
        }
        #expect(differences.contains(.reconciliation))
        #expect(differences.contains(.added(.toA, request: S.ref(S.hqA, .request, "A-1"), release: S.ref(S.hqB, .release, "B-1"))))
        #expect(review.proposedManifest?.hash == proposal.manifest)
    }

    @Test func aReviewWithoutTheBasisAsksForIt() throws {
        let full = try agreed()
        let proposal = ProposeManifest(manifest: manifest(full.state()).hash, basis: full.report().heads)
        // A party that has not yet received the mediator's terms.
        let partial = full.envelopes.filter { $0.envelope.author != Self.id(S.mediator) }
        guard let state = Verifier(exchange: full.exchange).verify(partial).state else {
            Issue.record("the partial log does not verify")
            return
        }
        let review = ManifestReview(proposal: proposal, state: state, envelopes: partial)
        let mediatorHead = try #require(full.report().heads[Self.id(S.mediator)])
        #expect(review.verdict == .lacksBasis([Self.id(S.mediator): .init(held: 0, needed: mediatorHead.seq)]))
        #expect(review.proposedManifest == nil)
    }

    @Test func aFalseBasisIsCaught() throws {
        var scenario = try agreed()
        let basis = scenario.report().heads
        try scenario.sign(S.hqB, .removeEntry(RemoveEntry(list: .release, entry: "B-1", reason: "")))
        // The proposer claims the state after the removal was the basis of the earlier manifest.
        let claimed = ProposeManifest(manifest: manifest(scenario.state()).hash, basis: basis)
        var other = scenario
        try other.put(S.hqA, .request, "A-5", S.person("Synthetic", "Extra", born: "1993-03-03"))
        let review = ManifestReview(proposal: claimed, state: other.state(), envelopes: other.envelopes)
        guard case let .basisDisagrees(rebuilt) = review.verdict else {
            Issue.record("expected a disagreeing basis, got \(review.verdict)")
            return
        }
        #expect(rebuilt != claimed.manifest)
    }

    @Test func aBasisThatContradictsTheReplicaIsAConflictNotAShortfall() throws {
        let scenario = try agreed()
        let state = scenario.state()
        var heads = scenario.report().heads
        let mediator = Self.id(S.mediator)
        let head = try #require(heads[mediator])
        heads[mediator] = ChainHead(seq: head.seq, id: EnvelopeID(hex: String(repeating: "ee", count: 32))!)
        let forked = ProposeManifest(manifest: String(repeating: "1", count: 64), basis: heads)
        #expect(ManifestReview(proposal: forked, state: state, envelopes: scenario.envelopes).verdict == .basisConflicts([mediator]))

        var stranger = scenario.report().heads
        stranger[Self.id(LogFixture.outsider)] = ChainHead(seq: 1, id: EnvelopeID(hex: String(repeating: "dd", count: 32))!)
        let foreign = ProposeManifest(manifest: String(repeating: "1", count: 64), basis: stranger)
        #expect(ManifestReview(proposal: foreign, state: state, envelopes: scenario.envelopes).verdict == .basisConflicts([Self.id(LogFixture.outsider)]))
    }

    /// Each verdict in the words `finalize sign` and the workspace both print: who falls short and
    /// by how much, who contradicts, what the basis gives and why, how many differences.
    @Test func eachVerdictSaysWhyInWords() {
        let (a, b) = (Self.id(S.hqA), Self.id(S.hqB))
        let name: (KeyID) -> String = { $0 == a ? "Side A" : "Side B" }
        typealias Verdict = ManifestReview.Verdict
        #expect(Verdict.matches.words(naming: name, unopened: 0) == "it is the manifest this replica builds")
        let short = Verdict.lacksBasis([b: .init(held: 2, needed: 5), a: .init(held: 0, needed: 1)]).words(naming: name, unopened: 0)
        #expect(short.hasPrefix("it was built on envelopes this replica lacks: "))
        // Authors in key order, each with what is held and what is needed.
        let chains = [(a, "Side A up to seq 1 (this replica has 0)"), (b, "Side B up to seq 5 (this replica has 2)")].sorted { $0.0 < $1.0 }
        #expect(short.contains(chains.map(\.1).joined(separator: "; ")))
        #expect(Verdict.basisConflicts([b]).words(naming: name, unopened: 0).contains("non-participant) for Side B: it cannot be compared"))
        let rebuilt = String(repeating: "ab", count: 32)
        let sealed = Verdict.basisDisagrees(rebuilt: rebuilt).words(naming: name, unopened: 3)
        #expect(sealed.contains("another manifest here, \(rebuilt.prefix(12))"))
        #expect(sealed.contains("cannot open 3 of their records yet"))
        #expect(Verdict.basisDisagrees(rebuilt: "").words(naming: name, unopened: 0).contains("no manifest (they do not verify): the proposer's software"))
        #expect(Verdict.differs([]).words(naming: name, unopened: 0).contains("in 0 places ("))
    }
}

import Foundation
import ParleyCrypto
import ParleyLog
import ParleyMatch
import Testing

/// Manifests: what they include, what blocks them, signing, the finalized file and its tampering.
@Suite struct ManifestTests {
    typealias S = ExchangeScenario

    @Test func aManifestListsTheAgreedPeopleWithIdentifyingFields() throws {
        let manifest = S.manifest(try S.agreed())
        #expect(manifest.hash == Hex.encode(SHA256.hash(Array("parley/v1/manifest".utf8) + [0] + manifest.canonicalBytes)))
        #expect(manifest.count(.toA) == 2)
        #expect(manifest.count(.toB) == 1)
        let first = try #require(manifest.people[.toA]?.first)
        #expect(first.request.ref == S.ref(S.hqA, .request, "A-1"))
        #expect(first.release.fields[.surname] == "Коваль")
        #expect(first.release.fields[.serviceNumber] == "AA100001")
        // The fields priority is read from travel with the person (and are signed with it); the
        // others (unit, places, notes) stay out.
        let toB = try #require(manifest.people[.toB]?.first)
        #expect(toB.request.fields[.sex] == "F")
        #expect(toB.request.fields[.category] == "civilian")
        // Without the terms' as_of, only the categories that do not depend on the day.
        #expect(manifest.priorities(of: toB) == [.woman, .civilian])
        #expect(manifest.terms == Terms(counts: [.toA: 2, .toB: 1]))
        #expect(manifest.hash.count == 64)
        #expect(manifest.hash == EnvelopeVectors.hex(SHA256.hash(Array("parley/v1/manifest".utf8) + [0] + manifest.canonicalBytes)))
        #expect(manifest.blockers(in: try S.agreed().state()).isEmpty)
    }

    @Test func thePriorityOfAPersonIsReadFromTheSignedFieldsOnTheTermsDay() throws {
        var scenario = try S.agreed()
        // Born 2003-02-03: young on 2025-05-01.
        try scenario.sign(S.mediator, .setTerms(Terms(counts: [.toA: 2, .toB: 1], asOf: CalendarDate(parsing: "2025-05-01"))))
        let manifest = S.manifest(scenario)
        let toB = try #require(manifest.people[.toB]?.first)
        #expect(manifest.priorities(of: toB) == [.woman, .civilian, .young])
        // A category's field changed after the fact is a change of what was signed.
        var withoutSex = scenario
        try withoutSex.put(S.hqB, .request, "BR-1", S.person("Petrenko", "Olena", born: "2003-02-03", [
            .category: "civilian", .unit: "3rd brigade", .notes: "seen in May", .capturePlace: "Somewhere",
        ]))
        try withoutSex.put(S.hqA, .release, "AR-1", S.person("Petrenko", "Olena", born: "2003-02-03"))
        let other = S.manifest(withoutSex)
        #expect(other.people[.toB]?.count == 1)
        let olena = try #require(other.people[.toB]?.first)
        #expect(other.priorities(of: olena) == [.civilian, .young])
        // What priority is not read from stays out of the manifest.
        #expect(olena.request.fields[.category] == "civilian")
        #expect(olena.request.fields[.unit] == nil && olena.request.fields[.notes] == nil && olena.request.fields[.capturePlace] == nil)
        #expect(other.hash != manifest.hash)
    }

    @Test func blockersListOpenDisputesOnIncludedPeopleAndBrokenTermsMinusWaivers() throws {
        var scenario = try S.agreed()
        let a1 = S.ref(S.hqA, .request, "A-1")
        let open = try scenario.sign(S.hqB, .openDispute(OpenDispute(about: [a1, S.ref(S.hqA, .request, "A-4")], reason: .statusContested, note: "")))
        // A dispute about people the manifest leaves out does not block.
        try scenario.sign(S.hqB, .openDispute(OpenDispute(about: [S.ref(S.hqA, .request, "A-3")], reason: .notHeld, note: "")))
        try scenario.sign(S.mediator, .setTerms(Terms(counts: [.toA: 3, .toB: 1])))
        let state = scenario.state()
        let manifest = Manifest(reconciliation: Reconciliation(state: state), state: state)
        // A-1 is disputed now, but its match is agreed: the manifest includes it and is blocked.
        #expect(manifest.count(.toA) == 2)
        let blockers = manifest.blockers(in: state)
        #expect(blockers == [.openDispute(open.id, entries: [a1]), .termsBroken(.toA, expected: 3, actual: 2)])
        #expect(blockers.map(\.key) == ["dispute:\(open.id.hex)", "terms:to-A"])
        let waivers = [Waiver(blocker: "terms:to-A", reason: "the third follows in phase 2")]
        #expect(manifest.blockers(in: state, waiving: waivers) == [.openDispute(open.id, entries: [a1])])
        #expect(manifest.blockers(in: state, waiving: waivers + [Waiver(blocker: blockers[0].key, reason: "status settled")]).isEmpty)
    }

    @Test func signingStatusCountsEachKeyOnce() throws {
        var scenario = try S.agreed()
        let manifest = S.manifest(scenario)
        try scenario.sign(S.mediator, .proposeManifest(ProposeManifest(manifest: manifest.hash, basis: scenario.report().heads)))
        try scenario.sign(S.hqA, .signManifest(SignManifest(manifest: manifest.hash)))
        try scenario.sign(S.hqA, .signManifest(SignManifest(manifest: manifest.hash)))
        let status = try #require(scenario.state().manifestStatus(manifest.hash))
        #expect(status.signatures.count == 1)
        #expect(status.missing.count == 3)
        #expect(!status.isComplete)
    }

    @Test func aFinalizedManifestVerifiesOfflineAndSurvivesItsFile() throws {
        let (_, manifest, file) = try S.finalized()
        let verification = file.verify()
        #expect(verification.isValid, "\(verification.problems)")
        #expect(verification.problems.isEmpty)
        #expect(verification.manifestHash == manifest.hash)
        #expect(verification.signers.count == 4)

        let read = try FinalizedManifest(parsing: file.fileBytes)
        #expect(read.fileBytes == file.fileBytes)
        #expect(read.verify() == verification)
    }

    @Test func aRemovedSignatureIsMissing() throws {
        let (_, _, file) = try S.finalized()
        let removed = try #require(file.signatures.first { $0.envelope.author == S.hqB.publicKey.keyID })
        let tampered = FinalizedManifest(manifest: file.manifest, genesis: file.genesis, proposals: file.proposals,
                                         signatures: file.signatures.filter { $0 != removed })
        #expect(tampered.verify().problems == [.missingSignature(S.hqB.publicKey.keyID)])
        #expect(!tampered.verify().isValid)
    }

    @Test func aParticipantAddedToTheManifestOrTheGenesisIsCaught() throws {
        let (_, _, file) = try S.finalized()
        let extra = try SigningKey(seed: [UInt8](repeating: 0x07, count: 32))
        let added: JSONValue = ["key": .string(EnvelopeVectors.hex(extra.publicKey.rawRepresentation)), "role": "headquarters", "side": "A", "name": "Intruder"]

        var manifest = file.manifest
        manifest = try replacing(manifest, "participants") { .array($0.arrayValue! + [added]) }
        let inManifest = FinalizedManifest(manifest: manifest, genesis: file.genesis, proposals: file.proposals, signatures: file.signatures)
        let problems = inManifest.verify().problems
        #expect(problems.count == 2)
        #expect(problems.first == .participantsAltered)
        if case .manifestAltered = problems.last {} else { Issue.record("expected manifestAltered, got \(problems)") }

        // In the genesis: its creator's signature no longer holds.
        let genesis = try JSONValue(parsing: file.genesis.wireBytes)
        let forged = try replacing(genesis, "envelope") { envelope in
            try replacing(envelope, "body") { body in try replacing(body, "participants") { .array($0.arrayValue! + [added]) } }
        }
        let inGenesis = FinalizedManifest(
            manifest: file.manifest, genesis: try SignedEnvelope(parsing: try CanonicalJSON.encode(forged)),
            proposals: file.proposals, signatures: file.signatures
        )
        #expect(inGenesis.verify().problems == [.genesisInvalid])
    }

    @Test func aPersonAddedOrAFieldChangedAltersTheManifest() throws {
        let (_, manifest, file) = try S.finalized()
        func directions(_ change: (inout [JSONValue]) -> Void) throws -> JSONValue {
            try replacing(file.manifest, "directions") { value in
                var directions = value.arrayValue!
                change(&directions)
                return .array(directions)
            }
        }
        // A person added to the first direction (the count left as it was).
        let added = try directions { directions in
            directions[0] = try! replacing(directions[0], "people") { .array($0.arrayValue! + [$0.arrayValue![0]]) }
        }
        let withPerson = FinalizedManifest(manifest: added, genesis: file.genesis, proposals: file.proposals, signatures: file.signatures)
        #expect(withPerson.verify().problems == [.countMismatch(.toA), .manifestAltered(signed: manifest.hash)])

        // The same with the count raised too.
        let counted = try directions { directions in
            directions[0] = try! replacing(directions[0], "people") { .array($0.arrayValue! + [$0.arrayValue![0]]) }
            directions[0] = try! replacing(directions[0], "count") { .number($0.numberValue! + 1) }
        }
        let withCount = FinalizedManifest(manifest: counted, genesis: file.genesis, proposals: file.proposals, signatures: file.signatures)
        #expect(withCount.verify().problems == [.manifestAltered(signed: manifest.hash)])

        // A field changed.
        let text = String(decoding: try CanonicalJSON.encode(file.manifest), as: UTF8.self)
        #expect(text.contains(#""date_of_birth":"1990-01-02""#))
        let changed = try JSONValue(parsing: Array(text.replacingOccurrences(of: #""date_of_birth":"1990-01-02""#, with: #""date_of_birth":"1990-01-03""#).utf8))
        let withField = FinalizedManifest(manifest: changed, genesis: file.genesis, proposals: file.proposals, signatures: file.signatures)
        #expect(withField.verify().problems == [.manifestAltered(signed: manifest.hash)])
        #expect(!withField.verify().isValid)
    }

    @Test func wrongDuplicatedAndOutsiderSignaturesAreNamed() throws {
        let (finished, manifest, file) = try S.finalized()
        var scenario = finished
        let outsider = try scenario.sign(LogFixture.outsider, .signManifest(SignManifest(manifest: manifest.hash)))
        let other = try scenario.sign(S.hqB, .signManifest(SignManifest(manifest: String(repeating: "4", count: 64))))
        var flipped = file.signatures[0].wireBytes
        let at = flipped.count - 4
        flipped[at] = flipped[at] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        let bad = try SignedEnvelope(parsing: flipped)
        let badAuthor = bad.envelope.author

        let duplicated = FinalizedManifest(manifest: file.manifest, genesis: file.genesis, proposals: file.proposals, signatures: file.signatures + [file.signatures[1]])
        #expect(duplicated.verify().problems == [.duplicateSignature(file.signatures[1].envelope.author)])
        #expect(duplicated.verify().isValid)

        let noisy = FinalizedManifest(
            manifest: file.manifest, genesis: file.genesis, proposals: file.proposals,
            signatures: [bad] + file.signatures.dropFirst() + [outsider, other]
        )
        let problems = noisy.verify().problems
        #expect(Set(problems) == [
            .badSignature(badAuthor), .notAParticipant(LogFixture.outsider.publicKey.keyID),
            .signsAnotherManifest(S.hqB.publicKey.keyID, String(repeating: "4", count: 64)), .missingSignature(badAuthor),
        ])
        #expect(problems.last == .missingSignature(badAuthor))

        let unproposed = FinalizedManifest(manifest: file.manifest, genesis: file.genesis, proposals: [], signatures: file.signatures)
        #expect(unproposed.verify().problems == [.noProposal])
    }

    /// `value` with the member `name` replaced by `change` of it.
    private func replacing(_ value: JSONValue, _ name: String, _ change: (JSONValue) throws -> JSONValue) throws -> JSONValue {
        guard case var .object(members) = value, let member = members[name] else {
            throw LogError(code: .malformedEnvelope, message: "no member \(name)")
        }
        members[name] = try change(member)
        return .object(members)
    }
}

extension ManifestTests {
    @Test func aManifestReadsBackAndDifferencesNameThePeople() throws {
        // Side A's ombudsman has not signed: the manifest is not final, so side B may still withdraw.
        let (scenario, manifest, file) = try S.finalized(signers: [S.hqA, S.hqB, S.mediator])
        let read = try Manifest(json: file.manifest)
        #expect(read == manifest)
        #expect(read.hash == manifest.hash)
        #expect(read.differences(from: manifest).isEmpty)

        var later = scenario
        try later.sign(S.hqB, .removeEntry(RemoveEntry(list: .release, entry: "B-2", reason: "released earlier")))
        let state = later.state()
        let local = Manifest(reconciliation: Reconciliation(state: state), state: state)
        #expect(local.differences(from: manifest) == [
            .reconciliation,
            .added(.toA, request: S.ref(S.hqA, .request, "A-2"), release: S.ref(S.hqB, .release, "B-2")),
        ])
    }
}

import Foundation
import ParleyCrypto
import ParleyLog
import ParleyMatch

/// The public fold vectors in `protocol/vectors/fold.json` (PROTOCOL.md §8): fact replacement,
/// ignored facts, the fold stopping at an equivocation and role-rejected envelopes, each a small
/// exchange of the keys of `vectors/envelopes.json`, with what a verifier must find.
struct FoldVectors: Codable, Equatable, ProtocolVectorFile {
    static let fileName = "fold.json"

    struct Fork: Codable, Equatable {
        var author: String
        var seq: Int
        var ids: [String]
    }

    struct Case: Codable, Equatable {
        var name: String
        var description: String
        var exchange: String
        var envelopes: [String]
        var verdicts: [String: [String]]
        var equivocations: [Fork]
        var ignored: [String: String]
        var stateCanonical: String
        var stateHash: String
    }

    var description: String
    var cases: [Case]

    /// What a verifier finds in `wire`: verdicts, forks, ignored facts and the state.
    static func expectations(name: String, description: String, exchange: ExchangeID, wire: [[UInt8]]) throws -> Case {
        try expectations(name: name, description: description, exchange: exchange, wire: wire,
                         report: Verifier(exchange: exchange).verify(wire: wire))
    }

    /// ``expectations(name:description:exchange:wire:)`` from the verifier's `report` of `wire`.
    static func expectations(
        name: String, description: String, exchange: ExchangeID, wire: [[UInt8]], report: VerificationReport
    ) throws -> Case {
        guard let state = report.state else { throw CocoaError(.coderInvalidValue) }
        var verdicts: [String: [String]] = [:]
        for (id, verdict) in report.verdicts {
            verdicts[id.hex] = verdict.isValid ? ["valid"] : verdict.reasons.map(\.description).sorted()
        }
        return Case(
            name: name, description: description, exchange: exchange.hex,
            envelopes: wire.map { String(decoding: $0, as: UTF8.self) },
            verdicts: verdicts,
            equivocations: report.equivocations.map { Fork(author: $0.author.hex, seq: $0.seq, ids: $0.ids.map(\.hex).sorted()) },
            ignored: Dictionary(uniqueKeysWithValues: state.ignored.map { ($0.envelope.hex, $0.reason.rawValue) }),
            stateCanonical: String(decoding: try CanonicalJSON.encode(state.canonicalForm), as: UTF8.self),
            stateHash: state.stateHash
        )
    }

    /// A small exchange being written: the vector keys, one signer per key.
    struct Builder {
        static let keys = [0x01, 0x03, 0x04].map { try! SigningKey(seed: EnvelopeVectors.seed(UInt8($0))) }
        var signers: [EnvelopeSigner]
        var envelopes: [SignedEnvelope]
        var minute = 0

        init(nonce: String) throws {
            let keys = Self.keys
            let create = CreateExchange(nonce: nonce, title: "Fold vector", terms: ["counts": ["A": 1, "B": 1]], participants: [
                Participant(publicKey: keys[0].publicKey, role: .headquarters, side: .a, name: "Side A headquarters"),
                Participant(publicKey: keys[1].publicKey, role: .headquarters, side: .b, name: "Side B headquarters"),
                Participant(publicKey: keys[2].publicKey, role: .mediator, side: .neutral, name: "Mediator"),
            ])
            let (genesis, a) = try EnvelopeSigner.createExchange(create, key: keys[0], at: Timestamp(secondsSince1970: 1_746_090_000))
            signers = [a] + keys.dropFirst().map { EnvelopeSigner(key: $0, exchange: a.exchange, head: nil) }
            envelopes = [genesis]
        }

        var exchange: ExchangeID { signers[0].exchange }

        /// Signs `operation` as key `index` (0: side A, 1: side B, 2: the mediator).
        @discardableResult
        mutating func sign(_ index: Int, _ operation: ParleyLog.Operation) throws -> SignedEnvelope {
            minute += 1
            let envelope = try signers[index].sign(operation, at: Timestamp(secondsSince1970: 1_746_090_000 + Int64(minute) * 60))
            envelopes.append(envelope)
            return envelope
        }

        func ref(_ index: Int, _ side: Side, _ kind: ListKind, _ entry: String) -> EntryRef {
            EntryRef(list: ListKey(side: side, kind: kind), author: Self.keys[index].publicKey.keyID, entry: entry)
        }
    }

    static func person(_ surname: String) -> [Field: String] {
        [.surname: surname, .givenName: "Taras", .dateOfBirth: "1991-03-04"]
    }

    /// Recomputes every case with this implementation.
    static func compute() throws -> FoldVectors {
        let hashX = String(repeating: "a", count: 64), hashY = String(repeating: "b", count: 64)
        var cases: [Case] = []

        var replace = try Builder(nonce: "f0f0f0f0f0f0f0f0f0f0f0f0f0f0f001")
        try replace.sign(0, .putEntry(PutEntry(list: .request, entry: "A-1", fields: person("Koval"))))
        try replace.sign(0, .putEntry(PutEntry(list: .request, entry: "A-1", fields: person("Kovalenko"))))
        try replace.sign(1, .putEntry(PutEntry(list: .release, entry: "B-1", fields: person("Kovalenko"))))
        let pair = MatchPair(request: replace.ref(0, .a, .request, "A-1"), release: replace.ref(1, .b, .release, "B-1"))
        try replace.sign(1, .assertMatch(pair))
        try replace.sign(1, .rejectMatch(pair))
        try replace.sign(2, .confirm(Confirm(direction: .toA, reconciliation: hashX)))
        try replace.sign(2, .confirm(Confirm(direction: .toA, reconciliation: hashY)))
        try replace.sign(2, .setTerms(Terms(counts: [.toA: 1, .toB: 1])))
        try replace.sign(2, .setTerms(Terms(counts: [.toA: 2, .toB: 0])))
        cases.append(try expectations(
            name: "fact-replacement",
            description: "A later put of the same entry, match decision of the same author and pair, confirm of the same direction and "
                + "terms.set of the same mediator replace the earlier one: the state holds only the later.",
            exchange: replace.exchange, wire: replace.envelopes.map(\.wireBytes)
        ))

        var ignored = try Builder(nonce: "f0f0f0f0f0f0f0f0f0f0f0f0f0f0f002")
        let dispute = try ignored.sign(1, .openDispute(OpenDispute(about: [ignored.ref(0, .a, .request, "A-1")], reason: .other, note: "")))
        let unknown = EnvelopeID(hex: hashX)!
        try ignored.sign(0, .commentDispute(CommentDispute(dispute: unknown, note: "")))
        try ignored.sign(0, .closeDispute(CloseDispute(dispute: unknown, resolution: "")))
        try ignored.sign(0, .closeDispute(CloseDispute(dispute: dispute.id, resolution: "")))
        try ignored.sign(0, .signManifest(SignManifest(manifest: hashX)))
        let heads = Verifier(exchange: ignored.exchange).verify(ignored.envelopes).heads
        try ignored.sign(2, .proposeManifest(ProposeManifest(manifest: hashY, basis: heads)))
        try ignored.sign(1, .signManifest(SignManifest(manifest: hashY)))
        try ignored.sign(1, .signManifest(SignManifest(manifest: hashY)))
        cases.append(try expectations(
            name: "ignored-facts",
            description: "Valid envelopes without effect, listed as ignored with their reason and kept in the state's facts: a comment "
                + "and a close of an unknown dispute, a close by neither the opener nor a mediator, a sign of a manifest no mediator "
                + "proposed, a second sign of one manifest by one key. The dispute stays open.",
            exchange: ignored.exchange, wire: ignored.envelopes.map(\.wireBytes)
        ))

        var fork = try Builder(nonce: "f0f0f0f0f0f0f0f0f0f0f0f0f0f0f003")
        try fork.sign(0, .putEntry(PutEntry(list: .request, entry: "A-1", fields: person("Koval"))))
        var twin = fork.signers[0]
        try fork.sign(0, .putEntry(PutEntry(list: .request, entry: "A-2", fields: person("Marchenko"))))
        try fork.sign(0, .putEntry(PutEntry(list: .request, entry: "A-3", fields: person("Savchuk"))))
        fork.envelopes.append(try twin.sign(.putEntry(PutEntry(list: .request, entry: "A-2", fields: person("Melnyk"))),
                                            at: Timestamp(secondsSince1970: 1_746_099_000)))
        try fork.sign(1, .putEntry(PutEntry(list: .release, entry: "B-1", fields: person("Koval"))))
        cases.append(try expectations(
            name: "fold-stops-at-equivocation",
            description: "Side A signs two envelopes at seq 3. Both are valid and reported with the fork; side A's chain is folded "
                + "up to seq 2 only (A-1), so neither A-2 nor A-3 (seq 4, after the fork) is in the state. Side B is unaffected.",
            exchange: fork.exchange, wire: fork.envelopes.map(\.wireBytes)
        ))

        var roles = try Builder(nonce: "f0f0f0f0f0f0f0f0f0f0f0f0f0f0f004")
        let entry = roles.ref(0, .a, .request, "A-1")
        try roles.sign(1, .attest(Attest(entry: entry, kind: .visited, date: CalendarDate(year: 2025, month: 4, day: 28)!)))
        try roles.sign(1, .confirm(Confirm(direction: .toB, reconciliation: hashX)))
        try roles.sign(1, .setTerms(Terms(counts: [.toA: 1, .toB: 1])))
        try roles.sign(2, .putEntry(PutEntry(list: .request, entry: "M-1", fields: person("Koval"))))
        try roles.sign(0, .putEntry(PutEntry(list: .registry, entry: "A-9", fields: person("Koval"))))
        try roles.sign(1, .putEntry(PutEntry(list: .release, entry: "B-1", fields: person("Koval"))))
        try roles.sign(2, .putEntry(PutEntry(list: .registry, entry: "R-1", fields: person("Koval"))))
        cases.append(try expectations(
            name: "role-rejected",
            description: "A side's attest, confirm and terms.set, a mediator's put to a request list and a side's put to the registry "
                + "are roleNotAllowed: not folded, but their chains continue through them, so each author's next envelope is valid "
                + "and folded.",
            exchange: roles.exchange, wire: roles.envelopes.map(\.wireBytes)
        ))
        var final = try Builder(nonce: "f0f0f0f0f0f0f0f0f0f0f0f0f0f0f005")
        try final.sign(0, .putEntry(PutEntry(list: .request, entry: "A-1", fields: person("Koval"))))
        try final.sign(1, .putEntry(PutEntry(list: .release, entry: "B-1", fields: person("Koval"))))
        let before = try final.sign(1, .openDispute(OpenDispute(about: [final.ref(0, .a, .request, "A-9")], reason: .other, note: "")))
        let finalHeads = Verifier(exchange: final.exchange).verify(final.envelopes).heads
        try final.sign(2, .proposeManifest(ProposeManifest(manifest: hashX, basis: finalHeads)))
        try final.sign(0, .signManifest(SignManifest(manifest: hashX)))
        try final.sign(0, .removeEntry(RemoveEntry(list: .request, entry: "A-1", reason: "")))
        try final.sign(1, .signManifest(SignManifest(manifest: hashX)))
        try final.sign(2, .signManifest(SignManifest(manifest: hashX)))
        let finalPair = MatchPair(request: final.ref(0, .a, .request, "A-1"), release: final.ref(1, .b, .release, "B-1"))
        try final.sign(1, .putEntry(PutEntry(list: .release, entry: "B-1", fields: person("Kovalenko"))))
        try final.sign(1, .rejectMatch(finalPair))
        try final.sign(1, .openDispute(OpenDispute(about: [final.ref(0, .a, .request, "A-1")], reason: .notHeld, note: "")))
        try final.sign(0, .commentDispute(CommentDispute(dispute: before.id, note: "")))
        try final.sign(2, .attest(Attest(entry: final.ref(0, .a, .request, "A-1"), kind: .visited, date: CalendarDate(year: 2025, month: 5, day: 2)!)))
        try final.sign(2, .proposeManifest(ProposeManifest(manifest: hashY, basis: finalHeads)))
        try final.sign(0, .signManifest(SignManifest(manifest: hashY)))
        try final.sign(1, .closeDispute(CloseDispute(dispute: before.id, resolution: "")))
        cases.append(try expectations(
            name: "final-manifest-stays-final",
            description: "Every participant signs a proposed manifest (hash aaaa…). Side A's list.remove signed after its own signature "
                + "but before the last one, and a list.put, match.reject, dispute.open, dispute.comment, attest, manifest.propose and "
                + "manifest.sign of another hash and dispute.close signed after, are set aside: valid, kept in the facts, ignored "
                + "as `finalized`, without effect (A-1 and B-1 stay as they were, the dispute stays open).",
            exchange: final.exchange, wire: final.envelopes.map(\.wireBytes)
        ))
        var phased = try Builder(nonce: "f0f0f0f0f0f0f0f0f0f0f0f0f0f0f006")
        let phaseOne = Terms.Phase(name: "1", counts: [.toA: 1, .toB: 0]), phaseTwo = Terms.Phase(name: "2", counts: [.toA: 1, .toB: 0])
        let phasedTerms = Terms(counts: [.toA: 2, .toB: 0], phases: [phaseOne, phaseTwo], asOf: CalendarDate(year: 2025, month: 5, day: 1)!)
        try phased.sign(0, .putEntry(PutEntry(list: .request, entry: "A-1", fields: person("Koval"))))
        try phased.sign(0, .putEntry(PutEntry(list: .request, entry: "A-2", fields: person("Melnyk"))))
        try phased.sign(1, .putEntry(PutEntry(list: .release, entry: "B-1", fields: person("Koval"))))
        try phased.sign(1, .putEntry(PutEntry(list: .release, entry: "B-2", fields: person("Melnyk"))))
        try phased.sign(2, .setTerms(phasedTerms))
        let settled = try phased.sign(1, .openDispute(OpenDispute(about: [phased.ref(0, .a, .request, "A-1")], reason: .other, note: "")))
        try phased.sign(1, .closeDispute(CloseDispute(dispute: settled.id, resolution: "")))
        let sealedPhase = ProposedPhase(phase: phaseOne, entries: [phased.ref(0, .a, .request, "A-1"), phased.ref(1, .b, .release, "B-1")])
        let phasedHeads = Verifier(exchange: phased.exchange).verify(phased.envelopes).heads
        try phased.sign(2, .proposeManifest(ProposeManifest(manifest: hashX, basis: phasedHeads, phase: sealedPhase)))
        for index in 0..<3 {
            try phased.sign(index, .signManifest(SignManifest(manifest: hashX)))
        }
        // Set aside: they touch phase 1's people or phase 1 itself.
        try phased.sign(1, .putEntry(PutEntry(list: .release, entry: "B-1", fields: person("Kovalenko"))))
        try phased.sign(1, .openDispute(OpenDispute(about: [phased.ref(0, .a, .request, "A-1")], reason: .notHeld, note: "")))
        try phased.sign(0, .commentDispute(CommentDispute(dispute: settled.id, note: "")))
        try phased.sign(2, .attest(Attest(entry: phased.ref(1, .b, .release, "B-1"), kind: .visited, date: CalendarDate(year: 2025, month: 5, day: 2)!)))
        try phased.sign(2, .setTerms(Terms(counts: [.toA: 2, .toB: 0], phases: [Terms.Phase(name: "1", counts: [.toA: 2, .toB: 0])])))
        try phased.sign(2, .proposeManifest(ProposeManifest(manifest: hashY, basis: phasedHeads, phase: ProposedPhase(phase: phaseOne, entries: []))))
        // In effect: phase 2's people, the terms of later phases, phase 2's manifest.
        try phased.sign(1, .putEntry(PutEntry(list: .release, entry: "B-2", fields: person("Melnychuk"))))
        try phased.sign(0, .assertMatch(MatchPair(request: phased.ref(0, .a, .request, "A-2"), release: phased.ref(1, .b, .release, "B-2"))))
        try phased.sign(2, .attest(Attest(entry: phased.ref(0, .a, .request, "A-2"), kind: .visited, date: CalendarDate(year: 2025, month: 5, day: 2)!)))
        var reordered = phasedTerms
        reordered.priorities = [.woman]
        try phased.sign(2, .setTerms(reordered))
        let hashZ = String(repeating: "c", count: 64)
        let nextPhase = ProposedPhase(phase: phaseTwo, entries: [phased.ref(0, .a, .request, "A-2"), phased.ref(1, .b, .release, "B-2")])
        try phased.sign(2, .proposeManifest(ProposeManifest(manifest: hashZ, basis: phasedHeads, phase: nextPhase)))
        try phased.sign(0, .signManifest(SignManifest(manifest: hashZ)))
        cases.append(try expectations(
            name: "phase-sealed",
            description: "Every participant signs the manifest (hash aaaa…) of phase 1, whose proposal names its people's entries "
                + "(A-1, B-1). After each signer's own signature, what touches them or phase 1 is set aside as `finalized`: a "
                + "list.put of B-1, a dispute.open about A-1, a dispute.comment of a dispute about A-1, an attest of B-1, a terms.set "
                + "without phase 1 as it was, a manifest.propose of another phase 1 manifest. What touches phase 2 stays in effect: "
                + "a list.put of B-2, a match.assert of A-2/B-2, an attest of A-2, a terms.set keeping phase 1, and the proposal of "
                + "phase 2's manifest (hash cccc…) and a signature of it.",
            exchange: phased.exchange, wire: phased.envelopes.map(\.wireBytes)
        ))
        var erasing = try Builder(nonce: "f0f0f0f0f0f0f0f0f0f0f0f0f0f0f007")
        try erasing.sign(0, .putEntry(PutEntry(list: .request, entry: "A-1", fields: person("Koval"))))
        try erasing.sign(1, .putEntry(PutEntry(list: .release, entry: "B-1", fields: person("Koval"))))
        try erasing.sign(0, .eraseExchange(EraseExchange()))
        let erasingHeads = Verifier(exchange: erasing.exchange).verify(erasing.envelopes).heads
        try erasing.sign(2, .proposeManifest(ProposeManifest(manifest: hashX, basis: erasingHeads)))
        for index in 0..<3 {
            try erasing.sign(index, .signManifest(SignManifest(manifest: hashX)))
        }
        try erasing.sign(1, .eraseExchange(EraseExchange()))
        try erasing.sign(0, .eraseExchange(EraseExchange()))
        try erasing.sign(1, .eraseExchange(EraseExchange()))
        cases.append(try expectations(
            name: "exchange-erased",
            description: "§5.20: side A's exchange.erase signed before the exchange is closed is ignored as `notClosed`; after every "
                + "participant signed the manifest (hash aaaa…), side B's and side A's erasures count, and side B's second one is "
                + "ignored as `duplicateErasure`. Every exchange.erase is a fact of the state (the mediator has not erased).",
            exchange: erasing.exchange, wire: erasing.envelopes.map(\.wireBytes)
        ))
        return FoldVectors(
            description: "Parley fold vectors (protocol version 1): the keys of envelopes.json (A-headquarters seed 0x01, "
                + "B-headquarters 0x03, mediator 0x04). Verify each case's envelopes against its exchange: every verdict, "
                + "equivocation, ignored fact and the state hash must match. Every string here is synthetic.",
            cases: cases
        )
    }
}

import Foundation
import ParleyCrypto
import ParleyLog
import ParleyMatch
import ParleyParty
import ParleyStore
import Testing

/// Records sealed to the participants (PROTOCOL.md §5.17–5.19): each party announces its
/// encryption key, shares its content key, seals its puts; every participant that holds a share
/// reads them, the others hold them unopened until the author shares, and no record travels in
/// clear. Synthetic data.
@Suite struct SealedRecordTests {
    static func encryptionKey(_ byte: UInt8) -> EncryptionKey {
        try! EncryptionKey(rawRepresentation: [UInt8](repeating: byte, count: 32))
    }

    /// `party`'s own encryption key for `exchange`, as its replica keeps it.
    static func exchangeKey(_ party: Party, _ exchange: ExchangeID) throws -> EncryptionKey {
        guard case let .key(key)? = try party.replica.exchangeKey(exchange) else {
            throw PartyError(code: .notAllowed, message: "no key of the exchange's own")
        }
        return key
    }

    /// Three parties, each with its own replica, encryption key and identity key.
    struct Three {
        let sideA = Party(replica: try! Replica.inMemory(), key: PartyFixture.headquartersA, encryptionKey: encryptionKey(0x41))
        let sideB = Party(replica: try! Replica.inMemory(), key: PartyFixture.headquartersB, encryptionKey: encryptionKey(0x42))
        let mediator = Party(replica: try! Replica.inMemory(), key: PartyFixture.mediator, encryptionKey: encryptionKey(0x43))
        let exchange: ExchangeID

        init() throws {
            exchange = try mediator.create(PartyFixture.create(nonce: 7), at: PartyFixture.time(0))
            try send(from: mediator, to: sideA)
            try send(from: mediator, to: sideB)
        }

        /// Side B puts b1 before side A has announced, so B shares its content key to the
        /// mediator and itself only; side A then puts a1; the mediator holds everything. Side A
        /// holds b1 without side B's key, which the mediator holds (the start of the relay tests).
        func sideAWithoutSideBsKey() throws {
            try sideB.sign([PartyFixture.put(.release, "b1", surname: "Marchenko")], in: try sideB.open(exchange), at: PartyFixture.time(1))
            try send(from: sideB, to: sideA)
            try sideA.sign([PartyFixture.put(.request, "a1", surname: "Kovalenko")], in: try sideA.open(exchange), at: PartyFixture.time(2))
            try send(from: sideA, to: mediator)
            try send(from: sideB, to: mediator)
        }

        /// Everything `from` holds, ingested by `to`.
        func send(from: Party, to: Party) throws {
            let result = try to.ingest(try from.replica.envelopes(exchange: exchange).map(\.wireBytes), exchange: exchange)
            #expect(result.refused.isEmpty)
        }
    }

    @Test func creatingAnExchangeAnnouncesTheKeyAndSharesTheContentKeyToItself() throws {
        let three = try Three()
        let envelopes = try three.mediator.replica.envelopes(exchange: three.exchange).sorted { $0.envelope.seq < $1.envelope.seq }
        #expect(envelopes.map(\.envelope.operation.name) == [.createExchange, .announceEncryptionKey, .shareContentKey])
        let state = try three.mediator.open(three.exchange).state
        // A key of the exchange's own, not the home-wide one the party was given.
        let announced = state.encryptionKey(of: PartyFixture.mediator.publicKey.keyID)
        #expect(announced == (try Self.exchangeKey(three.mediator, three.exchange)).publicKey)
        #expect(announced != SealedRecordTests.encryptionKey(0x43).publicKey)
        #expect(state.shareRecipients(of: PartyFixture.mediator.publicKey.keyID).map(\.to) == [PartyFixture.mediator.publicKey.keyID])
    }

    @Test func everyParticipantWithAShareReadsTheRecordsAndALateOneOnceTheAuthorSignsAgain() throws {
        let three = try Three()
        let (a, b, m) = (three.sideA, three.sideB, three.mediator)
        // B signs first, before A has announced: B shares to the mediator and itself only.
        try b.sign([PartyFixture.put(.release, "b1", surname: "Marchenko")], in: try b.open(three.exchange), at: PartyFixture.time(1))
        try three.send(from: b, to: a)
        try a.sign([PartyFixture.put(.request, "a1", surname: "Kovalenko")], in: try a.open(three.exchange), at: PartyFixture.time(2))
        try three.send(from: a, to: b)
        try three.send(from: a, to: m)
        try three.send(from: b, to: m)

        let release = ListKey(side: .b, kind: .release), request = ListKey(side: .a, kind: .request)
        #expect(try b.open(three.exchange).state.entries(of: request).first?.fields[.surname] == "Kovalenko")
        #expect(try m.open(three.exchange).state.entries(of: release).first?.fields[.surname] == "Marchenko")
        let early = try a.open(three.exchange).state
        #expect(early.unopenedEntryCount == 1, "A holds b1 without a share of B's content key")
        #expect(early.entries(of: release).map(\.entry) == ["b1"])

        // B signs again: its preamble shares its content key with A, and A's copy of b1 opens.
        try b.sign([PartyFixture.put(.release, "b2", surname: "Savchuk")], in: try b.open(three.exchange), at: PartyFixture.time(3))
        try three.send(from: b, to: a)
        try three.send(from: b, to: m)
        let later = try a.open(three.exchange)
        #expect(later.state.unopenedEntryCount == 0)
        #expect(later.state.entries(of: release).compactMap { $0.fields[.surname] } == ["Marchenko", "Savchuk"])
        #expect(later.stateHash == (try b.open(three.exchange)).stateHash)
        #expect(later.stateHash == (try m.open(three.exchange)).stateHash)
        #expect(try a.verify(three.exchange).isClean)

        // No record travels in clear; a reader without keys sees the ids only.
        let wire = try m.replica.envelopes(exchange: three.exchange)
        for envelope in wire {
            let text = String(decoding: envelope.wireBytes, as: UTF8.self)
            for name in ["Marchenko", "Kovalenko", "Savchuk", "1990-01-02", "Ivan"] {
                #expect(!text.contains(name))
            }
        }
        let outsider = try #require(Verifier(exchange: three.exchange).verify(wire).state)
        #expect(outsider.unopenedEntryCount == 3)
        #expect(outsider.entries(of: release).map(\.entry) == ["b1", "b2"])
    }

    /// The relays among what `party` signs when asked to share what it owes (as a sync does).
    private static func relaysSigned(by party: Party, in exchange: ExchangeID, at time: Timestamp) throws -> [ShareContentKey] {
        let signed = try party.shareContentKey(in: exchange, at: time)
        return try party.replica.envelopes(exchange: exchange).suffix(signed).compactMap { envelope in
            if case let .shareContentKey(body) = envelope.envelope.operation, body.relays != nil { body } else { nil }
        }
    }

    /// A participant that announced its key after an author last signed reads that author's
    /// records as soon as another holder of the key syncs (here the mediator, through
    /// `shareContentKey`, which a sync and a bundle import call): a relay, named by the author's
    /// `content.share` it passes on, owed once per recipient key.
    @Test func aParticipantThatLacksAnAuthorsKeyReadsItsRecordsOnceAnotherHolderRelaysIt() throws {
        let three = try Three()
        let (a, b, m) = (three.sideA, three.sideB, three.mediator)
        let (keyA, keyB) = (PartyFixture.headquartersA.publicKey.keyID, PartyFixture.headquartersB.publicKey.keyID)
        try three.sideAWithoutSideBsKey()
        #expect(try a.open(three.exchange).state.unopenedEntryCount == 1, "A holds b1 without a share of B's content key")

        // The mediator holds B's key and owes A a relay of it (and both sides its own key, which
        // it shared to itself alone when it made the exchange); side B is not asked to sign.
        let relays = try Self.relaysSigned(by: m, in: three.exchange, at: PartyFixture.time(3))
        let carrier = try #require(try b.open(three.exchange).state.contentShares.values.first { $0.author == keyB })
        #expect(relays.map(\.relays) == [ShareContentKey.Relayed(author: keyB, envelope: carrier.envelope)])
        #expect(relays.first?.shares.map(\.to) == [keyA])
        #expect(try m.shareContentKey(in: three.exchange, at: PartyFixture.time(4)) == 0, "owed once")

        try three.send(from: m, to: a)
        let opened = try a.open(three.exchange)
        #expect(opened.state.unopenedEntryCount == 0)
        #expect(opened.state.entries(of: ListKey(side: .b, kind: .release)).first?.fields[.surname] == "Marchenko")
        #expect(try a.shareContentKey(in: three.exchange, at: PartyFixture.time(5)) == 0, "everyone holds every key now")
        try three.send(from: m, to: b)
        let hashes = try [a, b, m].map { try $0.open(three.exchange).stateHash }
        #expect(Set(hashes).count == 1)
        #expect(try a.verify(three.exchange).isClean)
        // An author's own shares count only its own envelopes (a false relay cannot stop them):
        // side B still shares its key to A once, and relays none of the mediator's key (A read it).
        #expect(try Self.relaysSigned(by: b, in: three.exchange, at: PartyFixture.time(6)).isEmpty)
        #expect(try b.shareContentKey(in: three.exchange, at: PartyFixture.time(7)) == 0)
    }

    /// A relayed key is in other hands as surely as a shared one: when the participant it was
    /// relayed to replaces that encryption key, the author renews its content key, and a copy of
    /// the replaced key opens nothing the author seals after (PROTOCOL.md §5.18, Renewal).
    @Test func anAuthorRenewsWhenAKeyItsContentKeyWasRelayedToIsReplaced() throws {
        let three = try Three()
        let (a, b, m) = (three.sideA, three.sideB, three.mediator)
        let exchange = three.exchange
        // B shares to the mediator only; the mediator relays B's key to A.
        try three.sideAWithoutSideBsKey()
        #expect(try !Self.relaysSigned(by: m, in: exchange, at: PartyFixture.time(3)).isEmpty)
        try three.send(from: m, to: a)
        #expect(try a.open(exchange).state.unopenedEntryCount == 0)

        // A replaces the key B's content key was relayed to; B learns of it and seals b2.
        let replaced = try Self.exchangeKey(a, exchange)
        try a.rotateExchangeKey(in: exchange, at: PartyFixture.time(4))
        try three.send(from: a, to: m)
        try three.send(from: m, to: b)
        try b.sign([PartyFixture.put(.release, "b2", surname: "Savchuk")], in: try b.open(exchange), at: PartyFixture.time(5))
        try three.send(from: b, to: a)
        let release = ListKey(side: .b, kind: .release)
        #expect(try a.open(exchange).state.entries(of: release).compactMap { $0.fields[.surname] } == ["Marchenko", "Savchuk"])

        // Whoever holds a copy of the replaced key reads b1, relayed to it, and not b2.
        let thief = Party(replica: try Replica.inMemory(), key: PartyFixture.key(0x78), encryptionKey: replaced)
        #expect(try thief.ingest(try a.replica.envelopes(exchange: exchange).map(\.wireBytes), exchange: exchange).refused.isEmpty)
        #expect(try thief.open(exchange).state.entries(of: release).compactMap { $0.fields[.surname] } == ["Marchenko"])
    }

    /// A relay is the signer's only when it passes on another participant's key that one of that
    /// participant's own `content.share` envelopes carried; a false key in a relay opens nothing,
    /// leaves the author's records unopened, and the author's own share later opens them.
    @Test func aRelayNamesAnotherAuthorsShareAndAFalseOneOpensNothing() throws {
        let three = try Three()
        let (a, b, m) = (three.sideA, three.sideB, three.mediator)
        let (keyA, keyB, keyM) = (PartyFixture.headquartersA.publicKey.keyID, PartyFixture.headquartersB.publicKey.keyID, PartyFixture.mediator.publicKey.keyID)
        try three.sideAWithoutSideBsKey()
        let state = try m.open(three.exchange).state
        let carrierOfB = try #require(state.contentShares.values.first { $0.author == keyB && $0.body.relays == nil })
        let carrierOfM = try #require(state.contentShares.values.first { $0.author == keyM })
        let toA = try #require(state.encryptionKey(of: keyA))
        let falseKey = ContentKey.generate()
        let share = ShareContentKey.Share(
            to: keyA, key: toA.keyID, share: try falseKey.share(to: toA, exchange: three.exchange.genesis.bytes, author: keyB)
        )
        func relay(_ author: KeyID, _ envelope: EnvelopeID) -> ParleyLog.Operation {
            .shareContentKey(ShareContentKey(shares: [share], relays: ShareContentKey.Relayed(author: author, envelope: envelope)))
        }
        #expect(state.refusal(of: relay(keyM, carrierOfM.envelope), by: keyM)?.code == .keyRule, "its own key is shared, not relayed")
        #expect(state.refusal(of: relay(keyB, carrierOfM.envelope), by: keyM)?.code == .keyRule, "the carrier is another author's")
        #expect(state.refusal(of: relay(keyB, EnvelopeID(hex: String(repeating: "ab", count: 32))!), by: keyM)?.code == .keyRule)
        #expect(state.refusal(of: relay(keyB, carrierOfB.envelope), by: keyM) == nil)

        // The signer cannot tell a false key from the true one; side A's records stay as they were.
        try m.sign([relay(keyB, carrierOfB.envelope)], in: try m.open(three.exchange), at: PartyFixture.time(3))
        try three.send(from: m, to: a)
        #expect(try a.open(three.exchange).state.unopenedEntryCount == 1)
        #expect(try a.verify(three.exchange).isClean)
        // Nobody relays over it (the relay covers side A's key), but side B still owes its own share.
        #expect(try Self.relaysSigned(by: m, in: three.exchange, at: PartyFixture.time(4)).isEmpty)
        try three.send(from: a, to: b)
        try three.send(from: m, to: b)
        #expect(try b.shareContentKey(in: three.exchange, at: PartyFixture.time(5)) == 1)
        try three.send(from: b, to: a)
        #expect(try a.open(three.exchange).state.unopenedEntryCount == 0)
    }

    /// Notes, comments, resolutions, reasons and attestations are sealed like records: no text travels in
    /// clear, every participant reads them (and again from its kept state), a party without a
    /// share reads a notice in their place, the state hash is the same for all, and an empty note
    /// stays clear.
    @Test func freeTextIsSealedAndEveryParticipantReadsIt() throws {
        let three = try Three()
        let (a, b, m) = (three.sideA, three.sideB, three.mediator)
        let sideA = PartyFixture.headquartersA.publicKey.keyID, sideB = PartyFixture.headquartersB.publicKey.keyID
        let b1 = EntryRef(list: ListKey(side: .b, kind: .release), author: sideB, entry: "b1")
        let a1 = EntryRef(list: ListKey(side: .a, kind: .request), author: sideA, entry: "a1")
        try b.sign([PartyFixture.put(.release, "b1", surname: "Marchenko")], in: try b.open(three.exchange), at: PartyFixture.time(1))
        try a.sign(
            [PartyFixture.put(.request, "a1", surname: "Marchenko"), PartyFixture.put(.request, "a2", surname: "Marchenko")],
            in: try a.open(three.exchange), at: PartyFixture.time(2)
        )
        for (from, to) in [(b, a), (a, b), (a, m), (b, m)] { try three.send(from: from, to: to) }

        let texts = [
            "match": "Marchenko born 1990-01-02 is one man", "remove": "a2 repeats Marchenko Ivan",
            "open": "service number Ж-5512 differs", "comment": "Marchenko's mother confirms 1990-01-02", "close": "Ж-5512 is a typo",
        ]
        try a.sign(
            [.assertMatch(MatchPair(request: a1, release: b1, note: texts["match"]!)),
             .removeEntry(RemoveEntry(list: .request, entry: "a2", reason: texts["remove"]!))],
            in: try a.open(three.exchange), at: PartyFixture.time(3)
        )
        for (from, to) in [(a, b), (a, m)] { try three.send(from: from, to: to) }
        let opened = try m.sign(
            [.openDispute(OpenDispute(about: [b1], reason: .identityConflict, note: texts["open"]!)),
             .openDispute(OpenDispute(about: [a1], reason: .other, note: ""))],
            in: try m.open(three.exchange), at: PartyFixture.time(4)
        )
        let dispute = try #require(opened.envelopes.first { $0.envelope.operation.name == .openDispute }).id
        for (from, to) in [(m, a), (m, b)] { try three.send(from: from, to: to) }
        try b.sign([.commentDispute(CommentDispute(dispute: dispute, note: texts["comment"]!))], in: try b.open(three.exchange), at: PartyFixture.time(5))
        for (from, to) in [(b, a), (b, m)] { try three.send(from: from, to: to) }
        let assessed = try #require(CalendarDate(parsing: "2024-11-19"))
        try m.sign(
            [.closeDispute(CloseDispute(dispute: dispute, resolution: texts["close"]!)),
             .attest(Attest(entry: b1, kind: .medicallyAssessed, date: assessed))],
            in: try m.open(three.exchange), at: PartyFixture.time(6)
        )
        for (from, to) in [(m, a), (m, b)] { try three.send(from: from, to: to) }

        // Nothing of the texts on the wire; the empty note stays clear.
        let wire = try m.replica.envelopes(exchange: three.exchange)
        for envelope in wire {
            let text = String(decoding: envelope.wireBytes, as: UTF8.self)
            for value in ["Marchenko", "1990-01-02", "Ж-5512", "Ivan", "typo", "mother", "medically", "2024-11-19"] {
                #expect(!text.contains(value), "an envelope carries a text in clear")
            }
        }
        let clear = try #require(wire.first { if case let .openDispute(open) = $0.envelope.operation { open.about == [a1] } else { false } })
        #expect(String(decoding: clear.wireBytes, as: UTF8.self).contains(#""note":"""#))

        // Every participant reads every text, from its kept state, and all hash alike.
        var hashes: Set<String> = []
        for party in [a, b, m] {
            let open = try party.open(three.exchange)
            let state = open.state
            #expect(state.unopenedFactCount == 0)
            let held = try #require(state.disputes.first { $0.id == dispute })
            #expect(held.open.body.note == texts["open"])
            #expect(held.comments.map(\.body.note) == [texts["comment"]!])
            #expect(held.closes.map(\.body.resolution) == [texts["close"]!])
            #expect(state.matchDecisions.values.map(\.body.pair.note) == [texts["match"]!])
            #expect(state.attestations(about: b1).map(\.body.readable) == ["medically-assessed 2024-11-19"])
            hashes.insert(open.stateHash)
            #expect(try party.verify(three.exchange).isClean)
        }
        #expect(hashes.count == 1)

        // A reader without a share holds the texts unopened, says so, and hashes alike.
        let outsider = try #require(Verifier(exchange: three.exchange).verify(wire).state)
        #expect(outsider.unopenedFactCount == 5, "the match note, the dispute note, the comment, the resolution and the attestation")
        #expect(outsider.attestations(about: b1).map(\.body.readable) == [SealableText.unopenedNotice])
        let unread = try #require(outsider.disputes.first { $0.id == dispute })
        #expect(unread.open.body.note.isEmpty && unread.open.body.remark.readable == SealableText.unopenedNotice)
        // Its entries have no fields, so its state hash differs; its facts are the parties' own,
        // because a body is hashed as it travels.
        guard case let .object(outside) = outsider.canonicalForm, case let .object(inside) = try m.open(three.exchange).state.canonicalForm else {
            Issue.record("a canonical form is not an object")
            return
        }
        #expect(outside["facts"] != nil && outside["facts"] == inside["facts"])
        let removal = try #require(wire.first { $0.envelope.operation.name == .removeEntry })
        #expect(removal.envelope.operation.isUnopened)

        // The JSON report marks what a reader could not open instead of passing it off as an
        // empty note, a null attestation or an entry without fields.
        let outsiderFlags = try Self.unopenedFlags(inJSONReportOf: outsider)
        #expect(outsiderFlags["note_unopened"] == [true, false], "the match note; the open dispute's empty note travels clear")
        #expect(outsiderFlags["unopened"] == [true], "the entries and the attestation")
        let mediatorFlags = try Self.unopenedFlags(inJSONReportOf: try m.open(three.exchange).state)
        #expect(mediatorFlags["note_unopened"] == [false])
        #expect(mediatorFlags["unopened"] == [false])
    }

    /// Every value of an `unopened` or `note_unopened` member anywhere in the JSON report of `state`.
    private static func unopenedFlags(inJSONReportOf state: ExchangeState) throws -> [String: Set<Bool>] {
        let report = ExchangeReport(reconciliation: Reconciliation(state: state), state: state, asOf: CalendarDate(year: 2025, month: 1, day: 1)!)
        var flags: [String: Set<Bool>] = [:]
        func visit(_ value: JSONValue) {
            if let array = value.arrayValue { array.forEach(visit) }
            guard let object = value.objectValue else { return }
            for (name, member) in object {
                if name == "unopened" || name == "note_unopened", case let .bool(flag) = member { flags[name, default: []].insert(flag) }
                visit(member)
            }
        }
        visit(try JSONValue(parsing: Array(report.rendered(as: .json).utf8)))
        return flags
    }

    @Test func aSealedTextThatIsTamperedWithIsRefusedAndOneThatIsNotOpens() throws {
        let three = try Three()
        let sideB = PartyFixture.headquartersB.publicKey.keyID
        let b1 = EntryRef(list: ListKey(side: .b, kind: .release), author: sideB, entry: "b1")
        try three.sideB.sign([PartyFixture.put(.release, "b1", surname: "Marchenko")], in: try three.sideB.open(three.exchange), at: PartyFixture.time(1))
        let signed = try three.sideB.sign(
            [.openDispute(OpenDispute(about: [b1], reason: .duplicate, note: "twice"))], in: try three.sideB.open(three.exchange), at: PartyFixture.time(2)
        )
        let envelope = try #require(signed.envelopes.last)
        guard case let .openDispute(body) = envelope.envelope.operation, let sealed = body.sealed else {
            Issue.record("the note is not sealed")
            return
        }
        let shares = try #require(three.sideB.open(three.exchange).state.contentShares.values.first { $0.author == sideB })
        let share = try #require(shares.body.shares.first { $0.to == sideB })
        let contentKey = try share.share.open(with: try Self.exchangeKey(three.sideB, three.exchange), exchange: three.exchange.genesis.bytes, author: sideB)
        guard case let .opened(opened) = try SignedEnvelope(parsing: envelope.wireBytes).opening(with: [contentKey]),
              case let .openDispute(read) = opened.envelope.operation
        else {
            Issue.record("the untouched note does not open")
            return
        }
        #expect(read.note == "twice")
        for position in [0, 20, sealed.count - 1] {
            var bits = sealed
            bits[position] ^= 0x01
            var tampered = envelope.envelope
            tampered.operation = .openDispute(OpenDispute(about: [b1], reason: .duplicate, note: "", sealed: bits))
            guard case let .refused(reason) = try EnvelopeSigner.sign(tampered, with: PartyFixture.headquartersB).opening(with: [contentKey]) else {
                Issue.record("a note with bit \(position) flipped opens")
                continue
            }
            #expect(reason.contains("authentication failed"))
        }
        // The same sealed bytes under another operation do not open: the binding names it.
        var moved = envelope.envelope
        moved.operation = .commentDispute(CommentDispute(dispute: envelope.id, note: "", sealed: sealed))
        guard case .refused = try EnvelopeSigner.sign(moved, with: PartyFixture.headquartersB).opening(with: [contentKey]) else {
            Issue.record("a note moved to another operation opens")
            return
        }
    }

    @Test func aPartyWithoutAShareCannotConfirmOrSign() throws {
        let three = try Three()
        try three.sideB.sign([PartyFixture.put(.release, "b1", surname: "Marchenko")], in: try three.sideB.open(three.exchange), at: PartyFixture.time(1))
        // The mediator announced before B signed, so it reads b1; a mediator replica without
        // its encryption key does not, and may not confirm what it cannot read.
        let blind = Party(replica: try Replica.inMemory(), key: PartyFixture.mediator)
        try three.send(from: three.mediator, to: blind)
        try three.send(from: three.sideB, to: blind)
        let open = try blind.open(three.exchange)
        #expect(open.state.unopenedEntryCount == 1)
        let refusal = open.state.refusal(of: .confirm(Confirm(direction: .toA, reconciliation: String(repeating: "0", count: 64))), by: PartyFixture.mediator.publicKey.keyID)
        #expect(refusal?.code == .unopened)
        // Signed on a state opened without entries (as `parley confirm` opens it), the replica's
        // unopened entry still refuses it, and nothing is stored.
        let bare = try blind.open(three.exchange, withEntries: false)
        let confirm = ParleyLog.Operation.confirm(Confirm(direction: .toA, reconciliation: try bare.summary.hash(.toA)))
        let stored = try blind.replica.envelopes(exchange: three.exchange).count
        do {
            try blind.sign([confirm], in: bare, at: PartyFixture.time(2))
            Issue.record("a confirmation was signed over an unopened entry")
        } catch {
            #expect((error.cause as? Refusal)?.code == .unopened)
        }
        #expect(try blind.replica.envelopes(exchange: three.exchange).count == stored)
    }

    @Test func tamperingWithTheCiphertextTagOrBindingIsRefusedWithAReason() throws {
        let three = try Three()
        let signed = try three.sideB.sign([PartyFixture.put(.release, "b1", surname: "Marchenko")], in: try three.sideB.open(three.exchange), at: PartyFixture.time(1))
        let put = try #require(signed.envelopes.last)
        guard case let .putEntry(body) = put.envelope.operation, let sealed = body.sealed else {
            Issue.record("the put is not sealed")
            return
        }
        let keyring = try #require(three.sideB.open(three.exchange).state.contentShares.values.first { $0.author == PartyFixture.headquartersB.publicKey.keyID })
        let share = try #require(keyring.body.shares.first { $0.to == PartyFixture.headquartersB.publicKey.keyID })
        let contentKey = try share.share.open(with: try Self.exchangeKey(three.sideB, three.exchange), exchange: three.exchange.genesis.bytes, author: PartyFixture.headquartersB.publicKey.keyID)

        let reparsed = try SignedEnvelope(parsing: put.wireBytes)
        guard case .opened = reparsed.opening(with: [contentKey]) else {
            Issue.record("the untouched record does not open")
            return
        }
        // One bit of the nonce, the ciphertext and the tag; and the same bytes at another seq.
        for position in [0, 20, sealed.count - 1] {
            var bits = sealed
            bits[position] ^= 0x01
            var envelope = put.envelope
            envelope.operation = .putEntry(PutEntry(list: body.list, entry: body.entry, fields: [:], sealed: bits))
            let tampered = try EnvelopeSigner.sign(envelope, with: PartyFixture.headquartersB)
            guard case let .refused(reason) = tampered.opening(with: [contentKey]) else {
                Issue.record("a record with bit \(position) flipped opens")
                continue
            }
            #expect(reason.contains("authentication failed"))
        }
        var moved = put.envelope
        moved.seq += 1
        moved.operation = .putEntry(PutEntry(list: body.list, entry: body.entry, fields: [:], sealed: sealed))
        guard case .refused = try EnvelopeSigner.sign(moved, with: PartyFixture.headquartersB).opening(with: [contentKey]) else {
            Issue.record("a record moved to another seq opens")
            return
        }
    }

    @Test func aNewHomeHasNoHomeWideKeyAndEachExchangeGetsItsOwn() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-seal-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let home = PartyHome(path: folder)
        _ = try home.create(name: "Mediator")
        #expect(!FileManager.default.fileExists(atPath: home.encryptionKeyPath))
        let party = try Party.open(home: home, signing: true)
        #expect(party.encryptionKey == nil && party.seals)
        let key = try home.signingKey()
        let create = CreateExchange(
            nonce: String(repeating: "ab", count: 16), title: "Two exchanges (synthetic)", terms: [:],
            participants: [Participant(publicKey: key.publicKey, role: .mediator, side: .neutral, name: "M")]
        )
        let first = try party.create(create, at: PartyFixture.time(0))
        var second = create
        second.nonce = String(repeating: "cd", count: 16)
        let other = try party.create(second, at: PartyFixture.time(0))
        let keys = try [first, other].map { try Self.exchangeKey(party, $0) }
        #expect(keys[0].publicKey != keys[1].publicKey, "each exchange has its own key")
        for (exchange, key) in zip([first, other], keys) {
            #expect(try party.open(exchange).state.encryptionKey(of: party.me!) == key.publicKey)
        }
    }

    /// `parley key rotate-encryption`: A replaces its encryption key. A seals under a new content
    /// key from then on; B and the mediator make new content keys when they next share (a
    /// participant they shared to announced another key), shared to A's new key. Every
    /// participant reads everything; a copy of A's replaced key opens what was sealed before the
    /// rotation and nothing sealed after it.
    @Test func aRotatedEncryptionKeyOpensNothingSealedAfterTheRotation() throws {
        let three = try Three()
        let (a, b, m) = (three.sideA, three.sideB, three.mediator)
        let exchange = three.exchange
        func everyoneSends() throws {
            for from in [a, b, m] {
                for to in [a, b, m] where to !== from { try three.send(from: from, to: to) }
            }
            for party in [a, b, m] { try party.shareContentKey(in: exchange, at: PartyFixture.time(9)) }
            for from in [a, b, m] {
                for to in [a, b, m] where to !== from { try three.send(from: from, to: to) }
            }
        }
        try a.sign([PartyFixture.put(.request, "a1", surname: "Kovalenko")], in: try a.open(exchange), at: PartyFixture.time(1))
        try b.sign([PartyFixture.put(.release, "b1", surname: "Marchenko")], in: try b.open(exchange), at: PartyFixture.time(2))
        try everyoneSends()
        let stolen = try Self.exchangeKey(a, exchange)
        let sharesBefore = try m.open(exchange).state.contentShares.count

        let rotation = try a.rotateExchangeKey(in: exchange, at: PartyFixture.time(3))
        #expect(rotation.key != stolen.publicKey)
        #expect(try Self.exchangeKey(a, exchange).publicKey == rotation.key)
        #expect(try a.open(exchange).state.encryptionKey(of: PartyFixture.headquartersA.publicKey.keyID) == rotation.key)
        try a.sign([PartyFixture.put(.request, "a2", surname: "Savchuk")], in: try a.open(exchange), at: PartyFixture.time(4))
        try everyoneSends()
        // B and the mediator each made a new content key, and shared their earlier one to A's
        // new key: more shares, and none owed at the next sync.
        #expect(try m.open(exchange).state.contentShares.count > sharesBefore + 1)
        for party in [a, b, m] { #expect(try party.shareContentKey(in: exchange, at: PartyFixture.time(5)) == 0) }
        try b.sign([PartyFixture.put(.release, "b2", surname: "Tkachenko")], in: try b.open(exchange), at: PartyFixture.time(5))
        try everyoneSends()
        #expect(try b.shareContentKey(in: exchange, at: PartyFixture.time(6)) == 0, "renewed once, not at every sync")

        let request = ListKey(side: .a, kind: .request), release = ListKey(side: .b, kind: .release)
        for party in [a, b, m] {
            let open = try party.open(exchange)
            #expect(open.state.unopenedEntryCount == 0)
            #expect(open.state.entries(of: request).compactMap { $0.fields[.surname] } == ["Kovalenko", "Savchuk"])
            #expect(open.state.entries(of: release).compactMap { $0.fields[.surname] } == ["Marchenko", "Tkachenko"])
            #expect(open.stateHash == (try a.open(exchange)).stateHash)
            #expect(try party.verify(exchange).isClean)
        }
        #expect(try a.replica.retiredExchangeKeys(exchange).map(\.publicKey) == [stolen.publicKey])

        // Whoever holds a copy of the replaced key reads what was sealed before, not after.
        let thief = Party(replica: try Replica.inMemory(), key: PartyFixture.key(0x77), encryptionKey: stolen)
        #expect(try thief.ingest(try a.replica.envelopes(exchange: exchange).map(\.wireBytes), exchange: exchange).refused.isEmpty)
        let seen = try thief.open(exchange).state
        #expect(seen.entries(of: request).compactMap { $0.fields[.surname] } == ["Kovalenko"])
        #expect(seen.entries(of: release).compactMap { $0.fields[.surname] } == ["Marchenko"])
        #expect(seen.entries(of: request).count == 2 && seen.entries(of: release).count == 2)
    }

    /// A participant that announces its first key after a renewal gets every content key of each
    /// author, the earlier ones too, and reads what was sealed before the renewal.
    @Test func aParticipantThatAnnouncesAfterARotationReadsWhatCameBefore() throws {
        let three = try Three()
        let (a, b, m) = (three.sideA, three.sideB, three.mediator)
        let exchange = three.exchange
        try a.sign([PartyFixture.put(.request, "a1", surname: "Kovalenko")], in: try a.open(exchange), at: PartyFixture.time(1))
        try three.send(from: a, to: m)
        try a.rotateExchangeKey(in: exchange, at: PartyFixture.time(2))
        try a.sign([PartyFixture.put(.request, "a2", surname: "Savchuk")], in: try a.open(exchange), at: PartyFixture.time(3))
        try three.send(from: a, to: m)
        try m.shareContentKey(in: exchange, at: PartyFixture.time(4))
        try three.send(from: m, to: a)
        // B announces only now.
        try three.send(from: a, to: b)
        try three.send(from: m, to: b)
        #expect(try b.open(exchange).state.unopenedEntryCount == 2)
        try b.sign([PartyFixture.put(.release, "b1", surname: "Marchenko")], in: try b.open(exchange), at: PartyFixture.time(5))
        try three.send(from: b, to: a)
        try three.send(from: b, to: m)
        for party in [a, m] { try party.shareContentKey(in: exchange, at: PartyFixture.time(6)) }
        try three.send(from: a, to: b)
        try three.send(from: m, to: b)
        let state = try b.open(exchange).state
        #expect(state.unopenedEntryCount == 0)
        #expect(state.entries(of: ListKey(side: .a, kind: .request)).compactMap { $0.fields[.surname] } == ["Kovalenko", "Savchuk"])
        try three.send(from: b, to: a)
        try three.send(from: m, to: a)
        #expect(try b.open(exchange).stateHash == (try a.open(exchange)).stateHash)
        #expect(try a.verify(exchange).isClean && (try b.verify(exchange)).isClean)
    }

    /// A participant whose replica is lost signs again from a new one with a new encryption key:
    /// the others renew and share every content key they made to the new key, so it reads
    /// their records from before the loss. (Its own earlier records it cannot read again: only
    /// their author shares a content key.)
    @Test func aParticipantThatLostItsReplicaReadsTheOthersEarlierRecordsAgain() throws {
        let three = try Three()
        let (a, b, m) = (three.sideA, three.sideB, three.mediator)
        let exchange = three.exchange
        try a.sign([PartyFixture.put(.request, "a1", surname: "Kovalenko")], in: try a.open(exchange), at: PartyFixture.time(1))
        try b.sign([PartyFixture.put(.release, "b1", surname: "Marchenko")], in: try b.open(exchange), at: PartyFixture.time(2))
        for (from, to) in [(a, b), (a, m), (b, a), (b, m)] { try three.send(from: from, to: to) }
        for party in [a, b, m] { try party.shareContentKey(in: exchange, at: PartyFixture.time(3)) }

        let again = Party(replica: try Replica.inMemory(), key: PartyFixture.headquartersB, sealing: true)
        for from in [a, b, m] { try three.send(from: from, to: again) }
        #expect(try again.shareContentKey(in: exchange, at: PartyFixture.time(4)) > 0, "announces a new key")
        try three.send(from: again, to: a)
        try three.send(from: again, to: m)
        for party in [a, m] { #expect(try party.shareContentKey(in: exchange, at: PartyFixture.time(5)) > 0) }
        try three.send(from: a, to: again)
        try three.send(from: m, to: again)
        let state = try again.open(exchange).state
        #expect(state.entries(of: ListKey(side: .a, kind: .request)).compactMap { $0.fields[.surname] } == ["Kovalenko"])
        #expect(state.unopenedEntryCount == 1, "its own b1, under the content key of the lost replica")
    }

    /// `key rotate-encryption` on an exchange sealed to an older home's home-wide key moves it to
    /// a key of the exchange's own: nothing is retired (the home-wide key stays the home's), and
    /// what was shared to the home-wide key still opens.
    @Test func rotatingAnOlderHomesEncryptionKeyMovesItToAKeyOfTheExchange() throws {
        let three = try Three()
        let m = three.mediator
        let sideB = PartyFixture.headquartersB.publicKey.keyID
        let legacy = SealedRecordTests.encryptionKey(0x42)
        let again = Party(replica: try Replica.inMemory(), key: PartyFixture.headquartersB, encryptionKey: legacy)
        try three.send(from: m, to: again)
        let announced = try EnvelopeSigner(key: PartyFixture.headquartersB, exchange: three.exchange, head: nil, author: sideB)
            .signing([.announceEncryptionKey(AnnounceEncryptionKey(key: legacy.publicKey))], at: PartyFixture.time(1)).envelopes
        #expect(try again.ingest(announced.map(\.wireBytes), exchange: three.exchange).refused.isEmpty)
        try again.sign([PartyFixture.put(.release, "b1", surname: "Petrenko")], in: try again.open(three.exchange), at: PartyFixture.time(2))
        #expect(try again.replica.exchangeKey(three.exchange) == nil)

        let rotation = try again.rotateExchangeKey(in: three.exchange, at: PartyFixture.time(3))
        #expect(try Self.exchangeKey(again, three.exchange).publicKey == rotation.key && rotation.key != legacy.publicKey)
        #expect(try again.replica.retiredExchangeKeys(three.exchange).isEmpty)
        try again.sign([PartyFixture.put(.release, "b2", surname: "Hnatiuk")], in: try again.open(three.exchange), at: PartyFixture.time(4))
        let state = try again.open(three.exchange).state
        #expect(state.encryptionKey(of: sideB) == rotation.key)
        #expect(state.unopenedEntryCount == 0)
        #expect(state.entries(of: ListKey(side: .b, kind: .release)).compactMap { $0.fields[.surname] } == ["Petrenko", "Hnatiuk"])
        try three.send(from: again, to: m)
        try m.shareContentKey(in: three.exchange, at: PartyFixture.time(5))
        try three.send(from: m, to: again)
        #expect(try m.open(three.exchange).stateHash == (try again.open(three.exchange)).stateHash)
    }

    @Test func anOlderHomeKeepsItsHomeWideKeyWhereItWasAnnouncedAndMayMoveToAKeyOfTheExchange() throws {
        let three = try Three()
        let m = three.mediator
        let sideB = PartyFixture.headquartersB.publicKey.keyID
        let legacy = SealedRecordTests.encryptionKey(0x42).publicKey
        // B's replica as an older version left it: B announced its home-wide key (signed as that
        // version did, outside this replica's commit path) and the replica keeps no key of the
        // exchange's own.
        let again = Party(replica: try Replica.inMemory(), key: PartyFixture.headquartersB, encryptionKey: SealedRecordTests.encryptionKey(0x42))
        try three.send(from: m, to: again)
        let announced = try EnvelopeSigner(key: PartyFixture.headquartersB, exchange: three.exchange, head: nil, author: sideB)
            .signing([.announceEncryptionKey(AnnounceEncryptionKey(key: legacy))], at: PartyFixture.time(1)).envelopes
        #expect(try again.ingest(announced.map(\.wireBytes), exchange: three.exchange).refused.isEmpty)
        // Signing again keeps the home-wide key in force: no key of the exchange's own is made.
        try again.sign([PartyFixture.put(.release, "b2", surname: "Petrenko")], in: try again.open(three.exchange), at: PartyFixture.time(2))
        #expect(try again.replica.exchangeKey(three.exchange) == nil)
        #expect(try again.open(three.exchange).state.encryptionKey(of: sideB) == legacy)
        #expect(try again.open(three.exchange).state.entries(of: ListKey(side: .b, kind: .release)).first?.fields[.surname] == "Petrenko")
        // Moving: a key of the exchange's own, announced; B still reads its own list (its content
        // key is shared to the new key too), and the mediator, once it signs, shares to it.
        #expect(try again.announceExchangeKey(in: three.exchange, at: PartyFixture.time(3)) > 0)
        let moved = try Self.exchangeKey(again, three.exchange)
        let state = try again.open(three.exchange).state
        #expect(state.encryptionKey(of: sideB) == moved.publicKey)
        #expect(state.shareRecipients(of: sideB).contains(ShareContentKey.Recipient(to: sideB, key: moved.publicKey.keyID)))
        #expect(state.entries(of: ListKey(side: .b, kind: .release)).first?.fields[.surname] == "Petrenko")
        #expect(try again.announceExchangeKey(in: three.exchange, at: PartyFixture.time(4)) == 0, "moving twice signs nothing")
        try three.send(from: again, to: m)
        #expect(try m.shareContentKey(in: three.exchange, at: PartyFixture.time(5)) == 1)
        #expect(try m.open(three.exchange).state.shareRecipients(of: PartyFixture.mediator.publicKey.keyID)
            .contains(ShareContentKey.Recipient(to: sideB, key: moved.publicKey.keyID)))
    }
}

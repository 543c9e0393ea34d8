import Foundation
import ParleyCrypto
import ParleyLog
import ParleyMatch
import ParleyParty
import ParleyStore

/// Fixed keys, an exchange, and a generator of random logs for the party tests; synthetic data.
enum PartyFixture {
    static func key(_ byte: UInt8) -> SigningKey {
        try! SigningKey(seed: [UInt8](repeating: byte, count: 32))
    }

    static let headquartersA = key(0x11)
    static let headquartersB = key(0x13)
    static let mediator = key(0x14)
    static let outsider = key(0x15)

    static let participants = [
        Participant(publicKey: headquartersA.publicKey, role: .headquarters, side: .a, name: "Side A headquarters"),
        Participant(publicKey: headquartersB.publicKey, role: .headquarters, side: .b, name: "Side B headquarters"),
        Participant(publicKey: mediator.publicKey, role: .mediator, side: .neutral, name: "Mediator"),
    ]

    static func create(nonce: UInt64 = 0) -> CreateExchange {
        CreateExchange(
            nonce: String(format: "%016llx%016llx", nonce, nonce), title: "Synthetic exchange",
            terms: ["counts": ["A": 2, "B": 2]], participants: participants
        )
    }

    static func time(_ minutes: Int) -> Timestamp {
        Timestamp(secondsSince1970: 1_746_090_000 + Int64(minutes) * 60)
    }

    static func put(_ list: ListKind, _ entry: String, surname: String) -> ParleyLog.Operation {
        .putEntry(PutEntry(list: list, entry: entry, fields: [.surname: surname, .givenName: "Ivan", .dateOfBirth: "1990-01-02"]))
    }
}

/// A small deterministic generator (SplitMix64), so a failing seed can be replayed.
struct Seeded: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A random log: three participants' chains of puts, removes, hand decisions, disputes (some
/// comments and closes with no effect), attestations, terms and confirmations, erasures, a
/// manifest proposed and signed (often enough, with `finality`, that every participant signs it
/// and it is final), key rotations, recovery keys and revocations (some setting envelopes aside);
/// sometimes a fork (two envelopes at one seq) and sometimes an envelope by an outsider.
struct RandomLog {
    let exchange: ExchangeID
    let genesis: SignedEnvelope
    var envelopes: [SignedEnvelope]
    var forked = false

    /// - Parameter finality: Propose and sign a manifest often, so that some logs become final
    ///   (every participant signs it) and set aside what their signers write after.
    init(seed: UInt64, length: Int, forks: Bool, finality: Bool = false) throws {
        var rng = Seeded(state: seed)
        let (genesis, signerA) = try EnvelopeSigner.createExchange(PartyFixture.create(nonce: seed), key: PartyFixture.headquartersA, at: PartyFixture.time(0))
        self.genesis = genesis
        exchange = ExchangeID(genesis: genesis.id)
        var signers = [
            signerA,
            EnvelopeSigner(key: PartyFixture.headquartersB, exchange: exchange, head: nil),
            EnvelopeSigner(key: PartyFixture.mediator, exchange: exchange, head: nil),
        ]
        let lists: [ListKind] = [.request, .release]
        var entries: [Int: [EntryRef]] = [0: [], 1: [], 2: []]
        var disputes: [EnvelopeID] = []
        var recovery: [Int: (key: SigningKey, seq: Int)] = [:]
        var out: [SignedEnvelope] = [genesis]
        for step in 0..<length {
            let who = Int.random(in: 0..<3, using: &rng)
            let author = signers[who].author
            let participant = PartyFixture.participants[who]
            let all = entries.values.flatMap { $0 }
            var operation: ParleyLog.Operation
            let time = PartyFixture.time(step + 1)
            switch Int.random(in: 0..<(finality ? 17 : 13), using: &rng) {
            case 0...3:
                let kind = who == 2 ? ListKind.registry : lists.randomElement(using: &rng)!
                let id = "e\(Int.random(in: 0..<6, using: &rng))"
                operation = PartyFixture.put(kind, id, surname: "Synthetic\(Int.random(in: 0..<4, using: &rng))")
                entries[who, default: []].append(EntryRef(list: participant.list(kind), author: author, entry: id))
            case 4:
                guard let ref = entries[who]?.randomElement(using: &rng) else { continue }
                operation = .removeEntry(RemoveEntry(list: ref.list.kind, entry: ref.entry, reason: "released"))
            case 5:
                let requests = all.filter { $0.list.kind == .request }
                guard let request = requests.randomElement(using: &rng),
                      let release = all.filter({ $0.list.kind == .release && $0.list.side != request.list.side }).randomElement(using: &rng)
                else { continue }
                let pair = MatchPair(request: request, release: release)
                operation = Bool.random(using: &rng) ? .assertMatch(pair) : .rejectMatch(pair)
            case 6:
                guard let ref = all.randomElement(using: &rng) else { continue }
                operation = .openDispute(OpenDispute(about: [ref], reason: .identityConflict, note: "check"))
            case 7:
                // Sometimes about a dispute that does not exist: an ignored operation.
                let dispute = disputes.randomElement(using: &rng) ?? out.randomElement(using: &rng)!.id
                operation = Bool.random(using: &rng)
                    ? .closeDispute(CloseDispute(dispute: dispute, resolution: "settled"))
                    : .commentDispute(CommentDispute(dispute: dispute, note: "seen"))
            case 8:
                guard who == 2 else { continue }
                operation = Bool.random(using: &rng)
                    ? .setTerms(Terms(counts: [.toA: Int.random(in: 0..<4, using: &rng), .toB: 2]))
                    : .confirm(Confirm(direction: .toA, reconciliation: String(repeating: "ab", count: 32)))
            case 9:
                // An erasure, ignored (`notClosed`) since no manifest is final here: a fact like
                // any other, in the kept state and the state hash. (Order independence once a
                // manifest is final: `ErasureFoldTests`.)
                operation = .eraseExchange(EraseExchange())
            case 10:
                let rotation = try signers[who].rotating(to: Self.key(using: &rng), at: time)
                out.append(rotation.0)
                signers[who] = rotation.1
                continue
            case 11:
                let seq = (signers[who].head?.seq ?? 0) + 1
                guard let named = recovery[who] else {
                    let key = Self.key(using: &rng)
                    out.append(try signers[who].sign(.nameRecoveryKey(NameRecoveryKey(key: key.publicKey)), at: time))
                    recovery[who] = (key, seq)
                    continue
                }
                // The recovery key signs; sometimes it sets aside the envelopes since its naming.
                let revoker = EnvelopeSigner(key: named.key, exchange: exchange, head: signers[who].head, author: author)
                let from = Int.random(in: (named.seq + 1)...seq, using: &rng)
                let revocation = try revoker.revoking(signers[who].key.publicKey.keyID, from: from, newKey: Self.key(using: &rng), at: time)
                out.append(revocation.0)
                signers[who] = revocation.1
                continue
            case 12...16:
                // A manifest the fold does not build from these lists, proposed and signed: once
                // all three sign, it is final and sets aside what its signers write after.
                let manifest = String(repeating: "cd", count: 32)
                operation = who == 2 && Bool.random(using: &rng)
                    ? .proposeManifest(ProposeManifest(
                        manifest: manifest, basis: Dictionary(signers.compactMap { signer in signer.head.map { (signer.author, $0) } }) { $1 }
                    ))
                    : .signManifest(SignManifest(manifest: manifest))
            default:
                guard who == 2, let ref = all.randomElement(using: &rng) else { continue }
                operation = .attest(Attest(entry: ref, kind: .visited, date: CalendarDate(parsing: "2025-04-01")!))
            }
            if forks, !forked, step > length / 3, Int.random(in: 0..<12, using: &rng) == 0 {
                // A fork: the same seq signed twice, and the chain continued on one branch.
                var twin = signers[who]
                out.append(try twin.sign(PartyFixture.put(who == 2 ? .registry : .request, "fork", surname: "Twin"), at: PartyFixture.time(step + 1)))
                forked = true
            }
            let signed = try signers[who].sign(operation, at: PartyFixture.time(step + 1))
            if case .openDispute = operation { disputes.append(signed.id) }
            out.append(signed)
        }
        if Int.random(in: 0..<3, using: &rng) == 0 {
            var outsider = EnvelopeSigner(key: PartyFixture.outsider, exchange: exchange, head: nil)
            out.append(try outsider.sign(PartyFixture.put(.request, "x", surname: "Outsider"), at: PartyFixture.time(999)))
        }
        envelopes = out
    }

    /// A key from the generator.
    private static func key(using rng: inout Seeded) -> SigningKey {
        try! SigningKey(seed: (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &rng) })
    }
}

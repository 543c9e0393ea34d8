import ParleyCrypto
@testable import ParleyLog
import ParleyMatch
import Testing

/// A direction's hash is written straight into the digest; it must stay the hash of
/// `DirectionReport.canonicalForm`'s bytes (PROTOCOL.md §9) for rows of every shape.
@Suite struct ReconciliationHashTests {
    private static let ids = ["UA-001", "RF-101", "u:0420-0424", "a.b_c:d-e", "9"]

    private static func ref(_ rng: inout SplitMix64) -> EntryRef {
        EntryRef(
            list: ListKey(side: [Side.a, .b, .neutral].randomElement(using: &rng)!, kind: ListKind.allCases.randomElement(using: &rng)!),
            author: LogFixture.key(UInt8.random(in: 1...5, using: &rng)).publicKey.keyID,
            entry: ids.randomElement(using: &rng)! + "\(Int.random(in: 0..<100, using: &rng))"
        )
    }

    private static func id(_ rng: inout SplitMix64) -> EnvelopeID {
        EnvelopeID(hex: Hex.encode((0..<32).map { _ in UInt8.random(in: 0...255, using: &rng) }))!
    }

    private static func entry(_ rng: inout SplitMix64) -> ReconciledEntry {
        ReconciledEntry(ref: ref(&rng), envelope: id(&rng), fields: [.surname: "Коваленко \"q\" \\ \u{01}"])
    }

    private static func some<T>(_ rng: inout SplitMix64, _ make: (inout SplitMix64) -> T) -> [T] {
        (0..<Int.random(in: 0...3, using: &rng)).map { _ in make(&rng) }
    }

    @Test(arguments: 0..<8)
    func theStreamedHashIsTheHashOfTheCanonicalForm(seed: UInt64) {
        var rng = SplitMix64(state: 0x4EC0_0000 &+ seed)
        let rows: [ReconciliationRow] = (0..<Int.random(in: 0...300, using: &rng)).map { _ in
            let request = Bool.random(using: &rng) ? Self.entry(&rng) : nil
            let release = request == nil || Bool.random(using: &rng) ? Self.entry(&rng) : nil
            var row = ReconciliationRow(
                outcome: ReconciliationOutcome.allCases.randomElement(using: &rng)!, request: request, release: release,
                duplicateOf: Bool.random(using: &rng) ? Self.ref(&rng) : nil,
                score: Double.random(in: -10...10, using: &rng),
                evidence: Self.some(&rng) { rng in
                    FieldEvidence(field: Field.allCases.randomElement(using: &rng)!, agreement: Agreement.allCases.randomElement(using: &rng)!, weight: 1.5, a: "x", b: nil)
                },
                reasons: Self.some(&rng) { _ in "hand:same \"why\"" },
                alternatives: Self.some(&rng, Self.ref),
                decisions: Self.some(&rng) { rng in
                    let pair = MatchPair(request: Self.ref(&rng), release: Self.ref(&rng))
                    return Authored(
                        author: LogFixture.mediator.publicKey.keyID, seq: 3, envelope: Self.id(&rng), timestamp: LogFixture.time(1),
                        body: MatchDecision(pair: pair, same: Bool.random(using: &rng))
                    )
                }
            )
            row.disputes = Self.some(&rng, Self.id)
            row.registered = Self.some(&rng, Self.entry)
            return row
        }
        let exchange = ExchangeID(genesis: Self.id(&rng))
        for direction in Direction.allCases {
            let form = DirectionReport.canonicalForm(exchange: exchange, direction: direction, rows: rows)
            #expect(DirectionReport.hash(exchange: exchange, direction: direction, rows: rows) == Reconciliation.digest(form))
        }
    }
}

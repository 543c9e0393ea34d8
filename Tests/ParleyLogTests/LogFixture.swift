import ParleyCrypto
import ParleyLog
import ParleyMatch

/// Fixed keys and a small exchange for the log tests; all data is synthetic.
enum LogFixture {
    /// The key whose 32-byte seed is `byte` repeated.
    static func key(_ byte: UInt8) -> SigningKey {
        try! SigningKey(seed: [UInt8](repeating: byte, count: 32))
    }

    static let headquartersA = key(0x01)
    static let ombudsmanA = key(0x02)
    static let headquartersB = key(0x03)
    static let mediator = key(0x04)
    static let outsider = key(0x05)

    /// A proposal basis for tests that do not rebuild the proposed manifest: side A's
    /// headquarters at seq 1, with a made-up envelope id.
    static let someBasis = [headquartersA.publicKey.keyID: ChainHead(seq: 1, id: EnvelopeID(hex: String(repeating: "ab", count: 32))!)]

    static let participants = [
        Participant(publicKey: headquartersA.publicKey, role: .headquarters, side: .a, name: "Side A headquarters"),
        Participant(publicKey: ombudsmanA.publicKey, role: .ombudsman, side: .a, name: "Side A ombudsman"),
        Participant(publicKey: headquartersB.publicKey, role: .headquarters, side: .b, name: "Side B headquarters"),
        Participant(publicKey: mediator.publicKey, role: .mediator, side: .neutral, name: "Mediator"),
    ]

    static let create = CreateExchange(
        nonce: "000102030405060708090a0b0c0d0e0f",
        title: "Synthetic exchange, phase 1",
        terms: ["counts": ["A": 2, "B": 2]],
        participants: participants
    )

    /// The timestamp `minutes` minutes after 2025-05-01T09:00:00Z.
    static func time(_ minutes: Int) -> Timestamp {
        Timestamp(secondsSince1970: 1_746_090_000 + Int64(minutes) * 60)
    }

    /// The genesis, signed by side A's headquarters, and its signer.
    static func genesis() -> (genesis: SignedEnvelope, signer: EnvelopeSigner) {
        try! EnvelopeSigner.createExchange(create, key: headquartersA, at: time(0))
    }

    /// A put of a synthetic person.
    static func put(_ list: ListKind, _ entry: String, surname: String, born: String = "1990-01-02") -> Operation {
        .putEntry(PutEntry(list: list, entry: entry, fields: [.surname: surname, .givenName: "Ivan", .dateOfBirth: born]))
    }
}

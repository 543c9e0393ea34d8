import ParleyCrypto
import ParleyLog

/// Fixed keys and small synthetic exchanges for the sync tests.
enum SyncFixture {
    /// The key whose 32-byte seed is `byte` repeated.
    static func key(_ byte: UInt8) -> SigningKey {
        try! SigningKey(seed: [UInt8](repeating: byte, count: 32))
    }

    static let alice = key(0x01)
    static let bob = key(0x02)

    /// A genesis by Alice with Bob as the other participant, and Alice's signer.
    static func genesis(nonce: String = "000102030405060708090a0b0c0d0e0f") -> (SignedEnvelope, EnvelopeSigner) {
        let create = CreateExchange(
            nonce: nonce,
            title: "Synthetic exchange",
            participants: [
                Participant(publicKey: alice.publicKey, role: .headquarters, side: .a, name: "Side A"),
                Participant(publicKey: bob.publicKey, role: .headquarters, side: .b, name: "Side B"),
            ]
        )
        return try! EnvelopeSigner.createExchange(create, key: alice, at: time(0))
    }

    /// A genesis and `count - 1` further envelopes by Alice.
    static func envelopes(_ count: Int, nonce: String = "000102030405060708090a0b0c0d0e0f") -> (ExchangeID, [SignedEnvelope]) {
        var (genesis, signer) = genesis(nonce: nonce)
        var envelopes = [genesis]
        for index in 1..<max(count, 1) {
            let remove = RemoveEntry(list: .request, entry: "entry-\(index)", reason: "synthetic")
            envelopes.append(try! signer.sign(.removeEntry(remove), at: time(index)))
        }
        return (signer.exchange, Array(envelopes.prefix(count)))
    }

    /// The timestamp `minutes` minutes after 2025-05-01T09:00:00Z.
    static func time(_ minutes: Int) -> Timestamp {
        Timestamp(secondsSince1970: 1_746_090_000 + Int64(minutes) * 60)
    }

    /// Bytes of a string.
    static func bytes(_ text: String) -> [UInt8] {
        Array(text.utf8)
    }
}

import ParleyCrypto
import ParleyLog
@testable import ParleyParty
import Testing

/// The keyring a party opens an exchange's records with: which relayed keys it tries, whatever
/// order the shares arrive in.
@Suite struct ContentKeyringTests {
    static let exchange = ExchangeID(genesis: EnvelopeID(hex: String(repeating: "e1", count: 32))!)
    static let author = KeyID(bytes: [UInt8](repeating: 0xa1, count: 32))!
    static let relayer = KeyID(bytes: [UInt8](repeating: 0xb2, count: 32))!

    /// A relay by `relayer` of `key` as `author`'s, sealed to `reader`.
    static func relay(_ key: ContentKey, to reader: EncryptionKey, envelope: UInt8) throws -> (author: KeyID, body: ShareContentKey) {
        let share = try key.share(to: reader.publicKey, exchange: exchange.genesis.bytes, author: author)
        let body = ShareContentKey(
            shares: [.init(to: relayer, key: reader.publicKey.keyID, share: share)],
            relays: .init(author: author, envelope: EnvelopeID(bytes: [UInt8](repeating: envelope, count: 32))!)
        )
        return (relayer, body)
    }

    /// More relayed keys than a keyring tries, two of them the same bytes under both algorithms:
    /// every arrival order keeps the same ones, in the same order.
    @Test func theRelayedKeysTriedDoNotDependOnArrival() throws {
        let reader = EncryptionKey.generate()
        let bytes = [UInt8](repeating: 0, count: 32)  // below any generated key
        var keys = [try ContentKey(.aes256GCM, bytes: bytes), try ContentKey(.chaCha20Poly1305, bytes: bytes)]
        keys += (0..<ContentKeyring.relayedKeysPerAuthor).map { _ in ContentKey.generate() }
        let relays = try keys.enumerated().map { try Self.relay($1, to: reader, envelope: UInt8($0 + 1)) }
        let tried = ContentKeyring(exchange: Self.exchange, encryptionKeys: [reader], shares: relays).keys[Self.author] ?? []
        #expect(tried.count == ContentKeyring.relayedKeysPerAuthor)
        // Both keys of the lowest bytes, AES-256-GCM first.
        #expect(Array(tried.prefix(2)) == Array(keys.prefix(2)))
        var order = relays
        for seed in 0..<8 {
            var generator = Seeded(state: UInt64(seed))
            order.shuffle(using: &generator)
            #expect(ContentKeyring(exchange: Self.exchange, encryptionKeys: [reader], shares: order).keys[Self.author] == tried)
        }
    }
}

import ParleyCrypto
import ParleyLog
import ParleyMatch

/// The content keys a party can open in one exchange, by author: those shared to its encryption
/// keys there (`content.share`, by their author or relayed by another participant), opened with
/// them. Derived from the log each time it is needed, so the only secret a party keeps for an
/// exchange is its encryption key there.
struct ContentKeyring {
    /// The author's content keys, by author (usually one each).
    private(set) var keys: [KeyID: [ContentKey]] = [:]

    /// The keys among `shares` sealed to one of `encryptionKeys` in `exchange`.
    ///
    /// A share that does not open (sealed to this key id by mistake, or altered) is skipped: the
    /// author's records then stay unopened. A relayed key that is not the author's opens none of
    /// its records (the AEAD refuses it): keys from the author's own shares are tried first, and
    /// at most ``relayedKeysPerAuthor`` relayed ones after them (the lowest by their bytes, then
    /// algorithm, so the choice does not depend on order), so false relays cost a bounded number
    /// of tries.
    ///
    /// - Parameters:
    ///   - exchange: The exchange.
    ///   - encryptionKeys: The party's encryption keys there (``Party/openingKeys(in:)``).
    ///   - shares: Each `content.share` body with the envelope's author, in any order.
    init(exchange: ExchangeID, encryptionKeys: [EncryptionKey], shares: some Sequence<(author: KeyID, body: ShareContentKey)>) {
        let mine = Dictionary(encryptionKeys.map { ($0.publicKey.keyID, $0) }, uniquingKeysWith: { first, _ in first })
        var relayed: [KeyID: [ContentKey]] = [:]
        for (signer, body) in shares {
            let author = body.keyAuthor(signedBy: signer)
            for share in body.shares {
                guard let encryptionKey = mine[share.key],
                      let key = try? share.share.open(with: encryptionKey, exchange: exchange.genesis.bytes, author: author)
                else { continue }
                if body.relays == nil {
                    Self.add(key, to: &keys[author, default: []])
                } else {
                    Self.add(key, to: &relayed[author, default: []])
                }
            }
        }
        for (author, candidates) in relayed {
            let own = keys[author] ?? []
            let others = candidates.filter { key in !own.contains(key) }
                .sorted { a, b in
                    // By bytes, then algorithm: two relays of the same bytes under two algorithms
                    // are two keys, and their order must not depend on arrival either.
                    guard a.rawRepresentation == b.rawRepresentation else {
                        return a.rawRepresentation.lexicographicallyPrecedes(b.rawRepresentation)
                    }
                    let rank = { (key: ContentKey) in ContentKey.algorithms.firstIndex(of: key.algorithm) ?? 0 }
                    return rank(a) < rank(b)
                }
                .prefix(Self.relayedKeysPerAuthor)
            if !others.isEmpty { keys[author] = own + others }
        }
    }

    /// The most relayed keys of one author a keyring tries (an author has one content key in
    /// force, a few over an exchange's life).
    static let relayedKeysPerAuthor = 8

    /// Adds `key` to `keys` unless it is there.
    private static func add(_ key: ContentKey, to keys: inout [ContentKey]) {
        if !keys.contains(key) { keys.append(key) }
    }

    /// `envelopes` with every sealed record this keyring opens opened (same bytes and ids);
    /// the others as they are.
    ///
    /// - Returns: The envelopes, and how many records stay sealed or were refused.
    func open(_ envelopes: [SignedEnvelope]) -> (envelopes: [SignedEnvelope], unopened: Int, refused: Int) {
        // Each record opens on its own (an AEAD and a parse): on every core, counted after.
        let keys = keys
        let openings = envelopes.concurrentMap(chunkSize: 256) { envelope in
            envelope.opening(with: keys[envelope.envelope.author] ?? [])
        }
        var unopened = 0
        var refused = 0
        let opened = zip(envelopes, openings).map { envelope, opening in
            switch opening {
            case .clear: return envelope
            case let .opened(opened): return opened
            case .unopened:
                unopened += 1
                return envelope
            case .refused:
                refused += 1
                return envelope
            }
        }
        return (opened, unopened, refused)
    }
}

extension ShareContentKey {
    /// The `content.share` bodies among `envelopes`, with their authors.
    static func shares(in envelopes: some Sequence<SignedEnvelope>) -> [(author: KeyID, body: ShareContentKey)] {
        envelopes.compactMap { envelope in
            if case let .shareContentKey(body) = envelope.envelope.operation { (envelope.envelope.author, body) } else { nil }
        }
    }
}

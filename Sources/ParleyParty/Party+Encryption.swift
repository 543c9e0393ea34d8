import ParleyCrypto
public import ParleyLog
import ParleyStore
import ParleyMatch

extension Party {
    /// Announces this party's encryption key in a new exchange right after its genesis (and
    /// shares its content key to itself), so the other participants can share their content keys
    /// to it before it signs anything else.
    ///
    /// - Parameters:
    ///   - exchange: The exchange just created.
    ///   - time: The envelope's timestamp.
    /// - Throws: As ``sign(_:in:at:)``.
    func announceEncryptionKey(in exchange: ExchangeID, at time: Timestamp) throws(PartyError) {
        guard let key = try encryptionKey(in: exchange, announced: nil, creating: true) else { return }
        try sign([.announceEncryptionKey(AnnounceEncryptionKey(key: key.publicKey))], in: try open(exchange), at: time)
    }

    /// `operations` as this party signs them in `open`'s exchange (PROTOCOL.md §5.17–5.19):
    ///
    /// 1. a `key.encryption` first when the state does not hold this party's encryption key as
    ///    its key in force (its first envelope there, a home that made its key since, a new key);
    /// 2. a `content.share` of its content key to every participant with an announced encryption
    ///    key that has no share of it yet (itself included: that is how the party finds its own
    ///    content key again; a new content key when it finds none), and a relay of each other
    ///    author's content key it holds to every participant that has none of it
    ///    (``owedRelays(in:as:opening:)``);
    /// 3. every `list.put` record, and every non-empty note, reason or resolution (``Operation/remark``),
    ///    sealed under that content key, bound to its envelope.
    ///
    /// The key is the exchange's (``encryptionKey(in:announced:creating:)``, made now if it has
    /// none). A party that seals nothing, or has erased the exchange, signs `operations` as they
    /// are; in an erased exchange the signer refuses what would be sealed.
    ///
    /// - Parameters:
    ///   - operations: What the caller asked to sign (checked already).
    ///   - open: The exchange as opened.
    ///   - own: The participant this party signs as.
    /// - Returns: The operations to sign, in order.
    func prepared(_ operations: [Operation], in open: OpenExchange, as own: KeyID) throws(PartyError) -> [Operation] {
        let state = open.state
        guard let encryptionKey = try encryptionKey(in: open.exchange, announced: state.encryptionKey(of: own), creating: true) else {
            if let kept = operations.first(where: { !$0.isKeyOperation }), try isErased(open.exchange) {
                throw PartyError(
                    code: .notAllowed,
                    message: "exchange \(open.exchange.hex.prefix(8)) is erased in this replica: it signs only key operations there, "
                        + "not a \(kept.name.rawValue); nothing was signed"
                )
            }
            return operations
        }
        let mine = encryptionKey.publicKey
        var preamble: [Operation] = []
        var operations = operations
        let announce = Operation.announceEncryptionKey(AnnounceEncryptionKey(key: mine))
        if let given = operations.firstIndex(of: announce) {
            preamble.append(operations.remove(at: given))
        } else if state.encryptionKey(of: own) != mine {
            preamble.append(announce)
        }
        if !preamble.isEmpty, let inForce = state.encryptionKey(of: own), inForce != mine, try announcedBefore(mine, by: own, in: open.exchange) {
            // A replica restored from a backup made before a rotation holds the replaced key:
            // announcing it again would put a key that may be in other hands back in force.
            throw PartyError(
                code: .notAllowed,
                message: "this replica's encryption key for exchange \(open.exchange.hex.prefix(8)) was replaced since "
                    + "(a replica restored from an older backup?): run `parley key rotate-encryption` to make a new one; nothing was signed"
            )
        }
        // Every content key this party made here, the one in force last (a new one when it must
        // renew), each shared to every participant's key in force that lacks it: a participant
        // that announces late, or a new key, gets the earlier content keys too, so it reads what
        // was sealed before the renewal. Each `content.share` carries one content key and a share
        // to this party itself, so that its party can tell later which key each one carried.
        let opening = try openingKeys(in: open.exchange)
        var made = ownContentKeys(of: own, in: state, opening: opening)
        if !made.isInForce(sealedTo: mine, in: state) {
            made.keys.append(OwnContentKeys.Key(key: ContentKey.generate(), sharedTo: []))
            made.inForce = made.keys.count - 1
        }
        guard let inForce = made.inForce else { preconditionFailure("a content key in force was just made") }
        let contentKey = made.keys[inForce].key
        let order = made.keys.indices.filter { $0 != inForce } + [inForce]
        var shareOperations: [Operation] = []
        for index in order {
            let key = made.keys[index]
            var shares: [ShareContentKey.Share] = []
            for participant in state.participants {
                guard let recipient = participant.keyID == own ? mine : state.encryptionKey(of: participant.keyID) else { continue }
                let isSelf = participant.keyID == own
                guard isSelf || !key.sharedTo.contains(ShareContentKey.Recipient(to: participant.keyID, key: recipient.keyID)) else { continue }
                do {
                    let share = try key.key.share(to: recipient, exchange: open.exchange.genesis.bytes, author: own)
                    shares.append(ShareContentKey.Share(to: participant.keyID, key: recipient.keyID, share: share))
                } catch {
                    throw PartyError(code: .notAllowed, message: "cannot share the content key: \(error); nothing was signed", cause: error)
                }
            }
            // The share to itself alone is owed only when this party lacks it.
            let owed = shares.contains { $0.to != own }
                || !key.sharedTo.contains(ShareContentKey.Recipient(to: own, key: mine.keyID))
            if owed { shareOperations.append(.shareContentKey(ShareContentKey(shares: shares))) }
        }
        if !operations.contains(where: { $0.name == .shareContentKey }) {
            preamble += shareOperations
            preamble += try owedRelays(in: state, as: own, opening: opening)
        }
        // Each operation is sealed on its own (its associated data names its seq): on every core.
        let first = (open.heads[own]?.seq ?? 0) + 1
        let exchange = open.exchange
        let sealed = Array((preamble + operations).enumerated()).concurrentMap(chunkSize: 256) { offset, operation in
            Result { () throws(LogError) in
                try operation.sealing(under: contentKey, exchange: exchange, author: own, seq: first + offset)
            }
        }
        var result: [Operation] = []
        result.reserveCapacity(sealed.count)
        for outcome in sealed {
            switch outcome {
            case let .success(operation): result.append(operation)
            case let .failure(error): throw PartyError(code: .notAllowed, message: "\(error.message); nothing was signed", cause: error)
            }
        }
        return result
    }

    /// Whether `key` was announced in `exchange` by `own`'s chain before (a key announced, then
    /// replaced). Reads `own`'s stored chain, not the whole log (a replica made again from a pull
    /// asks it on the sync that fills it, with 180,000 envelopes stored): only asked when the
    /// party is about to announce a key while another is in force.
    func announcedBefore(_ key: EncryptionPublicKey, by own: KeyID, in exchange: ExchangeID) throws(PartyError) -> Bool {
        let announce = Operation.announceEncryptionKey(AnnounceEncryptionKey(key: key))
        return try stored { () throws(StoreError) in try replica.envelopes(exchange: exchange, author: own) }
            .contains { $0.envelope.operation == announce }
    }

    /// What this party has shared of its content keys in `state`'s exchange (PROTOCOL.md §5.18):
    /// each content key it made there, in the order they first appear in its chain, with the
    /// recipients it was shared to, and which is in force (the last to appear).
    ///
    /// A `content.share` is read as carrying the content key of its share to this party; one
    /// without such a share (signed by an earlier version, which made one content key only) as
    /// carrying the key in force at its place in the chain. A share to this party that none of
    /// `keys` opens leaves the key in force unknown, so a new one is made. Relays by others of a
    /// key (naming one of this party's envelopes that carried it) count for renewal, not for
    /// what this party owes: a relayed key is in other hands as surely as a shared one.
    ///
    /// - Parameters:
    ///   - own: The participant this party signs as.
    ///   - state: The exchange's state.
    ///   - keys: The keys this party opens shares with (``openingKeys(in:)``).
    func ownContentKeys(of own: KeyID, in state: ExchangeState, opening keys: [EncryptionKey]) -> OwnContentKeys {
        var found = OwnContentKeys(author: own)
        var carried: [EnvelopeID: Int] = [:]
        for authored in state.contentShares.values.filter({ $0.author == own && $0.body.relays == nil }).sorted(by: { $0.seq < $1.seq }) {
            var index = found.inForce
            if let toSelf = authored.body.shares.first(where: { $0.to == own }) {
                guard let opener = keys.first(where: { $0.publicKey.keyID == toSelf.key }),
                      let key = try? toSelf.share.open(with: opener, exchange: state.exchange.genesis.bytes, author: own)
                else {
                    found.inForce = nil
                    continue
                }
                if let known = found.keys.firstIndex(where: { $0.key == key }) {
                    index = known
                } else {
                    found.keys.append(OwnContentKeys.Key(key: key, firstSealedTo: toSelf.key, sharedTo: []))
                    found.inForce = found.keys.count - 1
                    index = found.inForce
                }
            }
            if let index {
                found.keys[index].sharedTo.formUnion(authored.body.shares.map(\.recipient))
                carried[authored.envelope] = index
            }
        }
        for relay in state.contentShares.values {
            guard let relayed = relay.body.relays, relayed.author == own, let index = carried[relayed.envelope] else { continue }
            found.keys[index].relayedTo.formUnion(relay.body.shares.map(\.recipient))
        }
        return found
    }

    /// The relays this party owes in `state`'s exchange (PROTOCOL.md §5.18): of each content key
    /// another author shared to this party itself, a share to every other participant whose
    /// encryption key in force has a share of that key in none of the author's `content.share`
    /// envelopes that this party opens (an author shares one key in several, to those who lacked
    /// it) nor in a relay naming one of them; the relay names the first of them. So a participant
    /// that announced its key after an author last signed reads that author's records as soon as
    /// any holder signs or syncs, not only the author. A key this party was only relayed is not
    /// passed on: a false relay stops with its recipients.
    ///
    /// - Parameters:
    ///   - state: The exchange's state.
    ///   - own: The participant this party signs as.
    ///   - keys: The keys this party opens shares with (``openingKeys(in:)``).
    /// - Returns: One `content.share` with `relays` per content key passed on, in the order of
    ///   the carrying envelopes' authors and seqs.
    func owedRelays(in state: ExchangeState, as own: KeyID, opening keys: [EncryptionKey]) throws(PartyError) -> [Operation] {
        let mine = Dictionary(keys.map { ($0.publicKey.keyID, $0) }, uniquingKeysWith: { first, _ in first })
        let exchange = state.exchange.genesis.bytes
        var relaysOf: [EnvelopeID: [Authored<ShareContentKey>]] = [:]
        for authored in state.contentShares.values {
            if let relayed = authored.body.relays { relaysOf[relayed.envelope, default: []].append(authored) }
        }
        let carriers = state.contentShares.values.filter { $0.author != own && $0.body.relays == nil }
            .sorted { ($0.author, $0.seq) < ($1.author, $1.seq) }
        // Each key this party holds, by author and key: the carriers it opens, and who holds it.
        struct Held {
            let author: KeyID
            let key: ContentKey
            let first: EnvelopeID
            var given: Set<ShareContentKey.Recipient>
        }
        var held: [Held] = []
        for carrier in carriers {
            let author = carrier.author
            let bodies = [carrier.body] + (relaysOf[carrier.envelope] ?? []).map(\.body)
            // The key, from the author's own share to this party in the carrier.
            var key: ContentKey?
            for share in carrier.body.shares where share.to == own {
                if let opener = mine[share.key], let opened = try? share.share.open(with: opener, exchange: exchange, author: author) {
                    key = opened
                    break
                }
            }
            guard let key else { continue }
            let given = Set(bodies.flatMap { $0.shares.map(\.recipient) })
            if let same = held.firstIndex(where: { $0.author == author && $0.key == key }) {
                held[same].given.formUnion(given)
            } else {
                held.append(Held(author: author, key: key, first: carrier.envelope, given: given))
            }
        }
        var relays: [Operation] = []
        for known in held {
            let (author, key, given) = (known.author, known.key, known.given)
            var shares: [ShareContentKey.Share] = []
            for participant in state.participants where participant.keyID != own && participant.keyID != author {
                guard let recipient = state.encryptionKey(of: participant.keyID),
                      !given.contains(ShareContentKey.Recipient(to: participant.keyID, key: recipient.keyID))
                else { continue }
                do {
                    let share = try key.share(to: recipient, exchange: exchange, author: author)
                    shares.append(ShareContentKey.Share(to: participant.keyID, key: recipient.keyID, share: share))
                } catch {
                    throw PartyError(code: .notAllowed, message: "cannot relay a content key: \(error); nothing was signed", cause: error)
                }
            }
            if !shares.isEmpty {
                relays.append(.shareContentKey(ShareContentKey(
                    shares: shares, relays: ShareContentKey.Relayed(author: author, envelope: known.first)
                )))
            }
        }
        return relays
    }

    /// The content keys a party has made in one exchange, as ``ownContentKeys(of:in:opening:)`` reads them.
    struct OwnContentKeys {
        /// One content key and whom it was shared to.
        struct Key {
            var key: ContentKey
            /// The encryption key of the party's that it was first shared to (`nil` for one made now).
            var firstSealedTo: KeyID?
            var sharedTo: Set<ShareContentKey.Recipient>
            /// The recipients others relayed it to (relays naming an envelope that carried it).
            var relayedTo: Set<ShareContentKey.Recipient> = []
        }

        /// The participant the party signs as.
        let author: KeyID
        /// Its content keys, in the order they first appear.
        var keys: [Key] = []
        /// The index of the key in force, if known.
        var inForce: Int?

        /// Whether the key in force may go on sealing: it was first shared to `mine` (the party has
        /// not announced another encryption key since), and every participant it was shared or
        /// relayed to still has the encryption key it was given under (a replaced key may be in
        /// other hands). A false relay can at most make the party renew once more.
        func isInForce(sealedTo mine: EncryptionPublicKey, in state: ExchangeState) -> Bool {
            guard let inForce, keys[inForce].firstSealedTo == mine.keyID else { return false }
            return keys[inForce].sharedTo.union(keys[inForce].relayedTo).allSatisfy {
                $0.to == author || state.encryptionKey(of: $0.to)?.keyID == $0.key
            }
        }
    }

    /// The content keys this party can open in `state`'s exchange, with the shares among
    /// `envelopes` too (`nil` without an encryption key).
    func keyring(_ state: ExchangeState, adding envelopes: some Sequence<SignedEnvelope> = []) throws(PartyError) -> ContentKeyring? {
        let keys = try openingKeys(in: state.exchange)
        guard !keys.isEmpty else { return nil }
        let shares = state.contentShares.values.map { (author: $0.author, body: $0.body) } + ShareContentKey.shares(in: envelopes)
        return ContentKeyring(exchange: state.exchange, encryptionKeys: keys, shares: shares)
    }

    /// `envelopes` arriving in `state`'s exchange with the sealed records this party can open
    /// opened (same bytes and ids), the one door through which records are decrypted.
    func opened(_ envelopes: [SignedEnvelope], in state: ExchangeState) throws(PartyError) -> [SignedEnvelope] {
        guard envelopes.contains(where: \.isSealed), let keyring = try keyring(state, adding: envelopes) else { return envelopes }
        return keyring.open(envelopes).envelopes
    }

    /// Whether envelopes just stored brought a content key share to this party while `state`
    /// still holds entries it could not open: then the log is folded again, opening them.
    func opensEarlierEntries(_ envelopes: [SignedEnvelope], in kept: KeptState) throws(PartyError) -> Bool {
        let state = kept.state
        let mine = Set(try openingKeys(in: state.exchange).map(\.publicKey.keyID))
        guard !mine.isEmpty else { return false }
        let shared = ShareContentKey.shares(in: envelopes).contains { $0.body.shares.contains { mine.contains($0.key) } }
        guard shared else { return false }
        if state.unopenedFactCount > 0 { return true }
        let unopenedEntries = kept.isComplete
            ? state.unopenedEntryCount : try stored { () throws(StoreError) in try replica.unopenedEntryCount(exchange: state.exchange) }
        return unopenedEntries > 0
    }
}

extension Operation {
    /// Whether this is a key operation (`key.rotate`, `key.recovery`, `key.revoke`): what a party
    /// still signs in an exchange it erased.
    var isKeyOperation: Bool {
        switch self {
        case .rotateKey, .nameRecoveryKey, .revokeKey: true
        default: false
        }
    }
}

extension SignedEnvelope {
    /// Whether the envelope carries a sealed record or text not opened yet.
    var isSealed: Bool {
        envelope.operation.isUnopened
    }
}

extension Party {
    /// Signs what this party owes the other participants of `exchange` before anything else:
    /// its `key.encryption` if the exchange lacks it, and a `content.share` of its content key to
    /// every participant that announced an encryption key since it last shared. A sync calls it
    /// after each pull, so a participant that announces gets the shares at the next sync of each
    /// author, not only when the author next signs something of its own.
    ///
    /// - Parameters:
    ///   - exchange: The exchange.
    ///   - time: The envelopes' timestamp.
    /// - Returns: How many envelopes were signed (0 when nothing is owed, or this party cannot
    ///   sign there: read-only, not a participant, a forked exchange).
    /// - Throws: As ``sign(_:in:at:)``; when another process signed meanwhile, it tries once more
    ///   on the state that process left.
    @discardableResult
    public func shareContentKey(in exchange: ExchangeID, at time: Timestamp) throws(PartyError) -> Int {
        do {
            return try shareContentKeyOnce(in: exchange, at: time)
        } catch let error where (error.cause as? StoreError)?.code == .chainMoved {
            return try shareContentKeyOnce(in: exchange, at: time)
        }
    }

    private func shareContentKeyOnce(in exchange: ExchangeID, at time: Timestamp) throws(PartyError) -> Int {
        guard key != nil, seals, try !isErased(exchange) else { return 0 }
        // What is owed depends on the facts alone: the entries are read only to sign.
        let facts = try open(exchange, withEntries: false)
        guard facts.isClean, let own = try? participantID(in: facts), !(try prepared([], in: facts, as: own)).isEmpty else { return 0 }
        let open = try open(exchange)
        let owed = try prepared([], in: open, as: own)
        // With an announcement pending, the first is the `key.encryption` and ``prepared(_:in:as:)``
        // adds the share after it (a share to this party's own key passes the signer's check only
        // once that key is in the state); otherwise it is the `content.share`.
        guard let first = owed.first else { return 0 }
        if case .announceEncryptionKey = first { return try sign([first], in: open, at: time).envelopes.count }
        return try sign(owed, in: open, at: time).envelopes.count
    }

    /// The stored envelopes of `exchange` with the sealed records this party can open opened:
    /// what a rebuild of a state from envelopes (a proposed manifest's basis) folds.
    ///
    /// - Throws: ``PartyError/Code/store``.
    public func openedEnvelopes(of exchange: ExchangeID) throws(PartyError) -> [SignedEnvelope] {
        try opener(for: exchange)(try stored { () throws(StoreError) in try replica.envelopes(exchange: exchange) })
    }

    /// What a fold from scratch of `exchange` folds: a whole log with the sealed records this
    /// party can open with the shares among it opened. The keys are read now, so the opener may
    /// run inside a read of the replica (``Replica/keptState(exchange:withEntries:preparing:)``).
    ///
    /// - Throws: ``PartyError/Code/store`` when the keys cannot be read.
    func opener(for exchange: ExchangeID) throws(PartyError) -> @Sendable ([SignedEnvelope]) -> [SignedEnvelope] {
        let keys = try openingKeys(in: exchange)
        return { envelopes in
            guard !keys.isEmpty, envelopes.contains(where: \.isSealed) else { return envelopes }
            return ContentKeyring(exchange: exchange, encryptionKeys: keys, shares: ShareContentKey.shares(in: envelopes)).open(envelopes).envelopes
        }
    }
}

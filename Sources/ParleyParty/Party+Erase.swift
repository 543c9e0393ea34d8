import Foundation
public import ParleyCrypto
public import ParleyLog
import ParleyStore

extension Party {
    /// What erasing an exchange did (`parley exchange erase`).
    public struct Erasure: Sendable, Hashable {
        /// What became of the home-wide key of an older home (`encryption.pem`).
        public enum HomeKey: Sendable, Hashable {
            /// The exchange was never sealed to it (or the home has none): nothing to do.
            case unused
            /// Destroyed: no exchange of this replica that is not erased was sealed to it.
            case destroyed
            /// Kept, because these exchanges, not erased, were sealed to it too: until they are
            /// erased, it can still open this exchange's content keys from the log.
            case kept(usedBy: [ExchangeID])
        }

        /// Whether the exchange was erased already (this run only finished what was left).
        public var already: Bool
        /// The home-wide key.
        public var homeKey: HomeKey
        /// The participants that have said they erased the exchange (``ExchangeState/erasedBy``),
        /// this party included, as far as this replica knows.
        public var erasedBy: [KeyID]
        /// How many list entries travelled in clear (signed by a party that sealed nothing) and
        /// stay readable in the log, which erasure cannot change.
        public var clearEntries: Int
    }

    /// Erases `exchange` in this replica, once it is final as a whole (``ExchangeState/isClosed``):
    /// signs this party's `exchange.erase` and, in the same transaction
    /// (``Replica/erase(_:appending:keeping:foldedFrom:)``), destroys its encryption key for the
    /// exchange and everything the replica kept in clear of it (the opened fields of its entries,
    /// its opened texts, its kept reconciliation and the kept diffs), then rewrites the file. A
    /// sync carries the `exchange.erase` to the others like any envelope. The signed log stays: its ciphertext, ids, counts and hashes, the manifest
    /// hashes and signatures, which still verify. Nothing of the exchange is opened or sealed here
    /// again. Running it again finishes an erasure a crash interrupted.
    ///
    /// A home made before per-exchange keys keeps its home-wide key while another exchange of the
    /// replica, not erased, was sealed to it (``Erasure/HomeKey/kept(usedBy:)``); erasing the
    /// last one destroys it.
    ///
    /// - Parameters:
    ///   - exchange: The exchange.
    ///   - time: The `exchange.erase` envelope's timestamp.
    /// - Returns: What was done.
    /// - Throws: ``PartyError/Code/notAllowed`` when the exchange is not final (nothing is
    ///   changed) or this party cannot sign; ``PartyError/Code/unverified`` when it forks; a
    ///   store failure.
    public func erase(_ exchange: ExchangeID, at time: Timestamp) throws(PartyError) -> Erasure {
        let key = try signingKey()
        let before = try open(exchange, withEntries: false).state
        guard before.isClosed else {
            throw PartyError(
                code: .notAllowed,
                message: "exchange \(exchange.hex.prefix(12)) is not final: it can be erased once every participant has signed a manifest "
                    + "of the whole exchange (or of every phase of its terms); nothing was erased"
            )
        }
        let already = try isErased(exchange)
        if !already {
            do {
                try eraseOnce(exchange, key: key, at: time)
            } catch let error where (error.cause as? StoreError)?.code == .chainMoved {
                try eraseOnce(exchange, key: key, at: time)
            }
        }
        let kept = try open(exchange).state
        let clear = kept.lists.values.reduce(0) { count, list in count + list.values.count { !$0.fields.isEmpty } }
        let homeKey = try eraseHomeKey(after: exchange, in: before)
        try stored { () throws(StoreError) in try replica.vacuum() }
        return Erasure(already: already, homeKey: homeKey, erasedBy: kept.erasedBy, clearEntries: clear)
    }

    /// Signs this party's `exchange.erase` (unless it has one that counts), folds the stored log
    /// with it without opening anything, and erases, all stored in one transaction.
    private func eraseOnce(_ exchange: ExchangeID, key: SigningKey, at time: Timestamp) throws(PartyError) {
        let open = try open(exchange, withEntries: false)
        guard open.isClean else {
            throw PartyError(
                code: .unverified,
                message: "exchange \(exchange.hex.prefix(8)) does not verify in replica \(replica.path); nothing was erased "
                    + "(see `parley verify --exchange \(exchange.hex)`)"
            )
        }
        let own = try participantID(in: open)
        var batch: VerifiedBatch?
        var signed: [SignedEnvelope] = []
        let erase = Operation.eraseExchange(EraseExchange())
        if let refusal = open.state.refusal(of: erase, by: own), refusal.code != .alreadyErased {
            throw PartyError(code: .notAllowed, message: "\(refusal.message); nothing was erased", cause: refusal)
        } else if !open.state.erasedBy.contains(own) {
            let made = try signing([erase], in: open, as: own, key: key, at: time, outcome: "erased")
            batch = try verified(made.envelopes, in: open, signatures: made.signatures, outcome: "erased")
            signed = made.envelopes
        }
        let envelopes = try stored { () throws(StoreError) in try replica.storedEnvelopes(exchange: exchange) }
        progress?(PartyProgress(step: "folding the log without its keys", count: envelopes.count))
        let report = Verifier(exchange: exchange).verify(wire: envelopes.map(\.wireBytes) + signed.map(\.wireBytes))
        guard let state = report.state else {
            throw PartyError(code: .noExchange, message: "exchange \(exchange.hex.prefix(12)) has no genesis that verifies in replica \(replica.path)")
        }
        let kept = KeptState(state: state, stateHash: state.stateHash, heads: report.heads, frozen: Set(report.equivocations.map(\.author)))
        try stored { () throws(StoreError) in try replica.erase(exchange, appending: batch, keeping: kept, foldedFrom: envelopes.count) }
    }

    /// Destroys the home-wide key when `exchange` (whose state before erasure is `state`) was
    /// sealed to it and no other exchange of the replica that is not erased was (one that cannot
    /// be read counts as one that was).
    private func eraseHomeKey(after exchange: ExchangeID, in state: ExchangeState) throws(PartyError) -> Erasure.HomeKey {
        guard let homeKey = encryptionKey, let home else { return .unused }
        let id = homeKey.publicKey.keyID
        func sealedToHomeKey(_ state: ExchangeState) -> Bool {
            state.contentShares.values.contains { $0.body.shares.contains { $0.key == id } }
        }
        guard sealedToHomeKey(state) else { return .unused }
        let erased = try stored { () throws(StoreError) in try replica.erasedExchanges() }
        var users: [ExchangeID] = []
        for other in try exchanges() where other != exchange && !erased.contains(other) {
            // An exchange that cannot be read now may need the key: it is kept for it.
            guard let state = try? open(other, withEntries: false).state else {
                users.append(other)
                continue
            }
            if sealedToHomeKey(state) { users.append(other) }
        }
        guard users.isEmpty else { return .kept(usedBy: users) }
        try home.destroyEncryptionKey()
        return .destroyed
    }
}

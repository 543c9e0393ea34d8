public import ParleyCrypto
public import ParleyLog
public import ParleyStore

extension Party {
    /// What a signing stored.
    public struct Signed: Sendable {
        /// The envelopes signed, in order.
        public let envelopes: [SignedEnvelope]
        /// How many were new to the replica (all of them, unless signed twice).
        public let added: Int
        /// The exchange's kept state after them.
        public let kept: KeptState
    }

    /// Creates an exchange: signs its genesis and stores it, with its state.
    ///
    /// - Parameters:
    ///   - create: The genesis body; the party must be one of its participants.
    ///   - time: The genesis's timestamp.
    /// - Returns: The new exchange's id.
    /// - Throws: ``PartyError/Code/notAllowed`` when the genesis does not verify (the party is
    ///   not among the participants), or a store failure.
    public func create(_ create: CreateExchange, at time: Timestamp) throws(PartyError) -> ExchangeID {
        let key = try signingKey()
        let genesis: SignedEnvelope
        do {
            genesis = try EnvelopeSigner.createExchange(create, key: key, at: time).genesis
        } catch {
            throw PartyError(code: .notAllowed, message: "\(error.message); nothing was stored", cause: error)
        }
        let exchange = ExchangeID(genesis: genesis.id)
        let report = Verifier(exchange: exchange).verify([genesis])
        guard let batch = report.creatingBatch else {
            let reasons = report.entries.flatMap(\.verdict.reasons).map(\.description).joined(separator: ", ")
            throw PartyError(code: .notAllowed, message: "the new exchange does not verify (\(reasons)); nothing was stored")
        }
        _ = try commit(batch, onto: nil)
        try announceEncryptionKey(in: exchange, at: time)
        return exchange
    }

    /// Signs `operations` as this party's next envelopes in `open`'s exchange and stores them with
    /// the new state.
    ///
    /// Each operation is checked first against the state it is signed on, with the open
    /// exchange's reconciliation (computed once, or read from its kept summary): a refused one
    /// signs nothing of the batch. The signed envelopes are verified against the kept chain heads
    /// (``ChainExtension``) and appended only if the party's head has not moved meanwhile.
    ///
    /// - Parameters:
    ///   - operations: What to sign, in order.
    ///   - open: The exchange as opened just before.
    ///   - time: The envelopes' timestamp.
    /// - Returns: What was signed and the state after.
    /// - Throws: ``PartyError/Code/notAllowed`` naming the first refused operation (its cause is
    ///   the ``Refusal``);
    ///   ``PartyError/Code/unverified`` when the exchange forks; ``PartyError/Code/store`` (the
    ///   cause's code is ``StoreError/Code/chainMoved`` when another process signed meanwhile).
    @discardableResult
    public func sign(_ operations: [Operation], in open: OpenExchange, at time: Timestamp) throws(PartyError) -> Signed {
        let key = try signingKey()
        let exchange = open.exchange
        // A state opened without entries holds none unopened: when the replica holds some, a
        // confirmation or a proposal is checked on the whole state, whose rights check refuses it.
        var open = open
        if !open.kept.isComplete, operations.contains(where: \.readsWhetherEveryEntryIsOpen),
           try stored({ () throws(StoreError) in try replica.unopenedEntryCount(exchange: exchange) }) > 0 {
            open = try self.open(exchange)
        }
        guard open.isClean else {
            throw PartyError(
                code: .unverified,
                message: "exchange \(exchange.hex.prefix(8)) does not verify in replica \(replica.path); nothing was signed "
                    + "(see `parley verify --exchange \(exchange.hex)`)"
            )
        }
        precondition(
            open.kept.isComplete || operations.allSatisfy { $0.isSignableOnNamedEntries || open.state.isSignableWithoutEntries($0) },
            "sign on an exchange opened with its entries, or only operations that change no list and read no other entries"
        )
        let state = open.state
        let own = try participantID(in: open)
        for operation in operations {
            let refusal = try state.refusal(
                of: operation, by: own, directionHash: { direction throws(PartyError) in try open.summary.hash(direction) },
                reconciliation: { () throws(PartyError) in try open.reconciliation },
                wholeManifest: { () throws(PartyError) in
                    let summary = try open.manifestSummary
                    return ManifestFacts(wholeExchange: summary.hash, blockers: summary.blockers)
                }
            )
            if let refusal {
                throw PartyError(code: .notAllowed, message: "\(refusal.message); nothing was signed", cause: refusal)
            }
        }
        guard !operations.isEmpty else { return Signed(envelopes: [], added: 0, kept: open.kept) }
        let operations = try prepared(operations, in: open, as: own)
        progress?(PartyProgress(step: "signing", count: operations.count))
        let signed = try signing(operations, in: open, as: own, key: key, at: time, outcome: "signed")
        return try commitSigned(signed.envelopes, in: open, signatures: signed.signatures)
    }

    /// Signs `operations` as `own`'s next envelopes after its head in `open`, on every core (the
    /// chain check then takes the signatures as this key's; it still checks that this key is the
    /// chain's key in force, and everything else).
    ///
    /// - Parameter outcome: What a failure says did not happen ("nothing was `outcome`").
    /// - Throws: ``PartyError/Code/notAllowed`` when an operation cannot be signed.
    func signing(
        _ operations: [Operation], in open: OpenExchange, as own: KeyID, key: SigningKey, at time: Timestamp, outcome: String
    ) throws(PartyError) -> EnvelopeSigner.SignedBatch {
        do {
            return try EnvelopeSigner(key: key, exchange: open.exchange, head: open.heads[own], author: own).signing(operations, at: time)
        } catch {
            throw PartyError(code: .notAllowed, message: "\(error.message); nothing was \(outcome)", cause: error)
        }
    }

    /// Verifies envelopes this party just signed against the open exchange's heads and keys
    /// (``ChainExtension``): the one check between signing and storing.
    ///
    /// - Parameters:
    ///   - envelopes: The envelopes.
    ///   - open: The exchange they extend.
    ///   - signatures: The record that the signer made their signatures, so they are not
    ///     verified again; `nil`: verify them.
    ///   - outcome: What a failure says did not happen ("nothing was `outcome`").
    /// - Returns: The batch, which only a verifier builds and only it is appended.
    /// - Throws: ``PartyError/Code/notAllowed`` when they do not verify.
    func verified(
        _ envelopes: [SignedEnvelope], in open: OpenExchange, signatures: SignatureCheck?, outcome: String
    ) throws(PartyError) -> VerifiedBatch {
        progress?(PartyProgress(step: "verifying", count: envelopes.count))
        let chain = ChainExtension(exchange: open.exchange, participants: open.state.participants)
        let report = if let signatures {
            chain.verify(envelopes, signatures: signatures, heads: open.heads, frozen: open.kept.frozen, keys: open.state.chainKeys)
        } else {
            chain.verify(envelopes, heads: open.heads, frozen: open.kept.frozen, keys: open.state.chainKeys)
        }
        guard report.isClean else {
            let reasons = Set(report.entries.flatMap(\.verdict.reasons).map(\.description)).sorted()
            throw PartyError(
                code: .notAllowed, message: "the new envelopes do not verify (\(reasons.joined(separator: ", "))); nothing was \(outcome)"
            )
        }
        return report.batch
    }

    /// Verifies envelopes this party just signed against the open exchange's heads and keys, and
    /// stores them with the new state.
    ///
    /// - Parameters:
    ///   - envelopes: The envelopes.
    ///   - open: The exchange they extend.
    ///   - signatures: The record that the signer made their signatures (``EnvelopeSigner/SignedBatch``),
    ///     so they are not verified again; `nil`: verify them.
    /// - Throws: ``PartyError/Code/notAllowed`` when they do not verify; a store failure.
    func commitSigned(_ envelopes: [SignedEnvelope], in open: OpenExchange, signatures: SignatureCheck? = nil) throws(PartyError) -> Signed {
        let batch = try verified(envelopes, in: open, signatures: signatures, outcome: "stored")
        let (kept, result) = try commit(batch, onto: open.kept)
        return Signed(envelopes: envelopes, added: result.added, kept: kept)
    }

    /// The one step every write ends in: folds `batch` onto `base` (or, when the batch forks a
    /// chain, revokes a key, makes a manifest final or proposes or signs one after a revocation,
    /// folds the whole log again: ``VerifiedBatch/refoldsState(onto:)``) and appends the batch
    /// with the new kept state in one transaction.
    ///
    /// - Parameters:
    ///   - batch: A batch verified against `base`'s heads, or a batch that creates the exchange
    ///     (``VerifiedBatch/genesis``) onto no state.
    ///   - base: The kept state the batch was verified against, with or without its entries;
    ///     `nil` for a creating batch.
    /// - Returns: The new kept state and what was appended.
    /// - Throws: A store failure (``StoreError/Code/chainMoved``: a head moved; nothing stored).
    func commit(_ batch: VerifiedBatch, onto base: KeptState?) throws(PartyError) -> (KeptState, AppendResult) {
        guard let base = base ?? batch.genesis.map({ create in
            let state = ExchangeState(exchange: batch.exchange, create: create)
            return KeptState(state: state, stateHash: "", heads: [:], frozen: [])
        }) else {
            preconditionFailure("only a batch that creates the exchange is committed onto no state")
        }
        if batch.isEmpty { return (base, AppendResult(added: 0, alreadyPresent: 0)) }
        var state = base.state
        // A fork cuts its author's chain short, a revocation sets aside envelopes folded before it,
        // and a manifest made final sets aside what its signers wrote after signing (PROTOCOL.md
        // §7.1): no incremental step undoes what was folded.
        let applied = batch.refoldsState(onto: state) ? nil : state.apply(batch)
        guard let change = applied, !change.finality else {
            let (kept, _, folded) = try refold(batch.exchange, adding: batch.envelopes)
            let result = try stored { () throws(StoreError) in try replica.append(batch, keeping: (kept, nil), foldedFrom: folded) }
            return (kept, result)
        }
        progress?(PartyProgress(step: "storing", count: batch.envelopes.count))
        // A state opened with only some entries (those its operations name, or those the batch
        // changes) hashes its lists from the kept rows, with the batch's changes merged in.
        let hash = base.isComplete
            ? state.stateHash : try stored { () throws(StoreError) in try replica.stateHash(of: state, replacing: change.entries) }
        let kept = KeptState(
            state: state, stateHash: hash, heads: base.heads.merging(batch.heads) { $1 }, frozen: base.frozen, isComplete: base.isComplete
        )
        let result = try stored { () throws(StoreError) in try replica.append(batch, keeping: (kept, change)) }
        return (kept, result)
    }

    /// The participant this party signs as in `open`'s exchange: the one whose identity key in
    /// force is this party's key (after a rotation, still the participant its genesis key named).
    ///
    /// - Throws: ``PartyError/Code/notAllowed`` when the party's key is no participant's key in force.
    public func participantID(in open: OpenExchange) throws(PartyError) -> KeyID {
        let key = try signingKey()
        guard let own = open.state.participantID(signingWith: key.publicKey.keyID) else {
            throw PartyError(
                code: .notAllowed,
                message: "key \(key.publicKey.keyID.hex.prefix(12)) is not the key in force of any participant of exchange "
                    + "\(open.exchange.hex.prefix(8)); nothing was signed"
            )
        }
        return own
    }

    /// The key, or why the party cannot sign.
    func signingKey() throws(PartyError) -> SigningKey {
        guard let key else {
            throw PartyError(code: .notAllowed, message: "this party was opened to read only; it cannot sign")
        }
        return key
    }
}

/// What an envelope does: its `op` name and typed body.
///
/// Any `op` not named by ``Name`` is malformed. Later operations will be added as new cases, so
/// switch over this enum with that in mind.
public enum Operation: Sendable, Hashable {
    /// `exchange.create`: the genesis of an exchange.
    case createExchange(CreateExchange)
    /// `list.put`: add or replace an entry in one of the author's lists.
    case putEntry(PutEntry)
    /// `list.remove`: remove an entry from one of the author's lists.
    case removeEntry(RemoveEntry)
    /// `match.assert`: by hand, the two entries are the same person.
    case assertMatch(MatchPair)
    /// `match.reject`: by hand, the two entries are different persons.
    case rejectMatch(MatchPair)
    /// `dispute.open`: raise a doubt about entries; the envelope's id is the dispute's id.
    case openDispute(OpenDispute)
    /// `dispute.comment`: add a note to a dispute.
    case commentDispute(CommentDispute)
    /// `dispute.close`: settle a dispute (its opener or a mediator).
    case closeDispute(CloseDispute)
    /// `attest`: a mediator's statement about an entry.
    case attest(Attest)
    /// `confirm`: a mediator confirms a direction's reconciliation.
    case confirm(Confirm)
    /// `terms.set`: a mediator sets the terms.
    case setTerms(Terms)
    /// `manifest.propose`: a mediator proposes a manifest for signing.
    case proposeManifest(ProposeManifest)
    /// `manifest.sign`: a participant signs a proposed manifest.
    case signManifest(SignManifest)
    /// `key.rotate`: the participant's chain goes on under a new identity key.
    case rotateKey(RotateKey)
    /// `key.recovery`: the participant names its chain's recovery key.
    case nameRecoveryKey(NameRecoveryKey)
    /// `key.revoke`: with the recovery key, the participant revokes its identity key for a new one.
    case revokeKey(RevokeKey)
    /// `key.encryption`: the participant announces its X25519 encryption key.
    case announceEncryptionKey(AnnounceEncryptionKey)
    /// `content.share`: the author shares its content key with participants, sealed to each.
    case shareContentKey(ShareContentKey)
    /// `exchange.erase`: the participant says it erased the closed exchange in its replica.
    case eraseExchange(EraseExchange)

    /// The `op` names of the wire.
    public enum Name: String, Sendable, Hashable, CaseIterable {
        /// `exchange.create`.
        case createExchange = "exchange.create"
        /// `list.put`.
        case putEntry = "list.put"
        /// `list.remove`.
        case removeEntry = "list.remove"
        /// `match.assert`.
        case assertMatch = "match.assert"
        /// `match.reject`.
        case rejectMatch = "match.reject"
        /// `dispute.open`.
        case openDispute = "dispute.open"
        /// `dispute.comment`.
        case commentDispute = "dispute.comment"
        /// `dispute.close`.
        case closeDispute = "dispute.close"
        /// `attest`.
        case attest
        /// `confirm`.
        case confirm
        /// `terms.set`.
        case setTerms = "terms.set"
        /// `manifest.propose`.
        case proposeManifest = "manifest.propose"
        /// `manifest.sign`.
        case signManifest = "manifest.sign"
        /// `key.rotate`.
        case rotateKey = "key.rotate"
        /// `key.recovery`.
        case nameRecoveryKey = "key.recovery"
        /// `key.revoke`.
        case revokeKey = "key.revoke"
        /// `key.encryption`.
        case announceEncryptionKey = "key.encryption"
        /// `content.share`.
        case shareContentKey = "content.share"
        /// `exchange.erase`.
        case eraseExchange = "exchange.erase"
    }

    /// The operation's `op` name.
    public var name: Name {
        switch self {
        case .createExchange: .createExchange
        case .putEntry: .putEntry
        case .removeEntry: .removeEntry
        case .assertMatch: .assertMatch
        case .rejectMatch: .rejectMatch
        case .openDispute: .openDispute
        case .commentDispute: .commentDispute
        case .closeDispute: .closeDispute
        case .attest: .attest
        case .confirm: .confirm
        case .setTerms: .setTerms
        case .proposeManifest: .proposeManifest
        case .signManifest: .signManifest
        case .rotateKey: .rotateKey
        case .nameRecoveryKey: .nameRecoveryKey
        case .revokeKey: .revokeKey
        case .announceEncryptionKey: .announceEncryptionKey
        case .shareContentKey: .shareContentKey
        case .eraseExchange: .eraseExchange
        }
    }

    /// The list the operation writes, for list operations.
    public var listKind: ListKind? {
        switch self {
        case let .putEntry(put): put.list
        case let .removeEntry(remove): remove.list
        default: nil
        }
    }

    /// Whether a signer may check and sign this operation on a state that holds only the entries
    /// it names: it changes no list, and its rights check reads those entries and the facts, never
    /// the reconciliation (a hand decision, a dispute and its comments and close, an attestation).
    public var isSignableOnNamedEntries: Bool {
        switch self {
        case .assertMatch, .rejectMatch, .openDispute, .commentDispute, .closeDispute, .attest: true
        default: false
        }
    }

    /// Whether a signer may check and sign this operation on a state that holds no entries: it
    /// changes no list, and its rights check reads the facts and, for a confirmation or a
    /// proposal of the whole exchange's manifest, the directions' hashes (kept per direction),
    /// the manifest's hash and blockers (kept with it) and whether every entry is open (terms, a
    /// confirmation, such a proposal).
    public var isSignableWithoutEntries: Bool {
        switch self {
        case .setTerms, .confirm: true
        case let .proposeManifest(propose): propose.phase == nil
        default: false
        }
    }

    /// Whether this operation's rights check asks whether every entry is open (a confirmation,
    /// a manifest's proposal or signature: §5.11), which a state opened without entries cannot
    /// tell.
    public var readsWhetherEveryEntryIsOpen: Bool {
        switch self {
        case .confirm, .proposeManifest, .signManifest: true
        default: false
        }
    }

    /// The body's JSON form.
    var body: JSONValue {
        switch self {
        case let .createExchange(create): create.json
        case let .putEntry(put): put.json
        case let .removeEntry(remove): remove.json
        case let .assertMatch(pair), let .rejectMatch(pair): pair.json
        case let .openDispute(open): open.json
        case let .commentDispute(comment): comment.json
        case let .closeDispute(close): close.json
        case let .attest(attest): attest.json
        case let .confirm(confirm): confirm.json
        case let .setTerms(terms): terms.json
        case let .proposeManifest(propose): propose.json
        case let .signManifest(sign): sign.json
        case let .rotateKey(rotate): rotate.json
        case let .nameRecoveryKey(recovery): recovery.json
        case let .revokeKey(revoke): revoke.json
        case let .announceEncryptionKey(announce): announce.json
        case let .shareContentKey(share): share.json
        case let .eraseExchange(erase): erase.json
        }
    }

    /// What is wrong with the body, if anything.
    var problem: String? {
        switch self {
        case let .createExchange(create): create.problem
        case let .putEntry(put): put.problem
        case let .removeEntry(remove): remove.problem
        case let .assertMatch(pair), let .rejectMatch(pair): pair.problem
        case let .openDispute(open): open.problem
        case let .attest(attest): attest.entry.problem
        case let .setTerms(terms): terms.problem
        case let .proposeManifest(propose): propose.problem
        case let .rotateKey(rotate): rotate.problem
        case let .revokeKey(revoke): revoke.problem
        case let .shareContentKey(share): share.problem
        case .commentDispute, .closeDispute, .confirm, .signManifest, .nameRecoveryKey, .announceEncryptionKey, .eraseExchange: nil
        }
    }

    /// Reads an operation from its `op` name and body.
    ///
    /// - Throws: ``LogError/Code/malformedEnvelope`` for an unknown name or a malformed body.
    init(name: String, body: JSONValue) throws(LogError) {
        switch Name(rawValue: name) {
        case .createExchange: self = .createExchange(try CreateExchange(json: body))
        case .putEntry: self = .putEntry(try PutEntry(json: body))
        case .removeEntry: self = .removeEntry(try RemoveEntry(json: body))
        case .assertMatch: self = .assertMatch(try MatchPair(json: body))
        case .rejectMatch: self = .rejectMatch(try MatchPair(json: body))
        case .openDispute: self = .openDispute(try OpenDispute(json: body))
        case .commentDispute: self = .commentDispute(try CommentDispute(json: body))
        case .closeDispute: self = .closeDispute(try CloseDispute(json: body))
        case .attest: self = .attest(try Attest(json: body))
        case .confirm: self = .confirm(try Confirm(json: body))
        case .setTerms: self = .setTerms(try Terms(json: body))
        case .proposeManifest: self = .proposeManifest(try ProposeManifest(json: body))
        case .signManifest: self = .signManifest(try SignManifest(json: body))
        case .rotateKey: self = .rotateKey(try RotateKey(json: body))
        case .nameRecoveryKey: self = .nameRecoveryKey(try NameRecoveryKey(json: body))
        case .revokeKey: self = .revokeKey(try RevokeKey(json: body))
        case .announceEncryptionKey: self = .announceEncryptionKey(try AnnounceEncryptionKey(json: body))
        case .shareContentKey: self = .shareContentKey(try ShareContentKey(json: body))
        case .eraseExchange: self = .eraseExchange(try EraseExchange(json: body))
        case nil: throw .malformed("unknown operation")
        }
    }
}

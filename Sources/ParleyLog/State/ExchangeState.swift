public import ParleyCrypto

/// The state of an exchange: the fold of its accepted envelopes.
///
/// Each entry has one writer, and each author's envelopes are applied in `seq` order, so the same
/// set of envelopes gives the same state (and ``stateHash``) whatever order they arrived in. The
/// fold records every other operation as a fact (with author and seq); rules that relate facts of
/// different authors (a comment on a dispute someone else opened, a close by a non-opener, a sign
/// of a manifest nobody proposed) are applied when the state is read (see
/// `ExchangeState+Disputes.swift`, ``ignored``), never in arrival order.
public struct ExchangeState: Hashable, Sendable {
    /// The exchange.
    public let exchange: ExchangeID
    /// The title from the genesis.
    public let title: String
    /// The terms from the genesis, as the free JSON object it gave (see ``currentTerms``).
    public let terms: JSONValue
    /// The participants, ordered by key id.
    public let participants: [Participant]
    /// The non-empty lists and their entries.
    public internal(set) var lists: [ListKey: [EntryKey: ListEntry]] {
        // Whatever changes the lists, the bytes kept for hashing them describe other lists.
        didSet { listsForm = ListsForm() }
    }
    /// What is kept about ``lists`` once asked for: their canonical bytes (``keepListsForm()``),
    /// which a state hashed again after operations that change no list (a decision, a dispute)
    /// feeds to the digest, and each list's pins, which key its reconciliation.
    var listsForm = ListsForm()
    /// Hand match decisions: each author's latest on each pair.
    public private(set) var matchDecisions: [MatchDecisionKey: Authored<MatchDecision>] = [:]
    /// Every `dispute.open`, by dispute id (its envelope id).
    public private(set) var disputeOpens: [EnvelopeID: Authored<OpenDispute>] = [:]
    /// Every `dispute.comment`, by envelope id (including those with no effect).
    public private(set) var disputeComments: [EnvelopeID: Authored<CommentDispute>] = [:]
    /// Every `dispute.close`, by envelope id (including those with no effect).
    public private(set) var disputeCloses: [EnvelopeID: Authored<CloseDispute>] = [:]
    /// Every attestation, by envelope id.
    public private(set) var attestations: [EnvelopeID: Authored<Attest>] = [:]
    /// Each mediator's latest confirmation of each direction.
    public private(set) var confirmations: [ConfirmationKey: Authored<Confirm>] = [:]
    /// Each mediator's latest `terms.set`.
    public private(set) var termsSet: [KeyID: Authored<Terms>] = [:]
    /// Every `manifest.propose`, by envelope id.
    public private(set) var proposals: [EnvelopeID: Authored<ProposeManifest>] = [:]
    /// Every `manifest.sign`, by envelope id (including those with no effect).
    public private(set) var manifestSignatures: [EnvelopeID: Authored<SignManifest>] = [:]
    /// Every `key.rotate`, `key.recovery` and `key.revoke` folded, by envelope id.
    public private(set) var keyOperations: [EnvelopeID: Authored<Operation>] = [:]
    /// The keys in force of each participant whose chain has a key operation (the others sign with
    /// their genesis key): see ``keys(of:)``.
    public private(set) var chainKeys: [KeyID: ChainKeys] = [:]
    /// Each participant's encryption key in force: its latest `key.encryption` (see
    /// ``encryptionKey(of:)``).
    public private(set) var encryptionKeys: [KeyID: Authored<AnnounceEncryptionKey>] = [:]
    /// Every `content.share`, by envelope id: the shares of each author's content key.
    public private(set) var contentShares: [EnvelopeID: Authored<ShareContentKey>] = [:]
    /// Every `exchange.erase`, by envelope id (see ``erasedBy`` for those that count).
    public private(set) var erasures: [EnvelopeID: Authored<EraseExchange>] = [:]
    /// The operations set aside because their author had signed a final manifest before them
    /// (``Finality``), by envelope id: kept as facts, without effect.
    public private(set) var setAside: [EnvelopeID: Authored<Operation>] = [:]
    /// Which manifests are final, from the proposals and signatures folded so far.
    public private(set) var finality = Finality.none

    /// The state right after the genesis.
    ///
    /// - Parameters:
    ///   - exchange: The exchange id (the genesis id).
    ///   - create: The genesis body.
    public init(exchange: ExchangeID, create: CreateExchange) {
        self.exchange = exchange
        self.title = create.title
        self.terms = create.terms
        self.participants = create.participants.sorted { $0.keyID < $1.keyID }
        self.lists = [:]
    }

    /// The participant with key id `id`, if any.
    public func participant(_ id: KeyID) -> Participant? {
        participants.first { $0.keyID == id }
    }

    /// The entries of `list`, in canonical order (author key id, then entry id bytes).
    public func entries(of list: ListKey) -> [ListEntry] {
        listsForm.entries(of: list) {
            guard let entries = lists[list] else { return [] }
            // Sorting the keys alone and looking each entry up moves far less than sorting
            // (key, entry) pairs.
            return entries.keys.sorted().map { entries[$0]! }
        }
    }

    /// The entry `ref` names, if it is in the state.
    public func entry(_ ref: EntryRef) -> ListEntry? {
        lists[ref.list]?[ref.key]
    }

    /// Applies an accepted envelope by `author`, whose role allows the operation.
    ///
    /// `list.put` sets the entry (replacing an earlier put by the same author); `list.remove`
    /// deletes it, and does nothing when it is absent. Match decisions, confirmations and terms
    /// replace the author's earlier ones on the same pair, direction or exchange; every other
    /// operation is recorded as a fact. An operation that ``finality`` sets aside is recorded in
    /// ``setAside`` and has no other effect, so proposals and signatures are applied first
    /// (`foldingOrder`): then whether one is set aside does not depend on the fold's order.
    ///
    /// - Parameters:
    ///   - envelope: A verified envelope.
    ///   - author: Its author's participant record.
    mutating func apply(_ envelope: SignedEnvelope, by author: Participant) {
        let header = envelope.envelope
        func authored<Body>(_ body: Body) -> Authored<Body> {
            Authored(author: author.keyID, seq: header.seq, envelope: envelope.id, timestamp: header.timestamp, body: body)
        }
        if finality.setsAside(header.operation, by: author, seq: header.seq),
           header.operation.name != .proposeManifest, header.operation.name != .signManifest {
            // Proposals and signatures are kept where they are (finality is computed from them);
            // the views leave out those set aside.
            setAside[envelope.id] = authored(header.operation)
            return
        }
        switch header.operation {
        case .createExchange:
            break
        case let .putEntry(put):
            let key = EntryKey(author: author.keyID, entry: put.entry)
            lists[author.list(put.list), default: [:]][key] = ListEntry(
                author: author.keyID, entry: put.entry, fields: put.fields, envelope: envelope.id
            )
        case let .removeEntry(remove):
            let list = author.list(remove.list)
            lists[list]?[EntryKey(author: author.keyID, entry: remove.entry)] = nil
            if lists[list]?.isEmpty == true {
                lists[list] = nil
            }
        case let .assertMatch(pair), let .rejectMatch(pair):
            let same = header.operation.name == .assertMatch
            let key = MatchDecisionKey(author: author.keyID, request: pair.request, release: pair.release)
            matchDecisions[key] = authored(MatchDecision(pair: pair, same: same))
        case let .openDispute(open):
            disputeOpens[envelope.id] = authored(open)
        case let .commentDispute(comment):
            disputeComments[envelope.id] = authored(comment)
        case let .closeDispute(close):
            disputeCloses[envelope.id] = authored(close)
        case let .attest(attest):
            attestations[envelope.id] = authored(attest)
        case let .confirm(confirm):
            confirmations[ConfirmationKey(author: author.keyID, direction: confirm.direction)] = authored(confirm)
        case let .setTerms(terms):
            termsSet[author.keyID] = authored(terms)
        case let .proposeManifest(propose):
            proposals[envelope.id] = authored(propose)
            finality = Finality(signatures: allCountedSignatures, proposals: Array(proposals.values), participants: participants.map(\.keyID))
        case let .signManifest(sign):
            manifestSignatures[envelope.id] = authored(sign)
            finality = Finality(signatures: allCountedSignatures, proposals: Array(proposals.values), participants: participants.map(\.keyID))
        case .rotateKey, .nameRecoveryKey, .revokeKey:
            keyOperations[envelope.id] = authored(header.operation)
            chainKeys[author.keyID] = (chainKeys[author.keyID] ?? ChainKeys(identity: author.publicKey)).after(header)
        case let .announceEncryptionKey(announce):
            // Each author's envelopes are folded in seq order: the latest announcement is in force.
            encryptionKeys[author.keyID] = authored(announce)
        case let .shareContentKey(share):
            contentShares[envelope.id] = authored(share)
        case let .eraseExchange(erase):
            erasures[envelope.id] = authored(erase)
        }
    }

    /// `envelopes` in the order a fold applies them: proposals and signatures first (finality is
    /// computed from them alone), then the rest, each group in the order given.
    ///
    /// - Parameter envelopes: Envelopes to apply, each author's in seq order.
    static func foldingOrder<Item>(_ envelopes: [Item], operation: (Item) -> Operation) -> [Item] {
        func first(_ item: Item) -> Bool {
            let name = operation(item).name
            return name == .proposeManifest || name == .signManifest
        }
        return envelopes.filter(first) + envelopes.filter { !first($0) }
    }
}

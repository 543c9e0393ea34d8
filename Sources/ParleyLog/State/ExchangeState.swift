public import ParleyCrypto

/// The state of an exchange: the fold of its accepted envelopes.
///
/// Each entry has one writer, and each author's envelopes are applied in `seq` order, so the same
/// set of envelopes gives the same state (and ``stateHash``) whatever order they arrived in.
public struct ExchangeState: Hashable, Sendable {
    /// The exchange.
    public let exchange: ExchangeID
    /// The title from the genesis.
    public let title: String
    /// The terms from the genesis.
    public let terms: JSONValue
    /// The participants, ordered by key id.
    public let participants: [Participant]
    /// The non-empty lists and their entries.
    public private(set) var lists: [ListKey: [EntryKey: ListEntry]]

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
        (lists[list] ?? [:]).sorted { $0.key < $1.key }.map(\.value)
    }

    /// Applies an accepted list operation by `author`, who must be allowed to write that list.
    ///
    /// `list.put` sets the entry (replacing an earlier put by the same author); `list.remove`
    /// deletes it, and does nothing when it is absent. Other operations change nothing.
    ///
    /// - Parameters:
    ///   - envelope: A verified envelope.
    ///   - author: Its author's participant record.
    mutating func apply(_ envelope: SignedEnvelope, by author: Participant) {
        switch envelope.envelope.operation {
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
        }
    }
}

import ParleyCrypto
import ParleyMatch

/// What applying a batch changed in a state: which entries, and whether any other operation.
public struct StateChange: Hashable, Sendable {
    /// One list entry's place.
    public struct Slot: Hashable, Sendable {
        /// The list.
        public let list: ListKey
        /// The entry.
        public let key: EntryKey
    }

    /// The entries put or removed (look each up in the new state: absent means removed).
    public var entries: Set<Slot> = []
    /// Whether an operation other than a put or remove was applied (the facts changed).
    public var facts = false
    /// Whether the batch made a manifest final (``Finality``): envelopes folded before it may now
    /// be set aside, which no incremental step can do, so the whole log is folded again.
    public var finality = false

    /// No change.
    public init() {}
}

extension ExchangeState {
    /// Applies a batch on top of the state that its ``VerifiedBatch/base`` heads describe.
    ///
    /// Each author's envelopes are folded in seq order and every datum of the state has one
    /// writer, so folding an author's next envelopes onto the state gives exactly the state a
    /// fold of the whole set gives (``Verifier``): the property `IncrementalStateTests` checks.
    /// A batch that ``VerifiedBatch/refoldsState(onto:)`` says so of (a fork cuts a chain short,
    /// a revocation sets aside what was folded, a manifest signed after a revocation can bring
    /// back what it set aside), or that makes a manifest final (``StateChange/finality``), does
    /// what no incremental step can: fold the whole log again instead.
    ///
    /// - Parameter batch: A batch verified against this state's heads, without forks.
    /// - Returns: What changed.
    public mutating func apply(_ batch: VerifiedBatch) -> StateChange {
        precondition(batch.forks.isEmpty, "a batch with forks is folded from scratch")
        var change = StateChange()
        let before = finality
        for envelope in Self.foldingOrder(batch.folded, operation: \.envelope.operation) {
            let header = envelope.envelope
            guard let author = participant(header.author) else { continue }
            if finality.setsAside(header.operation, by: author, seq: header.seq) {
                change.facts = true
                apply(envelope, by: author)
                continue
            }
            switch header.operation {
            case .createExchange:
                continue
            case let .putEntry(put):
                change.entries.insert(StateChange.Slot(list: author.list(put.list), key: EntryKey(author: author.keyID, entry: put.entry)))
            case let .removeEntry(remove):
                change.entries.insert(StateChange.Slot(list: author.list(remove.list), key: EntryKey(author: author.keyID, entry: remove.entry)))
            default:
                change.facts = true
            }
            apply(envelope, by: author)
        }
        change.finality = finality != before
        return change
    }

    /// The state a replica kept: the genesis's, with `entries` on their lists and the facts in
    /// force (``factEnvelopes``) applied again.
    ///
    /// - Parameters:
    ///   - exchange: The exchange.
    ///   - create: Its genesis body.
    ///   - entries: Every entry of the state, with its list; when each list's entries come in
    ///     list order (``entries(of:)``), as a replica reads them, they are kept in that order.
    ///   - facts: The envelopes of ``factEnvelopes``, in any order.
    /// - Returns: The state.
    package static func restoring(
        exchange: ExchangeID, create: CreateExchange, entries: [(ListKey, ListEntry)], facts: [SignedEnvelope]
    ) -> ExchangeState {
        var state = ExchangeState(exchange: exchange, create: create)
        // Each list's entries go into a dictionary made at its final size, the lists on every
        // core: inserted one by one into dictionaries that grew, the 180,000 entries of a
        // register's exchange took a third of its opening.
        var positions: [ListKey: [Int]] = [:]
        for (index, (list, _)) in entries.enumerated() {
            positions[list, default: []].append(index)
        }
        let filled = Array(positions).concurrentMap(chunkSize: 1) { list, indexes in
            var entriesOfList = [EntryKey: ListEntry](minimumCapacity: indexes.count)
            var inOrder = true
            var previous: EntryKey?
            for index in indexes {
                let entry = entries[index].1
                let key = EntryKey(author: entry.author, entry: entry.entry)
                if let previous, !(previous < key) { inOrder = false }
                previous = key
                entriesOfList[key] = entry
            }
            // Read in list order: sorting them again was a tenth of a second per list of 100,000.
            return (list, entriesOfList, inOrder ? indexes.map { entries[$0].1 } : nil)
        }
        state.lists = Dictionary(uniqueKeysWithValues: filled.map { ($0.0, $0.1) })
        for (list, _, ordered) in filled {
            if let ordered { state.listsForm.keep(ordered, of: list) }
        }
        let ordered = facts.sorted { ($0.envelope.author, $0.envelope.seq) < ($1.envelope.author, $1.envelope.seq) }
        // Proposals and signatures first: then the puts and removes among the facts (those set
        // aside) are set aside again rather than applied.
        for envelope in foldingOrder(ordered, operation: \.envelope.operation) {
            if case .createExchange = envelope.envelope.operation { continue }
            if let author = state.participant(envelope.envelope.author) {
                state.apply(envelope, by: author)
            }
        }
        return state
    }

    /// The envelopes of every fact in force (every operation other than list puts and removes
    /// that the state still holds, and every operation set aside): with the entries, all a
    /// replica keeps to restore the state
    /// (``restoring(exchange:create:entries:facts:)``).
    public var factEnvelopes: [EnvelopeID] {
        facts.map(\.envelope)
    }
}

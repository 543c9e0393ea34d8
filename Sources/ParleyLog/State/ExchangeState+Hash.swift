import ParleyCrypto
import ParleyMatch
import Synchronization

extension ExchangeState {
    /// The canonical form of the state, the input of ``stateHash``:
    ///
    /// ```
    /// {"version": 1, "exchange": <hex>, "title": …, "terms": {…},
    ///  "participants": [{"key", "role", "side", "name"} ordered by key id],
    ///  "lists": [{"side", "list", "entries": [{"author", "entry", "envelope", "fields": {…}}
    ///            ordered by author key id, then entry id bytes]}
    ///           ordered by side, then list name bytes; empty lists left out],
    ///  "facts": [{"author", "envelope", "op", "body"} ordered by author key id, then seq]}
    /// ```
    ///
    /// `facts` holds every other operation in force (see ``facts``) and is left out when there are
    /// none, so a state of lists only hashes as it did before those operations existed.
    public var canonicalForm: JSONValue {
        let lists: [JSONValue] = self.lists.keys.sorted().map { list in
            [
                "side": .string(list.side.rawValue),
                "list": .string(list.kind.rawValue),
                "entries": .array(entries(of: list).map { entry in
                    [
                        "author": .string(entry.author.hex),
                        "entry": .string(entry.entry),
                        "envelope": .string(entry.envelope.hex),
                        "fields": .object(Dictionary(uniqueKeysWithValues: entry.fields.map {
                            ($0.key.rawValue, JSONValue.string($0.value))
                        })),
                    ]
                }),
            ]
        }
        var form: [String: JSONValue] = [
            "version": 1,
            "exchange": .string(exchange.hex),
            "title": .string(title),
            "terms": terms,
            "participants": .array(participants.map(\.json)),
            "lists": .array(lists),
        ]
        let facts = self.facts
        if !facts.isEmpty {
            form["facts"] = .array(facts.map { fact in
                [
                    "author": .string(fact.author.hex),
                    "envelope": .string(fact.envelope.hex),
                    "op": .string(fact.operation.name.rawValue),
                    "body": fact.operation.body,
                ]
            })
        }
        return .object(form)
    }

    /// Every recorded operation other than list puts and removes, as it stands in the state (the
    /// latest per author and pair, direction or exchange where a later one replaces an earlier
    /// one), ordered by author key id then seq.
    var facts: [(author: KeyID, seq: Int, envelope: EnvelopeID, operation: Operation)] {
        func rows<Body>(_ values: some Sequence<Authored<Body>>, _ operation: (Body) -> Operation) -> [(KeyID, Int, EnvelopeID, Operation)] {
            values.map { ($0.author, $0.seq, $0.envelope, operation($0.body)) }
        }
        let all = rows(matchDecisions.values) { $0.same ? .assertMatch($0.pair) : .rejectMatch($0.pair) }
            + rows(disputeOpens.values, Operation.openDispute)
            + rows(disputeComments.values, Operation.commentDispute)
            + rows(disputeCloses.values, Operation.closeDispute)
            + rows(attestations.values, Operation.attest)
            + rows(confirmations.values, Operation.confirm)
            + rows(termsSet.values, Operation.setTerms)
            + rows(proposals.values, Operation.proposeManifest)
            + rows(manifestSignatures.values, Operation.signManifest)
            + rows(keyOperations.values) { $0 }
            + rows(encryptionKeys.values, Operation.announceEncryptionKey)
            + rows(contentShares.values, Operation.shareContentKey)
            + rows(erasures.values, Operation.eraseExchange)
            + rows(setAside.values) { $0 }
        return all.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
            .map { (author: $0.0, seq: $0.1, envelope: $0.2, operation: $0.3) }
    }

    /// The state hash: lowercase hex SHA-256 of the RFC 8785 bytes of ``canonicalForm``.
    ///
    /// Written straight into the digest rather than through ``canonicalForm``'s tree (see
    /// ``StateHasher``): at a register of 100,000 people the tree of the lists costs seconds to
    /// build and free, and every signing computes this hash.
    public var stateHash: String {
        var hasher = StateHasher(state: self)
        if let bytes = listsForm.bytes {
            hasher.add(writtenLists: bytes)
        } else {
            do throws(LogError) {
                try writeLists { list, entry throws(LogError) in
                    try hasher.add(list: list, author: entry.author.hex, entry: entry.entry, envelope: entry.envelope.hex) { writer throws(LogError) in
                        try writer.writeFields(entry.fields)
                    }
                }
            } catch {
                preconditionFailure("the state has a value that RFC 8785 cannot serialize: \(error.message)")
            }
        }
        return hasher.finish()
    }

    /// Keeps the canonical bytes of the lists with this state (and its copies, until their lists
    /// change), so that ``stateHash`` after operations that change no list hashes them without
    /// serializing 100,000 entries again: what a long-lived face (the workspace) does once, so
    /// that each decision it signs hashes the state in a fraction of the time. About 400 bytes
    /// per entry.
    public func keepListsForm() {
        guard listsForm.bytes == nil else { return }
        var writer = CanonicalWriter(maxDepth: JSONValue.defaultMaxDepth)
        var lists = StateHasher.ListsWriter()
        do throws(LogError) {
            try writeLists { list, entry throws(LogError) in
                try lists.add(list: list, author: entry.author.hex, entry: entry.entry, envelope: entry.envelope.hex, into: &writer) { writer throws(LogError) in
                    try writer.writeFields(entry.fields)
                }
            }
        } catch {
            preconditionFailure("the state has a value that RFC 8785 cannot serialize: \(error.message)")
        }
        lists.close(into: &writer)
        listsForm.keep(writer.output)
    }

    /// Whether `other` holds these very lists: a copy of this state, or of one it was copied
    /// from, that no list operation changed since (not merely equal lists).
    package func hasTheseLists(of other: ExchangeState) -> Bool {
        listsForm.identity === other.listsForm.identity
    }

    /// Hands every entry to `body`, in canonical order (lists by side then name, entries by
    /// author key id then entry id bytes).
    private func writeLists(_ body: (ListKey, ListEntry) throws(LogError) -> Void) throws(LogError) {
        for list in lists.keys.sorted() {
            for entry in entries(of: list) {
                try body(list, entry)
            }
        }
    }
}

/// What is kept about a state's lists once asked for: the canonical bytes of its `lists` array,
/// and each list's entries in order and their pins; copies of a state share them until their
/// lists change. Never part of what a state is (two states are equal whether or not either keeps
/// them).
struct ListsForm: Hashable, Sendable {
    /// A value per list, made the first time it is asked for.
    private final class PerList<Value: Sendable>: Sendable {
        private let values = Mutex<[ListKey: Value]>([:])

        func value(of list: ListKey, _ make: () -> Value) -> Value {
            if let kept = values.withLock({ $0[list] }) { return kept }
            let made = make()
            values.withLock { $0[list] = made }
            return made
        }
    }

    private final class Box: Sendable {
        let bytes = Mutex<[UInt8]?>(nil)
        let pins = PerList<[EntryPin]>()
        let entries = PerList<[ListEntry]>()
    }

    private let box = Box()

    /// What stands for these very lists: the same object for a state and its copies until their
    /// lists change, another one after (never reused while held).
    var identity: AnyObject { box }

    /// The bytes, if kept.
    var bytes: [UInt8]? { box.bytes.withLock { $0 } }

    /// Keeps `bytes`.
    func keep(_ bytes: [UInt8]) {
        box.bytes.withLock { $0 = bytes }
    }

    /// The pins of `list`'s entries in list order (what keys a reconciliation), made by `make`
    /// the first time they are asked for.
    func pins(of list: ListKey, _ make: () -> [EntryPin]) -> [EntryPin] {
        box.pins.value(of: list, make)
    }

    /// The entries of `list` in list order, made by `make` the first time they are asked for (a
    /// reconciliation asks for each list's entries more than once, and sorting 100,000 of them
    /// took a tenth of a second each time).
    func entries(of list: ListKey, _ make: () -> [ListEntry]) -> [ListEntry] {
        box.entries.value(of: list, make)
    }

    /// Keeps `entries` as `list`'s entries in list order (a state restored from rows read in
    /// that order).
    func keep(_ entries: [ListEntry], of list: ListKey) {
        _ = box.entries.value(of: list) { entries }
    }

    static func == (lhs: ListsForm, rhs: ListsForm) -> Bool { true }
    func hash(into hasher: inout Hasher) {}
}

/// Writes a state's canonical form (``ExchangeState/canonicalForm``) straight into its digest,
/// with the lists' entries handed in one by one in canonical order: from the state in memory
/// (``ExchangeState/stateHash``), or from a replica's kept rows, so that a signer that changed no
/// list need not read 100,000 entries back to hash the state.
///
/// Members in RFC 8785 order: `exchange`, `facts`, `lists`, `participants`, `terms`, `title`,
/// `version`; a list is `entries`, `list`, `side`; an entry `author`, `entry`, `envelope`,
/// `fields`. Tests check the result against ``ExchangeState/canonicalForm``'s bytes.
package struct StateHasher {
    private var writer = CanonicalWriter(digesting: [])
    private let state: ExchangeState
    /// The layout of the lists' entries.
    private var lists = ListsWriter()

    /// Writes the elements of a state's `lists` array from its entries handed in one by one.
    struct ListsWriter {
        /// The list whose entries are being written.
        private var list: ListKey?
        /// Whether a list was written before (the next one is after a comma).
        private var wroteAList = false

        /// Writes the next entry, in canonical order (lists by side then name, entries by author
        /// key id then entry id bytes); lists without entries are never added.
        mutating func add(
            list: ListKey, author: String, entry: String, envelope: String, into writer: inout CanonicalWriter,
            fields: (inout CanonicalWriter) throws(LogError) -> Void
        ) throws(LogError) {
            if list != self.list {
                close(into: &writer)
                writer.punctuation(wroteAList ? ",{\"entries\":[{\"author\":" : "{\"entries\":[{\"author\":")
                self.list = list
                wroteAList = true
            } else {
                writer.punctuation(",{\"author\":")
            }
            try writer.writeString(author)
            writer.punctuation(",\"entry\":")
            try writer.writeString(entry)
            writer.punctuation(",\"envelope\":")
            try writer.writeString(envelope)
            writer.punctuation(",\"fields\":")
            try fields(&writer)
            writer.punctuation("}")
        }

        /// Ends the list being written, if any.
        mutating func close(into writer: inout CanonicalWriter) {
            guard let list else { return }
            // Side and list names are fixed ASCII words.
            writer.punctuation("],\"list\":")
            try? writer.writeString(list.kind.rawValue)
            writer.punctuation(",\"side\":")
            try? writer.writeString(list.side.rawValue)
            writer.punctuation("}")
            self.list = nil
        }
    }

    /// Starts the hash of `state`'s canonical form, with `state`'s facts; its lists are ignored
    /// (hand their entries to ``add(list:author:entry:envelope:fields:)``).
    package init(state: ExchangeState) {
        self.state = state
        // Strings of the state were read by the strict parser or checked by a signer.
        do throws(LogError) {
            writer.punctuation("{\"exchange\":")
            try writer.writeString(state.exchange.hex)
            let facts = state.facts
            if !facts.isEmpty {
                writer.punctuation(",\"facts\":")
                try writer.write(.array(facts.map { fact in
                    [
                        "author": .string(fact.author.hex),
                        "envelope": .string(fact.envelope.hex),
                        "op": .string(fact.operation.name.rawValue),
                        "body": fact.operation.body,
                    ]
                }), depth: 1)
            }
            writer.punctuation(",\"lists\":[")
        } catch {
            preconditionFailure("the state has a value that RFC 8785 cannot serialize: \(error.message)")
        }
    }

    /// Adds the next entry, in canonical order (lists by side then name, entries by author key id
    /// then entry id bytes); lists without entries are never added.
    ///
    /// - Parameters:
    ///   - list: Its list.
    ///   - author: Its author's key id, in lowercase hex.
    ///   - entry: Its entry id.
    ///   - envelope: The id of the put that set it, in lowercase hex.
    ///   - fields: Writes its fields object.
    /// - Throws: ``LogError`` when a string cannot be serialized (a damaged row).
    mutating func add(
        list: ListKey, author: String, entry: String, envelope: String, fields: (inout CanonicalWriter) throws(LogError) -> Void
    ) throws(LogError) {
        try lists.add(list: list, author: author, entry: entry, envelope: envelope, into: &writer, fields: fields)
        writer.handOver()
    }

    /// Adds the next entry whose fields are kept as canonical JSON text already.
    package mutating func add(list: ListKey, author: String, entry: String, envelope: String, canonicalFields: String) throws(LogError) {
        try add(list: list, author: author, entry: entry, envelope: envelope) { writer throws(LogError) in writer.canonicalText(canonicalFields) }
    }

    /// Adds every list at once, as ``ExchangeState/keepListsForm()`` wrote them (instead of
    /// their entries one by one).
    mutating func add(writtenLists bytes: [UInt8]) {
        writer.digestDirectly(bytes)
    }

    /// The state hash.
    package consuming func finish() -> String {
        var lists = lists
        lists.close(into: &writer)
        do throws(LogError) {
            writer.punctuation("],\"participants\":")
            try writer.write(.array(state.participants.map(\.json)), depth: 1)
            writer.punctuation(",\"terms\":")
            try writer.write(state.terms, depth: 1)
            writer.punctuation(",\"title\":")
            try writer.writeString(state.title)
            writer.punctuation(",\"version\":1}")
        } catch {
            preconditionFailure("the state has a value that RFC 8785 cannot serialize: \(error.message)")
        }
        return writer.finishDigest()
    }
}

import Foundation
internal import GRDB
internal import GRDBSQLite
import ParleyCrypto
public import ParleyLog
import ParleyMatch
import Synchronization

extension Replica {
    /// The exchange's kept state, if the replica has one that describes every stored envelope of
    /// the exchange.
    ///
    /// Reads the entry rows, the genesis and the facts' envelopes (parsed, not verified again: they
    /// were verified before they were stored; `parley verify` checks them again).
    ///
    /// - Parameters:
    ///   - exchange: The exchange.
    ///   - withEntries: Whether to read the list entries; without them the state holds no lists
    ///     (for a reader that needs only the facts: disputes, terms, manifests' status), while
    ///     ``KeptState/stateHash`` is still the whole state's.
    ///   - preparing: What the party does to the kept facts' envelopes before they are applied
    ///     again: it opens the sealed texts it can (as the fold's ``Verifier`` `preparing` does).
    /// - Returns: The kept state; `nil` when there is none, or envelopes were stored after it.
    /// - Throws: ``StoreError/Code/corrupt`` when a kept row or envelope is malformed, or a read failure.
    public func keptState(
        exchange: ExchangeID, withEntries: Bool = true, preparing: ([SignedEnvelope]) -> [SignedEnvelope] = { $0 }
    ) throws(StoreError) -> KeptState? {
        try keptState(exchange: exchange, entries: withEntries ? .all : .none, preparing: preparing)
    }

    /// Which kept entries to read with a kept state.
    public enum EntrySelection: Sendable {
        /// Every entry: the whole state.
        case all
        /// None: the facts only.
        case none
        /// The entries with these ids on these lists (any author): enough for a signer of an
        /// operation that names them and changes no list (a hand decision, a dispute, an
        /// attestation), which then hashes the state from the kept rows (``stateHash(of:)``).
        case named([(list: ListKey, entry: String)])
    }

    /// ``keptState(exchange:withEntries:preparing:)`` with the entries `entries` selects; the
    /// kept state is complete (``KeptState/isComplete``) only with `.all`.
    public func keptState(
        exchange: ExchangeID, entries selection: EntrySelection, preparing: ([SignedEnvelope]) -> [SignedEnvelope] = { $0 }
    ) throws(StoreError) -> KeptState? {
        let withEntries: Bool
        if case .all = selection { withEntries = true } else { withEntries = false }
        return try read { db -> KeptState? in
            guard try Self.isKeptCurrent(in: db, exchange: exchange),
                  let row = try Row.fetchOne(db, sql: "SELECT state_hash FROM derived_exchange WHERE exchange = ?", arguments: [exchange.hex])
            else { return nil }
            guard let genesis = try Self.parsed(ids: [exchange.genesis], in: db, path: path).first,
                  case let .createExchange(create) = genesis.envelope.operation
            else { throw damaged("the kept genesis") }
            let factIDs = try String.fetchAll(db, sql: "SELECT envelope FROM kept_fact WHERE exchange = ?", arguments: [exchange.hex])
                .map { hex throws(StoreError) in
                    guard let id = EnvelopeID(hex: hex) else { throw damaged("a kept fact") }
                    return id
                }
            let facts = preparing(try Self.parsed(ids: factIDs, in: db, path: path))
            let entries: [(ListKey, ListEntry)] = switch selection {
            case .all: try entryRows(in: db, exchange: exchange)
            case .none: []
            case let .named(names): try names.flatMap { name in try entryRows(in: db, exchange: exchange, named: name) }
            }
            let state = ExchangeState.restoring(exchange: exchange, create: create, entries: entries, facts: facts)
            var heads: [KeyID: ChainHead] = [:]
            for head in try Row.fetchAll(db, sql: "SELECT author, seq, id FROM kept_head WHERE exchange = ?", arguments: [exchange.hex]) {
                guard let author = KeyID(hex: head["author"]), let id = EnvelopeID(hex: head["id"]) else { throw damaged("a kept head") }
                heads[author] = ChainHead(seq: head["seq"], id: id)
            }
            let frozen = try String.fetchAll(db, sql: "SELECT author FROM kept_frozen WHERE exchange = ?", arguments: [exchange.hex])
                .map { hex throws(StoreError) in
                    guard let author = KeyID(hex: hex) else { throw damaged("a kept fork") }
                    return author
                }
            return KeptState(
                state: state, stateHash: try row.decode(forColumn: "state_hash"), heads: heads, frozen: Set(frozen), isComplete: withEntries
            )
        }
    }

    /// Replaces the exchange's kept state with `kept`, provided no envelope of the exchange was
    /// stored after the ones it describes (`through`: the count of stored envelopes it folded).
    ///
    /// For a party that folded the whole log again (a replica written by an older version, or
    /// one whose chain forked).
    ///
    /// - Parameters:
    ///   - kept: The state folded from every stored envelope of the exchange.
    ///   - exchange: The exchange.
    ///   - count: How many stored envelopes of the exchange it was folded from.
    /// - Returns: Whether it was written (`false`: envelopes arrived meanwhile; fold again).
    /// - Throws: A write failure.
    @discardableResult
    public func replaceKept(_ kept: KeptState, exchange: ExchangeID, foldedFrom count: Int) throws(StoreError) -> Bool {
        try write { db in
            guard try Self.storedCount(in: db, exchange: exchange) == count else { return false }
            try Self.writeKept(kept, change: nil, exchange: exchange, in: db)
            return true
        }
    }

    /// How many envelopes of `exchange` are stored: what a whole state is folded from.
    static func storedCount(in db: Database, exchange: ExchangeID) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM envelope WHERE exchange = ?", arguments: [exchange.hex]) ?? 0
    }

    /// Whether the kept state of `exchange` describes every stored envelope of it.
    static func isKeptCurrent(in db: Database, exchange: ExchangeID) throws -> Bool {
        guard let through = try Int64.fetchOne(
            db, sql: "SELECT through FROM derived_exchange WHERE exchange = ?", arguments: [exchange.hex]
        ) else { return false }
        let latest = try Int64.fetchOne(
            db, sql: "SELECT max(received_at) FROM envelope WHERE exchange = ?", arguments: [exchange.hex]
        ) ?? 0
        return latest == through
    }

    /// Writes the kept state: every row when `change` is nil, else the entries it names and, if
    /// facts changed, the facts; heads, forks and hash always.
    static func writeKept(_ kept: KeptState, change: StateChange?, exchange: ExchangeID, in db: Database) throws {
        let state = kept.state
        let through = try Int64.fetchOne(
            db, sql: "SELECT max(received_at) FROM envelope WHERE exchange = ?", arguments: [exchange.hex]
        ) ?? 0
        try db.execute(
            sql: """
                INSERT INTO derived_exchange (exchange, title, state_hash, through) VALUES (?, ?, ?, ?)
                ON CONFLICT (exchange) DO UPDATE SET title = excluded.title, state_hash = excluded.state_hash, through = excluded.through
                """,
            arguments: [exchange.hex, state.title, kept.stateHash, through]
        )
        let upsert = try db.cachedStatement(sql: """
            INSERT INTO entry (exchange, side, list, author, entry, fields, envelope) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (exchange, side, list, author, entry) DO UPDATE SET fields = excluded.fields, envelope = excluded.envelope
            """)
        let delete = try db.cachedStatement(sql: "DELETE FROM entry WHERE exchange = ? AND side = ? AND list = ? AND author = ? AND entry = ?")
        var slots: [(list: ListKey, key: EntryKey)]
        if let change {
            slots = change.entries.map { ($0.list, $0.key) }
        } else {
            try db.execute(sql: "DELETE FROM entry WHERE exchange = ?", arguments: [exchange.hex])
            slots = state.lists.flatMap { list, entries in entries.keys.map { (list, $0) } }
        }
        // The rows in the table's key order, their text (the canonical JSON of each entry's
        // fields) made on every core: a first pull writes 180,000 of them, which took 5.3 s in
        // the order of the state's dictionaries with the text made on one core, and 2.7 s so.
        slots.sort { $0.list != $1.list ? $0.list < $1.list : $0.key < $1.key }
        let rows = slots.concurrentMap(chunkSize: 4_096) { slot in
            Result { () throws -> KeptEntryRow in
                let entry = state.lists[slot.list]?[slot.key]
                return KeptEntryRow(
                    side: slot.list.side.rawValue, list: slot.list.kind.rawValue, author: slot.key.author.hex, entry: slot.key.entry,
                    fields: try entry.map { try fieldsJSON($0.fields) }, envelope: entry?.envelope.hex
                )
            }
        }
        for row in rows {
            let row = try row.get()
            if let fields = row.fields, let envelope = row.envelope {
                try upsert.execute(arguments: [exchange.hex, row.side, row.list, row.author, row.entry, fields, envelope])
            } else {
                try delete.execute(arguments: [exchange.hex, row.side, row.list, row.author, row.entry])
            }
        }
        if change == nil || change?.facts == true {
            try db.execute(sql: "DELETE FROM kept_fact WHERE exchange = ?", arguments: [exchange.hex])
            let insert = try db.cachedStatement(sql: "INSERT INTO kept_fact (exchange, envelope) VALUES (?, ?)")
            for id in state.factEnvelopes { try insert.execute(arguments: [exchange.hex, id.hex]) }
        }
        try db.execute(sql: "DELETE FROM kept_head WHERE exchange = ?", arguments: [exchange.hex])
        let head = try db.cachedStatement(sql: "INSERT INTO kept_head (exchange, author, seq, id) VALUES (?, ?, ?, ?)")
        for (author, chainHead) in kept.heads { try head.execute(arguments: [exchange.hex, author.hex, chainHead.seq, chainHead.id.hex]) }
        try db.execute(sql: "DELETE FROM kept_frozen WHERE exchange = ?", arguments: [exchange.hex])
        for author in kept.frozen {
            try db.execute(sql: "INSERT INTO kept_frozen (exchange, author) VALUES (?, ?)", arguments: [exchange.hex, author.hex])
        }
    }

    /// The state hash of `state`, whose facts are current and whose lists are the kept entry rows
    /// of its exchange except at `changed`, where they are `state`'s (it may hold only some entries:
    /// see ``EntrySelection``). The rows are read in canonical order and hashed as kept, without
    /// parsing their fields; the changed entries are merged in at their places.
    ///
    /// - Parameters:
    ///   - state: The state; its entries at `changed` are the ones hashed there (absent: removed).
    ///   - changed: The entries a batch put or removed and the rows do not hold yet
    ///     (``StateChange/entries``); empty for a state whose lists are the rows.
    /// - Throws: ``StoreError/Code/corrupt`` for a malformed row, or a read failure.
    public func stateHash(of state: ExchangeState, replacing changed: Set<StateChange.Slot> = []) throws(StoreError) -> String {
        // Every changed place in canonical order, with the state's entry there (nil: removed).
        let replaced = changed.sorted { $0.list != $1.list ? $0.list < $1.list : $0.key < $1.key }
            .map { slot in (slot: slot, author: slot.key.author.hex, entry: state.lists[slot.list]?[slot.key]) }
        return try read { db in
            var hasher = StateHasher(state: state)
            var next = 0
            // Hashes the changed entries that come before the row at `row` (every one left, for
            // nil); returns whether the row itself is at a changed place (then it is not hashed).
            // Author key ids are lowercase hex, whose text order is the ids' byte order.
            func passChanged(upTo row: (list: ListKey, author: String, entry: String)?) throws -> Bool {
                while next < replaced.count {
                    let place = replaced[next]
                    var isRow = false
                    if let row {
                        if place.slot.list != row.list ? row.list < place.slot.list
                            : place.author != row.author ? row.author < place.author : row.entry < place.slot.key.entry {
                            return false
                        }
                        isRow = place.slot.list == row.list && place.author == row.author && place.slot.key.entry == row.entry
                    }
                    if let entry = place.entry {
                        try hasher.add(
                            list: place.slot.list, author: place.author, entry: entry.entry,
                            envelope: entry.envelope.hex, canonicalFields: try Self.fieldsJSON(entry.fields)
                        )
                    }
                    next += 1
                    if isRow { return true }
                }
                return false
            }
            // The primary key's order: side and list names, then author key id and entry id, all
            // compared as bytes (entry ids are ASCII, whose String order is byte order).
            let rows = try Row.fetchCursor(
                db, sql: "SELECT side, list, author, entry, envelope, fields FROM entry WHERE exchange = ? ORDER BY side, list, author, entry",
                arguments: [state.exchange.hex]
            )
            do {
                while let row = try rows.next() {
                    guard let side = Side(rawValue: try row.decode(atIndex: 0)), let kind = ListKind(rawValue: try row.decode(atIndex: 1))
                    else { throw damaged("a kept entry row") }
                    let list = ListKey(side: side, kind: kind)
                    let author: String = try row.decode(atIndex: 2), entry: String = try row.decode(atIndex: 3)
                    if next < replaced.count, try passChanged(upTo: (list, author, entry)) { continue }
                    try hasher.add(
                        list: list, author: author, entry: entry, envelope: try row.decode(atIndex: 4), canonicalFields: try row.decode(atIndex: 5)
                    )
                }
                _ = try passChanged(upTo: nil)
            } catch is LogError {
                throw damaged("a kept entry row")
            }
            return hasher.finish()
        }
    }

    /// The kept entry rows of an exchange, with their lists, each list's in list order (by
    /// author, then entry: the order of the table's key, so SQLite sorts nothing), which the
    /// state restored from them keeps (``ExchangeState/restoring(exchange:create:entries:facts:)``).
    private func entryRows(in db: Database, exchange: ExchangeID) throws -> [(ListKey, ListEntry)] {
        try entries(
            db.makeStatement(
                sql: "SELECT side, list, author, entry, fields, envelope FROM entry WHERE exchange = ? ORDER BY side, list, author, entry"
            ),
            arguments: [exchange.hex]
        )
    }

    /// The kept entries of an exchange with id `name.entry` on list `name.list`, one per author.
    private func entryRows(in db: Database, exchange: ExchangeID, named name: (list: ListKey, entry: String)) throws -> [(ListKey, ListEntry)] {
        try entries(
            db.makeStatement(sql: "SELECT side, list, author, entry, fields, envelope FROM entry WHERE exchange = ? AND side = ? AND list = ? AND entry = ?"),
            arguments: [exchange.hex, name.list.side.rawValue, name.list.kind.rawValue, name.entry]
        )
    }

    /// The entries of kept entry rows (`statement` selects `side, list, author, entry, fields,
    /// envelope`), with their lists, in the rows' order.
    ///
    /// The rows' bytes are copied out of SQLite straight from its column buffers, and each
    /// chunk of them is read into entries on another core while the next is copied: reading the
    /// fields and ids of 180,000 entries one by one was most of opening a register's exchange,
    /// and reading them only once every row was copied left a core idle during the copy.
    private func entries(_ statement: Statement, arguments: StatementArguments) throws -> [(ListKey, ListEntry)] {
        let columns: CInt = 6, chunkRows = 4_096
        var bytes: [UInt8] = []
        var ends: [Int] = []
        var isNull = false
        let readers = DispatchGroup()
        let chunks = Mutex<[Int: [(ListKey, ListEntry)?]]>([:])
        var chunkCount = 0
        func readChunk() {
            let (arena, offsets, index) = (bytes, ends, chunkCount)
            chunkCount += 1
            bytes.removeAll(keepingCapacity: true)
            ends.removeAll(keepingCapacity: true)
            DispatchQueue.global().async(group: readers) {
                let read = Self.entries(arena: arena, ends: offsets, width: Int(columns))
                chunks.withLock { $0[index] = read }
            }
        }
        let rows = try Row.fetchCursor(statement, arguments: arguments)
        let raw = statement.sqliteStatement
        do {
            // Every chunk handed to a reader is waited for, whatever happens to the copy.
            defer { readers.wait() }
            while try rows.next() != nil {
                for column in 0..<columns {
                    // The text's bytes, then their count (the order SQLite documents), up to the first
                    // NUL as a string read from the column ends there (only a damaged file has one).
                    if let text = sqlite3_column_blob(raw, column) {
                        let all = UnsafeRawBufferPointer(start: text, count: Int(sqlite3_column_bytes(raw, column)))
                        bytes.append(contentsOf: all.prefix { $0 != 0 })
                    } else if sqlite3_column_type(raw, column) == SQLITE_NULL {
                        isNull = true
                    } else if sqlite3_errcode(sqlite3_db_handle(raw)) == SQLITE_NOMEM {
                        throw StoreError(code: .readFailed, message: "replica \(path): out of memory reading the kept entries")
                    }
                    ends.append(bytes.count)
                }
                if ends.count == chunkRows * Int(columns) { readChunk() }
            }
            if !ends.isEmpty { readChunk() }
        }
        guard !isNull else { throw damaged("a kept entry row") }
        let read = chunks.withLock { chunks in (0..<chunkCount).flatMap { chunks[$0] ?? [] } }
        return try read.map { entry throws(StoreError) in
            guard let entry else { throw damaged("a kept entry row") }
            return entry
        }
    }

    /// The entries of rows copied into `arena` (`ends`: where each column of each row ends,
    /// `width` columns a row, as ``entries(_:arguments:)`` copies them); `nil` for a row that
    /// does not read.
    private static func entries(arena: [UInt8], ends offsets: [Int], width: Int) -> [(ListKey, ListEntry)?] {
        arena.withUnsafeBufferPointer { all in
            (0..<(offsets.count / width)).map { row -> (ListKey, ListEntry)? in
                func column(_ k: Int) -> UnsafeBufferPointer<UInt8> {
                    let index = row * width + k
                    return UnsafeBufferPointer(rebasing: all[(index == 0 ? 0 : offsets[index - 1])..<offsets[index]])
                }
                func text(_ k: Int) -> String { String(decoding: column(k), as: UTF8.self) }
                guard let side = Side(rawValue: text(0)), let kind = ListKind(rawValue: text(1)),
                      let author = KeyID(hex: text(2)), let fields = Self.fields(json: column(4)),
                      let envelope = EnvelopeID(hex: text(5))
                else { return nil }
                return (ListKey(side: side, kind: kind), ListEntry(author: author, entry: text(3), fields: fields, envelope: envelope))
            }
        }
    }

    /// The stored envelopes with these ids, parsed (not verified).
    private static func parsed(ids: [EnvelopeID], in db: Database, path: String) throws -> [SignedEnvelope] {
        let statement = try db.cachedStatement(sql: "SELECT wire FROM envelope WHERE id = ?")
        return try ids.map { id in
            guard let wire = try Data.fetchOne(statement, arguments: [id.hex]),
                  let envelope = try? SignedEnvelope(parsing: Array(wire)), envelope.id == id
            else {
                throw StoreError(code: .corrupt, message: "replica \(path) is damaged: the envelope \(id) the kept state names no longer reads")
            }
            return envelope
        }
    }

    /// A record's fields as canonical JSON text keyed by field name.
    private static func fieldsJSON(_ fields: [Field: String]) throws -> String {
        let object = JSONValue.object(Dictionary(uniqueKeysWithValues: fields.map { ($0.key.rawValue, .string($0.value)) }))
        return String(decoding: try CanonicalJSON.encode(object), as: UTF8.self)
    }

    /// Reads fields written by ``fieldsJSON(_:)``; `nil` if they are not that.
    ///
    /// Text without a backslash (nearly every row: names, dates and numbers need no escape in RFC
    /// 8785) is split by hand, since the general parser's tree cost most of reading 100,000 kept
    /// entries; anything else goes through the strict parser.
    static func fields(json: String) -> [Field: String]? {
        var json = json
        return json.withUTF8 { fields(json: $0) }
    }

    /// ``fields(json:)`` of UTF-8 bytes (a kept entry's text, which SQLite hands out as such).
    private static func fields(json: UnsafeBufferPointer<UInt8>) -> [Field: String]? {
        if let fields = plainFields(in: json) { return fields }
        // Bytes that are not UTF-8 (a damaged file) are repaired first, as the fast path does.
        let text = String(decoding: json, as: UTF8.self)
        guard let object = (try? JSONValue(parsing: Array(text.utf8)))?.objectValue else { return nil }
        var fields: [Field: String] = [:]
        for (name, value) in object {
            guard let field = Field(rawValue: name), let text = value.stringValue else { return nil }
            fields[field] = text
        }
        return fields
    }

    /// `{"name":"value",…}` without a backslash, read without building a tree; `nil` when the text
    /// is anything else (the caller then parses it strictly).
    private static func plainFields(in bytes: UnsafeBufferPointer<UInt8>) -> [Field: String]? {
        let quote = UInt8(ascii: "\""), count = bytes.count
        guard count >= 2, bytes[0] == UInt8(ascii: "{"), bytes[count - 1] == UInt8(ascii: "}"),
              !bytes.contains(UInt8(ascii: "\\"))
        else { return nil }
        /// The end of the string that starts with the quote at `start` (the index of its closing
        /// quote), if it is one.
        func stringEnd(at start: Int) -> Int? {
            guard start < count, bytes[start] == quote else { return nil }
            var end = start + 1
            while end < count, bytes[end] != quote {
                guard bytes[end] >= 0x20 else { return nil }
                end += 1
            }
            return end < count ? end : nil
        }
        var fields: [Field: String] = [:]
        fields.reserveCapacity(8)
        var index = 1
        if count == 2 { return fields }
        while true {
            guard let nameEnd = stringEnd(at: index), nameEnd + 1 < count, bytes[nameEnd + 1] == UInt8(ascii: ":"),
                  let field = FieldName.field(named: UnsafeBufferPointer(rebasing: bytes[(index + 1)..<nameEnd])),
                  let valueEnd = stringEnd(at: nameEnd + 2), valueEnd + 1 < count
            else { return nil }
            // Cut at ASCII quotes, so a value is whole UTF-8 when the text is; decoding repairs
            // what is not, as reading the column as a string did. (The generic validating
            // initializer cost more than the rest.)
            let value = String(decoding: UnsafeBufferPointer(rebasing: bytes[(nameEnd + 3)..<valueEnd]), as: UTF8.self)
            guard fields.updateValue(value, forKey: field) == nil else { return nil }
            let after = valueEnd + 1
            if bytes[after] == UInt8(ascii: "}") { return after == count - 1 ? fields : nil }
            guard bytes[after] == UInt8(ascii: ",") else { return nil }
            index = after + 1
        }
    }
}

/// Field names by their UTF-8 bytes: a kept entry's names are matched without making a string of
/// each (a third of reading 180,000 kept entries went to `Field(rawValue:)` on new strings).
private enum FieldName {
    private static let names: [(bytes: [UInt8], field: Field)] = Field.allCases.map { (Array($0.rawValue.utf8), $0) }

    /// The field whose raw value is `bytes`, if any.
    static func field(named bytes: UnsafeBufferPointer<UInt8>) -> Field? {
        for name in names where name.bytes.count == bytes.count && name.bytes.elementsEqual(bytes) {
            return name.field
        }
        return nil
    }
}

/// One kept entry row as ``Replica/writeKept(_:change:exchange:in:)`` writes it: its key's
/// columns, and its fields and envelope (none: the entry was removed, the row is deleted).
private struct KeptEntryRow: Sendable {
    let side: String
    let list: String
    let author: String
    let entry: String
    let fields: String?
    let envelope: String?
}

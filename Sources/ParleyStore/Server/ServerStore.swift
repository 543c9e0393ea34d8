public import ParleyCrypto
public import ParleyLog

/// Where a sync server keeps the exchanges it relays: each exchange's envelopes in the order the
/// server accepted them, which is the order of its checkpoints' Merkle tree.
///
/// Backends: ``SQLiteServerStore`` (the embedded default), ``PostgresServerStore`` (production) and
/// ``InMemoryServerStore`` (tests). Every backend runs the same test suite.
///
/// The store does not check signatures or rights: the server verifies an envelope before it asks
/// the store to append it. What the store does check, inside the transaction that appends, is every
/// chain rule that depends on what is stored, so that two servers writing to one database cannot
/// fork a chain between the server's check and its write.
public protocol ServerStore: Sendable {
    /// Registers an exchange by its genesis envelope, which becomes position 0 of its log.
    ///
    /// - Parameter genesis: A verified genesis envelope.
    /// - Returns: `true` if the exchange is new, `false` if this genesis was already stored.
    /// - Throws: ``StoreError`` if the write fails.
    func createExchange(genesis: SignedEnvelope) async throws(StoreError) -> Bool

    /// The genesis of `exchange`, or `nil` if the store does not hold the exchange.
    func genesis(of exchange: ExchangeID) async throws(StoreError) -> SignedEnvelope?

    /// Every exchange held, in no particular order.
    func exchanges() async throws(StoreError) -> [ExchangeID]

    /// The log's size and every author's last envelope, and whether the exchange is erased
    /// (``erase(_:keeping:)``: then the positions below the size are no longer all stored).
    ///
    /// - Throws: ``StoreError/Code/notFound`` for an unknown exchange.
    func heads(of exchange: ExchangeID) async throws(StoreError) -> LogHeads

    /// Which of `ids` the exchange's log already holds.
    func existing(_ ids: [EnvelopeID], in exchange: ExchangeID) async throws(StoreError) -> Set<EnvelopeID>

    /// The id stored at (`author`, `seq`), if any: what an envelope claiming that place conflicts with.
    func envelopeID(in exchange: ExchangeID, author: KeyID, seq: Int) async throws(StoreError) -> EnvelopeID?

    /// Appends envelopes to the exchange's log in one transaction, at the next positions, in the
    /// order given.
    ///
    /// Inside the transaction each envelope must extend its author's stored chain (`seq` one past
    /// the head, `prev` the head's id, or seq 1 with no `prev`) or be exactly an envelope already
    /// stored (then it is skipped and counted as a duplicate). Otherwise nothing is stored.
    ///
    /// - Parameters:
    ///   - envelopes: Verified envelopes of `exchange`, each author's in seq order.
    ///   - exchange: The exchange.
    /// - Returns: How many were added and how many were already there, and the new heads.
    /// - Throws: ``StoreError/Code/chainMoved`` when an envelope does not extend its chain (another
    ///   writer got there first, or a fork), ``StoreError/Code/notFound`` for an unknown exchange,
    ///   ``StoreError/Code/erased`` for an erased one, or another ``StoreError`` if the write fails.
    func append(_ envelopes: [SignedEnvelope], to exchange: ExchangeID) async throws(StoreError) -> ServerAppendResult

    /// The envelopes a client lacks: for every author, those with `seq` above `have[author]` (all of
    /// them for an author not in `have`), among the first `size` positions of the log; each author's
    /// in seq order, authors in key id order. Wire bytes, as stored.
    ///
    /// Delivered in pages so a large log does not sit in memory whole.
    ///
    /// - Parameters:
    ///   - exchange: The exchange.
    ///   - have: The client's version vector: author → highest contiguous seq it holds.
    ///   - size: Only envelopes at positions below this (a snapshot taken with ``heads(of:)``).
    ///   - pageSize: How many envelopes per page.
    ///   - page: Called once per page, in order; a throw stops the read.
    func envelopes(
        of exchange: ExchangeID, after have: [KeyID: Int], size: Int, pageSize: Int,
        _ page: @Sendable ([StoredWire]) async throws -> Void
    ) async throws

    /// Drops the envelopes of an exchange that every participant erased (PROTOCOL.md §5.20), in
    /// one transaction: every envelope but `keeping` (the signed skeleton the server keeps: the
    /// genesis and the operations that carry nothing sealed) is deleted, and the exchange is
    /// marked erased, so that it is never read or appended to again. The caller has verified the
    /// log's first `size` envelopes and its state first; the store does not read envelopes, and
    /// drops nothing when the log holds more by then (an envelope nobody verified for it).
    /// Erasing again does nothing.
    ///
    /// - Parameters:
    ///   - exchange: The exchange.
    ///   - keeping: The ids of the envelopes to keep.
    ///   - size: The size of the log the caller verified.
    /// - Returns: How many envelopes were dropped.
    /// - Throws: ``StoreError/Code/chainMoved`` when the log is no longer of `size` envelopes,
    ///   ``StoreError/Code/notFound`` for an unknown exchange, or another ``StoreError`` if the
    ///   write fails (then nothing is dropped).
    func erase(_ exchange: ExchangeID, keeping: Set<EnvelopeID>, ifSize size: Int) async throws(StoreError) -> Int

    /// The ids at positions `range` of the log, in position order: the leaves of its Merkle tree.
    func leaves(of exchange: ExchangeID, in range: Range<Int>) async throws(StoreError) -> [EnvelopeID]

    /// Whether ``watchAppends(_:)`` hears of every append and every new exchange, whichever
    /// process on the same database made it. A server whose store does not re-reads the heads of
    /// a log that a long poll waits on once a second instead.
    var announcesAppends: Bool { get }

    /// Calls `appended` with the exchange of each append and each exchange created, by any
    /// process on the same database, until the task is cancelled or the connection is lost (then
    /// it throws; the caller reads what it missed and watches again). Returns at once for a store
    /// that does not ``announcesAppends``.
    func watchAppends(_ appended: @escaping @Sendable (ExchangeID) async -> Void) async throws(StoreError)

    /// Stops the store's connections; the value must not be used afterwards.
    func shutdown() async
}

extension ServerStore {
    /// A store that does not announce appends (one process, or a file several processes share).
    public var announcesAppends: Bool { false }

    /// Nothing to watch: returns at once.
    public func watchAppends(_ appended: @escaping @Sendable (ExchangeID) async -> Void) async throws(StoreError) {}
}

/// A log's size and heads, read in one snapshot.
public struct LogHeads: Sendable, Hashable {
    /// How many envelopes the log holds (the next position).
    public var size: Int
    /// Every author's last envelope.
    public var heads: [KeyID: ChainHead]
    /// Whether every participant erased the exchange and the store dropped its sealed envelopes
    /// (``ServerStore/erase(_:keeping:)``).
    public var isErased: Bool

    /// Describes a log's size and heads.
    public init(size: Int, heads: [KeyID: ChainHead], isErased: Bool = false) {
        self.size = size
        self.heads = heads
        self.isErased = isErased
    }
}

/// What an append to a server store did.
public struct ServerAppendResult: Sendable, Hashable {
    /// Envelopes newly stored.
    public var added: Int
    /// Envelopes that were already stored and were skipped.
    public var duplicates: Int
    /// The log after the append.
    public var log: LogHeads

    /// Describes an append's result.
    public init(added: Int, duplicates: Int, log: LogHeads) {
        self.added = added
        self.duplicates = duplicates
        self.log = log
    }
}

/// One stored envelope as it goes out on the wire.
public struct StoredWire: Sendable, Hashable {
    /// The author.
    public var author: KeyID
    /// Its seq.
    public var seq: Int
    /// The envelope's wire bytes.
    public var bytes: [UInt8]

    /// Describes a stored envelope.
    public init(author: KeyID, seq: Int, bytes: [UInt8]) {
        self.author = author
        self.seq = seq
        self.bytes = bytes
    }
}

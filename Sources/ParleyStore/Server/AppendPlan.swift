import ParleyCrypto
import ParleyLog

/// What appending a batch to one exchange's log does, decided from what the log holds: the chain
/// rules of ``ServerStore/append(_:to:)`` in one place, without I/O, so that every backend applies
/// exactly the same ones inside its own transaction.
///
/// A backend reads the log's size, its heads and which of the batch's ids it already holds, makes
/// the plan, then writes ``rows`` and the heads of ``changedAuthors`` before it commits.
struct AppendPlan: Sendable {
    /// One envelope to store.
    struct Row: Sendable {
        /// Its position in the log.
        var position: Int
        /// Its author.
        var author: KeyID
        /// Its seq in the author's chain.
        var seq: Int
        /// Its id.
        var id: EnvelopeID
        /// Its wire bytes.
        var wire: [UInt8]
    }

    /// The envelopes to store, at consecutive positions from the log's old size.
    private(set) var rows: [Row] = []
    /// How many envelopes of the batch were already stored (or repeated in it) and are skipped.
    private(set) var duplicates = 0
    /// The log after the append.
    private(set) var log: LogHeads
    /// The authors whose head moves, in no particular order.
    private(set) var changedAuthors: Set<KeyID> = []

    /// Decides what to store.
    ///
    /// - Parameters:
    ///   - envelopes: The batch, in the order given to the store.
    ///   - exchange: The exchange whose log it extends.
    ///   - log: The log's size and every author's head, read inside the append's transaction.
    ///   - stored: Which of the batch's ids the log already holds.
    /// - Throws: ``StoreError/Code/chainMoved`` when an envelope neither extends its author's chain
    ///   nor is already stored; ``StoreError/Code/writeFailed`` when an envelope is not of
    ///   `exchange`. Then nothing of the batch may be stored.
    init(
        appending envelopes: [SignedEnvelope], to exchange: ExchangeID, log: LogHeads, stored: Set<EnvelopeID>
    ) throws(StoreError) {
        self.log = log
        var known = stored
        for (index, signed) in envelopes.enumerated() {
            let envelope = signed.envelope
            guard (envelope.exchange ?? ExchangeID(genesis: signed.id)) == exchange else {
                throw StoreError(
                    code: .writeFailed,
                    message: "envelope \(index) of the batch belongs to another exchange than \(exchange); nothing was stored"
                )
            }
            let head = self.log.heads[envelope.author]
            let extends = if let head {
                envelope.seq == head.seq + 1 && envelope.prev == head.id
            } else {
                envelope.seq == 1 && envelope.prev == nil
            }
            if extends {
                rows.append(Row(
                    position: self.log.size, author: envelope.author, seq: envelope.seq, id: signed.id,
                    wire: signed.wireBytes
                ))
                self.log.heads[envelope.author] = ChainHead(seq: envelope.seq, id: signed.id)
                self.log.size += 1
                changedAuthors.insert(envelope.author)
                known.insert(signed.id)
            } else if known.contains(signed.id) {
                duplicates += 1
            } else {
                throw StoreError(
                    code: .chainMoved,
                    message: "envelope \(index) of the batch does not extend its author's chain in exchange \(exchange) "
                        + "(another writer got there first, or a fork); nothing was stored"
                )
            }
        }
    }

    /// The ids of the batch the log may already hold: those at or below their author's stored
    /// head. Only these need looking up for ``init(appending:to:log:stored:)``; a batch that only
    /// extends chains needs none.
    ///
    /// - Parameters:
    ///   - envelopes: The batch.
    ///   - heads: The log's heads, read inside the append's transaction.
    /// - Returns: The ids to look up, without repeats.
    static func possiblyStored(_ envelopes: [SignedEnvelope], heads: [KeyID: ChainHead]) -> [EnvelopeID] {
        var ids: [EnvelopeID] = []
        var seen: Set<EnvelopeID> = []
        for signed in envelopes {
            guard let head = heads[signed.envelope.author], signed.envelope.seq <= head.seq else { continue }
            if seen.insert(signed.id).inserted { ids.append(signed.id) }
        }
        return ids
    }

    /// The result the store returns.
    var result: ServerAppendResult {
        ServerAppendResult(added: rows.count, duplicates: duplicates, log: log)
    }
}

import Foundation
internal import GRDB
import ParleyCrypto
public import ParleyLog

extension Replica {
    /// Stores envelopes, all or none, in one transaction.
    ///
    /// Envelopes are kept byte for byte, in the order given. An id already stored (or repeated in
    /// the batch) is skipped: appending is idempotent, and the first copy stored is the one kept.
    /// Two different envelopes at the same exchange, author and seq are both kept: together they
    /// prove an equivocation.
    ///
    /// The replica does not verify what it stores: append only envelopes the ``Verifier`` has
    /// accepted. Readers verify again from the stored bytes.
    ///
    /// - Parameter envelopes: Verified envelopes, of any exchanges.
    /// - Returns: How many were new and how many were already there.
    /// - Throws: ``StoreError`` (``StoreError/Code/readOnly``, ``StoreError/Code/locked``,
    ///   ``StoreError/Code/diskFull``, ``StoreError/Code/writeFailed``…); then nothing of the
    ///   batch is stored.
    public func append(_ envelopes: [SignedEnvelope]) throws(StoreError) -> AppendResult {
        guard !envelopes.isEmpty else { return AppendResult(added: 0, alreadyPresent: 0) }
        return try write { db in
            let statement = try db.cachedStatement(sql: """
                INSERT INTO envelope (id, exchange, author, seq, prev, is_genesis, wire)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO NOTHING
                """)
            var added = 0
            for signed in envelopes {
                let envelope = signed.envelope
                let exchange = envelope.exchange ?? ExchangeID(genesis: signed.id)
                try statement.execute(arguments: [
                    signed.id.hex, exchange.hex, envelope.author.hex, envelope.seq, envelope.prev?.hex,
                    envelope.isGenesis, Data(signed.wireBytes),
                ])
                added += db.changesCount
            }
            return AppendResult(added: added, alreadyPresent: envelopes.count - added)
        }
    }
}

import Foundation
internal import GRDB
public import ParleyCrypto
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
        try append(envelopes, expecting: nil)
    }

    /// Stores a batch that extends one author's chain, only if that chain's head is still
    /// `head` when the transaction starts: two writers signing from the same head would
    /// otherwise store a fork of the author's own chain (an equivocation).
    ///
    /// - Parameters:
    ///   - envelopes: Verified envelopes, signed from `head`.
    ///   - exchange: The exchange of the chain.
    ///   - author: The chain's author (the party's own key).
    ///   - head: The head the batch was signed from (`nil`: the author had no envelope).
    /// - Returns: How many were new and how many were already there.
    /// - Throws: ``StoreError/Code/chainMoved`` when the head has moved (nothing is stored), or
    ///   the errors of ``append(_:)``.
    public func append(
        _ envelopes: [SignedEnvelope], extendingChainOf author: KeyID, in exchange: ExchangeID, from head: ChainHead?
    ) throws(StoreError) -> AppendResult {
        try append(envelopes, expecting: (exchange, author, head))
    }

    private func append(
        _ envelopes: [SignedEnvelope], expecting chain: (exchange: ExchangeID, author: KeyID, head: ChainHead?)?
    ) throws(StoreError) -> AppendResult {
        guard !envelopes.isEmpty else { return AppendResult(added: 0, alreadyPresent: 0) }
        let path = self.path
        return try write { db in
            if let chain, try Self.head(in: db, exchange: chain.exchange, author: chain.author) != chain.head {
                throw StoreError(
                    code: .chainMoved,
                    message: "replica \(path) changed while signing (another parley process wrote to the same chain); nothing was stored"
                )
            }
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

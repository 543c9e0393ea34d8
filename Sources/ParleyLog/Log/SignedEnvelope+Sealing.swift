package import ParleyCrypto

/// What a party found when it tried to open an envelope's sealed record.
public enum Opening: Sendable, Hashable {
    /// Nothing in the envelope is sealed.
    case clear
    /// The record opened: the envelope, the same bytes and id, carrying the opened fields.
    case opened(SignedEnvelope)
    /// No content key of the author is known to the party yet (no `content.share` to it).
    case unopened
    /// A content key of the author is known but the record does not open under it: its
    /// ciphertext, tag or binding was altered, or it opens to something that is not a record.
    case refused(String)
}

extension ContentBinding {
    /// The binding of the envelope at `seq` of `author`'s chain in `exchange` that carries
    /// `operation`.
    package init(exchange: ExchangeID, author: KeyID, seq: Int, operation: Operation.Name) throws(LogError) {
        do {
            try self.init(exchange: exchange.genesis.bytes, author: author, seq: UInt64(seq), operation: operation.rawValue)
        } catch {
            throw LogError(code: .invalidOperation, message: "cannot bind a sealed body: \((error as? CryptoError)?.message ?? "\(error)")")
        }
    }
}

extension Operation {
    /// This operation with its personal data sealed under `key` for the envelope at `seq` of
    /// `author`'s chain in `exchange` (a `list.put`'s record); other operations as they are. The
    /// sealed put keeps its fields in memory, so the signer's own fold reads them.
    ///
    /// - Throws: ``LogError/Code/invalidOperation`` if the record cannot be serialized or sealed.
    package func sealing(under key: ContentKey, exchange: ExchangeID, author: KeyID, seq: Int) throws(LogError) -> Operation {
        guard case let .putEntry(put) = self, put.sealed == nil else { return self }
        let binding = try ContentBinding(exchange: exchange, author: author, seq: seq, operation: name)
        do {
            let sealed = try key.seal(try CanonicalJSON.encode(put.recordJSON), binding: binding)
            return .putEntry(PutEntry(list: put.list, entry: put.entry, fields: put.fields, sealed: sealed))
        } catch {
            throw LogError(code: .invalidOperation, message: "cannot seal a list.put record: \((error as? CryptoError)?.message ?? "\(error)")")
        }
    }
}

extension SignedEnvelope {
    /// Opens the envelope's sealed record with its author's content keys.
    ///
    /// - Parameter keys: The author's content keys this party holds (usually one).
    /// - Returns: What it found; an opened envelope has the same bytes and id.
    package func opening(with keys: [ContentKey]) -> Opening {
        guard case let .putEntry(put) = envelope.operation, let sealed = put.sealed, put.fields.isEmpty,
              let exchange = envelope.exchange
        else { return .clear }
        guard !keys.isEmpty else { return .unopened }
        let binding: ContentBinding
        do {
            binding = try ContentBinding(exchange: exchange, author: envelope.author, seq: envelope.seq, operation: envelope.operation.name)
        } catch {
            return .refused(error.message)
        }
        for key in keys {
            guard let bytes = try? key.open(sealed, binding: binding) else { continue }
            do {
                let fields = try PutEntry.fields(record: try JSONValue(parsing: bytes))
                var opened = envelope
                opened.operation = .putEntry(PutEntry(list: put.list, entry: put.entry, fields: fields, sealed: sealed))
                return .opened(SignedEnvelope(envelope: opened, canonicalBytes: canonicalBytes, signature: signature))
            } catch {
                return .refused("the sealed record of \(id.hex.prefix(12)) opens but is not a record (\(error.message))")
            }
        }
        return .refused(
            "the sealed record of \(id.hex.prefix(12)) does not open under its author's content key: authentication failed "
                + "(its ciphertext, tag or binding was altered)"
        )
    }
}

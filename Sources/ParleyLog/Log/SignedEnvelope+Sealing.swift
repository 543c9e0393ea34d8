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
    /// The operation's free text (a note, a reason, a resolution), for the operations that have
    /// one: `list.remove`, `match.*` and `dispute.*`.
    public var remark: SealableText? {
        switch self {
        case let .removeEntry(remove): remove.remark
        case let .assertMatch(pair), let .rejectMatch(pair): pair.remark
        case let .openDispute(open): open.remark
        case let .commentDispute(comment): comment.remark
        case let .closeDispute(close): close.remark
        default: nil
        }
    }

    /// This operation with its free text replaced by `remark` (operations without one as they are).
    func replacingRemark(_ remark: SealableText) -> Operation {
        switch self {
        case var .removeEntry(remove):
            remove.remark = remark
            return .removeEntry(remove)
        case var .assertMatch(pair):
            pair.remark = remark
            return .assertMatch(pair)
        case var .rejectMatch(pair):
            pair.remark = remark
            return .rejectMatch(pair)
        case var .openDispute(open):
            open.remark = remark
            return .openDispute(open)
        case var .commentDispute(comment):
            comment.remark = remark
            return .commentDispute(comment)
        case var .closeDispute(close):
            close.remark = remark
            return .closeDispute(close)
        default:
            return self
        }
    }

    /// Whether the operation carries something sealed that this party has not opened: a
    /// `list.put`'s record, an attestation's kind and date, or a free text.
    public var isUnopened: Bool {
        switch self {
        case let .putEntry(put): put.isUnopened
        case let .attest(attest): attest.isUnopened
        default: remark?.isUnopened ?? false
        }
    }

    /// This operation with its personal data sealed under `key` for the envelope at `seq` of
    /// `author`'s chain in `exchange`: a `list.put`'s record, an attestation's kind and date, or a
    /// non-empty free text; other operations, and what is sealed already, as they are. A sealed
    /// operation keeps its clear fields and text in memory, so the signer's own fold reads them.
    ///
    /// - Throws: ``LogError/Code/invalidOperation`` if the plaintext cannot be serialized or sealed.
    package func sealing(under key: ContentKey, exchange: ExchangeID, author: KeyID, seq: Int) throws(LogError) -> Operation {
        let plaintext: [UInt8]
        do {
            guard let bytes = try sealablePlaintext else { return self }
            plaintext = bytes
        } catch {
            throw LogError(code: .invalidOperation, message: "cannot serialize the \(sealedPart) of a \(name.rawValue): \(error.message)")
        }
        let binding = try ContentBinding(exchange: exchange, author: author, seq: seq, operation: name)
        do {
            return withSealed(try key.seal(plaintext, binding: binding))
        } catch {
            throw LogError(code: .invalidOperation, message: "cannot seal the \(sealedPart) of a \(name.rawValue): \((error as? CryptoError)?.message ?? "\(error)")")
        }
    }

    /// What sealing seals: the RFC 8785 bytes of a put's `record`, of an attestation's
    /// `{"date", "kind"}`, or of a free text's `{"<member>": text}`; `nil` when there is nothing
    /// to seal (another operation, an empty text, or one sealed already).
    private var sealablePlaintext: [UInt8]? {
        get throws(LogError) {
            switch self {
            case let .putEntry(put):
                return put.sealed == nil ? try CanonicalJSON.encode(put.recordJSON) : nil
            case let .attest(attest):
                return attest.sealed == nil ? try CanonicalJSON.encode(attest.statementJSON) : nil
            default:
                guard let remark, remark.sealed == nil, !remark.text.isEmpty else { return nil }
                return try remark.plaintext
            }
        }
    }

    /// This operation carrying `sealed` as the sealed form of what ``sealablePlaintext`` gave.
    private func withSealed(_ sealed: [UInt8]) -> Operation {
        switch self {
        case let .putEntry(put):
            return .putEntry(PutEntry(list: put.list, entry: put.entry, fields: put.fields, sealed: sealed))
        case var .attest(attest):
            attest.sealed = sealed
            return .attest(attest)
        default:
            guard var remark else { return self }
            remark.sealed = sealed
            return replacingRemark(remark)
        }
    }

    /// What an operation seals, in messages: `record`, `attestation` or the text's member.
    fileprivate var sealedPart: String {
        switch self {
        case .putEntry: "record"
        case .attest: "attestation"
        default: "`\(remark?.member ?? "text")`"
        }
    }
}

extension SignedEnvelope {
    /// Opens what the envelope carries sealed (a record, an attestation or a free text) with its
    /// author's content keys.
    ///
    /// - Parameter keys: The author's content keys this party holds (usually one).
    /// - Returns: What it found; an opened envelope has the same bytes and id.
    package func opening(with keys: [ContentKey]) -> Opening {
        let operation = envelope.operation
        guard operation.isUnopened, let exchange = envelope.exchange else { return .clear }
        guard !keys.isEmpty else { return .unopened }
        let binding: ContentBinding
        do {
            binding = try ContentBinding(exchange: exchange, author: envelope.author, seq: envelope.seq, operation: operation.name)
        } catch {
            return .refused(error.message)
        }
        let what = operation.sealedPart
        for key in keys {
            guard let bytes = try? key.open(operation.sealedBytes, binding: binding) else { continue }
            do {
                var opened = envelope
                opened.operation = try operation.opened(from: bytes)
                return .opened(replacing(envelope: opened))
            } catch {
                return .refused("the sealed \(what) of \(id.hex.prefix(12)) opens but is not what it should be (\(error.message))")
            }
        }
        return .refused(
            "the sealed \(what) of \(id.hex.prefix(12)) does not open under its author's content key: authentication failed "
                + "(its ciphertext, tag or binding was altered)"
        )
    }
}

extension Operation {
    /// The sealed bytes of an unopened operation (``isUnopened``).
    fileprivate var sealedBytes: [UInt8] {
        switch self {
        case let .putEntry(put): put.sealed ?? []
        case let .attest(attest): attest.sealed ?? []
        default: remark?.sealed ?? []
        }
    }

    /// This unopened operation with `plaintext`, its sealed part opened, read strictly.
    fileprivate func opened(from plaintext: [UInt8]) throws(LogError) -> Operation {
        if case let .putEntry(put) = self {
            let fields = try PutEntry.fields(record: try JSONValue(parsing: plaintext))
            return .putEntry(PutEntry(list: put.list, entry: put.entry, fields: fields, sealed: put.sealed))
        }
        if case let .attest(attest) = self {
            return .attest(try attest.opened(from: plaintext))
        }
        guard var remark else { return self }
        remark.text = try remark.text(opening: plaintext)
        return replacingRemark(remark)
    }
}

import ParleyCrypto
import ParleyMatch

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
    public var stateHash: String {
        // Every string in the state was read through the strict parser or checked by a signer, so
        // it serializes; a failure here is a bug.
        guard let bytes = try? CanonicalJSON.encode(canonicalForm) else {
            preconditionFailure("the state has a value that RFC 8785 cannot serialize")
        }
        return Hex.encode(SHA256.hash(bytes))
    }
}

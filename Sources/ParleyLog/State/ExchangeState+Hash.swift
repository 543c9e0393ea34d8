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
    ///           ordered by side, then list name bytes; empty lists left out]}
    /// ```
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
        return [
            "version": 1,
            "exchange": .string(exchange.hex),
            "title": .string(title),
            "terms": terms,
            "participants": .array(participants.map(\.json)),
            "lists": .array(lists),
        ]
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

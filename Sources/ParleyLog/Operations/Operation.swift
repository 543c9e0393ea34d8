/// What an envelope does: its `op` name and typed body.
///
/// Protocol version 1 defines the three operations below; any other `op` is malformed. Later
/// operations will be added as new cases (names reserved: `match.assert`, `match.reject`,
/// `dispute.open`, `dispute.comment`, `dispute.close`, `attest`, `confirm`, `manifest.sign`,
/// `key.rotate`, `key.revoke`), so switch over this enum with that in mind.
public enum Operation: Sendable, Hashable {
    /// `exchange.create`: the genesis of an exchange.
    case createExchange(CreateExchange)
    /// `list.put`: add or replace an entry in one of the author's lists.
    case putEntry(PutEntry)
    /// `list.remove`: remove an entry from one of the author's lists.
    case removeEntry(RemoveEntry)

    /// The `op` names of the wire.
    public enum Name: String, Sendable, Hashable, CaseIterable {
        /// `exchange.create`.
        case createExchange = "exchange.create"
        /// `list.put`.
        case putEntry = "list.put"
        /// `list.remove`.
        case removeEntry = "list.remove"
    }

    /// The operation's `op` name.
    public var name: Name {
        switch self {
        case .createExchange: .createExchange
        case .putEntry: .putEntry
        case .removeEntry: .removeEntry
        }
    }

    /// The list the operation writes, for list operations.
    public var listKind: ListKind? {
        switch self {
        case .createExchange: nil
        case let .putEntry(put): put.list
        case let .removeEntry(remove): remove.list
        }
    }

    /// The body's JSON form.
    var body: JSONValue {
        switch self {
        case let .createExchange(create): create.json
        case let .putEntry(put): put.json
        case let .removeEntry(remove): remove.json
        }
    }

    /// What is wrong with the body, if anything.
    var problem: String? {
        switch self {
        case let .createExchange(create): create.problem
        case let .putEntry(put): put.problem
        case let .removeEntry(remove): remove.problem
        }
    }

    /// Reads an operation from its `op` name and body.
    ///
    /// - Throws: ``LogError/Code/malformedEnvelope`` for an unknown name or a malformed body.
    init(name: String, body: JSONValue) throws(LogError) {
        switch Name(rawValue: name) {
        case .createExchange: self = .createExchange(try CreateExchange(json: body))
        case .putEntry: self = .putEntry(try PutEntry(json: body))
        case .removeEntry: self = .removeEntry(try RemoveEntry(json: body))
        case nil: throw .malformed("unknown operation")
        }
    }
}

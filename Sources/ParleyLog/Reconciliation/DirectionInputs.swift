import ParleyCrypto

/// Everything one direction's reconciliation reads from a state, pinned in one key: a kept
/// summary of the direction (its hash and counts) is valid for any state with the same key, so a
/// command after a confirmation, terms, a manifest or a change to the other direction reads it
/// instead of matching and hashing 100,000 rows again.
///
/// The key is the hex SHA-256 of:
/// - the version of these rules and of the matching engine (``StoredDiff/version``);
/// - the exchange and the direction;
/// - for the direction's request list, its release list and the mediator's registry (what
///   corroborates unoffered people): every entry's `list.put` envelope id in list order, marked
///   when this party cannot open the entry (its fields are empty until its author's content key
///   reaches it; opening changes the rows while the envelope stays the same);
/// - the envelope ids of the hand decisions on a pair of those two lists;
/// - the ids of the open disputes about an entry of those two lists.
///
/// Nothing else of the state reaches a direction's rows or its hash (terms give only the count a
/// report shows beside it; confirmations only who confirmed): a property test
/// (`KeptReconciliationTests`) checks the kept summaries against a reconciliation from scratch
/// after random operations of every kind.
public struct DirectionInputs: Hashable, Sendable {
    /// Bump when the reconciliation's rules change (what a row says, how hand decisions,
    /// duplicates, the registry or disputes shape it): summaries kept under another version are
    /// never read.
    package static let version = "parley-direction-inputs/1"

    /// The direction.
    public let direction: Direction
    /// The key.
    public let key: String

    /// The inputs of `direction` in a state that holds every entry.
    ///
    /// - Parameters:
    ///   - direction: The direction.
    ///   - state: A complete state.
    public init(_ direction: Direction, of state: ExchangeState) {
        self.init(direction, of: state) { list in
            // In ``ExchangeState/entries(of:)``'s order (which the reconciliation then reads);
            // kept with the lists for the states after this one that change none (decisions,
            // disputes).
            state.listsForm.pins(of: list) {
                state.entries(of: list).map { EntryPin(envelope: $0.envelope, isUnopened: $0.fields.isEmpty) }
            }
        }
    }

    /// The inputs of `direction` in a state whose entries are read elsewhere (a replica's kept
    /// rows, for a state opened without them).
    ///
    /// - Parameters:
    ///   - direction: The direction.
    ///   - state: The state's facts (its lists may be empty).
    ///   - pins: The pins of a list's entries, in list order (``ExchangeState/entries(of:)``).
    public init<Failure: Error>(
        _ direction: Direction, of state: ExchangeState, pins: (ListKey) throws(Failure) -> [EntryPin]
    ) throws(Failure) {
        self.direction = direction
        let lists = [direction.requestList, direction.releaseList]
        var bytes = Array("\(Self.version)\n\(StoredDiff.version)\n\(state.exchange.hex)\n\(direction.rawValue)\n".utf8)
        for list in lists + [ListKey(side: .neutral, kind: .registry)] {
            let listPins = try pins(list)
            bytes += "\(list.description) \(listPins.count)\n".utf8
            bytes.reserveCapacity(bytes.count + 65 * listPins.count)
            for pin in listPins {
                bytes += pin.envelope.utf8
                bytes.append(pin.isUnopened ? UInt8(ascii: "!") : UInt8(ascii: ","))
            }
            bytes.append(UInt8(ascii: "\n"))
        }
        let decisions = state.matchDecisions.values
            .filter { $0.body.pair.request.list == direction.requestList && $0.body.pair.release.list == direction.releaseList }
            .map(\.envelope.hex).sorted()
        bytes += "decisions \(decisions.count)\n\(decisions.joined(separator: ","))\n".utf8
        let disputes = state.openDisputes
            .filter { dispute in dispute.about.contains { lists.contains($0.list) } }
            .map(\.id.hex).sorted()
        bytes += "disputes \(disputes.count)\n\(disputes.joined(separator: ","))\n".utf8
        key = Hex.encode(SHA256.hash(bytes))
    }
}

/// What pins one entry for a reconciliation: the envelope that put it, and whether this party
/// can read it yet.
public struct EntryPin: Hashable, Sendable {
    /// The hex id of the entry's `list.put` envelope (as a replica keeps it, so that keying
    /// 100,000 kept rows parses none).
    public let envelope: String
    /// Whether its fields are sealed to a content key this party does not hold yet.
    public let isUnopened: Bool

    /// Pins an entry.
    public init(envelope: EnvelopeID, isUnopened: Bool) {
        self.init(envelopeHex: envelope.hex, isUnopened: isUnopened)
    }

    /// Pins an entry by its envelope's hex id.
    public init(envelopeHex: String, isUnopened: Bool) {
        self.envelope = envelopeHex
        self.isUnopened = isUnopened
    }
}

import ParleyCrypto
public import ParleyMatch

/// The canonical list of who crosses each way, with counts, the terms, the participants who must
/// sign it and the reconciliation it was built from.
///
/// Built from a ``Reconciliation``: each direction includes the rows whose match is agreed (by the
/// engine or by hand), whether or not a dispute is open about them; an open dispute is then a
/// ``Blocker``. Its canonical form is RFC 8785 JSON; its ``hash`` is the hex SHA-256 of
/// `parley/v1/manifest` ‖ 0x00 ‖ canonical bytes, which `manifest.propose` and `manifest.sign` name.
public struct Manifest: Hashable, Sendable {
    /// One person who crosses: the requester's entry and the releaser's, with identifying fields.
    public struct Person: Hashable, Sendable {
        /// The requester's entry.
        public let request: ReconciledEntry
        /// The releaser's entry.
        public let release: ReconciledEntry
    }

    /// The fields a manifest carries for each entry: those that identify a person (Third Geneva
    /// Convention, Art. 17) and the mediator's registration id.
    public static let identifyingFields: [Field] = [
        .surname, .givenName, .patronymic, .fullName, .dateOfBirth, .serviceNumber, .rank, .registrationID,
    ]

    /// The exchange.
    public let exchange: ExchangeID
    /// The exchange's title.
    public let title: String
    /// Every participant, by key id: all of them must sign.
    public let participants: [Participant]
    /// The terms in force, if one set is.
    public let terms: Terms?
    /// The hash of the reconciliation it was built from.
    public let reconciliation: String
    /// Who crosses, per direction, ordered by request entry.
    public let people: [Direction: [Person]]

    /// Builds the manifest of a reconciliation.
    ///
    /// - Parameters:
    ///   - reconciliation: The reconciliation of `state`.
    ///   - state: The state it was computed from.
    public init(reconciliation: Reconciliation, state: ExchangeState) {
        self.exchange = state.exchange
        self.title = state.title
        self.participants = state.participants
        self.terms = reconciliation.terms.terms
        self.reconciliation = reconciliation.hash
        var people: [Direction: [Person]] = [:]
        for report in reconciliation.directions {
            people[report.direction] = report.rows.compactMap { row in
                guard row.matchOutcome == .agreed, let request = row.request, let release = row.release else { return nil }
                return Person(request: request.identifying, release: release.identifying)
            }
        }
        self.people = people
    }

    /// A manifest from its parts (for reading one back).
    init(exchange: ExchangeID, title: String, participants: [Participant], terms: Terms?, reconciliation: String, people: [Direction: [Person]]) {
        self.exchange = exchange
        self.title = title
        self.participants = participants
        self.terms = terms
        self.reconciliation = reconciliation
        self.people = people
    }

    /// How many cross in `direction`.
    public func count(_ direction: Direction) -> Int {
        people[direction]?.count ?? 0
    }

    /// Every entry reference the manifest includes.
    public var includedEntries: Set<EntryRef> {
        Set(people.values.joined().flatMap { [$0.request.ref, $0.release.ref] })
    }

    /// The canonical form:
    ///
    /// ```
    /// {"version": 1, "exchange": <hex>, "title": …, "reconciliation": <hex>,
    ///  "participants": [{"key", "role", "side", "name"} by key id],
    ///  "terms": <terms.set body> | null,
    ///  "directions": [{"direction": "to-A", "count": n,
    ///                  "people": [{"request": <entry>, "release": <entry>}, …]}, {"direction": "to-B", …}]}
    /// ```
    ///
    /// where an entry is `{"side", "list", "author", "entry", "envelope", "fields": {…identifying fields}}`.
    public var canonicalForm: JSONValue {
        [
            "version": 1,
            "exchange": .string(exchange.hex),
            "title": .string(title),
            "reconciliation": .string(reconciliation),
            "participants": .array(participants.map(\.json)),
            "terms": terms?.json ?? .null,
            "directions": .array(Direction.allCases.map { direction in
                [
                    "direction": .string(direction.rawValue),
                    "count": .number(Double(count(direction))),
                    "people": .array((people[direction] ?? []).map { person in
                        ["request": person.request.manifestJSON, "release": person.release.manifestJSON]
                    }),
                ]
            }),
        ]
    }

    /// The RFC 8785 bytes of ``canonicalForm``.
    public var canonicalBytes: [UInt8] {
        guard let bytes = try? CanonicalJSON.encode(canonicalForm) else {
            preconditionFailure("a manifest has a value that RFC 8785 cannot serialize")
        }
        return bytes
    }

    /// The manifest hash: hex SHA-256 of `parley/v1/manifest` ‖ 0x00 ‖ ``canonicalBytes``.
    public var hash: String {
        Self.hash(canonicalBytes: canonicalBytes)
    }

    /// The manifest hash of canonical manifest bytes.
    static func hash(canonicalBytes: [UInt8]) -> String {
        Hex.encode(SHA256.hash(SignatureContext.manifest.message(for: canonicalBytes)))
    }

    /// What prevents proposing this manifest in `state`, minus the blockers `waivers` name.
    ///
    /// - Parameters:
    ///   - state: The current state.
    ///   - waivers: The waivers the mediator intends to record in its `manifest.propose`.
    /// - Returns: Open disputes about included people (by dispute id), then broken or conflicting
    ///   terms (by direction); empty when it may be proposed.
    public func blockers(in state: ExchangeState, waiving waivers: [Waiver] = []) -> [Blocker] {
        let waived = Set(waivers.map(\.blocker))
        let included = includedEntries
        var out: [Blocker] = []
        for dispute in state.openDisputes {
            let touched = dispute.about.filter(included.contains).sorted()
            if !touched.isEmpty {
                out.append(.openDispute(dispute.id, entries: touched))
            }
        }
        switch state.currentTerms {
        case .none:
            break
        case let .agreed(terms, _):
            for direction in Direction.allCases where terms.count(direction) != count(direction) {
                out.append(.termsBroken(direction, expected: terms.count(direction), actual: count(direction)))
            }
        case .conflicting:
            out.append(.termsConflict)
        }
        return out.filter { !waived.contains($0.key) }
    }
}

extension ReconciledEntry {
    /// The entry with only the identifying fields.
    var identifying: ReconciledEntry {
        ReconciledEntry(ref: ref, envelope: envelope, fields: fields.filter { Manifest.identifyingFields.contains($0.key) })
    }

    /// The entry as a manifest writes it: the pinned reference and its fields.
    var manifestJSON: JSONValue {
        guard case var .object(members) = pinnedJSON else { preconditionFailure("a reference is an object") }
        members["fields"] = .object(Dictionary(uniqueKeysWithValues: fields.map { ($0.key.rawValue, JSONValue.string($0.value)) }))
        return .object(members)
    }
}

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
        /// Why the person is in the phase, for a phase manifest (``Manifest/phase``); else `nil`.
        public let reason: PhaseReason?

        init(request: ReconciledEntry, release: ReconciledEntry, reason: PhaseReason? = nil) {
            self.request = request
            self.release = release
            self.reason = reason
        }
    }

    /// The priority categories of `person`, read from the fields the manifest carries for both
    /// entries, on the terms' `as_of`; without one, only those that do not depend on the day.
    public func priorities(of person: Person) -> Set<PriorityCategory> {
        PriorityCategory.categories(of: [person.request.fields, person.release.fields], asOf: terms?.asOf)
    }

    /// The phase a manifest covers: the phase as the terms name it and its number in them.
    public struct Phase: Hashable, Sendable {
        /// The phase: its name and counts.
        public let phase: Terms.Phase
        /// Its number in the terms' order, from 1.
        public let number: Int
    }

    /// The fields a manifest carries for each entry: those that identify a person (Third Geneva
    /// Convention, Art. 17), the mediator's registration id, and those a person's priority
    /// categories are read from (``PriorityCategory/fields``), so that who goes first is read from
    /// what every participant signed.
    public static let identifyingFields: [Field] = [
        .surname, .givenName, .patronymic, .fullName, .dateOfBirth, .serviceNumber, .rank, .registrationID,
    ] + PriorityCategory.fields

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
    /// Who crosses, per direction: ordered by request entry, or for a phase manifest in the
    /// phase's priority order.
    public let people: [Direction: [Person]]
    /// The phase it covers (PROTOCOL.md §10.5), or `nil` for a manifest of the whole exchange.
    public let phase: Phase?
    /// The ``hash``, once written: a manifest never changes, and one of 100,000 people is asked
    /// for its hash by the review, the file and the status of the same command.
    private var hashMemo = Memo<String>()

    /// Builds the manifest of a reconciliation, once: the reconciliation keeps it (with its hash,
    /// once asked for) for every later call.
    ///
    /// - Parameters:
    ///   - reconciliation: The reconciliation of `state`.
    ///   - state: The state it was computed from.
    public init(reconciliation: Reconciliation, state: ExchangeState) {
        precondition(state.exchange == reconciliation.exchange, "a reconciliation's manifest is built with its exchange's state")
        self = reconciliation.manifestMemo.value { Manifest(building: reconciliation, state: state) }
    }

    /// Builds the manifest of a reconciliation (see ``init(reconciliation:state:)``). It reads
    /// from `state` only what the genesis fixes (the exchange, its title and participants), and
    /// everything else from the reconciliation: so the manifest the reconciliation keeps is the
    /// one of any state of the exchange it is passed with. Keep it so.
    private init(building reconciliation: Reconciliation, state: ExchangeState) {
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
        self.phase = nil
    }

    /// Builds the manifest of one phase of the terms in force (PROTOCOL.md §10.3, §10.5): the
    /// people the phase draw-up of `state` places in it, in its order, each with its reason.
    ///
    /// - Parameters:
    ///   - phase: The phase's name in the terms in force.
    ///   - reconciliation: The reconciliation of `state`.
    ///   - state: The state it was computed from; its sealed phases (``ExchangeState/sealedPhases``)
    ///     are left out of the draw.
    /// - Throws: ``LogError/Code/invalidOperation`` when the terms in force conflict or have no
    ///   such phase, or set no `as_of` (the draw would depend on the day it is made).
    public init(phase name: String, reconciliation: Reconciliation, state: ExchangeState) throws(LogError) {
        guard case let .agreed(terms, _) = state.currentTerms else {
            throw LogError(code: .invalidOperation, message: "a phase manifest needs terms in force, and the mediators' terms are not set or conflict")
        }
        guard let (number, phase) = terms.phase(named: name) else {
            let names = terms.phases.map { "`\($0.name)`" }.joined(separator: ", ")
            throw LogError(code: .invalidOperation, message: "the terms in force have no phase `\(name)` (phases: \(names.isEmpty ? "none" : names))")
        }
        guard let asOf = terms.asOf else {
            throw LogError(
                code: .invalidOperation,
                message: "the terms set no as_of, so a phase drawn today could differ tomorrow: set it (`terms set --as-of`) before proposing a phase"
            )
        }
        let drawUp = PhaseDrawUp(reconciliation: reconciliation, terms: terms, sealed: state.sealedPhases, today: asOf)
        let plan = drawUp.plans[number - 1]
        var entries: [EntryRef: ReconciledEntry] = [:]
        for report in reconciliation.directions {
            for row in report.rows {
                for entry in [row.request, row.release].compactMap(\.self) {
                    entries[entry.ref] = entry.identifying
                }
            }
        }
        var people: [Direction: [Person]] = [:]
        for part in plan.directions {
            people[part.direction] = part.people.compactMap { person in
                guard let request = entries[person.candidate.request], let release = entries[person.candidate.release] else { return nil }
                return Person(request: request, release: release, reason: person.reason)
            }
        }
        self.init(
            exchange: state.exchange, title: state.title, participants: state.participants, terms: terms,
            reconciliation: reconciliation.hash, people: people, phase: Phase(phase: phase, number: number)
        )
    }

    /// The manifest a proposal covers: of its phase when it names one, else of the whole exchange.
    ///
    /// - Parameters:
    ///   - phase: The phase's name, or `nil` for the whole exchange.
    ///   - reconciliation: The reconciliation of `state`.
    ///   - state: The state.
    /// - Throws: As ``init(phase:reconciliation:state:)``.
    public static func of(phase: String?, reconciliation: Reconciliation, state: ExchangeState) throws(LogError) -> Manifest {
        guard let phase else { return Manifest(reconciliation: reconciliation, state: state) }
        return try Manifest(phase: phase, reconciliation: reconciliation, state: state)
    }

    /// A manifest from its parts (for reading one back).
    init(
        exchange: ExchangeID, title: String, participants: [Participant], terms: Terms?, reconciliation: String,
        people: [Direction: [Person]], phase: Phase? = nil
    ) {
        self.exchange = exchange
        self.title = title
        self.participants = participants
        self.terms = terms
        self.reconciliation = reconciliation
        self.people = people
        self.phase = phase
    }

    /// How many cross in `direction`.
    public func count(_ direction: Direction) -> Int {
        people[direction]?.count ?? 0
    }

    /// Every entry reference the manifest includes.
    public var includedEntries: Set<EntryRef> {
        Set(people.values.joined().flatMap { [$0.request.ref, $0.release.ref] })
    }

    /// The manifest form this release builds (PROTOCOL.md §10.3): 2, the form with the priority
    /// fields. (Form 1, of earlier releases, had the first eight fields only; neither carries its
    /// number in the manifest, whose `version` stays 1, but a proposal names any other form it is
    /// made in, ``ProposeManifest/form``.) A release that changes the form writes its number.
    public static let form = 2

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
    /// A phase manifest adds `"phase": {"name", "number", "counts"}` and each person's `"reason"`
    /// (PROTOCOL.md §10.5); a manifest of the whole exchange has neither, so its hash is unchanged.
    public var canonicalForm: JSONValue {
        var form: JSONValue = [
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
                        var members: [String: JSONValue] = ["request": person.request.manifestJSON, "release": person.release.manifestJSON]
                        if let reason = person.reason { members["reason"] = .string(reason.description) }
                        return .object(members)
                    }),
                ]
            }),
        ]
        if let phase, case var .object(members) = form {
            members["phase"] = [
                "name": .string(phase.phase.name), "number": .number(Double(phase.number)), "counts": Terms.countsJSON(phase.phase.counts),
            ]
            form = .object(members)
        }
        return form
    }

    /// The RFC 8785 bytes of ``canonicalForm``.
    public var canonicalBytes: [UInt8] {
        guard let bytes = try? CanonicalJSON.encode(canonicalForm) else {
            preconditionFailure("a manifest has a value that RFC 8785 cannot serialize")
        }
        return bytes
    }

    /// The manifest hash: hex SHA-256 of `parley/v1/manifest` ‖ 0x00 ‖ ``canonicalBytes``.
    ///
    /// Written straight into the digest (a manifest of 100,000 people is hashed on every
    /// `finalize status`), members in RFC 8785 order: `directions` (each `count`, `direction`,
    /// `people`; each person `reason`, `release`, `request`), `exchange`, `participants`, `phase`,
    /// `reconciliation`, `terms`, `title`, `version`. A test checks it against ``canonicalBytes``.
    public var hash: String {
        hashMemo.value(writeHash)
    }

    /// Writes the hash (``hash``).
    private func writeHash() -> String {
        CanonicalWriter.hexDigest(prefix: SignatureContext.manifest.message(for: [])) { writer throws(LogError) in
            writer.punctuation("{\"directions\":[")
            for (index, direction) in Direction.allCases.enumerated() {
                writer.punctuation(index == 0 ? "{\"count\":" : ",{\"count\":")
                try writer.write(.number(Double(count(direction))), depth: 3)
                writer.punctuation(",\"direction\":")
                try writer.writeString(direction.rawValue)
                writer.punctuation(",\"people\":[")
                // People written on every core (a register's manifest lists tens of thousands).
                writer.digestConcurrently(people[direction] ?? []) { writer, person throws(LogError) in
                    writer.punctuation("{")
                    if let reason = person.reason {
                        writer.punctuation("\"reason\":")
                        try writer.writeString(reason.description)
                        writer.punctuation(",")
                    }
                    writer.punctuation("\"release\":")
                    try person.release.writeManifestCanonical(into: &writer)
                    writer.punctuation(",\"request\":")
                    try person.request.writeManifestCanonical(into: &writer)
                    writer.punctuation("}")
                }
                writer.punctuation("]}")
            }
            writer.punctuation("],\"exchange\":")
            try writer.writeString(exchange.hex)
            writer.punctuation(",\"participants\":")
            try writer.write(.array(participants.map(\.json)), depth: 1)
            if let phase {
                writer.punctuation(",\"phase\":")
                try writer.write([
                    "name": .string(phase.phase.name), "number": .number(Double(phase.number)), "counts": Terms.countsJSON(phase.phase.counts),
                ], depth: 1)
            }
            writer.punctuation(",\"reconciliation\":")
            try writer.writeString(reconciliation)
            writer.punctuation(",\"terms\":")
            try writer.write(terms?.json ?? .null, depth: 1)
            writer.punctuation(",\"title\":")
            try writer.writeString(title)
            writer.punctuation(",\"version\":1}")
        }
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
            // A phase manifest answers to its phase's counts, the whole exchange's to the terms'.
            let counts = phase?.phase.counts ?? terms.counts
            for direction in Direction.allCases where (counts[direction] ?? 0) != count(direction) {
                out.append(.termsBroken(direction, expected: counts[direction] ?? 0, actual: count(direction)))
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

    /// Writes ``manifestJSON`` straight into `writer`: `author`, `entry`, `envelope`, `fields`
    /// (by field name), `list`, `side`.
    func writeManifestCanonical(into writer: inout CanonicalWriter) throws(LogError) {
        writer.punctuation("{\"author\":")
        try writer.writeString(ref.author.hex)
        writer.punctuation(",\"entry\":")
        try writer.writeString(ref.entry)
        writer.punctuation(",\"envelope\":")
        try writer.writeString(envelope.hex)
        writer.punctuation(",\"fields\":")
        try writer.writeFields(fields)
        writer.punctuation(",\"list\":")
        try writer.writeString(ref.list.kind.rawValue)
        writer.punctuation(",\"side\":")
        try writer.writeString(ref.list.side.rawValue)
        writer.punctuation("}")
    }
}

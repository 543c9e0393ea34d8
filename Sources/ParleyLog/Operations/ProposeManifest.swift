public import ParleyCrypto

/// The body of `manifest.propose`: a mediator proposes the manifest with this hash for signing.
///
/// JSON form: `{"manifest": <64 hex: the manifest hash>, "basis": [{"author": <key id>, "seq":
/// <int ≥ 1>, "id": <envelope id>}, …], "waivers": [<waiver>, …]}` (see ``Manifest/hash`` and
/// ``Waiver``); no two waivers name the same blocker. Only a mediator proposes. A manifest of one
/// phase of the terms (PROTOCOL.md §10.5) adds the member `"phase"` (``ProposedPhase``); a
/// manifest of the whole exchange leaves it out, so its bytes are those it always had.
///
/// The manifest itself is not carried: every participant builds it from its own state and signs
/// only if it gets the same hash. The `basis` names the head of every chain the proposer's state
/// held (sorted by author, each author once), so a participant whose own manifest differs can
/// rebuild the proposed one from those envelopes alone and see exactly what differs.
public struct ProposeManifest: Sendable, Hashable, Codable {
    /// The most chains a basis may name.
    public static let maxBasis = 10_000

    /// The manifest's hash.
    public var manifest: String
    /// The chain heads of the state the manifest was built from, by author.
    public var basis: [KeyID: ChainHead]
    /// The blockers the mediator waives, with reasons.
    public var waivers: [Waiver]
    /// The phase the manifest covers, with its people's entries; `nil` for the whole exchange.
    public var phase: ProposedPhase?
    /// The manifest form the proposer built (PROTOCOL.md §10.3), when it is not this release's
    /// (``Manifest/form``); `nil`: that form, and the member is left out, so such proposals keep
    /// their bytes. A signer that does not build the named form refuses to sign
    /// (``Refusal/Code/otherManifestForm``) instead of finding another hash.
    public var form: Int?

    /// The largest form number a proposal may name.
    public static let maxForm = 1_000

    /// Describes a proposal.
    ///
    /// - Parameters:
    ///   - manifest: The manifest's hash.
    ///   - basis: The chain heads of the state it was built from (a verification's `heads`).
    ///   - waivers: The blockers waived, with reasons.
    ///   - phase: The phase a phase manifest covers (``ProposedPhase/init(manifest:)``).
    ///   - form: The manifest form, when it is not ``Manifest/form`` (`nil`: that form).
    public init(manifest: String, basis: [KeyID: ChainHead], waivers: [Waiver] = [], phase: ProposedPhase? = nil, form: Int? = nil) {
        self.manifest = manifest
        self.basis = basis
        self.waivers = waivers
        self.phase = phase
        self.form = form == Manifest.form ? nil : form
    }

    /// The manifest form proposed: ``form``, or this release's.
    public var proposedForm: Int { form ?? Manifest.form }

    /// Decodes the JSON form strictly.
    public init(from decoder: any Decoder) throws {
        self = try Self.decodeBridged(from: decoder)
    }

    /// Encodes the JSON form.
    public func encode(to encoder: any Encoder) throws {
        try encodeBridged(to: encoder)
    }

    /// What is wrong with this body, if anything.
    var problem: String? {
        if basis.isEmpty || basis.count > Self.maxBasis {
            return "manifest.propose `basis` must name 1 to \(Self.maxBasis) chain heads"
        }
        if Set(waivers.map(\.blocker)).count != waivers.count { return "manifest.propose waives a blocker twice" }
        return waivers.lazy.compactMap(\.problem).first
    }
}

extension ProposeManifest: JSONBridged {
    init(json: JSONValue) throws(LogError) {
        let reader = try JSONObjectReader(
            json, context: "manifest.propose body", members: ["manifest", "basis", "waivers"], optional: ["phase", "form"]
        )
        var waivers: [Waiver] = []
        for value in try reader.array("waivers") {
            waivers.append(try Waiver(json: value))
        }
        var basis: [KeyID: ChainHead] = [:]
        var previous: KeyID?
        for value in try reader.array("basis") {
            let head = try JSONObjectReader(value, context: "manifest.propose basis", members: ["author", "seq", "id"])
            guard let author = KeyID(hex: try head.string("author")) else {
                throw .malformed("basis member `author` must be a key id (64 lowercase hex digits)")
            }
            if let previous, !(previous < author) {
                throw .malformed("manifest.propose `basis` must be sorted by author, each author once")
            }
            previous = author
            basis[author] = ChainHead(seq: try head.integer("seq", in: 1...Envelope.maxSeq), id: try head.envelopeID("id"))
        }
        let phase = reader.has("phase") ? try ProposedPhase(json: reader.value("phase")) : nil
        let form = reader.has("form") ? try reader.integer("form", in: 1...Self.maxForm) : nil
        if form == Manifest.form {
            throw .malformed("manifest.propose `form` is left out for form \(Manifest.form), the form this member would name")
        }
        self.init(manifest: try reader.hash("manifest"), basis: basis, waivers: waivers, phase: phase, form: form)
        if let problem { throw .malformed(problem) }
    }

    var json: JSONValue {
        var members: [String: JSONValue] = [
            "manifest": .string(manifest),
            "basis": .array(basis.sorted { $0.key < $1.key }.map { author, head in
                ["author": .string(author.hex), "seq": .number(Double(head.seq)), "id": .string(head.id.hex)]
            }),
            "waivers": .array(waivers.map(\.json)),
        ]
        // Absent for the whole exchange, so such proposals keep their bytes.
        if let phase { members["phase"] = phase.json }
        // Absent for this release's form, likewise.
        if let form { members["form"] = .number(Double(form)) }
        return .object(members)
    }
}

extension ProposeManifest {
    /// The envelopes of a party that a basis covers, and where the party's chains do not reach
    /// or contradict it.
    public struct Coverage: Sendable {
        /// The covered envelopes, in the order given.
        public let covered: [SignedEnvelope]
        /// For each author whose chain here ends before its basis head: the highest seq held
        /// (0 for none). Syncing may fill these.
        public let short: [KeyID: Int]
        /// Authors whose envelope at the basis seq here has another id than the basis names: a
        /// fork, which syncing cannot settle.
        public let conflicting: [KeyID]
    }

    /// Splits `envelopes` into those the basis covers (each author's chain up to its head in the
    /// basis) and says which chains fall short of it or contradict it.
    ///
    /// - Parameter envelopes: The envelopes a party holds of the exchange.
    public func covering(_ envelopes: [SignedEnvelope]) -> Coverage {
        var covered: [SignedEnvelope] = []
        var held: [KeyID: Int] = [:]
        var conflicting: Set<KeyID> = []
        for signed in envelopes {
            let envelope = signed.envelope
            guard let head = basis[envelope.author], envelope.seq <= head.seq else { continue }
            if envelope.seq == head.seq, signed.id != head.id {
                conflicting.insert(envelope.author)
                continue
            }
            covered.append(signed)
            held[envelope.author] = max(held[envelope.author] ?? 0, envelope.seq)
        }
        var short: [KeyID: Int] = [:]
        for (author, head) in basis where (held[author] ?? 0) < head.seq && !conflicting.contains(author) {
            short[author] = held[author] ?? 0
        }
        return Coverage(covered: covered, short: short, conflicting: conflicting.sorted())
    }
}

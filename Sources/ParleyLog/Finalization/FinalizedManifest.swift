import ParleyCrypto

/// A finalized manifest as one file that verifies offline: the manifest, the exchange's genesis
/// (which holds every participant's public key and whose id is the exchange id), the mediator's
/// `manifest.propose` envelopes and every participant's `manifest.sign` envelope.
///
/// Each `manifest.sign` envelope is its author's signature on the manifest hash (under the
/// envelope context); the hash is over `parley/v1/manifest` ‖ 0x00 ‖ the manifest's canonical
/// bytes. File form (RFC 8785 JSON, see ``fileBytes``):
///
/// ```
/// {"format": "parley/v1/finalized-manifest", "manifest": {…},
///  "genesis": <signed envelope>, "proposals": [<signed envelope>…], "signatures": [<signed envelope>…]}
/// ```
///
/// where a signed envelope is the wire object `{"envelope": {…}, "signature": "…"}`.
public struct FinalizedManifest: Sendable {
    /// The `format` member's value.
    public static let format = "parley/v1/finalized-manifest"

    /// The manifest, exactly as the file holds it: for a file assembled here, the canonical form
    /// of the manifest it was assembled from, made when asked (for the file's bytes), since the
    /// tree of a register's manifest (tens of thousands of people) is most of what showing the
    /// document costs.
    public var manifest: JSONValue {
        source?.canonicalForm ?? read ?? .null
    }
    /// The manifest as read from a file's JSON (`nil` for a file assembled here).
    private let read: JSONValue?
    /// The genesis of the exchange.
    public let genesis: SignedEnvelope
    /// The mediator's proposals of the manifest.
    public let proposals: [SignedEnvelope]
    /// The participants' signatures.
    public let signatures: [SignedEnvelope]
    /// The manifest the file was assembled from, when it was assembled here (``manifest`` is its
    /// canonical form): what reads the file need not read the manifest or hash it again.
    let source: Manifest?

    /// Assembles the file for a manifest the state shows as proposed.
    ///
    /// - Parameters:
    ///   - manifest: The manifest.
    ///   - state: The state that holds its proposals and signatures.
    ///   - envelopes: The envelopes by id (e.g. ``VerificationReport/envelopes``), to take the
    ///     genesis, proposals and counted signatures from.
    /// - Returns: `nil` if the state has no proposal of the manifest or an envelope is missing.
    public init?(manifest: Manifest, state: ExchangeState, envelopes: [EnvelopeID: SignedEnvelope]) {
        guard let status = state.manifestStatus(manifest.hash), let genesis = envelopes[state.exchange.genesis] else { return nil }
        let proposals = status.proposals.compactMap { envelopes[$0.envelope] }
        let signatures = status.signatures.compactMap { envelopes[$0.envelope] }
        guard proposals.count == status.proposals.count, signatures.count == status.signatures.count else { return nil }
        self.init(assembling: manifest, genesis: genesis, proposals: proposals, signatures: signatures)
    }

    /// A file assembled here from `manifest` and the envelopes of its exchange that propose and
    /// sign it.
    init(assembling manifest: Manifest, genesis: SignedEnvelope, proposals: [SignedEnvelope], signatures: [SignedEnvelope]) {
        self.init(read: nil, genesis: genesis, proposals: proposals, signatures: signatures, source: manifest)
    }

    /// A file from its parts.
    public init(manifest: JSONValue, genesis: SignedEnvelope, proposals: [SignedEnvelope], signatures: [SignedEnvelope]) {
        self.init(read: manifest, genesis: genesis, proposals: proposals, signatures: signatures, source: nil)
    }

    private init(read: JSONValue?, genesis: SignedEnvelope, proposals: [SignedEnvelope], signatures: [SignedEnvelope], source: Manifest?) {
        self.read = read
        self.genesis = genesis
        self.proposals = proposals
        self.signatures = signatures
        self.source = source
    }

    /// Reads a file.
    ///
    /// - Parameter bytes: The file's bytes: I-JSON (any spacing and member order).
    /// - Throws: ``LogError`` when the bytes are not JSON, or not this format, or an envelope is
    ///   not a well-formed signed envelope. Wrong signatures and hashes are not errors: see ``verify()``.
    public init(parsing bytes: some Collection<UInt8>) throws(LogError) {
        try self.init(json: JSONValue(parsing: bytes))
    }

    /// Reads a file already parsed as JSON (see ``init(parsing:)``).
    ///
    /// - Throws: As ``init(parsing:)``, for all but the JSON itself.
    public init(json value: JSONValue) throws(LogError) {
        let reader = try JSONObjectReader(value, context: "finalized manifest", members: ["format", "manifest", "genesis", "proposals", "signatures"])
        guard try reader.string("format") == Self.format else { throw .malformed("not a \(Self.format) file") }
        func envelope(_ value: JSONValue) throws(LogError) -> SignedEnvelope {
            try SignedEnvelope(parsing: try CanonicalJSON.encode(value))
        }
        _ = try reader.object("manifest")
        var proposals: [SignedEnvelope] = []
        for value in try reader.array("proposals") {
            proposals.append(try envelope(value))
        }
        var signatures: [SignedEnvelope] = []
        for value in try reader.array("signatures") {
            signatures.append(try envelope(value))
        }
        self.init(manifest: reader.value("manifest"), genesis: try envelope(reader.value("genesis")), proposals: proposals, signatures: signatures)
    }

    /// The file's bytes: RFC 8785 canonical JSON of the file form.
    public var fileBytes: [UInt8] {
        func wire(_ envelope: SignedEnvelope) -> JSONValue {
            // Wire bytes were produced or checked by the strict reader, so they parse.
            guard let value = try? JSONValue(parsing: envelope.wireBytes) else { preconditionFailure("wire bytes parse") }
            return value
        }
        let file: JSONValue = [
            "format": .string(Self.format),
            "manifest": manifest,
            "genesis": wire(genesis),
            "proposals": .array(proposals.map(wire)),
            "signatures": .array(signatures.map(wire)),
        ]
        guard let bytes = try? CanonicalJSON.encode(file) else { preconditionFailure("a finalized manifest serializes") }
        return bytes
    }

    /// What a manifest says of itself that the file's check holds against the genesis: its
    /// exchange, its participants, and the directions whose count is not their number of people.
    private struct Claims {
        /// Where the claims are read from.
        enum Form {
            /// A manifest read from a file (anything may be in it).
            case read(JSONValue)
            /// The manifest a file was assembled from here, whose canonical form is the file's.
            case assembled(Manifest)
        }

        let exchange: String
        let participants: [JSONValue]
        let countMismatches: [Direction]

        /// The claims, as ``Manifest/canonicalForm`` writes them for an assembled manifest; `nil`
        /// when a manifest read from a file lacks `exchange`, `participants` or `directions`.
        init?(_ form: Form) {
            switch form {
            case let .assembled(manifest):
                exchange = manifest.exchange.hex
                participants = manifest.participants.map(\.json)
                // Its canonical form writes each count as the number of its people.
                countMismatches = []
            case let .read(manifest):
                guard let exchange = manifest["exchange"]?.stringValue, let directions = manifest["directions"]?.arrayValue,
                      let listed = manifest["participants"]?.arrayValue
                else { return nil }
                self.exchange = exchange
                participants = listed
                countMismatches = directions.compactMap { value in
                    guard case let .object(members) = value,
                          let direction = members["direction"]?.stringValue.flatMap(Direction.init(rawValue:)),
                          members["count"]?.intValue != members["people"]?.arrayValue?.count
                    else { return nil }
                    return direction
                }
            }
        }
    }

    /// Checks the file with nothing else: the genesis, the manifest's exchange, participants and
    /// counts, the proposal, and every participant's signature.
    ///
    /// - Returns: The manifest hash, the valid signers, the waivers and every problem found.
    public func verify() -> ManifestVerification {
        let hash: String
        if let source {
            hash = source.hash
        } else if let manifestBytes = try? CanonicalJSON.encode(manifest) {
            hash = Manifest.hash(canonicalBytes: manifestBytes)
        } else {
            return ManifestVerification(manifestHash: "", signers: [], waivers: [], problems: [.unreadable("the manifest does not serialize")])
        }
        func result(_ problems: [ManifestProblem], signers: [KeyID] = [], waivers: [Waiver] = []) -> ManifestVerification {
            ManifestVerification(manifestHash: hash, signers: signers, waivers: waivers, problems: problems)
        }

        // The genesis: validly signed by its creator; its participants hold the keys.
        guard genesis.envelope.isGenesis, case let .createExchange(create) = genesis.envelope.operation,
              let creator = create.participants.first(where: { $0.keyID == genesis.envelope.author }),
              genesis.isSigned(by: creator.publicKey)
        else { return result([.genesisInvalid]) }
        let exchange = ExchangeID(genesis: genesis.id)
        let participants = Dictionary(uniqueKeysWithValues: create.participants.map { ($0.keyID, $0) })

        // The manifest's own claims.
        guard let claims = Claims(source.map(Claims.Form.assembled) ?? .read(manifest)) else {
            return result([.unreadable("the manifest lacks `exchange`, `participants` or `directions`")])
        }
        var problems: [ManifestProblem] = []
        if claims.exchange != exchange.hex {
            problems.append(.exchangeMismatch)
        }
        if claims.participants != create.participants.sorted(by: { $0.keyID < $1.keyID }).map(\.json) {
            problems.append(.participantsAltered)
        }
        problems += claims.countMismatches.map(ManifestProblem.countMismatch)

        // The proposals: by a mediator, of this exchange, validly signed.
        var signedHashes: [String] = []
        var waivers: [Waiver] = []
        var proposed = false
        for proposal in proposals {
            guard proposal.envelope.exchange == exchange, case let .proposeManifest(body) = proposal.envelope.operation,
                  let author = participants[proposal.envelope.author], author.role == .mediator,
                  proposal.isSigned(by: author.publicKey)
            else { continue }
            signedHashes.append(body.manifest)
            if body.manifest == hash {
                proposed = true
                waivers += body.waivers
            }
        }

        // The signatures: each participant's, each key once.
        var signers: Set<KeyID> = []
        var signatureProblems: [ManifestProblem] = []
        for signature in signatures.sorted(by: { $0.envelope.author != $1.envelope.author ? $0.envelope.author < $1.envelope.author : $0.id < $1.id }) {
            let author = signature.envelope.author
            guard let participant = participants[author] else {
                signatureProblems.append(.notAParticipant(author))
                continue
            }
            guard signature.isSigned(by: participant.publicKey) else {
                signatureProblems.append(.badSignature(author))
                continue
            }
            guard signature.envelope.exchange == exchange, case let .signManifest(body) = signature.envelope.operation else {
                signatureProblems.append(.notASignature(author))
                continue
            }
            signedHashes.append(body.manifest)
            if body.manifest != hash {
                signatureProblems.append(.signsAnotherManifest(author, body.manifest))
            } else if !signers.insert(author).inserted {
                signatureProblems.append(.duplicateSignature(author))
            }
        }

        if !proposed, !signedHashes.isEmpty, !signedHashes.contains(hash) {
            // Everything signed names another hash: the manifest itself was changed.
            let signed = Dictionary(grouping: signedHashes, by: { $0 }).max { ($0.value.count, $1.key) < ($1.value.count, $0.key) }!.key
            problems.append(.manifestAltered(signed: signed))
            problems += signatureProblems.filter {
                if case .signsAnotherManifest = $0 { false } else { true }
            }
            return result(problems, waivers: waivers)
        }
        if !proposed {
            problems.append(.noProposal)
        }
        problems += signatureProblems
        for key in participants.keys.sorted() where !signers.contains(key) {
            problems.append(.missingSignature(key))
        }
        return result(problems, signers: signers.sorted(), waivers: waivers)
    }
}

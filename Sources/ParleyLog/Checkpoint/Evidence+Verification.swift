import ParleyCrypto

extension Evidence {
    /// Reads an evidence file: any I-JSON (embedded checkpoints and envelopes are re-serialized
    /// with RFC 8785 and read strictly).
    ///
    /// - Parameter bytes: The file.
    /// - Throws: ``LogError/Code/malformedEvidence`` naming what is wrong, or the parser's codes.
    public init(parsing bytes: some Collection<UInt8>) throws(LogError) {
        var text = Array(bytes)
        if text.last == 0x0A { text.removeLast() }
        let value = try JSONValue(parsing: text)
        guard let members = value.objectValue else { throw Self.malformed("an evidence file is a JSON object") }
        guard members["format"]?.stringValue == Self.format else {
            throw Self.malformed("`format` must be \"\(Self.format)\"")
        }
        switch members["kind"]?.stringValue {
        case "split-view":
            guard Set(members.keys) == ["format", "kind", "server_key", "checkpoints"] else {
                throw Self.malformed("a split view has exactly `format`, `kind`, `server_key` and `checkpoints`")
            }
            guard let hex = members["server_key"]?.stringValue, let raw = Hex.decode(hex, count: 32),
                  let key = try? PublicKey(rawRepresentation: raw)
            else { throw Self.malformed("`server_key` must be a raw Ed25519 public key in hex (64 digits)") }
            guard let list = members["checkpoints"]?.arrayValue, list.count == 2 else {
                throw Self.malformed("`checkpoints` must hold exactly two signed checkpoints")
            }
            let checkpoints = try list.map { value throws(LogError) in try SignedCheckpoint(json: value) }
            self = .splitView(serverKey: key, checkpoints[0], checkpoints[1])
        case "equivocation":
            guard Set(members.keys) == ["format", "kind", "genesis", "envelopes"] else {
                throw Self.malformed("an equivocation has exactly `format`, `kind`, `genesis` and `envelopes`")
            }
            guard let list = members["envelopes"]?.arrayValue, list.count == 2, let genesis = members["genesis"] else {
                throw Self.malformed("`envelopes` must hold exactly two signed envelopes, beside a `genesis`")
            }
            let envelopes = try ([genesis] + list).map { value throws(LogError) in
                try SignedEnvelope(parsing: try CanonicalJSON.encode(value))
            }
            self = .equivocation(genesis: envelopes[0], envelopes[1], envelopes[2])
        default:
            throw Self.malformed("`kind` must be \"split-view\" or \"equivocation\"")
        }
    }

    /// Why a piece of evidence proves nothing.
    public enum Flaw: Hashable, Sendable, CustomStringConvertible {
        /// A checkpoint's `server` is not the given key's id, or its signature does not verify.
        case checkpointNotSigned
        /// The two checkpoints are of different exchanges.
        case differentExchanges
        /// The two checkpoints are of different sizes (only equal sizes prove a split view offline).
        case differentSizes
        /// The two checkpoints have the same root: one history.
        case sameRoot
        /// The genesis is not an `exchange.create` validly signed by its creator.
        case genesisInvalid
        /// An envelope is not of the genesis's exchange.
        case wrongExchange
        /// An envelope's author is not a participant.
        case notAParticipant
        /// An envelope's signature is not its author's.
        case envelopeNotSigned
        /// The envelopes are not of one author and one seq.
        case notTheSameSlot
        /// The two envelopes are the same envelope.
        case sameEnvelope

        /// The flaw's name.
        public var description: String {
            switch self {
            case .checkpointNotSigned: "checkpointNotSigned"
            case .differentExchanges: "differentExchanges"
            case .differentSizes: "differentSizes"
            case .sameRoot: "sameRoot"
            case .genesisInvalid: "genesisInvalid"
            case .wrongExchange: "wrongExchange"
            case .notAParticipant: "notAParticipant"
            case .envelopeNotSigned: "envelopeNotSigned"
            case .notTheSameSlot: "notTheSameSlot"
            case .sameEnvelope: "sameEnvelope"
            }
        }
    }

    /// Checks the evidence with nothing else.
    ///
    /// - Returns: The flaws found; empty when the evidence proves what it claims.
    public func flaws() -> [Flaw] {
        switch self {
        case let .splitView(key, first, second):
            var flaws: [Flaw] = []
            if !first.isSigned(by: key) || !second.isSigned(by: key) { flaws.append(.checkpointNotSigned) }
            if first.checkpoint.exchange != second.checkpoint.exchange { flaws.append(.differentExchanges) }
            if first.checkpoint.size != second.checkpoint.size { flaws.append(.differentSizes) }
            if first.checkpoint.root == second.checkpoint.root { flaws.append(.sameRoot) }
            return flaws
        case let .equivocation(genesis, first, second):
            guard case let .createExchange(create) = genesis.envelope.operation, genesis.envelope.isGenesis,
                  let creator = create.participants.first(where: { $0.keyID == genesis.envelope.author }),
                  genesis.isSigned(by: creator.publicKey)
            else { return [.genesisInvalid] }
            let exchange = ExchangeID(genesis: genesis.id)
            var flaws: [Flaw] = []
            for envelope in [first, second] {
                let inExchange = envelope.envelope.exchange == exchange || envelope.id == genesis.id
                if !inExchange { flaws.append(.wrongExchange) }
                guard let author = create.participants.first(where: { $0.keyID == envelope.envelope.author }) else {
                    flaws.append(.notAParticipant)
                    continue
                }
                if !envelope.isSigned(by: author.publicKey) { flaws.append(.envelopeNotSigned) }
            }
            if first.envelope.author != second.envelope.author || first.envelope.seq != second.envelope.seq {
                flaws.append(.notTheSameSlot)
            }
            if first.id == second.id { flaws.append(.sameEnvelope) }
            return Array(Set(flaws)).sorted { $0.description < $1.description }
        }
    }

    private static func malformed(_ detail: String) -> LogError {
        LogError(code: .malformedEvidence, message: "not an evidence file: \(detail)")
    }
}

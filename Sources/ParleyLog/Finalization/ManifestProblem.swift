public import ParleyCrypto

/// One reason a finalized manifest file does not verify.
public enum ManifestProblem: Hashable, Sendable, CustomStringConvertible {
    /// The file is not a finalized manifest (the detail says which rule broke, never what it held).
    case unreadable(String)
    /// The genesis is not a validly signed `exchange.create` (e.g. a participant was added to it).
    case genesisInvalid
    /// The genesis is not the exchange the manifest names.
    case exchangeMismatch
    /// The manifest's participants are not the genesis's (one was added, removed or changed).
    case participantsAltered
    /// A direction's stated count is not the number of people it lists.
    case countMismatch(Direction)
    /// No validly signed `manifest.propose` by a mediator is in the file.
    case noProposal
    /// The proposal and signatures are for another manifest hash: a person or field was altered.
    case manifestAltered(signed: String)
    /// A signature envelope's signature does not verify with its author's key.
    case badSignature(KeyID)
    /// A signature envelope is by a key that is not a participant.
    case notAParticipant(KeyID)
    /// A signature envelope belongs to another exchange, or is not a `manifest.sign`.
    case notASignature(KeyID)
    /// A participant signed another manifest hash than this file's.
    case signsAnotherManifest(KeyID, String)
    /// A participant's signature appears more than once (it counts once; not a failure).
    case duplicateSignature(KeyID)
    /// A participant has no valid signature on the manifest.
    case missingSignature(KeyID)

    /// Whether the problem makes the file fail verification (all but ``duplicateSignature(_:)``).
    public var isFailure: Bool {
        if case .duplicateSignature = self { false } else { true }
    }

    /// E.g. `missingSignature(3b6a27bc…)`.
    public var description: String {
        switch self {
        case let .unreadable(detail): "unreadable(\(detail))"
        case .genesisInvalid: "genesisInvalid"
        case .exchangeMismatch: "exchangeMismatch"
        case .participantsAltered: "participantsAltered"
        case let .countMismatch(direction): "countMismatch(\(direction.rawValue))"
        case .noProposal: "noProposal"
        case let .manifestAltered(signed): "manifestAltered(signed \(signed))"
        case let .badSignature(key): "badSignature(\(key.hex))"
        case let .notAParticipant(key): "notAParticipant(\(key.hex))"
        case let .notASignature(key): "notASignature(\(key.hex))"
        case let .signsAnotherManifest(key, hash): "signsAnotherManifest(\(key.hex), \(hash))"
        case let .duplicateSignature(key): "duplicateSignature(\(key.hex))"
        case let .missingSignature(key): "missingSignature(\(key.hex))"
        }
    }
}

/// What verifying a finalized manifest file found.
public struct ManifestVerification: Hashable, Sendable {
    /// The hash of the manifest as the file holds it.
    public let manifestHash: String
    /// The participants with a valid signature on that hash, by key id.
    public let signers: [KeyID]
    /// The waivers the proposals recorded.
    public let waivers: [Waiver]
    /// Every problem, in the order the checks ran.
    public let problems: [ManifestProblem]

    /// Whether the file verifies: every participant signed this manifest and nothing was altered.
    public var isValid: Bool {
        !problems.contains(where: \.isFailure)
    }
}

import ParleyCrypto

/// Everything the whole exchange's manifest and its blockers read from a state, pinned in one
/// key: a kept manifest summary (its hash, counts and blockers) is valid for any state with the
/// same key, so `finalize status` after another party signed reads it instead of building the
/// manifest from 100,000 rows again.
///
/// The key is the hex SHA-256 of:
/// - the version of these rules;
/// - the reconciliation hash, which pins both directions' rows: the agreed people, and the open
///   disputes about each row's entries (a dispute blocks when it is about an included entry,
///   whose row names it);
/// - the exchange's title and participants (RFC 8785 form), which the manifest names;
/// - the terms in force (RFC 8785 form), or that there are none or that they conflict;
/// - how many entries this party cannot open yet: the rows pin entries by envelope, while the
///   manifest carries their fields, which an entry gains when it opens.
///
/// Nothing else of the state reaches ``Manifest/init(reconciliation:state:)`` or
/// ``Manifest/blockers(in:waiving:)`` without waivers (`KeptReconciliationTests` checks kept
/// summaries against manifests built from scratch after random operations).
public struct ManifestInputs: Hashable, Sendable {
    /// Bump when what a manifest holds or what blocks it changes.
    package static let version = "parley-manifest-inputs/2"

    /// The key.
    public let key: String

    /// The inputs of the whole exchange's manifest of `state`, whose reconciliation hashes to
    /// `reconciliation`.
    ///
    /// - Parameters:
    ///   - reconciliation: The reconciliation hash of the state.
    ///   - state: The state (its facts; its lists may be empty).
    ///   - unopened: How many of the state's entries this party cannot open yet
    ///     (``ExchangeState/unopenedEntryCount`` of the whole state).
    public init(reconciliation: String, state: ExchangeState, unopened: Int) {
        var bytes = Array("\(Self.version)\n\(state.exchange.hex)\n\(reconciliation)\n\(unopened)\n".utf8)
        let named: JSONValue = .object([
            "title": .string(state.title), "participants": .array(state.participants.map(\.json)),
        ])
        let terms: JSONValue = switch state.currentTerms {
        case .none: .string("none")
        case let .agreed(terms, _): terms.json
        case .conflicting: .string("conflicting")
        }
        for value in [named, terms] {
            // Every string here came from a signed body or the strict parser, so it serializes.
            guard let canonical = try? CanonicalJSON.encode(value) else {
                preconditionFailure("a manifest's inputs have a value that RFC 8785 cannot serialize")
            }
            bytes += canonical
            bytes.append(UInt8(ascii: "\n"))
        }
        key = Hex.encode(SHA256.hash(bytes))
    }
}

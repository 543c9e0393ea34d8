/// Why a participant may not sign an operation on a state: a stable ``Code``, a sentence safe to
/// show (never record contents), and the blockers when a manifest is blocked.
///
/// ``ExchangeState/refusal(of:by:)`` gives one; `Party.sign` throws it as the cause of its
/// `notAllowed` error, and every face (the command line, the workspace) shows its ``lines``: the
/// blockers one per line, then the message and the code. Two refusals are equal when their codes
/// are.
public struct Refusal: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of refusal this is; codes can be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Wrapped: String, Hashable, Sendable {
            case notAParticipant
            case roleNotAllowed
            case noSuchEntry
            case noSuchDispute
            case disputeClosed
            case notOpenerOrMediator
            case noSuchManifest
            case alreadySigned
            case notThisStatesManifest
            case blocked
            case reconciliationChanged
            case notConfirmed
            case finalized
            case keyRule
            case unopened
            case noSuchPhase
            case notClosed
            case alreadyErased
            case otherManifestForm
        }

        private let wrapped: Wrapped

        private init(_ wrapped: Wrapped) {
            self.wrapped = wrapped
        }

        /// A `key.rotate`, `key.recovery` or `key.revoke` that the chain's keys do not allow
        /// (PROTOCOL.md §5.14–5.16): it replaces a key not in force, names a second recovery key,
        /// or revokes without one.
        public static var keyRule: Self { Self(.keyRule) }
        /// A `confirm`, `manifest.propose` or `manifest.sign` on a state that holds sealed records
        /// this party could not open (PROTOCOL.md §5.19): it would vouch for lists it has not read.
        public static var unopened: Self { Self(.unopened) }
        /// The key is not a participant of the exchange.
        public static var notAParticipant: Self { Self(.notAParticipant) }
        /// The author's role may not author the operation (PROTOCOL.md §5.13).
        public static var roleNotAllowed: Self { Self(.roleNotAllowed) }
        /// An entry the operation names is not on its list.
        public static var noSuchEntry: Self { Self(.noSuchEntry) }
        /// The dispute the operation names does not exist.
        public static var noSuchDispute: Self { Self(.noSuchDispute) }
        /// The dispute is already closed.
        public static var disputeClosed: Self { Self(.disputeClosed) }
        /// Only the dispute's opener or a mediator may close it.
        public static var notOpenerOrMediator: Self { Self(.notOpenerOrMediator) }
        /// No manifest with that hash has been proposed.
        public static var noSuchManifest: Self { Self(.noSuchManifest) }
        /// This key has already signed that manifest.
        public static var alreadySigned: Self { Self(.alreadySigned) }
        /// The manifest is not the one this state builds.
        public static var notThisStatesManifest: Self { Self(.notThisStatesManifest) }
        /// Something blocks the manifest (see ``Refusal/blockers``).
        public static var blocked: Self { Self(.blocked) }
        /// The reconciliation hash named is not this state's.
        public static var reconciliationChanged: Self { Self(.reconciliationChanged) }
        /// A direction was not confirmed by the proposer at this state (PROTOCOL.md §5.11).
        public static var notConfirmed: Self { Self(.notConfirmed) }
        /// The exchange is final for this author (PROTOCOL.md §7.1): the operation would be set aside.
        public static var finalized: Self { Self(.finalized) }
        /// A phase manifest cannot be drawn: no terms with phases are in force, they have no such
        /// phase, or they set no `as_of` (``ManifestProposal``).
        public static var noSuchPhase: Self { Self(.noSuchPhase) }
        /// An `exchange.erase` while the exchange is not closed (``ExchangeState/isClosed``).
        public static var notClosed: Self { Self(.notClosed) }
        /// A second `exchange.erase` by the same participant.
        public static var alreadyErased: Self { Self(.alreadyErased) }
        /// The manifest was proposed in a manifest form this release does not build
        /// (``ProposeManifest/form``): every participant needs a release that builds it.
        public static var otherManifestForm: Self { Self(.otherManifestForm) }

        /// The code's name, e.g. `finalized`.
        public var description: String { wrapped.rawValue }
    }

    /// The kind of refusal.
    public let code: Code
    /// Why, in one sentence safe to show.
    public let message: String
    /// For ``Code/blocked``: what blocks the manifest, less the waivers.
    public let blockers: [Blocker]

    /// Makes a refusal.
    ///
    /// - Parameters:
    ///   - code: The kind.
    ///   - message: Why, safe to show.
    ///   - blockers: What blocks a manifest, for ``Code/blocked``.
    public init(_ code: Code, _ message: String, blockers: [Blocker] = []) {
        self.code = code
        self.message = message
        self.blockers = blockers
    }

    /// Compares codes only.
    public static func == (lhs: Refusal, rhs: Refusal) -> Bool {
        lhs.code == rhs.code
    }

    /// Hashes the code only, consistently with `==`.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
    }

    /// The message.
    public var description: String { message }

    /// The refusal as every face shows it: each blocker on its own line (`blocker: …`), then
    /// `MESSAGE; nothing was signed (refusal: CODE)`.
    public var lines: [String] {
        blockers.map { "blocker: \($0)" } + ["\(message); nothing was signed (refusal: \(code))"]
    }
}

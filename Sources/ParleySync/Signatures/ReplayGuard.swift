public import ParleyCrypto
import Synchronization

/// Remembers the (key id, nonce) of every accepted request until its signature can no longer be
/// fresh, so that the same signed request is accepted once.
///
/// An entry is kept until `created + window` (after that, the verifier refuses the request as
/// stale anyway). Memory is bounded by `capacity`: when it is full of live entries, new requests
/// get ``Outcome/overloaded`` rather than evicting an entry, which would let its request be
/// replayed. The clock is injected.
///
/// ```swift
/// let guard = ReplayGuard(window: 300, capacity: 100_000) { Int64(Date().timeIntervalSince1970) }
/// if case .valid(let request) = verdict,
///    guard.check(keyID: request.keyID, nonce: request.nonce, created: request.created) == .fresh { … }
/// ```
public final class ReplayGuard: Sendable {
    /// What the guard says of a request.
    public enum Outcome: Hashable, Sendable {
        /// Not seen within the window; it is now remembered.
        case fresh
        /// Seen before within the window (answer `replayed_request`, 401).
        case replayed
        /// Too many live entries to remember another (answer `unavailable`, 503).
        case overloaded
    }

    private struct Entry: Hashable {
        let keyID: KeyID
        let nonce: String
    }

    private struct State {
        var expiries: [Entry: Int64] = [:]
        var queue = ExpiryHeap<Entry>()
    }

    private let window: Int64
    private let capacity: Int
    private let clock: @Sendable () -> Int64
    private let state = Mutex(State())

    /// A guard with nothing remembered.
    ///
    /// - Parameters:
    ///   - window: The verifier's window in seconds: an entry lives until `created + window`.
    ///   - capacity: The most entries kept at once.
    ///   - clock: The current time in seconds since 1970.
    public init(
        window: Int64 = RequestSignature.defaultWindow, capacity: Int = 100_000,
        clock: @escaping @Sendable () -> Int64
    ) {
        precondition(capacity > 0, "a replay guard must hold at least one entry")
        self.window = window
        self.capacity = capacity
        self.clock = clock
    }

    /// Records a verified request, unless it was seen within the window.
    ///
    /// - Parameters:
    ///   - keyID: The signer's key id.
    ///   - nonce: The signature's nonce.
    ///   - created: The signature's `created`.
    /// - Returns: ``Outcome/fresh`` the first time, ``Outcome/replayed`` after.
    public func check(keyID: KeyID, nonce: String, created: Int64) -> Outcome {
        let now = clock()
        let entry = Entry(keyID: keyID, nonce: nonce)
        let expiry = created.addingReportingOverflow(window).overflow ? Int64.max : created + window
        return state.withLock { state in
            while let (time, expired) = state.queue.min, time < now {
                state.queue.removeMin()
                if state.expiries[expired] == time {
                    state.expiries[expired] = nil
                }
            }
            if let known = state.expiries[entry], known >= now {
                return .replayed
            }
            guard expiry >= now else {
                // Already outside the window: the verifier refuses it as stale; nothing to keep.
                return .fresh
            }
            guard state.expiries.count < capacity else { return .overloaded }
            state.expiries[entry] = expiry
            state.queue.insert(expiry, entry)
            return .fresh
        }
    }

    /// How many entries are held now (expired ones included until the next check).
    public var count: Int {
        state.withLock { $0.expiries.count }
    }
}

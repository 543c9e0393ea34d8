public import ParleyCrypto
import Synchronization

/// Remembers the (key id, nonce) of every accepted request until its signature can no longer be
/// fresh, so that the same signed request is accepted once.
///
/// An entry is kept until `created + window` (after that, the verifier refuses the request as
/// stale anyway). Memory is kept **per key** and bounded per key by `capacity`: when one key's
/// memory is full of live entries, that key's new requests get ``Outcome/overloaded`` rather than
/// evicting an entry (which would let its request be replayed), and every other key is served as
/// before. Only keys whose signatures verified get here, so the number of keys is bounded by the
/// keys the server knows. The clock is injected.
///
/// ```swift
/// let guard = ReplayGuard(window: 300, capacity: 10_000) { Int64(Date().timeIntervalSince1970) }
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
        /// Too many live entries of this key to remember another (answer `rate_limited`, 429); its
        /// oldest entry is forgotten, and a new one fits, after `retryAfter` seconds (at least 1).
        case overloaded(retryAfter: Int64)
    }

    /// One key's nonces and when each may be forgotten.
    private struct KeyMemory {
        var expiries: [String: Int64] = [:]
        var queue = ExpiryHeap<String>()

        /// Forgets the entries whose time has passed.
        mutating func prune(before now: Int64) {
            while let (time, expired) = queue.min, time < now {
                queue.removeMin()
                if expiries[expired] == time {
                    expiries[expired] = nil
                }
            }
        }
    }

    private struct State {
        var keys: [KeyID: KeyMemory] = [:]
        var count = 0
        var lastSweep: Int64 = .min
    }

    private let window: Int64
    private let capacity: Int
    private let clock: @Sendable () -> Int64
    private let state = Mutex(State())

    /// A guard with nothing remembered.
    ///
    /// - Parameters:
    ///   - window: The verifier's window in seconds: an entry lives until `created + window`.
    ///   - capacity: The most entries kept at once for one key.
    ///   - clock: The current time in seconds since 1970.
    public init(
        window: Int64 = RequestSignature.defaultWindow, capacity: Int = 10_000,
        clock: @escaping @Sendable () -> Int64
    ) {
        precondition(capacity > 0, "a replay guard must hold at least one entry per key")
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
    /// - Returns: ``Outcome/fresh`` the first time, ``Outcome/replayed`` after,
    ///   ``Outcome/overloaded`` while this key's memory is full.
    public func check(keyID: KeyID, nonce: String, created: Int64) -> Outcome {
        let now = clock()
        let expiry = created.addingReportingOverflow(window).overflow ? Int64.max : created + window
        return state.withLock { state in
            sweep(&state, now: now)
            var memory = state.keys.removeValue(forKey: keyID) ?? KeyMemory()
            let before = memory.expiries.count
            memory.prune(before: now)
            defer {
                state.count += memory.expiries.count - before
                if !memory.expiries.isEmpty { state.keys[keyID] = memory }
            }
            if let known = memory.expiries[nonce], known >= now {
                return .replayed
            }
            guard expiry >= now else {
                // Already outside the window: the verifier refuses it as stale; nothing to keep.
                return .fresh
            }
            guard memory.expiries.count < capacity else {
                // Entries at `time` are pruned once the clock passes it: room at `time + 1`.
                let oldest = memory.queue.min?.time ?? now
                return .overloaded(retryAfter: max(1, oldest.subtractingReportingOverflow(now).partialValue &+ 1))
            }
            memory.expiries[nonce] = expiry
            memory.queue.insert(expiry, nonce)
            return .fresh
        }
    }

    /// Once per window, forgets the expired entries of every key, and the keys left with none.
    private func sweep(_ state: inout State, now: Int64) {
        guard now.subtractingReportingOverflow(state.lastSweep).partialValue > window || state.lastSweep == .min else { return }
        state.lastSweep = now
        var count = 0
        for keyID in Array(state.keys.keys) {
            state.keys[keyID]?.prune(before: now)
            let held = state.keys[keyID]?.expiries.count ?? 0
            if held == 0 { state.keys[keyID] = nil }
            count += held
        }
        state.count = count
    }

    /// How many entries are held now, over every key (expired ones included until they are pruned).
    public var count: Int {
        state.withLock { $0.count }
    }

    /// How many entries are held now for one key.
    ///
    /// - Parameter keyID: The key.
    /// - Returns: Its live and not yet pruned entries.
    public func count(of keyID: KeyID) -> Int {
        state.withLock { $0.keys[keyID]?.expiries.count ?? 0 }
    }
}

import ParleyCrypto
import Synchronization

/// The server's account of what each key and each unauthenticated address has asked of it
/// (``RequestBudgetLimits``), so that one participant's flood slows that participant only.
///
/// Keys are counted only once their signature verified (a key id is not secret: counting
/// unverified requests against a key would let anyone spend its budget), so the keys held are
/// bounded by the keys the server knows. Addresses are bounded by ``maxAddresses``: full buckets
/// are forgotten first, and past the bound every new address shares one bucket.
final class RequestBudgets: Sendable {
    /// What a budget says of a request.
    enum Admission: Equatable, Sendable {
        /// Go on.
        case admitted
        /// Refuse with `429 rate_limited` and `Retry-After`: a token is back after this many
        /// seconds (rounded up, at least 1; 1 when the key has too many requests in progress).
        case limited(retryAfter: Int)
    }

    /// The most addresses tracked one by one.
    static let maxAddresses = 10_000

    private struct KeyAccount {
        var bucket: TokenBucket
        var inFlight = 0
    }

    private struct State {
        var keys: [KeyID: KeyAccount] = [:]
        var addresses: [String: TokenBucket] = [:]
    }

    private static let overflowAddress = "*"
    private let limits: RequestBudgetLimits
    private let now: @Sendable () -> Double
    private let state = Mutex(State())

    /// Budgets with nothing spent.
    ///
    /// - Parameters:
    ///   - limits: The budgets.
    ///   - now: A monotonic clock in seconds (tests inject one).
    init(limits: RequestBudgetLimits, now: @escaping @Sendable () -> Double = RequestBudgets.monotonicSeconds()) {
        self.limits = limits
        self.now = now
    }

    /// Seconds since an arbitrary origin on the continuous clock.
    static func monotonicSeconds() -> @Sendable () -> Double {
        let origin = ContinuousClock.now
        return {
            let elapsed = ContinuousClock.now - origin
            return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        }
    }

    /// Takes one request of a verified key: a token from its bucket and a place among its
    /// requests in progress. Call ``finish(_:)`` when an admitted request is done.
    func begin(_ keyID: KeyID) -> Admission {
        let time = now()
        return state.withLock { state in
            var account = state.keys[keyID] ?? KeyAccount(bucket: TokenBucket(burst: limits.keyBurst, now: time))
            defer { state.keys[keyID] = account }
            // Requests in progress end when they end (a long poll within a minute): try again soon.
            guard account.inFlight < limits.keyConcurrent else { return .limited(retryAfter: 1) }
            if let wait = account.bucket.take(now: time, rate: limits.keyRate, burst: limits.keyBurst) {
                return .limited(retryAfter: Self.seconds(wait))
            }
            account.inFlight += 1
            return .admitted
        }
    }

    /// Ends a request that ``begin(_:)`` admitted.
    func finish(_ keyID: KeyID) {
        state.withLock { state in
            state.keys[keyID]?.inFlight -= 1
        }
    }

    /// Whether an address may still send a request that does not authenticate.
    func addressMayTry(_ address: String) -> Admission {
        let time = now()
        return state.withLock { state in
            let key = state.addresses[address] == nil && state.addresses.count >= Self.maxAddresses
                ? Self.overflowAddress : address
            guard var bucket = state.addresses[key] else { return .admitted }
            defer { state.addresses[key] = bucket }
            guard let wait = bucket.waitForToken(now: time, rate: limits.addressRate, burst: limits.addressBurst) else { return .admitted }
            return .limited(retryAfter: Self.seconds(wait))
        }
    }

    /// Spends a token of an address for a request that did not authenticate.
    func charge(_ address: String) {
        let time = now()
        state.withLock { state in
            if state.addresses[address] == nil, state.addresses.count >= Self.maxAddresses {
                state.addresses = state.addresses.filter { _, bucket in
                    var bucket = bucket
                    return !bucket.isFull(now: time, rate: limits.addressRate, burst: limits.addressBurst)
                }
            }
            let key = state.addresses[address] == nil && state.addresses.count >= Self.maxAddresses
                ? Self.overflowAddress : address
            var bucket = state.addresses[key] ?? TokenBucket(burst: limits.addressBurst, now: time)
            _ = bucket.take(now: time, rate: limits.addressRate, burst: limits.addressBurst)
            state.addresses[key] = bucket
        }
    }

    /// A wait as `Retry-After` delay-seconds: rounded up, at least 1, at most a day (a bucket
    /// that never refills is told to wait a minute).
    private static func seconds(_ wait: Double) -> Int {
        wait.isFinite ? max(1, Int(min(wait, 86_400).rounded(.up))) : 60
    }
}

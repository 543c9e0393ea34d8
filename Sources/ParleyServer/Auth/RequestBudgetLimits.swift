/// How much one participant, or one address that does not authenticate, may ask of a server.
///
/// Each key has a token bucket (``keyBurst`` requests at once, refilled at ``keyRate`` a second)
/// and at most ``keyConcurrent`` requests in progress; each address has a bucket for the requests
/// that do not prove a known key (unsigned, malformed, unknown key, bad signature, stale). A key
/// or address past its budget gets `429 rate_limited` with `Retry-After`; nobody else notices.
public struct RequestBudgetLimits: Sendable, Hashable {
    /// Requests a key may send at once before it must wait for the bucket to refill.
    public var keyBurst: Int
    /// Requests a second a key's bucket refills by.
    public var keyRate: Double
    /// Requests of one key in progress at once (long polls included).
    public var keyConcurrent: Int
    /// Live nonces the server remembers for one key (its replay memory is per key).
    public var keyNonces: Int
    /// Unauthenticated requests an address may send at once.
    public var addressBurst: Int
    /// Unauthenticated requests a second an address's bucket refills by.
    public var addressRate: Double

    /// Budgets that a party syncing, even every second with `--watch`, never reaches.
    ///
    /// A key's bucket lets through at most `keyBurst + keyRate × 300` requests in a replay window,
    /// fewer than `keyNonces`, so its replay memory never fills before its budget runs out.
    public init(
        keyBurst: Int = 200, keyRate: Double = 20, keyConcurrent: Int = 16, keyNonces: Int = 10_000,
        addressBurst: Int = 100, addressRate: Double = 10
    ) {
        self.keyBurst = keyBurst
        self.keyRate = keyRate
        self.keyConcurrent = keyConcurrent
        self.keyNonces = keyNonces
        self.addressBurst = addressBurst
        self.addressRate = addressRate
    }

    /// No budget worth the name: for benchmarks that measure the server's own throughput.
    public static let unlimited = RequestBudgetLimits(
        keyBurst: 1 << 40, keyRate: 1e12, keyConcurrent: 1 << 20, keyNonces: 1 << 30, addressBurst: 1 << 40, addressRate: 1e12
    )
}

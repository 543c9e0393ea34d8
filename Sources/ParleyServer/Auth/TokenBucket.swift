/// A token bucket: holds up to `burst` tokens, refilled at `rate` a second; a request takes one.
struct TokenBucket: Sendable {
    private var tokens: Double
    private var updated: Double

    /// A full bucket at time `now` (seconds on a monotonic clock).
    init(burst: Int, now: Double) {
        self.tokens = Double(burst)
        self.updated = now
    }

    /// Takes a token if there is one.
    ///
    /// - Returns: `nil` when a token was taken; otherwise the seconds until one will be there.
    mutating func take(now: Double, rate: Double, burst: Int) -> Double? {
        if let wait = waitForToken(now: now, rate: rate, burst: burst) { return wait }
        tokens -= 1
        return nil
    }

    /// Whether a token is there now, without taking it.
    ///
    /// - Returns: `nil` when there is one; otherwise the seconds until one will be there.
    mutating func waitForToken(now: Double, rate: Double, burst: Int) -> Double? {
        refill(now: now, rate: rate, burst: burst)
        if tokens >= 1 { return nil }
        return rate > 0 ? (1 - tokens) / rate : .infinity
    }

    /// Whether the bucket is full, so that forgetting it changes nothing.
    mutating func isFull(now: Double, rate: Double, burst: Int) -> Bool {
        refill(now: now, rate: rate, burst: burst)
        return tokens >= Double(burst)
    }

    private mutating func refill(now: Double, rate: Double, burst: Int) {
        if now > updated {
            tokens = min(Double(burst), tokens + (now - updated) * rate)
            updated = now
        }
    }
}

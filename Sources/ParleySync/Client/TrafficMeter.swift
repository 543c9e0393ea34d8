import ParleyWire
import Synchronization

/// Counts a client's round trips and the bytes it sends and receives (request line, header
/// fields and body each way; status line and header fields of responses), for benchmarks and
/// progress reports.
public final class TrafficMeter: Sendable {
    /// A snapshot of the counters.
    public struct Totals: Sendable, Hashable {
        /// Requests sent (each a round trip).
        public var requests = 0
        /// Bytes sent.
        public var sent = 0
        /// Bytes received.
        public var received = 0
    }

    private let totals = Mutex(Totals())

    /// A meter at zero.
    public init() {}

    /// The counters now.
    public var current: Totals { totals.withLock { $0 } }

    /// Sets the counters to zero.
    public func reset() {
        totals.withLock { $0 = Totals() }
    }

    func request(bytes: Int) {
        totals.withLock {
            $0.requests += 1
            $0.sent += bytes
        }
    }

    func received(bytes: Int) {
        totals.withLock { $0.received += bytes }
    }
}

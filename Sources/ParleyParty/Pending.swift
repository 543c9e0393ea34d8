import Dispatch
import Synchronization

/// A value computed on another thread from when it is made until ``value()`` is asked for: what
/// a command computes beside its own work (the next part's signatures while a part of a pull is
/// stored).
final class Pending<Value: Sendable>: Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let result = Mutex<Value?>(nil)

    /// Starts `work` on a global queue.
    init(_ work: @escaping @Sendable () -> Value) {
        DispatchQueue.global().async {
            let value = work()
            self.result.withLock { $0 = value }
            self.done.signal()
        }
    }

    /// The value, once it is computed (waits for it); may be asked for again.
    func value() -> Value {
        done.wait()
        done.signal()
        guard let value = result.withLock({ $0 }) else { preconditionFailure("a pending value is set before it is signalled") }
        return value
    }
}

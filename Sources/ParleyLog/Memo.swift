import Synchronization

/// A value worked out once from an immutable value that holds this memo (a manifest's hash, a
/// reconciliation's manifest): shared by the holder's copies and never part of its equality, since
/// the holder decides the value.
struct Memo<Value: Sendable>: Hashable, Sendable {
    private final class Box: Sendable {
        let value = Mutex<Value?>(nil)
    }

    private let box = Box()

    /// The value, made by `make` the first time it is asked for.
    func value(_ make: () -> Value) -> Value {
        if let kept = box.value.withLock({ $0 }) { return kept }
        let made = make()
        box.value.withLock { $0 = made }
        return made
    }

    static func == (lhs: Memo, rhs: Memo) -> Bool { true }
    func hash(into hasher: inout Hasher) {}
}

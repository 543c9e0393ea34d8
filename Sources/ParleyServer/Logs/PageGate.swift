/// Backpressure between a pull's reader and its writer: the reader enters before it hands over a
/// page and waits (suspended, not polling) while `limit` pages are in flight; the writer leaves
/// once it has written one. Closing lets a waiting reader go, so it can stop.
actor PageGate {
    private let limit: Int
    private var inFlight = 0
    private var closed = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// A gate for at most `limit` pages in flight.
    init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// Takes a place for one page, waiting until there is one (or the gate is closed).
    func enter() async {
        if closed { return }
        if inFlight < limit {
            inFlight += 1
            return
        }
        // The place is handed over by `leave()`, or the wait ends with `close()`.
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Gives a page's place back, to a waiting reader if there is one.
    func leave() {
        if waiting.isEmpty {
            inFlight = max(0, inFlight - 1)
        } else {
            waiting.removeFirst().resume()
        }
    }

    /// Lets every waiting reader go; later entries do not wait.
    func close() {
        closed = true
        for waiter in waiting { waiter.resume() }
        waiting = []
    }
}

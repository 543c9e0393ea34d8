import ParleyCrypto
import ParleyLog
import ParleyStore

/// A real server store, rigged for an attack:
///
/// - its appends, once the ``Meeting`` is armed, wait for each other: each of `count` appends
///   waits until all have arrived (or a minute has passed), then goes on. Two servers each behind
///   one, on one database, are thereby made to check their rival pushes against the same heads
///   before either writes — the check/persist race, every time rather than now and then;
/// - the heads it reports go through ``reportedHeads`` (a lying server: one that misreports a
///   chain's head).
struct RiggedStore: ServerStore {
    /// Where the appends meet.
    actor Meeting {
        private var expected = 0
        private var round = 0
        private var waiting: [CheckedContinuation<Void, Never>] = []

        /// From now on, the next `count` appends wait for each other.
        func arm(_ count: Int) {
            expected = count
            round += 1
        }

        /// Waits until the armed number of appends are here, or 60 s have passed.
        func arrive() async {
            guard expected > 0 else { return }
            if waiting.count + 1 >= expected {
                release(round)
                return
            }
            let round = round
            await withCheckedContinuation { continuation in
                waiting.append(continuation)
                Task {
                    try? await Task.sleep(for: .seconds(60))
                    self.release(round)
                }
            }
        }

        /// Lets the waiting appends of `round` go, and disarms; a later round is left alone.
        private func release(_ round: Int) {
            guard round == self.round else { return }
            expected = 0
            for waiter in waiting { waiter.resume() }
            waiting = []
        }
    }

    let store: any ServerStore
    var meeting = Meeting()
    /// What the store reports as the heads of an exchange it holds (by default what it holds).
    var reportedHeads: @Sendable (LogHeads) -> LogHeads = { $0 }

    func createExchange(genesis: SignedEnvelope) async throws(StoreError) -> Bool {
        try await store.createExchange(genesis: genesis)
    }

    func genesis(of exchange: ExchangeID) async throws(StoreError) -> SignedEnvelope? {
        try await store.genesis(of: exchange)
    }

    func exchanges() async throws(StoreError) -> [ExchangeID] {
        try await store.exchanges()
    }

    func heads(of exchange: ExchangeID) async throws(StoreError) -> LogHeads {
        reportedHeads(try await store.heads(of: exchange))
    }

    func existing(_ ids: [EnvelopeID], in exchange: ExchangeID) async throws(StoreError) -> Set<EnvelopeID> {
        try await store.existing(ids, in: exchange)
    }

    func envelopeID(in exchange: ExchangeID, author: KeyID, seq: Int) async throws(StoreError) -> EnvelopeID? {
        try await store.envelopeID(in: exchange, author: author, seq: seq)
    }

    func append(_ envelopes: [SignedEnvelope], to exchange: ExchangeID) async throws(StoreError) -> ServerAppendResult {
        await meeting.arrive()
        return try await store.append(envelopes, to: exchange)
    }

    func envelopes(
        of exchange: ExchangeID, after have: [KeyID: Int], size: Int, pageSize: Int,
        _ page: @Sendable ([StoredWire]) async throws -> Void
    ) async throws {
        try await store.envelopes(of: exchange, after: have, size: size, pageSize: pageSize, page)
    }

    func leaves(of exchange: ExchangeID, in range: Range<Int>) async throws(StoreError) -> [EnvelopeID] {
        try await store.leaves(of: exchange, in: range)
    }

    func erase(_ exchange: ExchangeID, keeping: Set<EnvelopeID>, ifSize size: Int) async throws(StoreError) -> Int {
        try await store.erase(exchange, keeping: keeping, ifSize: size)
    }

    func shutdown() async {
        await store.shutdown()
    }
}

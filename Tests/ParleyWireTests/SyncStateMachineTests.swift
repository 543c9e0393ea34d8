import ParleyCrypto
import ParleyLog
import ParleyWire
import Testing

/// The sync's order as tables of events and the actions they must give.
@Suite struct SyncStateMachineTests {
    static let limits = ServerInfo.Limits(maxBodyBytes: 1 << 20, maxEnvelopeBytes: 1 << 18, maxBatch: 2)
    static let header = PullHeader(size: 3, heads: ChainHeads([:]), count: 0, checkpoint: .null, consistency: [])
    static let envelopes = SyncFixture.envelopes(5).1

    /// Feeds `steps` in order and checks each action.
    private func run(_ steps: [(SyncStateMachine.Event, SyncStateMachine.Action)]) {
        var machine = SyncStateMachine(limits: Self.limits)
        for (index, (event, expected)) in steps.enumerated() {
            #expect(machine.handle(event) == expected, "step \(index)")
        }
    }

    @Test func nothingToPush() {
        run([
            (.start(holdsExchange: true), .pull),
            (.pulled(Self.header), .ingest(Self.header)),
            (.ingested(missing: [], checkpoint: 3), .gossip),
            (.gossiped, .finish(registered: false, pushed: 0)),
        ])
    }

    @Test func pushesInBatchesWithinTheLimitsEachFromTheLastCheckpoint() {
        let e = Self.envelopes
        run([
            (.start(holdsExchange: true), .pull),
            (.pulled(Self.header), .ingest(Self.header)),
            (.ingested(missing: e, checkpoint: 3), .push(Array(e[0..<2]), checkpoint: 3)),
            (.pushed(accepted: 2, checkpoint: 5), .push(Array(e[2..<4]), checkpoint: 5)),
            (.pushed(accepted: 1, checkpoint: 6), .push([e[4]], checkpoint: 6)),
            (.pushed(accepted: 1, checkpoint: 7), .gossip),
            (.gossiped, .finish(registered: false, pushed: 4)),
        ])
    }

    @Test func anExchangeTheServerLacksIsRegisteredOnceThenPulled() {
        run([
            (.start(holdsExchange: true), .pull),
            (.unknownExchange, .register),
            (.registered(created: true), .pull),
            (.pulled(Self.header), .ingest(Self.header)),
            (.ingested(missing: [], checkpoint: 1), .gossip),
            (.gossiped, .finish(registered: true, pushed: 0)),
        ])
        // Unknown again after registering: reported, not a loop.
        run([
            (.start(holdsExchange: true), .pull),
            (.unknownExchange, .register),
            (.registered(created: false), .pull),
            (.unknownExchange, .reportUnknownExchange),
        ])
    }

    @Test func anExchangeNeitherHoldsIsReported() {
        run([
            (.start(holdsExchange: false), .pull),
            (.unknownExchange, .reportUnknownExchange),
        ])
    }

    @Test(arguments: [1, 2, 3, 2_000, 10_000])
    func batchesKeepOrderAndFitTheLimits(maxBatch: Int) {
        let (_, envelopes) = SyncFixture.envelopes(7)
        let limits = ServerInfo.Limits(maxBodyBytes: 1 << 20, maxEnvelopeBytes: 1 << 18, maxBatch: maxBatch)
        let batches = SyncStateMachine.batches(envelopes, limits: limits)
        #expect(batches.flatMap { $0 } == envelopes)
        #expect(batches.allSatisfy { !$0.isEmpty && $0.count <= maxBatch })
        let tight = ServerInfo.Limits(maxBodyBytes: envelopes[1].wireBytes.count * 2 + 2, maxEnvelopeBytes: 1 << 18, maxBatch: 100)
        #expect(SyncStateMachine.batches(envelopes, limits: tight).allSatisfy { $0.reduce(0) { $0 + $1.wireBytes.count + 1 } <= tight.maxBodyBytes || $0.count == 1 })
    }
}

import ParleyLog
@testable import ParleyStore
import Testing

/// Prints the append throughput of each server store backend; no bound is asserted, because tests
/// run unoptimized on shared cores.
@Suite(.serialized) struct ServerStoreThroughputTests {
    @Test(arguments: ServerBackend.enabled)
    func appendingInBatchesOfAHundred(backend: ServerBackend) async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try await backend.open(in: directory)
        var exchange = ServerExchange()
        _ = try await store.createExchange(genesis: exchange.genesis)
        // 10 authors × 1,000 envelopes, interleaved 10 by 10 as pushes from many clients would be.
        let chains = (0..<10).map { index in exchange.sign(1_000, by: StoreFixture.key(UInt8(0x60 + index))) }
        var envelopes: [SignedEnvelope] = []
        for start in stride(from: 0, to: 1_000, by: 10) {
            for chain in chains { envelopes += chain[start..<start + 10] }
        }

        let clock = ContinuousClock()
        let elapsed = try await clock.measure {
            for start in stride(from: 0, to: envelopes.count, by: 100) {
                _ = try await store.append(Array(envelopes[start..<start + 100]), to: exchange.id)
            }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("server store \(backend): appended \(envelopes.count) envelopes in batches of 100 in \(elapsed), "
            + "\(Int(Double(envelopes.count) / seconds)) envelopes/s")
        #expect(try await store.heads(of: exchange.id).size == envelopes.count + 1)
        await store.shutdown()
    }
}

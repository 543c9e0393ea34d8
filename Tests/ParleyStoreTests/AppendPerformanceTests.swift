import ParleyLog
import ParleyStore
import Testing

@Suite struct AppendPerformanceTests {
    /// Appending a batch twice stores it once; prints the cost of each append and of reading it
    /// back (the speed is `parley-bench log`'s and the scale benchmark's to judge).
    @Test func appendingABatchTwiceStoresItOnce() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let replica = try Replica.open(path: directory.path("replica.sqlite"))
        var exchange = StoreFixture.exchange(puts: 0)
        let count = 10_000
        for index in 0..<count {
            exchange.envelopes.append(try exchange.signerA.sign(
                StoreFixture.put(.request, "p-\(index)", surname: "Testenko"), at: StoreFixture.time(index)
            ))
        }
        let clock = ContinuousClock()
        var result = AppendResult(added: 0, alreadyPresent: 0)
        let append = try clock.measure { result = try replica.appendUnchecked(exchange.envelopes) }
        let again = try clock.measure { result = try replica.appendUnchecked(exchange.envelopes) }
        let read = try clock.measure { _ = try replica.storedEnvelopes(exchange: exchange.id) }

        #expect(result.alreadyPresent == exchange.envelopes.count)
        print("replica: append \(exchange.envelopes.count) envelopes \(append), again \(again), read back \(read)")
    }
}

import Foundation
import Hummingbird
import HummingbirdTesting
import ParleyLog
import ParleyServer
import ParleySync
import ParleyWire
import Testing

/// The sync client waits out a `429 rate_limited` answer's `Retry-After` within its budget, and
/// reports the refusal when the wait would exceed it. A real server on 127.0.0.1 with a tiny
/// request budget: one request at once, one more every 4 s (so `Retry-After` is a few seconds,
/// longer than a slow machine takes between two requests).
@Suite struct RetryAfterTests {
    typealias F = ServerFixture

    static let tiny = RequestBudgetLimits(keyBurst: 1, keyRate: 0.25, keyConcurrent: 4, keyNonces: 100)
    /// One request, then one more every 100 s: a `Retry-After` so long that answering "at once"
    /// and waiting it out cannot be confused on a loaded machine.
    static let glacial = RequestBudgetLimits(keyBurst: 1, keyRate: 0.01, keyConcurrent: 4, keyNonces: 100)

    @Test func theClientWaitsOutRetryAfterWithinItsBudget() async throws {
        try await LiveServer.application(budgets: Self.tiny).test(.live) { client in
            let url = "http://127.0.0.1:\(client.port!)"
            let (genesis, signer) = F.genesis()
            _ = try await SyncClient(server: url, key: F.headquartersA).register(genesis: genesis)
            let patient = SyncClient(server: url, key: F.mediator, retryBudget: .seconds(10))
            let started = ContinuousClock.now
            // Two requests in a row: the second is answered 429 with `Retry-After` first, waits it
            // out and is served.
            for _ in 0..<2 {
                #expect(try await patient.heads(of: signer.exchange).size == 1)
            }
            #expect(ContinuousClock.now - started >= .seconds(2))
        }
    }

    @Test func aWaitPastTheBudgetIsReportedAtOnce() async throws {
        try await LiveServer.application(budgets: Self.glacial).test(.live) { client in
            let url = "http://127.0.0.1:\(client.port!)"
            let (genesis, signer) = F.genesis()
            _ = try await SyncClient(server: url, key: F.headquartersA).register(genesis: genesis)
            let impatient = SyncClient(server: url, key: F.mediator, retryBudget: .zero)
            _ = try await impatient.heads(of: signer.exchange)
            let started = ContinuousClock.now
            let error = await #expect(throws: SyncError.self) { try await impatient.heads(of: signer.exchange) }
            #expect(error?.refusal == .rateLimited)
            #expect(ContinuousClock.now - started < .seconds(30), "well short of the 100 s it was asked to wait")
        }
    }
}

import Foundation
import Hummingbird
import HummingbirdTesting
import ParleyCrypto
import ParleyLog
import ParleyServer
import ParleyStore
import ParleySync
import ParleyWire
import Testing

/// Every answer that refuses for load says when to come back, and the sync client waits that out.
///
/// The server's `429 rate_limited` (a key's budget, its replay memory) and `503 unavailable` (the
/// store) carry `Retry-After` in delay-seconds (RFC 9110 §10.2.3), and a request sent after that
/// wait is served. The sync client waits out `Retry-After` within its budget and reports the
/// refusal when the wait would exceed it. A real server on 127.0.0.1 with a tiny request budget:
/// one request at once, one more every 4 s (so `Retry-After` is a few seconds, longer than a slow
/// machine takes between two requests).
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

    /// A key that spent its burst is refused with the wait until its bucket holds a token again;
    /// after that wait, the same key is served.
    @Test func aKeyPastItsBudgetIsToldWhenItsNextTokenIsThere() async throws {
        // Two at once, then one every 10 s.
        let budgets = RequestBudgetLimits(keyBurst: 2, keyRate: 0.1, keyConcurrent: 16, keyNonces: 100)
        try await LiveServer.application(budgets: budgets).test(.live) { client in
            let port = client.port!
            let exchange = try await Self.register(port)
            // Six requests at once: the burst is served, the rest refused (a slow machine would
            // need 40 s between the first and the last for all to find a token).
            let target = "/v1/exchanges/\(exchange.hex)/heads"
            let connections = try (0..<6).map { _ in try RawConnection(port: port) }
            for connection in connections {
                connection.send(try StarvationTests.head("GET", target, by: F.mediator, body: [], length: 0))
            }
            var answers: [RawConnection.Head] = []
            for connection in connections {
                answers.append(try #require(await connection.readHead(within: 30)))
            }
            #expect(answers.filter { $0.status == 200 }.count >= 2)
            let refused = try #require(answers.first { $0.status == 429 })
            #expect(answers.allSatisfy { $0.status == 200 || $0.status == 429 })
            let seconds = try #require(Self.delaySeconds(refused))
            // The wait is the bucket's refill time for one token, rounded up: 1 … 10 s.
            #expect((1...10).contains(seconds))
            #expect(refused.value("connection") == "close")
            try await Task.sleep(for: .seconds(seconds))
            #expect(try await Self.heads(port, exchange, by: F.mediator)?.status == 200)
        }
    }

    /// A key whose replay memory is full is refused with the wait until its oldest nonce is
    /// forgotten; after that wait, the same key is served. The window is also how old a signed
    /// request may be when the server reads it, so it is kept long enough (30 s) for a loaded
    /// machine that takes seconds to read a request not to refuse it as stale.
    @Test func aKeyWithAFullReplayMemoryIsToldWhenItHasRoom() async throws {
        let budgets = RequestBudgetLimits(keyBurst: 100, keyRate: 10, keyConcurrent: 4, keyNonces: 2)
        try await LiveServer.application(budgets: budgets, replayWindow: .seconds(30)).test(.live) { client in
            let port = client.port!
            let exchange = try await Self.register(port)
            for _ in 0..<2 {
                #expect(try await Self.heads(port, exchange, by: F.mediator)?.status == 200)
            }
            let refused = try #require(try await Self.heads(port, exchange, by: F.mediator))
            #expect(refused.status == 429)
            let seconds = try #require(Self.delaySeconds(refused))
            // The oldest nonce lives until its `created` + 30 s: at most 31 s from now.
            #expect((1...31).contains(seconds))
            try await Task.sleep(for: .seconds(seconds))
            #expect(try await Self.heads(port, exchange, by: F.mediator)?.status == 200)
        }
    }

    /// An address past its budget for requests that prove no key (here the unsigned
    /// `GET /v1/server`) is told when its bucket holds a token again, and served after that wait.
    @Test func anAddressPastItsBudgetIsToldWhenItsNextTokenIsThere() async throws {
        let budgets = RequestBudgetLimits(addressBurst: 2, addressRate: 0.1)
        try await LiveServer.application(budgets: budgets).test(.live) { client in
            let port = client.port!
            let connections = try (0..<6).map { _ in try RawConnection(port: port) }
            for connection in connections {
                connection.send("GET /v1/server HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            }
            var answers: [RawConnection.Head] = []
            for connection in connections {
                answers.append(try #require(await connection.readHead(within: 30)))
            }
            let refused = try #require(answers.first { $0.status == 429 })
            let seconds = try #require(Self.delaySeconds(refused))
            #expect((1...10).contains(seconds))
            try await Task.sleep(for: .seconds(seconds))
            let again = try RawConnection(port: port)
            again.send("GET /v1/server HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            #expect(await again.readStatus(within: 30) == 200)
        }
    }

    /// A key with as many requests in progress as it may have (a long poll here) is refused
    /// with `Retry-After: 1`: its requests end when they end.
    @Test func aKeyWithTooManyRequestsInProgressIsToldToTryAgainSoon() async throws {
        let budgets = RequestBudgetLimits(keyBurst: 100, keyRate: 10, keyConcurrent: 1, keyNonces: 100)
        try await LiveServer.application(budgets: budgets).test(.live) { client in
            let port = client.port!
            let exchange = try await Self.register(port)
            // A long poll for a size the log will not reach: it holds the key's one place for 5 s.
            let poll = try RawConnection(port: port)
            poll.send(try StarvationTests.head("GET", "/v1/exchanges/\(exchange.hex)/wait?size=9&timeout=5", by: F.mediator, body: [], length: 0))
            // Let the poll take its place first (on a loaded machine a request may take a while).
            try await Task.sleep(for: .seconds(1))
            var refused: RawConnection.Head?
            let deadline = ContinuousClock.now + .seconds(30)
            while refused == nil, ContinuousClock.now < deadline {
                let head = try #require(try await Self.heads(port, exchange, by: F.mediator))
                if head.status == 429 { refused = head } else { try await Task.sleep(for: .milliseconds(50)) }
            }
            let head = try #require(refused)
            #expect(Self.delaySeconds(head) == 1)
            #expect(await poll.readStatus(within: 30) == 200)
            #expect(try await Self.heads(port, exchange, by: F.mediator)?.status == 200)
        }
    }

    /// A server whose store fails answers `503 unavailable` with `Retry-After`.
    @Test func aFailedStoreIsAnsweredWithRetryAfter() async throws {
        let store = InMemoryServerStore()
        try await LiveServer.application(store: store).test(.live) { client in
            let port = client.port!
            let exchange = try await Self.register(port)
            await store.shutdown()
            for signer in [F.headquartersA, F.mediator] {
                let refused = try #require(try await Self.heads(port, exchange, by: signer))
                #expect(refused.status == 503)
                let seconds = try #require(Self.delaySeconds(refused))
                #expect((1...30).contains(seconds))
            }
        }
    }

    /// Registers the fixture's exchange.
    private static func register(_ port: Int) async throws -> ExchangeID {
        let (genesis, signer) = F.genesis()
        _ = try await SyncClient(server: "http://127.0.0.1:\(port)", key: F.headquartersA).register(genesis: genesis)
        return signer.exchange
    }

    /// The head of the answer to `GET heads` signed by `key`, on a connection of its own.
    private static func heads(_ port: Int, _ exchange: ExchangeID, by key: SigningKey) async throws -> RawConnection.Head? {
        let connection = try RawConnection(port: port)
        connection.send(try StarvationTests.head("GET", "/v1/exchanges/\(exchange.hex)/heads", by: key, body: [], length: 0))
        return await connection.readHead(within: 30)
    }

    /// `Retry-After` as delay-seconds (RFC 9110 §10.2.3: `1*DIGIT`), or `nil` when the field is
    /// missing, given twice, or anything else (an HTTP date).
    private static func delaySeconds(_ head: RawConnection.Head) -> Int? {
        guard let value = head.value("retry-after"), !value.isEmpty, value.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
            return nil
        }
        return Int(value)
    }
}

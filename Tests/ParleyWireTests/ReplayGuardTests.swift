import ParleyCrypto
import ParleyWire
import Synchronization
import Testing

@Suite struct ReplayGuardTests {
    /// A clock the test moves by hand.
    final class FakeClock: Sendable {
        private let time = Mutex<Int64>(1_000)
        var now: Int64 {
            get { time.withLock { $0 } }
            set { time.withLock { $0 = newValue } }
        }
    }

    let alice = SyncFixture.alice.publicKey.keyID
    let bob = SyncFixture.bob.publicKey.keyID

    @Test func aNonceIsAcceptedOncePerKey() {
        let clock = FakeClock()
        let replay = ReplayGuard(window: 300) { clock.now }
        #expect(replay.check(keyID: alice, nonce: "n1", created: 1_000) == .fresh)
        #expect(replay.check(keyID: alice, nonce: "n1", created: 1_000) == .replayed)
        #expect(replay.check(keyID: alice, nonce: "n1", created: 1_100) == .replayed)
        #expect(replay.check(keyID: bob, nonce: "n1", created: 1_000) == .fresh)
        #expect(replay.check(keyID: alice, nonce: "n2", created: 1_000) == .fresh)
        #expect(replay.count == 3)
    }

    @Test func entriesLiveUntilCreatedPlusWindow() {
        let clock = FakeClock()
        let replay = ReplayGuard(window: 300) { clock.now }
        #expect(replay.check(keyID: alice, nonce: "n", created: 1_000) == .fresh)
        clock.now = 1_300
        #expect(replay.check(keyID: alice, nonce: "n", created: 1_000) == .replayed)
        clock.now = 1_301
        // The verifier refuses it as stale now; the guard has forgotten it.
        #expect(replay.check(keyID: bob, nonce: "other", created: 1_301) == .fresh)
        #expect(replay.count == 1)
        #expect(replay.check(keyID: alice, nonce: "n", created: 1_000) == .fresh)
        #expect(replay.count == 1)
    }

    @Test func memoryIsBoundedWithoutForgettingLiveEntries() {
        let clock = FakeClock()
        let replay = ReplayGuard(window: 300, capacity: 3) { clock.now }
        for index in 0..<3 {
            #expect(replay.check(keyID: alice, nonce: "n\(index)", created: 1_000 + Int64(index)) == .fresh)
        }
        #expect(replay.check(keyID: alice, nonce: "n3", created: 1_000) == .overloaded(retryAfter: 301))
        #expect(replay.check(keyID: alice, nonce: "n0", created: 1_000) == .replayed)
        clock.now = 1_301
        #expect(replay.check(keyID: alice, nonce: "n3", created: 1_250) == .fresh)
        #expect(replay.count == 3)
        clock.now = 2_000
        #expect(replay.check(keyID: alice, nonce: "n4", created: 2_000) == .fresh)
        #expect(replay.count == 1)
    }

    /// The wait a full memory names is exact: one second earlier the key is still refused, at the
    /// named second its next request fits. For memories filled at several paces, asked at
    /// several moments.
    @Test(arguments: [(3, 0), (3, 7), (5, 1), (10, 5)])
    func aFullMemoryNamesWhenItHasRoom(capacity: Int, pace: Int64) {
        let clock = FakeClock()
        let window: Int64 = 60
        let replay = ReplayGuard(window: window, capacity: capacity) { clock.now }
        for index in 0..<capacity {
            #expect(replay.check(keyID: alice, nonce: "n\(index)", created: clock.now) == .fresh)
            clock.now += pace
        }
        for asked in [clock.now, clock.now + 1, clock.now + 5] {
            clock.now = asked
            guard case let .overloaded(retryAfter) = replay.check(keyID: alice, nonce: "early", created: asked) else {
                Issue.record("a full memory took another nonce")
                return
            }
            #expect(retryAfter >= 1)
            clock.now = asked + retryAfter - 1
            if retryAfter > 1 {
                #expect(replay.check(keyID: alice, nonce: "early", created: clock.now) != .fresh)
            }
            clock.now = asked
        }
        guard case let .overloaded(retryAfter) = replay.check(keyID: alice, nonce: "late", created: clock.now) else {
            Issue.record("a full memory took another nonce")
            return
        }
        clock.now += retryAfter
        #expect(replay.check(keyID: alice, nonce: "late", created: clock.now) == .fresh)
    }

    @Test func concurrentChecksAcceptEachNonceOnce() async {
        let replay = ReplayGuard(window: 300) { 1_000 }
        let key = alice
        let fresh = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    var count = 0
                    for index in 0..<200 where replay.check(keyID: key, nonce: "n\(index)", created: 1_000) == .fresh {
                        count += 1
                    }
                    return count
                }
            }
            return await group.reduce(0, +)
        }
        #expect(fresh == 200)
    }

    /// One key filling its memory is refused; every other key is served as before.
    @Test func aFullKeyDoesNotStarveAnother() {
        let clock = FakeClock()
        let replay = ReplayGuard(window: 300, capacity: 100) { clock.now }
        for index in 0..<100 {
            #expect(replay.check(keyID: alice, nonce: "a\(index)", created: 1_000) == .fresh)
        }
        for index in 0..<50 {
            #expect(replay.check(keyID: alice, nonce: "more\(index)", created: 1_000) == .overloaded(retryAfter: 301))
            #expect(replay.check(keyID: bob, nonce: "b\(index)", created: 1_000) == .fresh)
        }
        #expect(replay.count(of: alice) == 100)
        #expect(replay.count(of: bob) == 50)
        #expect(replay.count == 150)
        clock.now = 1_301
        #expect(replay.check(keyID: alice, nonce: "later", created: 1_301) == .fresh)
        #expect(replay.count == 1)
    }
}

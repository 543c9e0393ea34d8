import ParleyCrypto
import ParleyLog
import Testing

/// `exchange.erase` in the fold (PROTOCOL.md §5.20): it counts once per participant, only when
/// the exchange is closed and after the author's own signature that closed it, and which ones
/// count does not depend on the order the envelopes are folded in.
@Suite struct ErasureFoldTests {
    typealias S = ExchangeScenario
    static let hash = String(repeating: "ab", count: 32)

    /// Lists, an early erase by side A, a manifest every participant signs, then erasures (one
    /// twice), and the ids of the early and the repeated erase.
    static func log() throws -> (ExchangeScenario, early: EnvelopeID, repeated: EnvelopeID) {
        var s = try ExchangeScenario()
        try s.put(S.hqA, .request, "A-1", ExchangeScenario.person("Koval", "Ivan", born: "1990-01-01"))
        try s.put(S.hqB, .release, "B-1", ExchangeScenario.person("Koval", "Ivan", born: "1990-01-01"))
        let early = try s.sign(S.hqA, .eraseExchange(EraseExchange())).id
        #expect(s.state().refusal(of: .eraseExchange(EraseExchange()), by: S.hqA.publicKey.keyID)?.code == .notClosed)
        try s.sign(S.mediator, .proposeManifest(ProposeManifest(manifest: hash, basis: s.report().heads)))
        for key in S.everyone { try s.sign(key, .signManifest(SignManifest(manifest: hash))) }
        try s.sign(S.hqB, .eraseExchange(EraseExchange()))
        try s.sign(S.hqA, .eraseExchange(EraseExchange()))
        let repeated = try s.sign(S.hqB, .eraseExchange(EraseExchange())).id
        return (s, early, repeated)
    }

    @Test func anErasureCountsOncePerParticipantAndOnlyAfterItsSignatureOfTheFinalManifest() throws {
        let (s, early, repeated) = try Self.log()
        let state = s.state()
        #expect(state.isClosed)
        #expect(Set(state.erasedBy) == [S.hqA.publicKey.keyID, S.hqB.publicKey.keyID])
        #expect(!state.isErasedByEveryone)
        let ignored = Dictionary(uniqueKeysWithValues: state.ignored.filter { $0.operation == .eraseExchange }.map { ($0.envelope, $0.reason) })
        #expect(ignored == [early: .notClosed, repeated: .duplicateErasure])
        #expect(state.refusal(of: .eraseExchange(EraseExchange()), by: S.hqB.publicKey.keyID)?.code == .alreadyErased)
        #expect(state.refusal(of: .eraseExchange(EraseExchange()), by: S.mediator.publicKey.keyID) == nil)
        // The facts, erasures included, are in the state hash.
        var more = s
        try more.sign(S.mediator, .eraseExchange(EraseExchange()))
        try more.sign(S.ombudsmanA, .eraseExchange(EraseExchange()))
        #expect(more.state().stateHash != state.stateHash)
        #expect(more.state().isErasedByEveryone)
    }

    @Test(arguments: 0..<8)
    func whoHasErasedDoesNotDependOnTheOrder(seed: UInt64) throws {
        let (s, _, _) = try Self.log()
        let whole = s.state()
        var rng = SplitMix64(state: seed &+ 5)
        let shuffled = s.envelopes.shuffled(using: &rng)
        let state = try #require(Verifier(exchange: s.exchange).verify(shuffled).state)
        #expect(state.erasedBy == whole.erasedBy)
        #expect(state.stateHash == whole.stateHash)
    }

    @Test func anEraseBodyIsStrict() throws {
        var s = try ExchangeScenario()
        let signed = try s.sign(S.hqA, .eraseExchange(EraseExchange()))
        let body = try #require(try JSONValue(parsing: signed.canonicalBytes)["body"])
        #expect(String(decoding: try CanonicalJSON.encode(body), as: UTF8.self) == "{}")
        #expect(try SignedEnvelope(parsing: signed.wireBytes).envelope.operation == .eraseExchange(EraseExchange()))
    }
}

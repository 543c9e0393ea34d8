import Foundation
import ParleyCrypto
import ParleyLog
import ParleyMatch
import Testing

/// The new operations: each one's JSON round trip and strictness.
@Suite struct OperationTests {
    static let a1 = ExchangeScenario.ref(ExchangeScenario.hqA, .request, "A-1")
    static let b1 = ExchangeScenario.ref(ExchangeScenario.hqB, .release, "B-1")
    static let registry = ExchangeScenario.ref(ExchangeScenario.mediator, .registry, "M-1")
    static let hash = String(repeating: "ab", count: 32)
    static let disputeID = EnvelopeID(hex: String(repeating: "0c", count: 32))!

    /// One example of every new operation, signed by a participant allowed to author it.
    static let examples: [(SigningKey, ParleyLog.Operation)] = [
        (ExchangeScenario.hqA, .assertMatch(MatchPair(request: a1, release: b1, note: "same service number"))),
        (ExchangeScenario.hqB, .rejectMatch(MatchPair(request: a1, release: b1))),
        (ExchangeScenario.hqB, .openDispute(OpenDispute(about: [a1, b1], reason: .identityConflict, note: "twins?"))),
        (ExchangeScenario.hqA, .commentDispute(CommentDispute(dispute: disputeID, note: "birth records attached"))),
        (ExchangeScenario.mediator, .closeDispute(CloseDispute(dispute: disputeID, resolution: "visited; one person"))),
        (ExchangeScenario.mediator, .attest(Attest(entry: registry, kind: .medicallyAssessed, date: CalendarDate(year: 2025, month: 4, day: 30)!))),
        (ExchangeScenario.mediator, .confirm(Confirm(direction: .toB, reconciliation: hash))),
        (ExchangeScenario.mediator, .setTerms(Terms(
            counts: [.toA: 3, .toB: 2],
            phases: [.init(name: "phase 1", counts: [.toA: 1, .toB: 1]), .init(name: "phase 2", counts: [.toA: 2, .toB: 1])],
            asOf: CalendarDate(year: 2025, month: 5, day: 1)
        ))),
        (ExchangeScenario.mediator, .proposeManifest(ProposeManifest(
            manifest: hash, basis: LogFixture.someBasis, waivers: [Waiver(blocker: "terms:to-A", reason: "phase 2 follows")]
        ))),
        (ExchangeScenario.hqB, .signManifest(SignManifest(manifest: hash))),
        (ExchangeScenario.hqA, .announceEncryptionKey(AnnounceEncryptionKey(
            key: try! EncryptionKey(rawRepresentation: [UInt8](repeating: 0x41, count: 32)).publicKey
        ))),
        (ExchangeScenario.hqB, .shareContentKey(ShareContentKey(shares: [.init(
            to: ExchangeScenario.hqA.publicKey.keyID, key: ExchangeScenario.hqA.publicKey.keyID,
            share: try! ContentKeyShare(bytes: [UInt8](repeating: 7, count: ContentKeyShare.byteCount))
        )]))),
        (ExchangeScenario.mediator, .eraseExchange(EraseExchange())),
    ]

    @Test func everyNewOperationHasAnExample() {
        let names = Set(Self.examples.map(\.1.name))
        // Key operations are bound to their place in a chain: `KeyRotationTests` and `KeyRecoveryTests`.
        #expect(names == Set(ParleyLog.Operation.Name.allCases).subtracting([
            .createExchange, .putEntry, .removeEntry, .rotateKey, .nameRecoveryKey, .revokeKey,
        ]))
    }

    @Test func everyOperationSurvivesTheWire() throws {
        var scenario = try ExchangeScenario()
        for (key, operation) in Self.examples {
            let signed = try scenario.sign(key, operation)
            let parsed = try SignedEnvelope(parsing: signed.wireBytes)
            #expect(parsed.envelope.operation == operation, "\(operation.name)")
            #expect(parsed.id == signed.id)
        }
        let report = scenario.report()
        #expect(report.isClean, "\(report.entries.map(\.verdict))")
    }

    @Test func exactJSONOfAMatchAssert() throws {
        var scenario = try ExchangeScenario()
        let signed = try scenario.sign(ExchangeScenario.hqA, Self.examples[0].1)
        let envelope = try JSONValue(parsing: signed.canonicalBytes)
        let body = try #require(envelope["body"])
        let a = ExchangeScenario.hqA.publicKey.keyID.hex, b = ExchangeScenario.hqB.publicKey.keyID.hex
        let expected = #"{"note":"same service number","release":{"author":"\#(b)","entry":"B-1","list":"release","side":"B"},"#
            + #""request":{"author":"\#(a)","entry":"A-1","list":"request","side":"A"}}"#
        #expect(String(decoding: try CanonicalJSON.encode(body), as: UTF8.self) == expected)
        #expect(String(decoding: signed.canonicalBytes, as: UTF8.self).contains(#""op":"match.assert""#))
    }

    @Test func bodiesAreCodableThroughTheirStrictForm() throws {
        try roundTrip(MatchPair(request: Self.a1, release: Self.b1, note: "n"))
        try roundTrip(OpenDispute(about: [Self.a1], reason: .notHeld, note: ""))
        try roundTrip(CommentDispute(dispute: Self.disputeID, note: "c"))
        try roundTrip(CloseDispute(dispute: Self.disputeID, resolution: "r"))
        try roundTrip(Attest(entry: Self.a1, kind: .visited, date: CalendarDate(year: 2024, month: 12, day: 31)!))
        try roundTrip(Confirm(direction: .toA, reconciliation: Self.hash))
        try roundTrip(Terms(counts: [.toA: 1, .toB: 0]))
        try roundTrip(Terms(counts: [.toA: 1, .toB: 0], priorities: [.civilian, .woman]))
        try roundTrip(ProposeManifest(manifest: Self.hash, basis: LogFixture.someBasis))
        try roundTrip(SignManifest(manifest: Self.hash))
        try roundTrip(Self.a1)
    }

    private func roundTrip<T: Codable & Equatable>(_ value: T) throws {
        let data = try JSONEncoder().encode(value)
        #expect(try JSONDecoder().decode(T.self, from: data) == value)
        // An extra member and a missing member are both rejected.
        guard case var .object(members) = try JSONValue(parsing: data) else {
            Issue.record("not an object")
            return
        }
        var extra = members
        extra["extra"] = 1
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(T.self, from: Data(try CanonicalJSON.encode(.object(extra)))) }
        members.removeValue(forKey: members.keys.sorted().first!)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(T.self, from: Data(try CanonicalJSON.encode(.object(members)))) }
    }

    @Test(arguments: [
        ("match.assert", #"{"note":"","release":{"author":"KA","entry":"B-1","list":"release","side":"B"},"request":{"author":"KA","entry":"B-2","list":"release","side":"B"}}"#),
        ("match.reject", #"{"note":"","release":{"author":"KA","entry":"B-1","list":"release","side":"B"},"request":{"author":"KA","entry":"A 1","list":"request","side":"A"}}"#),
        ("match.assert", #"{"note":"","release":{"author":"KA","entry":"B-1","list":"release","side":"neutral"},"request":{"author":"KA","entry":"A-1","list":"request","side":"A"}}"#),
        ("dispute.open", #"{"about":[],"note":"","reason":"other"}"#),
        ("dispute.open", #"{"about":[{"author":"KA","entry":"A-1","list":"request","side":"A"}],"note":"","reason":"unhappy"}"#),
        ("dispute.open", #"{"about":[{"author":"KA","entry":"A-1","list":"request","side":"A"},{"author":"KA","entry":"A-1","list":"request","side":"A"}],"note":"","reason":"other"}"#),
        ("dispute.comment", #"{"dispute":"ABCD","note":""}"#),
        ("dispute.close", #"{"dispute":"HASH","resolution":1}"#),
        ("attest", #"{"date":"01.05.2025","entry":{"author":"KA","entry":"A-1","list":"request","side":"A"},"kind":"visited"}"#),
        ("attest", #"{"date":"2025-02-30","entry":{"author":"KA","entry":"A-1","list":"request","side":"A"},"kind":"visited"}"#),
        ("attest", #"{"date":"2025-05-01","entry":{"author":"KA","entry":"A-1","list":"request","side":"A"},"kind":"fed"}"#),
        ("attest", #"{"entry":{"author":"KA","entry":"A-1","list":"request","side":"A"},"kind":"visited","sealed":"QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE"}"#),
        ("attest", #"{"date":"2025-05-01","entry":{"author":"KA","entry":"A-1","list":"request","side":"A"}}"#),
        ("attest", #"{"entry":{"author":"KA","entry":"A-1","list":"request","side":"A"},"sealed":"AAAA"}"#),
        ("confirm", #"{"direction":"A-B","reconciliation":"HASH"}"#),
        ("confirm", #"{"direction":"to-A","reconciliation":"HASH0"}"#),
        ("terms.set", #"{"as_of":null,"counts":{"to-A":1},"phases":[]}"#),
        ("terms.set", #"{"as_of":null,"counts":{"to-A":1,"to-B":-1},"phases":[]}"#),
        ("terms.set", #"{"as_of":null,"counts":{"to-A":2,"to-B":2},"phases":[{"counts":{"to-A":1,"to-B":1},"name":"p1"}]}"#),
        ("terms.set", #"{"as_of":null,"counts":{"to-A":1.5,"to-B":2},"phases":[]}"#),
        ("terms.set", #"{"as_of":null,"counts":{"to-A":1,"to-B":1},"phases":[],"priorities":null}"#),
        ("terms.set", #"{"as_of":null,"counts":{"to-A":1,"to-B":1},"phases":[],"priorities":"woman"}"#),
        ("terms.set", #"{"as_of":null,"counts":{"to-A":1,"to-B":1},"phases":[],"priorities":["woman","woman"]}"#),
        ("terms.set", #"{"as_of":null,"counts":{"to-A":1,"to-B":1},"phases":[],"priorities":["women"]}"#),
        ("terms.set", #"{"as_of":null,"counts":{"to-A":1,"to-B":1},"phases":[],"priorities":["seriously_wounded"]}"#),
        ("terms.set", #"{"as_of":null,"counts":{"to-A":1,"to-B":1},"phases":[],"priorities":[1]}"#),
        ("manifest.propose", #"{"manifest":"HASH","waivers":[{"blocker":"terms:sideways","reason":"x"}]}"#),
        ("manifest.propose", #"{"manifest":"HASH","waivers":[{"blocker":"terms:to-A","reason":""}]}"#),
        ("manifest.propose", #"{"manifest":"HASH","waivers":[{"blocker":"terms:to-A","reason":"a"},{"blocker":"terms:to-A","reason":"b"}]}"#),
        ("manifest.propose", #"{"basis":[{"author":"KA","id":"HASH","seq":1}],"manifest":"HASH","phase":null,"waivers":[]}"#),
        ("manifest.propose", #"{"basis":[{"author":"KA","id":"HASH","seq":1}],"manifest":"HASH","phase":{"counts":{"to-A":1,"to-B":0},"entries":[],"name":""},"waivers":[]}"#),
        ("manifest.propose", #"{"basis":[{"author":"KA","id":"HASH","seq":1}],"manifest":"HASH","phase":{"counts":{"to-A":1,"to-B":0},"entries":[{"author":"KA","entries":["A-2","A-1"],"list":"request","side":"A"}],"name":"1"},"waivers":[]}"#),
        ("manifest.propose", #"{"basis":[{"author":"KA","id":"HASH","seq":1}],"manifest":"HASH","phase":{"counts":{"to-A":1,"to-B":0},"entries":[{"author":"KA","entries":["A-1","A-1"],"list":"request","side":"A"}],"name":"1"},"waivers":[]}"#),
        ("manifest.propose", #"{"basis":[{"author":"KA","id":"HASH","seq":1}],"manifest":"HASH","phase":{"counts":{"to-A":1,"to-B":0},"entries":[{"author":"KA","entries":[],"list":"request","side":"A"}],"name":"1"},"waivers":[]}"#),
        ("manifest.propose", #"{"basis":[{"author":"KA","id":"HASH","seq":1}],"manifest":"HASH","phase":{"counts":{"to-A":1,"to-B":0},"entries":[{"author":"KA","entries":["A 1"],"list":"request","side":"A"}],"name":"1"},"waivers":[]}"#),
        ("manifest.propose", #"{"basis":[{"author":"KA","id":"HASH","seq":1}],"manifest":"HASH","phase":{"counts":{"to-A":1,"to-B":0},"entries":[{"author":"KA","entries":["B-1"],"list":"release","side":"B"},{"author":"KA","entries":["A-1"],"list":"request","side":"A"}],"name":"1"},"waivers":[]}"#),
        ("manifest.propose", #"{"basis":[{"author":"KA","id":"HASH","seq":1}],"manifest":"HASH","phase":{"counts":{"to-A":1,"to-B":0},"entries":[{"author":"KA","entries":["A-1"],"list":"request","side":"neutral"}],"name":"1"},"waivers":[]}"#),
        ("manifest.propose", #"{"basis":[{"author":"KA","id":"HASH","seq":1}],"manifest":"HASH","phase":{"counts":{"to-A":1},"entries":[],"name":"1"},"waivers":[]}"#),
        ("manifest.propose", #"{"basis":[{"author":"KA","id":"HASH","seq":1}],"manifest":"HASH","phase":{"counts":{"to-A":1,"to-B":0},"entries":[],"name":"1","people":[]},"waivers":[]}"#),
        ("manifest.sign", #"{"manifest":"HASH","note":""}"#),
        ("manifest.sign", #"{"manifest":null}"#),
        ("key.encryption", #"{"key":"AAAA"}"#),
        ("key.encryption", #"{"key":"QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE="}"#),
        ("key.encryption", #"{"key":"QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE","note":""}"#),
        ("content.share", #"{"shares":[]}"#),
        ("content.share", #"{"shares":[{"key":"KA","share":"AAAA","to":"KA"}]}"#),
        ("list.put", #"{"entry":"A-1","list":"request","sealed":"AAAA"}"#),
        ("list.put", #"{"entry":"A-1","list":"request","record":{"fields":{"surname":"K"}},"sealed":"QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE"}"#),
        ("list.put", #"{"entry":"A-1","list":"request"}"#),
        // Sealed free text: exactly one of the text and `sealed`, which is unpadded base64url of
        // at least a nonce and a tag.
        ("dispute.comment", #"{"dispute":"HASH","note":"","sealed":"QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE"}"#),
        ("dispute.comment", #"{"dispute":"HASH"}"#),
        ("dispute.close", #"{"dispute":"HASH","sealed":"AAAA"}"#),
        ("dispute.open", #"{"about":[{"author":"KA","entry":"A-1","list":"request","side":"A"}],"reason":"other","sealed":"QUFB+/=="}"#),
        ("list.remove", #"{"entry":"A-1","list":"request","sealed":7}"#),
        ("match.assert", #"{"release":{"author":"KA","entry":"B-1","list":"release","side":"B"},"request":{"author":"KA","entry":"A-1","list":"request","side":"A"}}"#),
    ])
    func malformedBodiesAreRejected(op: String, body: String) throws {
        let key = ExchangeScenario.hqA.publicKey.keyID.hex
        let body = body.replacingOccurrences(of: "KA", with: key)
            .replacingOccurrences(of: "HASH0", with: String(repeating: "0", count: 63))
            .replacingOccurrences(of: "HASH", with: Self.hash)
        var scenario = try ExchangeScenario()
        let valid = try scenario.sign(ExchangeScenario.hqA, .signManifest(SignManifest(manifest: Self.hash)))
        let text = String(decoding: valid.canonicalBytes, as: UTF8.self)
            .replacingOccurrences(of: #""body":{"manifest":"\#(Self.hash)"}"#, with: #""body":\#(body)"#)
            .replacingOccurrences(of: #""op":"manifest.sign""#, with: #""op":"\#(op)""#)
        let value = try JSONValue(parsing: Array(text.utf8))
        #expect(value["op"]?.stringValue == op)
        #expect(throws: LogError.self) { try Envelope(json: value) }
    }
}

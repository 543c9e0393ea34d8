import Foundation
import ParleyCrypto
import ParleyLog
import ParleyMatch
import Testing

@Suite struct EnvelopeTests {
    @Test func signParseVerifyRoundTrip() throws {
        var (genesis, signer) = LogFixture.genesis()
        #expect(signer.exchange.genesis == genesis.id)
        let put = try signer.sign(LogFixture.put(.request, "A-1", surname: "Koval"), at: LogFixture.time(1))
        #expect(put.envelope.seq == 2)
        #expect(put.envelope.prev == genesis.id)
        #expect(signer.head == ChainHead(seq: 2, id: put.id))

        let parsed = try SignedEnvelope(parsing: put.wireBytes)
        #expect(parsed == put)
        #expect(parsed.id == put.id)
        #expect(parsed.canonicalBytes == put.canonicalBytes)
        #expect(CanonicalJSON.isCanonical(put.wireBytes))
        #expect(parsed.isSigned(by: LogFixture.headquartersA.publicKey))

        let report = Verifier(exchange: signer.exchange).verify(wire: [genesis.wireBytes, put.wireBytes])
        #expect(report.isClean)
        #expect(report.entries.map(\.verdict) == [.valid, .valid])
        let state = try #require(report.state)
        #expect(state.title == LogFixture.create.title)
        #expect(state.participants.count == 4)
        let entries = state.entries(of: ListKey(side: .a, kind: .request))
        #expect(entries.map(\.entry) == ["A-1"])
        #expect(entries.first?.fields[.surname] == "Koval")
        #expect(entries.first?.envelope == put.id)
        #expect(report.heads[LogFixture.headquartersA.publicKey.keyID] == ChainHead(seq: 2, id: put.id))
    }

    @Test func signatureCoversTheContextString() throws {
        let (genesis, _) = LogFixture.genesis()
        let key = LogFixture.headquartersA.publicKey
        #expect(key.isValidSignature(genesis.signature, for: Array("parley/v1/envelope".utf8) + [0] + genesis.canonicalBytes))
        #expect(!key.isValidSignature(genesis.signature, for: genesis.canonicalBytes))
        #expect(genesis.id.bytes == SHA256.hash(genesis.canonicalBytes))
    }

    @Test func wireFormIsTheCanonicalEnvelopeAndSignature() throws {
        let (genesis, _) = LogFixture.genesis()
        let text = String(decoding: genesis.wireBytes, as: UTF8.self)
        let canonical = String(decoding: genesis.canonicalBytes, as: UTF8.self)
        #expect(text == #"{"envelope":\#(canonical),"signature":"\#(genesis.signatureBase64URL)"}"#)
        #expect(genesis.signatureBase64URL.count == 86)
        #expect(canonical.contains(#""exchange":"""#))
    }

    @Test(arguments: [
        ("not json", #"{"envelope":"#),
        ("not canonical", #"{ "envelope": {}, "signature": "" }"#),
        ("unknown member", #"{"envelope":{},"extra":1,"signature":""}"#),
    ])
    func unreadableBytesAreMalformed(name: String, text: String) throws {
        #expect(throws: LogError.self) { try SignedEnvelope(parsing: Array(text.utf8)) }
        let (genesis, signer) = LogFixture.genesis()
        let report = Verifier(exchange: signer.exchange).verify(wire: [genesis.wireBytes, Array(text.utf8)])
        #expect(report.entries[0].verdict == .valid)
        guard case let .invalid(reasons) = report.entries[1].verdict, case .malformed = reasons.first else {
            Issue.record("expected malformed, got \(report.entries[1].verdict)")
            return
        }
        #expect(report.entries[1].id == nil)
    }

    @Test func envelopeRulesAreCheckedOnParse() throws {
        let (genesis, _) = LogFixture.genesis()
        let text = String(decoding: genesis.wireBytes, as: UTF8.self)
        let variants = [
            text.replacingOccurrences(of: #""op":"exchange.create""#, with: #""op":"match.assert""#),
            text.replacingOccurrences(of: #""version":1"#, with: #""version":2"#),
            text.replacingOccurrences(of: #""seq":1"#, with: #""seq":0"#),
            text.replacingOccurrences(of: #""timestamp":"2025-05-01T09:00:00Z""#, with: #""timestamp":"2025-05-01 09:00""#),
            text.replacingOccurrences(of: #""role":"mediator""#, with: #""role":"judge""#),
        ]
        for variant in variants {
            #expect(variant != text)
            #expect(throws: LogError.self) { try SignedEnvelope(parsing: Array(variant.utf8)) }
        }
    }

    @Test func signerRejectsInvalidBodies() throws {
        var (_, signer) = LogFixture.genesis()
        #expect(throws: LogError.self) {
            try signer.sign(.putEntry(PutEntry(list: .request, entry: "has space", fields: [.surname: "X"])), at: LogFixture.time(1))
        }
        #expect(throws: LogError.self) {
            try signer.sign(.createExchange(LogFixture.create), at: LogFixture.time(1))
        }
        let notCreator = CreateExchange(nonce: LogFixture.create.nonce, title: "t", participants: Array(LogFixture.participants.dropFirst()))
        #expect(throws: LogError.self) {
            try EnvelopeSigner.createExchange(notCreator, key: LogFixture.headquartersA, at: LogFixture.time(0))
        }
        #expect(signer.head?.seq == 1)
    }

    @Test func bodiesAreCodableThroughTheirStrictForm() throws {
        let put = PutEntry(list: .release, entry: "B-7", fields: [.surname: "Петренко", .serviceNumber: "123"])
        let data = try JSONEncoder().encode(put)
        #expect(try JSONDecoder().decode(PutEntry.self, from: data) == put)
        let json = try JSONValue(parsing: data)
        #expect(json["record"]?["fields"]?["service_number"] == "123")
        let bad = Data(#"{"list":"release","entry":"B-7","record":{"fields":{"eye_colour":"x"}}}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(PutEntry.self, from: bad) }
        let create = try JSONDecoder().decode(CreateExchange.self, from: JSONEncoder().encode(LogFixture.create))
        #expect(create == LogFixture.create)
    }

    @Test func timestamps() {
        #expect(Timestamp(secondsSince1970: 0).rfc3339 == "1970-01-01T00:00:00Z")
        #expect(Timestamp(secondsSince1970: 951_782_400).rfc3339 == "2000-02-29T00:00:00Z")
        #expect(Timestamp(secondsSince1970: -1).rfc3339 == "1969-12-31T23:59:59Z")
        #expect(Timestamp(rfc3339: "2025-05-01T09:30:00.250Z") != nil)
        for bad in ["2025-02-29T00:00:00Z", "2025-05-01T24:00:00Z", "2025-05-01T09:30:00+01:00",
                    "2025-05-01T09:30:00.Z", "2025-05-01t09:30:00Z", "2025-05-01T09:30:60Z"] {
            #expect(Timestamp(rfc3339: bad) == nil, "\(bad)")
        }
    }
}

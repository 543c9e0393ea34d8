import Foundation
import ParleyCrypto
@testable import ParleyLog
import Testing

/// `SignedEnvelope(parsing:)` checks the wire form against the one spelling it can have instead of
/// encoding the parsed value three times; it must accept exactly what the rules as written accept
/// (the whole wire is its RFC 8785 canonical form, the envelope survives a round trip through its
/// typed form, the signature is 64 bytes of canonical base64url), on valid envelopes and on
/// random edits of them: spaces, escapes, swapped, repeated, dropped and changed bytes.
@Suite struct WireParsingTests {
    /// The rules, applied as they are written.
    private static func acceptedByTheRules(_ bytes: [UInt8]) -> Bool {
        guard let value = try? JSONValue(parsing: bytes), (try? CanonicalJSON.encode(value)) == bytes,
              case let .object(members) = value, Set(members.keys) == ["envelope", "signature"],
              case let .string(text)? = members["signature"], Base64URL.decode(text)?.count == 64,
              let envelopeValue = members["envelope"], let envelope = try? Envelope(json: envelopeValue),
              let typed = try? envelope.canonicalBytes(), typed == (try? CanonicalJSON.encode(envelopeValue))
        else { return false }
        return true
    }

    private static func samples() throws -> [SignedEnvelope] {
        var (genesis, signer) = LogFixture.genesis()
        return [
            genesis,
            try signer.sign(LogFixture.put(.request, "UA-17", surname: "Шевченко"), at: LogFixture.time(1)),
            try signer.sign(.removeEntry(RemoveEntry(list: .request, entry: "UA-17", reason: "released \"early\" / ok")), at: LogFixture.time(2)),
        ]
    }

    @Test func validEnvelopesReadBackAsThemselves() throws {
        for envelope in try Self.samples() {
            let read = try SignedEnvelope(parsing: envelope.wireBytes)
            #expect(read == envelope && read.id == envelope.id && read.canonicalBytes == envelope.canonicalBytes)
            #expect(read.signature == envelope.signature && read.envelope == envelope.envelope)
            #expect(Self.acceptedByTheRules(envelope.wireBytes))
        }
    }

    /// The same envelope with its members in another order: as long as the canonical form, and
    /// readable, but not canonical.
    @Test func anEnvelopeWithItsMembersReorderedIsRefused() throws {
        for envelope in try Self.samples() {
            guard case let .object(members) = envelope.envelope.json else { Issue.record("an envelope is an object"); continue }
            var text = "{"
            for (index, key) in members.keys.sorted(by: >).enumerated() {
                text += (index == 0 ? "" : ",") + "\"\(key)\":" + String(decoding: try CanonicalJSON.encode(members[key]!), as: UTF8.self)
            }
            text += "}"
            let wire = Array(#"{"envelope":"#.utf8) + Array(text.utf8) + Array(#","signature":""#.utf8)
                + Array(envelope.signatureBase64URL.utf8) + Array(#""}"#.utf8)
            #expect(wire.count == envelope.wireBytes.count && wire != envelope.wireBytes)
            #expect(!Self.acceptedByTheRules(wire))
            #expect(throws: LogError.self) { try SignedEnvelope(parsing: wire) }
        }
    }

    @Test func randomEditsAreAcceptedExactlyWhenTheRulesAcceptThem() throws {
        var rng = SplitMix64(state: 0x5EED)
        let edits: [(inout [UInt8], inout SplitMix64) -> Void] = [
            { bytes, rng in bytes.insert(0x20, at: Int.random(in: 0 ... bytes.count, using: &rng)) },
            { bytes, rng in
                // A printable byte written as a \u escape.
                let at = Int.random(in: 0 ..< bytes.count, using: &rng)
                guard bytes[at] >= 0x20, bytes[at] < 0x7F, bytes[at] != 0x22, bytes[at] != 0x5C else { return }
                bytes.replaceSubrange(at ... at, with: Array(String(format: "\\u%04x", bytes[at]).utf8))
            },
            { bytes, rng in
                let at = Int.random(in: 0 ..< bytes.count - 1, using: &rng)
                bytes.swapAt(at, at + 1)
            },
            { bytes, rng in bytes.remove(at: Int.random(in: 0 ..< bytes.count, using: &rng)) },
            { bytes, rng in
                let at = Int.random(in: 0 ..< bytes.count, using: &rng)
                bytes[at] = [0x30, 0x31, 0x41, 0x61, 0x2D, 0x5F, 0x2C, 0x7D, 0x5D, 0x22][Int.random(in: 0 ..< 10, using: &rng)]
            },
            { bytes, rng in
                // A member written twice, or a new member.
                let at = Int.random(in: 1 ..< bytes.count, using: &rng)
                let member = Bool.random(using: &rng) ? #""seq":1,"# : #""a":1,"#
                if bytes[at - 1] == 0x7B { bytes.insert(contentsOf: Array(member.utf8), at: at) }
            },
            { bytes, rng in bytes.removeLast(Int.random(in: 1 ... 3, using: &rng)) },
        ]
        var accepted = 0, total = 0
        for envelope in try Self.samples() {
            for _ in 0 ..< 700 {
                var bytes = envelope.wireBytes
                for _ in 0 ..< Int.random(in: 1 ... 2, using: &rng) {
                    edits[Int.random(in: 0 ..< edits.count, using: &rng)](&bytes, &rng)
                }
                let parsed = try? SignedEnvelope(parsing: bytes)
                let rules = Self.acceptedByTheRules(bytes)
                #expect((parsed != nil) == rules, "\(String(decoding: bytes, as: UTF8.self))")
                if let parsed {
                    accepted += 1
                    #expect(parsed.wireBytes == bytes && parsed.id.bytes == SHA256.hash(parsed.canonicalBytes))
                    #expect(parsed.canonicalBytes == (try parsed.envelope.canonicalBytes()))
                }
                total += 1
            }
        }
        // Some edits keep a readable envelope (a changed letter in a name): both paths are tried.
        #expect(accepted > 20 && accepted < total - 500)
    }
}

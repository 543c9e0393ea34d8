import Foundation
import ParleyCrypto
import ParleyLog
import Testing

@Suite(.serialized) struct CheckpointTests {
    static let server = LogFixture.key(0x07)
    static let exchange = ExchangeID(hex: String(repeating: "ab", count: 32))!

    static func checkpoint(size: Int = 3, rootByte: UInt8 = 0x11) -> Checkpoint {
        Checkpoint(
            exchange: exchange, size: size, root: [UInt8](repeating: rootByte, count: 32),
            timestamp: Timestamp(rfc3339: "2025-05-01T12:00:00Z")!, server: server.publicKey.keyID
        )
    }

    @Test func canonicalBytesAreExactlyTheDocumentedForm() throws {
        let bytes = try Self.checkpoint().canonicalBytes()
        let expected = #"{"exchange":"\#(Self.exchange.hex)","root":"\#(String(repeating: "11", count: 32))","#
            + #""server":"\#(Self.server.publicKey.keyID.hex)","size":3,"timestamp":"2025-05-01T12:00:00Z"}"#
        #expect(String(decoding: bytes, as: UTF8.self) == expected)
    }

    @Test func signsParsesAndVerifies() throws {
        let signed = try SignedCheckpoint(signing: Self.checkpoint(), with: Self.server)
        #expect(signed.isSigned(by: Self.server.publicKey))
        #expect(!signed.isSigned(by: LogFixture.headquartersA.publicKey))
        #expect(signed.signedMessage == Array("parley/v1/checkpoint".utf8) + [0] + signed.canonicalBytes)
        let wire = String(decoding: signed.wireBytes, as: UTF8.self)
        #expect(wire.hasPrefix(#"{"checkpoint":{"exchange":"#))
        #expect(wire.hasSuffix(#"},"signature":"\#(signed.signatureBase64URL)"}"#))
        #expect(try CanonicalJSON.encode(signed.json) == signed.wireBytes)

        let parsed = try SignedCheckpoint(parsing: signed.wireBytes)
        #expect(parsed == signed)
        #expect(parsed.checkpoint == Self.checkpoint())
        #expect(parsed.isSigned(by: Self.server.publicKey))
        #expect(try SignedCheckpoint(json: signed.json) == signed)
    }

    @Test func aSignatureForAnotherContextDoesNotVerify() throws {
        let signed = try SignedCheckpoint(signing: Self.checkpoint(), with: Self.server)
        let envelopeContext = try Self.server.signature(for: SignatureContext.envelope.message(for: signed.canonicalBytes))
        let forged = signed.wireBytes.replacing(Array(signed.signatureBase64URL.utf8), with: Array(base64URL(envelopeContext).utf8))
        let parsed = try SignedCheckpoint(parsing: forged)
        #expect(!parsed.isSigned(by: Self.server.publicKey))
    }

    @Test func aCheckpointForAnotherServerIsNotSignedAndCannotBeSigned() throws {
        var other = Self.checkpoint()
        other.server = LogFixture.mediator.publicKey.keyID
        #expect(throws: LogError(code: .malformedCheckpoint, message: "")) {
            try SignedCheckpoint(signing: other, with: Self.server)
        }
        var short = Self.checkpoint()
        short.root = [1, 2, 3]
        #expect(throws: LogError(code: .malformedCheckpoint, message: "")) {
            try SignedCheckpoint(signing: short, with: Self.server)
        }
    }

    @Test(arguments: [
        ("unknown member", #"{"exchange":"E","extra":1,"root":"R","server":"S","size":3,"timestamp":"2025-05-01T12:00:00Z"}"#),
        ("missing member", #"{"exchange":"E","root":"R","server":"S","size":3}"#),
        ("upper-case root", #"{"exchange":"E","root":"RU","server":"S","size":3,"timestamp":"2025-05-01T12:00:00Z"}"#),
        ("short root", #"{"exchange":"E","root":"1111","server":"S","size":3,"timestamp":"2025-05-01T12:00:00Z"}"#),
        ("bad exchange", #"{"exchange":"E0","root":"R","server":"S","size":3,"timestamp":"2025-05-01T12:00:00Z"}"#),
        ("bad server", #"{"exchange":"E","root":"R","server":"E0","size":3,"timestamp":"2025-05-01T12:00:00Z"}"#),
        ("negative size", #"{"exchange":"E","root":"R","server":"S","size":-1,"timestamp":"2025-05-01T12:00:00Z"}"#),
        ("fractional size", #"{"exchange":"E","root":"R","server":"S","size":1.5,"timestamp":"2025-05-01T12:00:00Z"}"#),
        ("string size", #"{"exchange":"E","root":"R","server":"S","size":"3","timestamp":"2025-05-01T12:00:00Z"}"#),
        ("bad timestamp", #"{"exchange":"E","root":"R","server":"S","size":3,"timestamp":"2025-05-01 12:00:00"}"#),
        ("not an object", #"[]"#),
    ])
    func strictCheckpointParsing(name: String, template: String) throws {
        let text = template
            .replacingOccurrences(of: "\"E0\"", with: "\"\(Self.exchange.hex)0\"")
            .replacingOccurrences(of: "\"E\"", with: "\"\(Self.exchange.hex)\"")
            .replacingOccurrences(of: "\"RU\"", with: "\"\(String(repeating: "AB", count: 32))\"")
            .replacingOccurrences(of: "\"R\"", with: "\"\(String(repeating: "11", count: 32))\"")
            .replacingOccurrences(of: "\"S\"", with: "\"\(Self.server.publicKey.keyID.hex)\"")
        let value = try JSONValue(parsing: Array(text.utf8))
        #expect(throws: LogError(code: .malformedCheckpoint, message: ""), "\(name)") {
            try Checkpoint(json: value)
        }
        let signed: JSONValue = ["checkpoint": value, "signature": .string(String(repeating: "A", count: 86))]
        #expect(throws: LogError(code: .malformedCheckpoint, message: ""), "\(name)") {
            try SignedCheckpoint(json: signed)
        }
    }

    @Test func strictSignedCheckpointParsing() throws {
        let signed = try SignedCheckpoint(signing: Self.checkpoint(), with: Self.server)
        let wire = String(decoding: signed.wireBytes, as: UTF8.self)
        let cases = [
            ("padded signature", wire.replacingOccurrences(of: signed.signatureBase64URL, with: signed.signatureBase64URL + "==")),
            ("short signature", wire.replacingOccurrences(of: signed.signatureBase64URL, with: String(signed.signatureBase64URL.dropLast(4)))),
            ("extra member", String(wire.dropLast()) + #","x":1}"#),
            ("not canonical", wire.replacingOccurrences(of: #"{"checkpoint":"#, with: #"{ "checkpoint":"#)),
        ]
        for (name, text) in cases {
            #expect(throws: LogError.self, "\(name)") { try SignedCheckpoint(parsing: Array(text.utf8)) }
        }
        #expect(throws: LogError(code: .malformedCheckpoint, message: "")) {
            try SignedCheckpoint(parsing: Array(cases[0].1.utf8))
        }
        #expect(throws: LogError(code: .malformedCheckpoint, message: "")) {
            try SignedCheckpoint(parsing: Array(cases[3].1.utf8))
        }
    }

    /// Checks `protocol/vectors/checkpoints.json`; `PARLEY_WRITE_VECTORS=1` rewrites it.
    @Test func vectorFileMatchesTheImplementation() throws {
        let computed = try CheckpointVectors.compute()
        let file = try CheckpointVectors.load(writing: computed)
        #expect(file == computed)
        let key = try PublicKey(rawRepresentation: try #require(hexBytes(file.server.publicKey)))
        for vector in file.checkpoints {
            let signed = try SignedCheckpoint(parsing: Array(vector.wire.utf8))
            #expect(signed.isSigned(by: key))
            #expect(Array(vector.canonical.utf8) == signed.canonicalBytes)
            #expect(signed.checkpoint.size == vector.size)
        }
        for vector in file.consistency {
            let old = try SignedCheckpoint(parsing: Array(file.checkpoints[vector.from].wire.utf8)).checkpoint
            let new = try SignedCheckpoint(parsing: Array(file.checkpoints[vector.to].wire.utf8)).checkpoint
            let proof = try vector.proof.map { try #require(hexBytes($0)) }
            #expect(MerkleLog.verifyConsistency(from: old.size, to: new.size, oldRoot: old.root, newRoot: new.root, proof: proof))
        }
    }

    private func hexBytes(_ text: String) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        return stride(from: 0, to: utf8.count, by: 2).compactMap { UInt8(String(decoding: utf8[$0...$0 + 1], as: UTF8.self), radix: 16) }
    }

    private func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

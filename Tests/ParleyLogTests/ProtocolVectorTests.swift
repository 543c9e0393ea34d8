import Foundation
import ParleyCrypto
import ParleyLog
import Testing

/// Checks `protocol/vectors/envelopes.json` byte for byte against this implementation.
///
/// Run with `PARLEY_WRITE_VECTORS=1` to (re)write the file from the code.
@Suite(.serialized) struct ProtocolVectorTests {
    @Test func vectorFileMatchesTheImplementation() throws {
        let (computed, _) = try EnvelopeVectors.compute()
        let file = try EnvelopeVectors.load(writing: computed)
        #expect(file.context == computed.context)
        #expect(file.keys == computed.keys)
        #expect(file.envelopes.count == computed.envelopes.count)
        for (stored, fresh) in zip(file.envelopes, computed.envelopes) {
            #expect(Array(stored.canonical.utf8) == Array(fresh.canonical.utf8), "\(stored.name)")
            #expect(stored.canonicalHex == fresh.canonicalHex, "\(stored.name)")
            #expect(stored.canonicalHex == EnvelopeVectors.hex(Array(stored.canonical.utf8)), "\(stored.name)")
            #expect(stored.signedMessageHex == fresh.signedMessageHex, "\(stored.name)")
            #expect(stored.signature == fresh.signature, "\(stored.name)")
            #expect(stored.id == fresh.id, "\(stored.name)")
            #expect(Array(stored.wire.utf8) == Array(fresh.wire.utf8), "\(stored.name)")
        }
        #expect(file.exchange == computed.exchange)
        #expect(file.exchange == file.envelopes.first?.id)
        #expect(Array(file.stateCanonical.utf8) == Array(computed.stateCanonical.utf8))
        #expect(file.stateHash == computed.stateHash)
    }

    @Test func vectorWireFormsVerify() throws {
        let file = try EnvelopeVectors.load()
        let exchange = try #require(ExchangeID(hex: file.exchange))
        let report = Verifier(exchange: exchange).verify(wire: file.envelopes.map { Array($0.wire.utf8) })
        #expect(report.isClean)
        #expect(report.state?.stateHash == file.stateHash)
        for key in file.keys {
            let signing = try SigningKey(seed: try #require(hexBytes(key.seed)))
            #expect(EnvelopeVectors.hex(signing.publicKey.rawRepresentation) == key.publicKey)
            #expect(signing.publicKey.keyID.hex == key.keyId)
            #expect(EnvelopeVectors.hex(SHA256.hash(try #require(hexBytes(key.publicKey)))) == key.keyId)
        }
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl")))
    func opensslVerifiesAVectorSignature() throws {
        let file = try EnvelopeVectors.load()
        let vector = try #require(file.envelopes.first { $0.name == "put-request" })
        let authorKey = try #require(file.keys.first { $0.name == vector.author })
        let publicKey = try PublicKey(rawRepresentation: try #require(hexBytes(authorKey.publicKey)))
        let signature = try #require(base64URLBytes(vector.signature))
        let message = Array("parley/v1/envelope".utf8) + [0] + Array(vector.canonical.utf8)
        #expect(EnvelopeVectors.hex(message) == vector.signedMessageHex)

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parley-vectors-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(publicKey.pemRepresentation.utf8).write(to: directory.appendingPathComponent("pub.pem"))
        try Data(message).write(to: directory.appendingPathComponent("msg"))
        try Data(signature).write(to: directory.appendingPathComponent("sig"))
        var tampered = message
        tampered[tampered.count - 2] ^= 0x01
        try Data(tampered).write(to: directory.appendingPathComponent("bad"))

        #expect(try openssl(verifying: "msg", in: directory) == 0)
        #expect(try openssl(verifying: "bad", in: directory) != 0)
    }

    private func openssl(verifying input: String, in directory: URL) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.currentDirectoryURL = directory
        process.arguments = ["pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin", "-in", input, "-sigfile", "sig"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    private func hexBytes(_ text: String) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        return stride(from: 0, to: utf8.count, by: 2).compactMap { UInt8(String(decoding: utf8[$0...$0 + 1], as: UTF8.self), radix: 16) }
    }

    private func base64URLBytes(_ text: String) -> [UInt8]? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64).map(Array.init)
    }
}

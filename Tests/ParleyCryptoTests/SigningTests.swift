import Foundation
import ParleyCrypto
import Testing

/// Signing and verifying, PEM forms, and agreement with the `openssl` command-line tool.
@Suite struct SigningTests {
    let message = Array("parley/v1/envelope: the same bytes every time".utf8)

    @Test("a signature of generated key verifies")
    func roundTrip() throws {
        let key = SigningKey.generate()
        let signature = try key.signature(for: message)
        #expect(signature.count == 64)
        #expect(key.publicKey.isValidSignature(signature, for: message))
        #expect(key.publicKey.isValidSignature(Data(signature), for: Data(message)))
        #expect(try key.signature(for: Data(message)) == signature)
    }

    @Test("generated keys differ")
    func generatedKeysDiffer() {
        #expect(SigningKey.generate().publicKey != SigningKey.generate().publicKey)
    }

    @Test("any flipped bit in the message fails verification")
    func flippedMessageBit() throws {
        let key = SigningKey.generate()
        let signature = try key.signature(for: message)
        for bit in 0..<(message.count * 8) {
            var tampered = message
            tampered[bit / 8] ^= 1 << (bit % 8)
            #expect(!key.publicKey.isValidSignature(signature, for: tampered), "bit \(bit)")
        }
    }

    @Test("any flipped bit in the signature fails verification")
    func flippedSignatureBit() throws {
        let key = SigningKey.generate()
        let signature = try key.signature(for: message)
        for bit in 0..<(signature.count * 8) {
            var tampered = signature
            tampered[bit / 8] ^= 1 << (bit % 8)
            #expect(!key.publicKey.isValidSignature(tampered, for: message), "bit \(bit)")
        }
    }

    @Test("a signature of the wrong length or by another key is not valid")
    func wrongSignatures() throws {
        let key = SigningKey.generate()
        let signature = try key.signature(for: message)
        #expect(!key.publicKey.isValidSignature(Array(signature.dropLast()), for: message))
        #expect(!key.publicKey.isValidSignature(signature + [0], for: message))
        #expect(!key.publicKey.isValidSignature([], for: message))
        #expect(!SigningKey.generate().publicKey.isValidSignature(signature, for: message))
    }

    @Test("private and public keys survive their PEM forms")
    func pemRoundTrip() throws {
        let key = SigningKey.generate()
        let pem = key.pkcs8PEM()
        #expect(pem.hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
        #expect(pem.hasSuffix("-----END PRIVATE KEY-----\n"))
        let again = try SigningKey(pkcs8PEM: pem)
        #expect(try again.rawSeed == key.rawSeed)
        #expect(again.publicKey == key.publicKey)

        let publicPEM = key.publicKey.pemRepresentation
        #expect(publicPEM.hasPrefix("-----BEGIN PUBLIC KEY-----\n"))
        let publicKey = try PublicKey(pem: publicPEM)
        #expect(publicKey == key.publicKey)
        #expect(publicKey.keyID == key.publicKey.keyID)
        #expect(publicKey.isValidSignature(try key.signature(for: message), for: message))
    }

    @Test("bad key material is refused with invalidKey")
    func invalidKeys() {
        let cases: [() throws -> Void] = [
            { _ = try SigningKey(seed: [UInt8](repeating: 1, count: 31)) },
            { _ = try SigningKey(seed: [UInt8](repeating: 1, count: 33)) },
            { _ = try PublicKey(rawRepresentation: [UInt8](repeating: 1, count: 31)) },
            { _ = try SigningKey(pkcs8PEM: "not a key") },
            { _ = try PublicKey(pem: "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n") },
            { _ = try SigningKey(pkcs8PEM: SigningKey.generate().publicKey.pemRepresentation) },
        ]
        for body in cases {
            let error = #expect(throws: CryptoError.self) { try body() }
            #expect(error?.code == .invalidKey)
        }
    }

    @Test("a PEM failure carries OpenSSL's reason and leaves its error queue empty")
    func openSSLReason() throws {
        let error = #expect(throws: CryptoError.self) { try SigningKey(pkcs8PEM: "garbage") }
        #expect(error?.message.contains("OpenSSL:") == true)
        // Nothing stale: the next success and the next failure are unaffected.
        let key = SigningKey.generate()
        #expect(key.publicKey.isValidSignature(try key.signature(for: message), for: message))
    }

    @Test("an RSA key is not taken for an Ed25519 key")
    func rsaKeyRefused() throws {
        try withTemporaryDirectory { directory in
            let run = try runOpenSSL(
                ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024", "-out", "rsa.pem"],
                in: directory
            )
            try #require(run.status == 0, "\(run.output)")
            let pem = try String(contentsOfFile: directory + "/rsa.pem", encoding: .utf8)
            let error = #expect(throws: CryptoError.self) { try SigningKey(pkcs8PEM: pem) }
            #expect(error?.code == .invalidKey)
        }
    }

    @Test("the openssl tool verifies our signature and rejects a tampered message")
    func opensslVerifiesOurSignature() throws {
        let key = SigningKey.generate()
        let signature = try key.signature(for: message)
        try withTemporaryDirectory { directory in
            try writeFile(Array(key.publicKey.pemRepresentation.utf8), to: directory + "/pub.pem")
            try writeFile(message, to: directory + "/msg")
            try writeFile(signature, to: directory + "/sig")
            var tampered = message
            tampered[0] ^= 0x01
            try writeFile(tampered, to: directory + "/tampered")

            let verify = ["pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin", "-sigfile", "sig", "-in"]
            let good = try runOpenSSL(verify + ["msg"], in: directory)
            #expect(good.status == 0, "\(good.output)")
            let bad = try runOpenSSL(verify + ["tampered"], in: directory)
            #expect(bad.status != 0, "\(bad.output)")
        }
    }

    @Test("we read a key the openssl tool made, and verify its signature")
    func weVerifyOpensslSignature() throws {
        try withTemporaryDirectory { directory in
            let generate = try runOpenSSL(["genpkey", "-algorithm", "ed25519", "-out", "key.pem"], in: directory)
            try #require(generate.status == 0, "\(generate.output)")
            try writeFile(message, to: directory + "/msg")
            let sign = try runOpenSSL(
                ["pkeyutl", "-sign", "-inkey", "key.pem", "-rawin", "-in", "msg", "-out", "sig"],
                in: directory
            )
            try #require(sign.status == 0, "\(sign.output)")

            let pem = try String(contentsOfFile: directory + "/key.pem", encoding: .utf8)
            let key = try SigningKey(pkcs8PEM: pem)
            let theirs = try [UInt8](Data(contentsOf: URL(fileURLWithPath: directory + "/sig")))
            #expect(key.publicKey.isValidSignature(theirs, for: message))
            // Ed25519 is deterministic: the same key signs the same bytes the same way.
            #expect(try key.signature(for: message) == theirs)
        }
    }

    @Test("one key signs and verifies from many tasks at once")
    func concurrentUse() async throws {
        let key = try SigningKey(seed: [UInt8](repeating: 9, count: 32))
        let expected = try key.signature(for: message)
        let message = self.message
        let allGood = try await withThrowingTaskGroup(of: Bool.self) { group in
            for task in 0..<8 {
                group.addTask {
                    var good = true
                    for round in 0..<100 {
                        let signature = try key.signature(for: message)
                        good = good && signature == expected
                            && key.publicKey.isValidSignature(signature, for: message)
                            && !key.publicKey.isValidSignature(signature, for: message + [UInt8(task), UInt8(round)])
                    }
                    return good
                }
            }
            return try await group.reduce(true) { $0 && $1 }
        }
        #expect(allGood)
    }

    @Test("descriptions show the key id, never key material")
    func descriptionsHideSecrets() throws {
        let key = try SigningKey(seed: [UInt8](repeating: 7, count: 32))
        let seedHex = hex([UInt8](repeating: 7, count: 32))
        #expect(!"\(key)".contains(seedHex))
        #expect("\(key)".contains(key.publicKey.keyID.hex))
        #expect(!String(reflecting: key).contains(seedHex))
    }
}

import Foundation
import ParleyCrypto
import Testing

/// X25519 encryption keys: RFC 7748's vector, raw and PEM forms, key files, refusals.
@Suite struct EncryptionKeyTests {
    // RFC 7748 section 6.1.
    static let alicePrivate = "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"
    static let alicePublic = "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"
    static let bobPrivate = "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb"
    static let bobPublic = "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"
    static let shared = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742"

    @Test("RFC 7748 section 6.1: public keys and the shared secret, byte for byte")
    func rfc7748() throws {
        let alice = try EncryptionKey(rawRepresentation: bytes(hex: Self.alicePrivate))
        let bob = try EncryptionKey(rawRepresentation: bytes(hex: Self.bobPrivate))
        #expect(hex(alice.publicKey.rawRepresentation) == Self.alicePublic)
        #expect(hex(bob.publicKey.rawRepresentation) == Self.bobPublic)
        #expect(try hex(alice.sharedSecret(with: EncryptionPublicKey(rawRepresentation: bytes(hex: Self.bobPublic)))) == Self.shared)
        #expect(try hex(bob.sharedSecret(with: alice.publicKey)) == Self.shared)
        #expect(try hex(alice.rawRepresentation) == Self.alicePrivate)
    }

    @Test("fresh keys agree on a secret, and differ from each other")
    func agreement() throws {
        for _ in 0..<20 {
            let a = EncryptionKey.generate(), b = EncryptionKey.generate()
            #expect(a.publicKey != b.publicKey)
            #expect(try a.sharedSecret(with: b.publicKey) == b.sharedSecret(with: a.publicKey))
            #expect(try a.sharedSecret(with: b.publicKey).count == 32)
        }
    }

    @Test("raw and PEM forms round trip")
    func roundTrip() throws {
        let key = EncryptionKey.generate()
        let pem = key.pkcs8PEM()
        #expect(pem.hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
        let again = try EncryptionKey(pkcs8PEM: pem)
        #expect(again.publicKey == key.publicKey)
        #expect(try again.rawRepresentation == key.rawRepresentation)
        let publicPEM = key.publicKey.pemRepresentation
        #expect(publicPEM.hasPrefix("-----BEGIN PUBLIC KEY-----\n"))
        #expect(try EncryptionPublicKey(pem: publicPEM) == key.publicKey)
        #expect(try EncryptionPublicKey(rawRepresentation: key.publicKey.rawRepresentation) == key.publicKey)
        #expect(key.publicKey.keyID.bytes == SHA256.hash(key.publicKey.rawRepresentation))
    }

    @Test("an identity key is not an encryption key, nor the other way round")
    func separateTypes() throws {
        let signing = SigningKey.generate()
        let encryption = EncryptionKey.generate()
        #expect(throws: CryptoError(code: .invalidKey, message: "")) { try EncryptionKey(pkcs8PEM: signing.pkcs8PEM()) }
        #expect(throws: CryptoError(code: .invalidKey, message: "")) { try SigningKey(pkcs8PEM: encryption.pkcs8PEM()) }
        #expect(throws: CryptoError(code: .invalidKey, message: "")) {
            try EncryptionPublicKey(pem: signing.publicKey.pemRepresentation)
        }
        #expect(throws: CryptoError(code: .invalidKey, message: "")) {
            try PublicKey(pem: encryption.publicKey.pemRepresentation)
        }
    }

    @Test("wrong lengths and garbage are refused with invalidKey", arguments: [0, 31, 33, 64])
    func wrongLength(count: Int) {
        let raw = [UInt8](repeating: 9, count: count)
        #expect(throws: CryptoError(code: .invalidKey, message: "")) { try EncryptionKey(rawRepresentation: raw) }
        #expect(throws: CryptoError(code: .invalidKey, message: "")) { try EncryptionPublicKey(rawRepresentation: raw) }
        #expect(throws: CryptoError(code: .invalidKey, message: "")) { try EncryptionKey(pkcs8PEM: "not a key") }
    }

    @Test("a public key of small order gives no shared secret")
    func smallOrder() throws {
        let key = EncryptionKey.generate()
        // u = 0 and u = 1 are points of small order: X25519 with them is all zeros.
        for u in [[UInt8](repeating: 0, count: 32), [1] + [UInt8](repeating: 0, count: 31)] {
            let peer = try EncryptionPublicKey(rawRepresentation: u)
            let error = #expect(throws: CryptoError.self) { try key.sharedSecret(with: peer) }
            #expect(error?.code == .invalidKey)
        }
    }

    @Test("the description shows the key id, never key material")
    func description() throws {
        let key = try EncryptionKey(rawRepresentation: bytes(hex: Self.alicePrivate))
        #expect(!key.description.contains(Self.alicePrivate))
        #expect(key.description.contains(key.publicKey.keyID.hex))
    }

    @Test("a key file is written with mode 0600 and reads back; an identity key file is refused")
    func keyFile() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/encryption.pem"
            let key = EncryptionKey.generate()
            try KeyFile.write(key, to: path)
            #expect(try permissions(of: path) == 0o600)
            #expect(try KeyFile.readEncryptionKey(from: path).publicKey == key.publicKey)
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["encryption.pem"])
            let exists = #expect(throws: CryptoError.self) { try KeyFile.write(EncryptionKey.generate(), to: path) }
            #expect(exists?.code == .keyFileExists)

            let identity = directory + "/identity.pem"
            try KeyFile.write(SigningKey.generate(), to: identity)
            let wrongKind = #expect(throws: CryptoError.self) { try KeyFile.readEncryptionKey(from: identity) }
            #expect(wrongKind?.code == .invalidKey)
            #expect(wrongKind?.message.contains(identity) == true)
            let wrongKindBack = #expect(throws: CryptoError.self) { try KeyFile.read(from: path) }
            #expect(wrongKindBack?.code == .invalidKey)
        }
    }

    @Test("a key file others may read is refused, naming the mode", arguments: [0o644, 0o640, 0o604])
    func loosePermissions(mode: Int) throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/encryption.pem"
            try writeFile(Array(EncryptionKey.generate().pkcs8PEM().utf8), to: path, mode: mode)
            let error = #expect(throws: CryptoError.self) { try KeyFile.readEncryptionKey(from: path) }
            #expect(error?.code == .keyFilePermissions)
            #expect(error?.message.contains("0" + String(mode, radix: 8)) == true)
        }
    }

    @Test("the openssl tool reads our keys and we read its keys")
    func opensslInterop() throws {
        try withTemporaryDirectory { directory in
            let made = try runOpenSSL(["genpkey", "-algorithm", "x25519", "-out", "theirs.pem"], in: directory)
            try #require(made.status == 0, "\(made.output)")
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: directory + "/theirs.pem")
            let theirs = try KeyFile.readEncryptionKey(from: directory + "/theirs.pem")
            let exported = try runOpenSSL(["pkey", "-in", "theirs.pem", "-pubout", "-out", "theirs.pub"], in: directory)
            try #require(exported.status == 0, "\(exported.output)")
            let theirPublic = try String(contentsOfFile: directory + "/theirs.pub", encoding: .utf8)
            #expect(try EncryptionPublicKey(pem: theirPublic) == theirs.publicKey)

            let ours = EncryptionKey.generate()
            try KeyFile.write(ours, to: directory + "/ours.pem")
            let read = try runOpenSSL(["pkey", "-in", "ours.pem", "-pubout", "-out", "ours.pub"], in: directory)
            try #require(read.status == 0, "\(read.output)")
            let ourPublic = try String(contentsOfFile: directory + "/ours.pub", encoding: .utf8)
            #expect(ourPublic == ours.publicKey.pemRepresentation)

            // openssl pkeyutl -derive agrees with sharedSecret(with:).
            let derived = try runOpenSSL(
                ["pkeyutl", "-derive", "-inkey", "ours.pem", "-peerkey", "theirs.pub", "-out", "secret.bin"], in: directory
            )
            try #require(derived.status == 0, "\(derived.output)")
            let secret = try [UInt8](Data(contentsOf: URL(fileURLWithPath: directory + "/secret.bin")))
            #expect(try secret == ours.sharedSecret(with: theirs.publicKey))
        }
    }
}

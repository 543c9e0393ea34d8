import ParleyCrypto
import Testing

/// HPKE beyond the vectors: random round trips, refusals, order, exports.
@Suite struct HPKETests {
    static let suites: [HPKESuite] = [.x25519AES128GCM, .x25519AES256GCM, .x25519ChaCha20Poly1305]

    @Test("a context's messages open in order, and exports agree", arguments: suites)
    func roundTrip(_ suite: HPKESuite) throws {
        var random = SeededGenerator(seed: UInt64(suite.aead.hpkeID) + 40)
        let recipientKey = EncryptionKey.generate()
        let info = random.bytes(Int.random(in: 0...80, using: &random))
        var (enc, sender) = try HPKE.setupBaseS(to: recipientKey.publicKey, info: info, suite: suite)
        var recipient = try HPKE.setupBaseR(encapsulatedKey: enc, key: recipientKey, info: info, suite: suite)
        for _ in 0..<50 {
            let plaintext = random.bytes(Int.random(in: 0...300, using: &random))
            let ad = random.bytes(Int.random(in: 0...40, using: &random))
            let sealed = try sender.seal(plaintext, associatedData: ad)
            #expect(try recipient.open(sealed, associatedData: ad) == plaintext)
        }
        let context = random.bytes(20)
        #expect(try sender.export(context: context, length: 64) == recipient.export(context: context, length: 64))
        #expect(try sender.export(context: context, length: 32) != sender.export(context: [], length: 32))
    }

    @Test("two setups to the same key give different encapsulated keys and ciphertexts")
    func freshEphemeral() throws {
        let key = EncryptionKey.generate()
        let first = try HPKE.seal([1, 2, 3], to: key.publicKey, info: [9])
        let second = try HPKE.seal([1, 2, 3], to: key.publicKey, info: [9])
        #expect(first.encapsulatedKey != second.encapsulatedKey)
        #expect(first.ciphertext != second.ciphertext)
        #expect(try HPKE.open(second.ciphertext, encapsulatedKey: second.encapsulatedKey, key: key, info: [9]) == [1, 2, 3])
    }

    @Test("the wrong key, info, associated data, suite or encapsulated key is refused", arguments: suites)
    func refusals(_ suite: HPKESuite) throws {
        let key = EncryptionKey.generate()
        let info = Array("parley/test".utf8)
        let (enc, ct) = try HPKE.seal([5, 6, 7, 8], to: key.publicKey, info: info, associatedData: [1], suite: suite)
        func opening(
            _ ct: [UInt8], enc: [UInt8], key: EncryptionKey, info: [UInt8], ad: [UInt8], suite: HPKESuite
        ) -> CryptoError.Code? {
            do {
                _ = try HPKE.open(ct, encapsulatedKey: enc, key: key, info: info, associatedData: ad, suite: suite)
                return nil
            } catch let error as CryptoError {
                return error.code
            } catch {
                return .openSSL
            }
        }
        #expect(opening(ct, enc: enc, key: key, info: info, ad: [1], suite: suite) == nil)
        #expect(opening(ct, enc: enc, key: .generate(), info: info, ad: [1], suite: suite) == .authenticationFailed)
        #expect(opening(ct, enc: enc, key: key, info: info + [0], ad: [1], suite: suite) == .authenticationFailed)
        #expect(opening(ct, enc: enc, key: key, info: info, ad: [2], suite: suite) == .authenticationFailed)
        var otherEnc = enc
        otherEnc[0] ^= 1
        #expect(opening(ct, enc: otherEnc, key: key, info: info, ad: [1], suite: suite) == .authenticationFailed)
        #expect(opening(ct, enc: Array(enc.dropLast()), key: key, info: info, ad: [1], suite: suite) == .malformedCiphertext)
        #expect(opening(ct, enc: [UInt8](repeating: 0, count: 32), key: key, info: info, ad: [1], suite: suite) == .invalidKey)
        let otherSuite = Self.suites.first { $0 != suite }!
        #expect(opening(ct, enc: enc, key: key, info: info, ad: [1], suite: otherSuite) == .authenticationFailed)
    }

    @Test("a message out of order is refused and does not advance the recipient")
    func order() throws {
        let key = EncryptionKey.generate()
        var (enc, sender) = try HPKE.setupBaseS(to: key.publicKey, info: [])
        let first = try sender.seal([1])
        let second = try sender.seal([2])
        var recipient = try HPKE.setupBaseR(encapsulatedKey: enc, key: key, info: [])
        #expect(throws: CryptoError(code: .authenticationFailed, message: "")) { try recipient.open(second) }
        #expect(try recipient.open(first) == [1])
        #expect(try recipient.open(second) == [2])
        #expect(throws: CryptoError(code: .authenticationFailed, message: "")) { try recipient.open(second) }
    }

    @Test("export lengths outside 1...8160 are refused")
    func exportBounds() throws {
        let key = EncryptionKey.generate()
        let (_, sender) = try HPKE.setupBaseS(to: key.publicKey, info: [])
        #expect(try sender.export(context: [], length: 8160).count == 8160)
        for length in [0, 8161] {
            #expect(throws: CryptoError(code: .invalidParameter, message: "")) {
                try sender.export(context: [], length: length)
            }
        }
    }

    @Test("a recipient key of small order is refused before anything is sealed")
    func smallOrderRecipient() throws {
        let bad = try EncryptionPublicKey(rawRepresentation: [UInt8](repeating: 0, count: 32))
        #expect(throws: CryptoError(code: .invalidKey, message: "")) { try HPKE.seal([1], to: bad, info: []) }
    }
}

import ParleyCrypto
import Testing

/// AES-GCM and ChaCha20-Poly1305 through EVP_CIPHER: round trips, and every altered bit refused.
@Suite struct AEADTests {
    @Test("seal then open gives the plaintext back, for random inputs", arguments: AEADAlgorithm.allCases)
    func roundTrip(_ algorithm: AEADAlgorithm) throws {
        var random = SeededGenerator(seed: UInt64(algorithm.hpkeID))
        for round in 0..<200 {
            let key = try AEADKey(algorithm, bytes: random.bytes(algorithm.keyByteCount))
            let nonce = random.bytes(12)
            let plaintext = random.bytes(round < 3 ? round : Int.random(in: 0...600, using: &random))
            let ad = random.bytes(Int.random(in: 0...64, using: &random))
            let sealed = try key.seal(plaintext, nonce: nonce, associatedData: ad)
            #expect(sealed.count == plaintext.count + 16)
            #expect(try key.open(sealed, nonce: nonce, associatedData: ad) == plaintext)
        }
    }

    @Test("every single bit flipped in the ciphertext, the tag or the associated data is refused",
          arguments: AEADAlgorithm.allCases)
    func tampering(_ algorithm: AEADAlgorithm) throws {
        var random = SeededGenerator(seed: 99)
        let key = try AEADKey(algorithm, bytes: random.bytes(algorithm.keyByteCount))
        let nonce = random.bytes(12)
        let plaintext = random.bytes(40)
        let ad = random.bytes(24)
        let sealed = try key.seal(plaintext, nonce: nonce, associatedData: ad)
        // Bits 0..<320 are the ciphertext, 320..<448 the tag.
        for bit in 0..<(sealed.count * 8) {
            var altered = sealed
            altered[bit / 8] ^= 1 << (bit % 8)
            let error = #expect(throws: CryptoError.self) { try key.open(altered, nonce: nonce, associatedData: ad) }
            #expect(error?.code == .authenticationFailed)
        }
        for bit in 0..<(ad.count * 8) {
            var altered = ad
            altered[bit / 8] ^= 1 << (bit % 8)
            let error = #expect(throws: CryptoError.self) { try key.open(sealed, nonce: nonce, associatedData: altered) }
            #expect(error?.code == .authenticationFailed)
        }
        // Associated data dropped, added to, or moved into the plaintext's place.
        for altered in [[], ad + [0], Array(ad.dropLast())] {
            #expect(throws: CryptoError(code: .authenticationFailed, message: "")) {
                try key.open(sealed, nonce: nonce, associatedData: altered)
            }
        }
        // Another key or nonce.
        var otherNonce = nonce
        otherNonce[11] ^= 1
        #expect(throws: CryptoError(code: .authenticationFailed, message: "")) {
            try key.open(sealed, nonce: otherNonce, associatedData: ad)
        }
        let otherKey = try AEADKey(algorithm, bytes: random.bytes(algorithm.keyByteCount))
        #expect(throws: CryptoError(code: .authenticationFailed, message: "")) {
            try otherKey.open(sealed, nonce: nonce, associatedData: ad)
        }
        // Truncated: a tag missing its last byte, or bytes shorter than any tag.
        #expect(throws: CryptoError(code: .authenticationFailed, message: "")) {
            try key.open(Array(sealed.dropLast()), nonce: nonce, associatedData: ad)
        }
        #expect(throws: CryptoError(code: .malformedCiphertext, message: "")) {
            try key.open(Array(sealed.prefix(15)), nonce: nonce, associatedData: ad)
        }
        // And the original still opens.
        #expect(try key.open(sealed, nonce: nonce, associatedData: ad) == plaintext)
    }

    @Test("the refusal says what may have been altered, and never the key", arguments: AEADAlgorithm.allCases)
    func refusalMessage(_ algorithm: AEADAlgorithm) throws {
        let keyBytes = [UInt8](repeating: 0xab, count: algorithm.keyByteCount)
        let key = try AEADKey(algorithm, bytes: keyBytes)
        var sealed = try key.seal([1, 2, 3], nonce: [UInt8](repeating: 0, count: 12), associatedData: [4])
        sealed[0] ^= 0x80
        let error = #expect(throws: CryptoError.self) {
            try key.open(sealed, nonce: [UInt8](repeating: 0, count: 12), associatedData: [4])
        }
        #expect(error?.message.contains("associated data") == true)
        #expect(error?.description.hasPrefix("authenticationFailed: ") == true)
        #expect(error?.message.contains(hex(keyBytes)) == false)
        #expect(!key.description.contains("ab"))
    }

    @Test("keys and nonces of the wrong length are refused with invalidParameter", arguments: AEADAlgorithm.allCases)
    func wrongLengths(_ algorithm: AEADAlgorithm) throws {
        for count in [0, 15, 31, 33] where count != algorithm.keyByteCount {
            #expect(throws: CryptoError(code: .invalidParameter, message: "")) {
                try AEADKey(algorithm, bytes: [UInt8](repeating: 1, count: count))
            }
        }
        let key = try AEADKey(algorithm, bytes: [UInt8](repeating: 1, count: algorithm.keyByteCount))
        for count in [0, 8, 11, 13, 16] {
            #expect(throws: CryptoError(code: .invalidParameter, message: "")) {
                try key.seal([1], nonce: [UInt8](repeating: 0, count: count), associatedData: [])
            }
        }
    }

    @Test("HPKE ids name the algorithms")
    func ids() {
        #expect(AEADAlgorithm(hpkeID: 1) == .aes128GCM)
        #expect(AEADAlgorithm(hpkeID: 2) == .aes256GCM)
        #expect(AEADAlgorithm(hpkeID: 3) == .chaCha20Poly1305)
        #expect(AEADAlgorithm(hpkeID: 0xffff) == nil)
        #expect(AEADAlgorithm(hpkeID: 0) == nil)
    }
}

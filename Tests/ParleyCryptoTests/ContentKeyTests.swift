import ParleyCrypto
import Testing

/// Content keys: bodies sealed under a binding open under it only; shares open for their
/// recipient, exchange and author only.
@Suite struct ContentKeyTests {
    static let exchange = [UInt8](repeating: 0xe1, count: 32)
    static let author = KeyID(bytes: [UInt8](repeating: 0xa1, count: 32))!

    static func binding(
        exchange: [UInt8] = exchange, author: KeyID = author, seq: UInt64 = 7, operation: String = "list.put"
    ) -> ContentBinding {
        try! ContentBinding(exchange: exchange, author: author, seq: seq, operation: operation)
    }

    @Test("the associated data is laid out exactly as documented")
    func layout() throws {
        let binding = try ContentBinding(exchange: Self.exchange, author: Self.author, seq: 0x0102_0304_0506_0708, operation: "list.put")
        let expected = Array("parley/v1/content".utf8) + [0]
            + [UInt8](repeating: 0xe1, count: 32) + [UInt8](repeating: 0xa1, count: 32)
            + [1, 2, 3, 4, 5, 6, 7, 8] + [8] + Array("list.put".utf8)
        #expect(binding.associatedData == expected)
        #expect(binding.associatedData.count == 18 + 32 + 32 + 8 + 1 + 8)
    }

    @Test("the example of protocol/PROTOCOL.md (Encryption), byte for byte")
    func documentedExample() throws {
        let author = try PublicKey(rawRepresentation: bytes(hex: "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")).keyID
        let binding = try ContentBinding(exchange: [UInt8](repeating: 0x11, count: 32), author: author, seq: 1, operation: "list.put")
        #expect(hex(binding.associatedData) == "7061726c65792f76312f636f6e74656e7400" + String(repeating: "11", count: 32)
            + "21fe31dfa154a261626bf854046fd2271b7bed4b6abe45aa58877ef47f9721b9" + "0000000000000001" + "08" + "6c6973742e707574")
        let body = Array(#"{"entry":"e1"}"#.utf8)
        let nonce = Array(UInt8(0)..<12)
        let expected: [(AEADAlgorithm, String)] = [
            (.aes256GCM, "000102030405060708090a0b" + "3c20b375b197bb39b763f2ba9394" + "d147f2b46302fcfc3d6884d3f3b775db"),
            (.chaCha20Poly1305, "000102030405060708090a0b" + "f2d96d6e5d65dc628da15ac2ba60" + "7f4039c17295b7f412499f2a2dcfc28b"),
        ]
        for (algorithm, sealed) in expected {
            let key = try ContentKey(algorithm, bytes: Array(UInt8(0)..<32))
            #expect(try hex(key.seal(body, binding: binding, nonce: nonce)) == sealed)
            #expect(try key.open(bytes(hex: sealed), binding: binding) == body)
        }
    }

    @Test("keys are equal when their algorithm and every byte are")
    func equality() throws {
        let bytes = (0..<32).map { UInt8($0) }
        let key = try ContentKey(.aes256GCM, bytes: bytes)
        #expect(key == (try ContentKey(.aes256GCM, bytes: bytes)))
        #expect(key != (try ContentKey(.chaCha20Poly1305, bytes: bytes)))
        for index in [0, 31] {
            var other = bytes
            other[index] ^= 1
            #expect(key != (try ContentKey(.aes256GCM, bytes: other)))
        }
        #expect(ContentKey.generate() != ContentKey.generate())
    }

    @Test("a body round trips, and the sealed form is nonce, ciphertext, tag", arguments: ContentKey.algorithms)
    func roundTrip(_ algorithm: AEADAlgorithm) throws {
        let key = ContentKey.generate(algorithm)
        let body = Array(#"{"entry":"e1","fields":{"surname":"Test"}}"#.utf8)
        let sealed = try key.seal(body, binding: Self.binding())
        #expect(sealed.count == body.count + 28)
        #expect(try key.open(sealed, binding: Self.binding()) == body)
        // The same body sealed twice differs (a fresh nonce each time).
        #expect(try key.seal(body, binding: Self.binding()) != sealed)
        // With a fixed nonce, it is the AEAD of the body under the documented associated data.
        let nonce = [UInt8](repeating: 3, count: 12)
        let fixed = try key.seal(body, binding: Self.binding(), nonce: nonce)
        let aead = try AEADKey(algorithm, bytes: key.rawRepresentation)
        #expect(try fixed == nonce + aead.seal(body, nonce: nonce, associatedData: Self.binding().associatedData))
    }

    @Test("a body opened under another exchange, author, seq or operation kind is refused")
    func wrongBinding() throws {
        let key = ContentKey.generate()
        let sealed = try key.seal([1, 2, 3], binding: Self.binding())
        let others = [
            Self.binding(exchange: [UInt8](repeating: 0xe2, count: 32)),
            Self.binding(author: KeyID(bytes: [UInt8](repeating: 0xa2, count: 32))!),
            Self.binding(seq: 8),
            Self.binding(seq: 7 + (1 << 32)),
            Self.binding(operation: "list.remove"),
            Self.binding(operation: "list.pu"),
        ]
        for other in others {
            let error = #expect(throws: CryptoError.self) { try key.open(sealed, binding: other) }
            #expect(error?.code == .authenticationFailed)
        }
        #expect(throws: CryptoError(code: .authenticationFailed, message: "")) {
            try ContentKey.generate().open(sealed, binding: Self.binding())
        }
        #expect(throws: CryptoError(code: .malformedCiphertext, message: "")) {
            try key.open(Array(sealed.prefix(27)), binding: Self.binding())
        }
    }

    @Test("bad bindings are refused with invalidParameter")
    func badBindings() {
        #expect(throws: CryptoError(code: .invalidParameter, message: "")) {
            try ContentBinding(exchange: [1, 2], author: Self.author, seq: 1, operation: "list.put")
        }
        for operation in ["", String(repeating: "x", count: 256)] {
            #expect(throws: CryptoError(code: .invalidParameter, message: "")) {
                try ContentBinding(exchange: Self.exchange, author: Self.author, seq: 1, operation: operation)
            }
        }
        #expect(throws: CryptoError(code: .invalidParameter, message: "")) {
            try ContentKey(.aes128GCM, bytes: [UInt8](repeating: 1, count: 16))
        }
    }

    @Test("a share opens for its recipient, exchange and author only", arguments: ContentKey.algorithms)
    func share(_ algorithm: AEADAlgorithm) throws {
        let content = ContentKey.generate(algorithm)
        let participant = EncryptionKey.generate()
        let share = try content.share(to: participant.publicKey, exchange: Self.exchange, author: Self.author)
        #expect(share.bytes.count == 82)
        let opened = try share.open(with: participant, exchange: Self.exchange, author: Self.author)
        #expect(opened.algorithm == algorithm)
        #expect(opened.rawRepresentation == content.rawRepresentation)
        // The shared key opens what the author sealed.
        let sealed = try content.seal([9, 9], binding: Self.binding())
        #expect(try opened.open(sealed, binding: Self.binding()) == [9, 9])

        let refusals: [() throws -> ContentKey] = [
            { try share.open(with: .generate(), exchange: Self.exchange, author: Self.author) },
            { try share.open(with: participant, exchange: [UInt8](repeating: 0, count: 32), author: Self.author) },
            { try share.open(with: participant, exchange: Self.exchange, author: KeyID(bytes: [UInt8](repeating: 0, count: 32))!) },
        ]
        for refusal in refusals {
            let error = #expect(throws: CryptoError.self) { try refusal() }
            #expect(error?.code == .authenticationFailed)
        }
        for index in [0, 40, 81] {
            var altered = share.bytes
            altered[index] ^= 0x10
            let error = #expect(throws: CryptoError.self) {
                try ContentKeyShare(bytes: altered).open(with: participant, exchange: Self.exchange, author: Self.author)
            }
            #expect(error?.code == .authenticationFailed || error?.code == .invalidKey)
        }
        #expect(throws: CryptoError(code: .malformedCiphertext, message: "")) {
            try ContentKeyShare(bytes: Array(share.bytes.dropLast()))
        }
    }

    @Test("property: random bodies and bindings round trip, and any other binding is refused")
    func property() throws {
        var random = SeededGenerator(seed: 14)
        let kinds = ["list.put", "list.remove", "dispute.open", "dispute.comment", "attest", "match.assert"]
        for round in 0..<300 {
            let key = try ContentKey(ContentKey.algorithms[round % 2], bytes: random.bytes(32))
            let binding = try ContentBinding(
                exchange: random.bytes(32), author: KeyID(bytes: random.bytes(32))!,
                seq: UInt64.random(in: 1...UInt64.max, using: &random), operation: kinds.randomElement(using: &random)!
            )
            let body = random.bytes(Int.random(in: 0...400, using: &random))
            let sealed = try key.seal(body, binding: binding)
            #expect(try key.open(sealed, binding: binding) == body, "round \(round)")
            // Change one field at random.
            var exchange = binding.exchange, author = binding.author.bytes, seq = binding.seq, operation = binding.operation
            switch Int.random(in: 0..<4, using: &random) {
            case 0: exchange[Int.random(in: 0..<32, using: &random)] ^= 1 << UInt8.random(in: 0..<8, using: &random)
            case 1: author[Int.random(in: 0..<32, using: &random)] ^= 1 << UInt8.random(in: 0..<8, using: &random)
            case 2: seq ^= 1 << UInt64.random(in: 0..<64, using: &random)
            default: operation = kinds.filter { $0 != operation }.randomElement(using: &random)!
            }
            let other = try ContentBinding(exchange: exchange, author: KeyID(bytes: author)!, seq: seq, operation: operation)
            #expect(throws: CryptoError(code: .authenticationFailed, message: "")) { try key.open(sealed, binding: other) }
            // And one bit of the sealed bytes.
            if !sealed.isEmpty {
                var altered = sealed
                altered[Int.random(in: 0..<altered.count, using: &random)] ^= 1 << UInt8.random(in: 0..<8, using: &random)
                #expect(throws: CryptoError(code: .authenticationFailed, message: "")) { try key.open(altered, binding: binding) }
            }
        }
    }
}

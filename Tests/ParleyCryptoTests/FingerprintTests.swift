import Foundation
import ParleyCrypto
import Testing

/// Fingerprints: the documented format, Syncthing compatibility, and mistype detection.
@Suite struct FingerprintTests {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")

    /// The format as Fingerprint's documentation states it, written again from that text alone.
    static func reference(_ id: [UInt8]) -> String {
        var bits = id.flatMap { byte in (0..<8).reversed().map { Int(byte >> $0) & 1 } }
        bits += [Int](repeating: 0, count: 4)
        let base32 = stride(from: 0, to: bits.count, by: 5).map { start in
            alphabet[bits[start..<start + 5].reduce(0) { $0 * 2 + $1 }]
        }
        var checked: [Character] = []
        for start in stride(from: 0, to: 52, by: 13) {
            let chunk = Array(base32[start..<start + 13])
            checked += chunk + [check(chunk)]
        }
        return stride(from: 0, to: 56, by: 7).map { String(checked[$0..<$0 + 7]) }.joined(separator: "-")
    }

    /// Syncthing's Luhn mod 32 check character, as documented.
    static func check(_ chunk: [Character]) -> Character {
        var sum = 0
        for (index, character) in chunk.enumerated() {
            let addend = (index % 2 == 0 ? 1 : 2) * alphabet.firstIndex(of: character)!
            sum += addend / 32 + addend % 32
        }
        return alphabet[(32 - sum % 32) % 32]
    }

    @Test("RFC 8032 TEST 1 key has the fingerprint in the documentation")
    func documentedExample() throws {
        let publicKey = try PublicKey(rawRepresentation: bytes(hex: "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"))
        #expect(publicKey.keyID.hex == "21fe31dfa154a261626bf854046fd2271b7bed4b6abe45aa58877ef47f9721b9")
        #expect(publicKey.keyID.fingerprint.text == "EH7DDX5-BKSRGCK-YTL7BKA-I36SE4E-NXX3KLN-K7ELKS5-YQ57PI7-4XEG4QG")
    }

    @Test("Syncthing's own device ids are read and written the same way", arguments: [
        ("P56IOI7-MZJNU2Y-IQGDREY-DM2MGTI-MGL3BXN-PQ6W5BM-TBBZ4TJ-XZWICQ2",
         "7f7c8723ecca5b4d22061c4981b34c34d865ec376be1eb74330873c9a6f9b205"),
        ("MFZWI3D-BONSGYC-YLTMRWG-C43ENR5-QXGZDMM-FZWI3DP-BONSGYY-LTMRWAD",
         "6173646c6173646c6173646c6173646c6173646c6173646c6173646c6173646c"),
    ])
    func syncthingCompatible(text: String, id: String) throws {
        #expect(try Fingerprint.parse(text).hex == id)
        #expect(KeyID(hex: id)?.fingerprint.text == text)
    }

    @Test("random key ids: text matches the documented format and parses back")
    func roundTrip() throws {
        for _ in 0..<50 {
            let id = SigningKey.generate().publicKey.keyID
            let text = id.fingerprint.text
            #expect(text == Self.reference(id.bytes))
            #expect(try Fingerprint.parse(text) == id)
            #expect(try Fingerprint.parse(text.lowercased()) == id)
            #expect(try Fingerprint.parse(text.replacingOccurrences(of: "-", with: "")) == id)
            #expect(try Fingerprint.parse(text.replacingOccurrences(of: "-", with: " ")) == id)
            #expect(try Fingerprint.parse("  " + text.replacingOccurrences(of: "-", with: " - ") + "\n") == id)
        }
    }

    @Test("0, 1 and 8 are read as O, I and B")
    func confusables() throws {
        let text = "P56IOI7-MZJNU2Y-IQGDREY-DM2MGTI-MGL3BXN-PQ6W5BM-TBBZ4TJ-XZWICQ2"
        let confused = text
            .replacingOccurrences(of: "O", with: "0")
            .replacingOccurrences(of: "I", with: "1")
            .replacingOccurrences(of: "B", with: "8")
        #expect(confused != text)
        #expect(try Fingerprint.parse(confused) == Fingerprint.parse(text))
        #expect(try Fingerprint.parse(confused.lowercased()) == Fingerprint.parse(text))
    }

    @Test("every single-character substitution, at every position, is rejected")
    func everyMistypeDetected() throws {
        for _ in 0..<3 {
            let text = Array(SigningKey.generate().publicKey.keyID.fingerprint.text)
            for position in text.indices where text[position] != "-" {
                for replacement in Self.alphabet + ["0", "1", "8"] {
                    guard replacement != text[position] else { continue }
                    // 0, 1, 8 stand for O, I, B: typing one of them where that letter belongs is no mistake.
                    if ["0": "O", "1": "I", "8": "B"][replacement] == text[position] { continue }
                    var mistyped = text
                    mistyped[position] = replacement
                    let error = #expect(throws: CryptoError.self, "\(String(mistyped))") {
                        try Fingerprint.parse(String(mistyped))
                    }
                    #expect(error?.code == .invalidFingerprint)
                }
            }
        }
    }

    @Test("the error names the groups holding the mistyped character")
    func errorNamesGroups() throws {
        var text = Array("P56IOI7-MZJNU2Y-IQGDREY-DM2MGTI-MGL3BXN-PQ6W5BM-TBBZ4TJ-XZWICQ2")
        text[18] = text[18] == "A" ? "C" : "A"  // third group
        let error = #expect(throws: CryptoError.self) { try Fingerprint.parse(String(text)) }
        #expect(error?.message.contains("group 3 or 4") == true)
    }

    @Test("wrong length, foreign characters and padding bits are rejected", arguments: [
        "",
        "P56IOI7-MZJNU2Y-IQGDREY-DM2MGTI-MGL3BXN-PQ6W5BM-TBBZ4TJ",
        "P56IOI7-MZJNU2Y-IQGDREY-DM2MGTI-MGL3BXN-PQ6W5BM-TBBZ4TJ-XZWICQ2-A",
        "P56IOI7MZJNU2IQGDREYDM2MGTMGL3BXNPQ6W5BTBBZ4TJXZWICQ",  // Syncthing's old form, no checks
        "P56IOI7-MZJNU2Y-IQGDREY-DM2MGTI-MGL3BXN-PQ6W5BM-TBBZ4TJ-XZWICQ9",
        "P56IOI7-MZJNU2Y-IQGDREY-DM2MGTI-MGL3BXN-PQ6W5BM-TBBZ4TJ-XZWICQ_",
        "Р56IOI7-MZJNU2Y-IQGDREY-DM2MGTI-MGL3BXN-PQ6W5BM-TBBZ4TJ-XZWICQ2",  // Cyrillic Р
        FingerprintTests.withPaddingBits(),
    ])
    func malformed(text: String) {
        let error = #expect(throws: CryptoError.self) { try Fingerprint.parse(text) }
        #expect(error?.code == .invalidFingerprint)
    }

    /// A fingerprint whose check characters match but whose last data character has padding bits set.
    static func withPaddingBits() -> String {
        var chunk = Array("TBBZ4TJXZWICQ")
        chunk[12] = "R"  // Q is 10000, R is 10001: one padding bit set
        let text = "P56IOI7MZJNU2Y" + "IQGDREYDM2MGTI" + "MGL3BXNPQ6W5BM" + String(chunk) + String(check(chunk))
        return text
    }

    @Test("key ids: hex and JSON forms, order")
    func keyIDForms() throws {
        let id = SigningKey.generate().publicKey.keyID
        #expect(id.hex.count == 64)
        #expect(KeyID(hex: id.hex) == id)
        #expect(KeyID(hex: "21FE31DFA154A261626BF854046FD2271B7BED4B6ABE45AA58877EF47F9721B9") == nil)
        #expect(KeyID(hex: "21fe31dfa154a261626bf854046fd2271b7bed4b6abe45aa58877ef47f9721b9") != nil)
        #expect(KeyID(hex: "21fe31dfa154a261626bf854046fd2271b7bed4b6abe45aa58877ef47f9721bg") == nil)
        #expect(KeyID(hex: String(id.hex.dropLast())) == nil)
        #expect(KeyID(bytes: id.bytes) == id)
        #expect(KeyID(bytes: [UInt8](repeating: 0, count: 31)) == nil)
        #expect("\(id)" == id.hex)

        let ids = (0..<20).map { _ in SigningKey.generate().publicKey.keyID }
        #expect(ids.sorted().map(\.hex) == ids.map(\.hex).sorted())
    }
}

import Foundation
import ParleyCrypto
@testable import ParleyLog
import Testing

/// The two encodings every envelope is read through: ids as four words (``DigestWords``) and
/// signatures and sealed records in unpadded base64url. Both are written for speed, so both are
/// held to a plain reference on random input.
@Suite struct DigestAndBase64Tests {
    /// Foundation's base64, made url-safe and unpadded.
    private static func referenceEncode(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// What the canonical decoder must return: Foundation's decoding of the padded text, and only
    /// when encoding it again gives the text back (one spelling per byte string).
    private static func referenceDecode(_ text: String) -> [UInt8]? {
        guard !text.contains("+"), !text.contains("/"), !text.contains("=") else { return nil }
        let standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        let padded = standard + String(repeating: "=", count: (4 - standard.utf8.count % 4) % 4)
        guard let data = Data(base64Encoded: padded) else { return nil }
        let bytes = [UInt8](data)
        return referenceEncode(bytes) == text ? bytes : nil
    }

    @Test func base64URLEncodesAsFoundationDoes() {
        var rng = SplitMix64(state: 0xB64)
        for count in 0 ..< 200 {
            let bytes = (0 ..< count % 70).map { _ in UInt8.random(in: 0 ... 255, using: &rng) }
            let text = Base64URL.encode(bytes)
            #expect(text == Self.referenceEncode(bytes))
            #expect(Base64URL.decode(text) == bytes)
        }
    }

    @Test func base64URLDecodesOnlyTheCanonicalSpelling() {
        var rng = SplitMix64(state: 0xDEC0DE)
        // Mostly alphabet letters, so that many texts decode; some that never may.
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") + Array("=+/ \n.é")
        var decoded = 0
        for _ in 0 ..< 5_000 {
            let length = Int.random(in: 0 ... 11, using: &rng)
            let text = String((0 ..< length).map { _ in
                Bool.random(using: &rng) || Bool.random(using: &rng) ? letters[Int.random(in: 0 ..< 64, using: &rng)] : letters.randomElement(using: &rng)!
            })
            let ours = Base64URL.decode(text)
            #expect(ours == Self.referenceDecode(text), "\(text)")
            if ours != nil { decoded += 1 }
        }
        #expect(decoded > 500, "the random texts should decode often enough to test the accepting side")
        // Non-zero unused bits: the same bytes as "AA", spelled another way.
        #expect(Base64URL.decode("AB") == nil)
        #expect(Base64URL.decode("AAB") == nil)
        #expect(Base64URL.decode("A") == nil)
    }

    @Test func digestWordsRoundTripAndOrderAsTheHexText() {
        var rng = SplitMix64(state: 0x1D5)
        var ids: [EnvelopeID] = []
        for _ in 0 ..< 500 {
            // Repeated leading bytes make some ids share their first words.
            let prefix = [UInt8](repeating: UInt8.random(in: 0 ... 2, using: &rng), count: Int.random(in: 0 ... 20, using: &rng))
            let bytes = prefix + (prefix.count ..< 32).map { _ in UInt8.random(in: 0 ... 255, using: &rng) }
            let hex = Hex.encode(bytes)
            let id = EnvelopeID(hex: hex)
            #expect(id?.hex == hex)
            #expect(id?.bytes == bytes)
            #expect(EnvelopeID(bytes: bytes) == id)
            #expect(KeyID(hex: hex)?.hex == hex)
            #expect(KeyID(bytes: bytes)?.bytes == bytes)
            if let id { ids.append(id) }
        }
        #expect(ids.sorted().map(\.hex) == ids.map(\.hex).sorted())
        #expect(Set(ids).count == Set(ids.map(\.hex)).count)
    }

    /// Ids a peer writes can share any of their words: each word counts in the hash, so that
    /// such ids do not all fall into one bucket of a table.
    @Test func idsThatDifferInOneWordHashApart() {
        for word in 0 ..< 4 {
            let ids = (0 ..< 200).map { value in
                var bytes = [UInt8](repeating: 0x5a, count: 32)
                bytes[8 * word + 7] = UInt8(value)
                return EnvelopeID(bytes: bytes)!
            }
            #expect(Set(ids.map(\.hashValue)).count > 190, "ids that differ only in word \(word) hash alike")
            #expect(Set(ids.compactMap { KeyID(hex: $0.hex)?.hashValue }).count > 190, "key ids, word \(word)")
        }
    }

    @Test func digestWordsRefuseEveryOtherSpelling() {
        let hex = String(repeating: "0123456789abcdef", count: 4)
        #expect(EnvelopeID(hex: hex) != nil)
        #expect(EnvelopeID(hex: hex.uppercased()) == nil)
        #expect(EnvelopeID(hex: String(hex.dropLast())) == nil)
        #expect(EnvelopeID(hex: hex + "0") == nil)
        #expect(EnvelopeID(hex: String(hex.dropLast()) + "g") == nil)
        #expect(EnvelopeID(hex: String(hex.dropLast(2)) + "é") == nil)
        #expect(EnvelopeID(hex: "") == nil)
        #expect(EnvelopeID(bytes: [UInt8](repeating: 1, count: 31)) == nil)
        #expect(KeyID(hex: " " + String(hex.dropFirst())) == nil)
    }
}

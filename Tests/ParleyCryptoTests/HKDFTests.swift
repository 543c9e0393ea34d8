import Foundation
import ParleyCrypto
import Testing

/// One test case of RFC 5869 Appendix A (SHA-256), in hex.
struct HKDFVector: Sendable, CustomTestStringConvertible {
    var name: String
    var ikm: String
    var salt: String
    var info: String
    var prk: String
    var okm: String

    var testDescription: String { name }
}

/// HKDF-SHA256 through EVP_KDF: RFC 5869's SHA-256 cases byte for byte, and its bounds.
@Suite struct HKDFTests {
    static let vectors: [HKDFVector] = [
        HKDFVector(
            name: "A.1 basic",
            ikm: "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
            salt: "000102030405060708090a0b0c",
            info: "f0f1f2f3f4f5f6f7f8f9",
            prk: "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5",
            okm: "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"
        ),
        HKDFVector(
            name: "A.2 longer inputs and outputs",
            ikm: (0x00...0x4f).map { String(format: "%02x", $0) }.joined(),
            salt: (0x60...0xaf).map { String(format: "%02x", $0) }.joined(),
            info: (0xb0...0xff).map { String(format: "%02x", $0) }.joined(),
            prk: "06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244",
            okm: "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87"
        ),
        HKDFVector(
            name: "A.3 empty salt and info",
            ikm: "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
            salt: "",
            info: "",
            prk: "19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04",
            okm: "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"
        ),
    ]

    @Test("extract, then expand, match RFC 5869 byte for byte", arguments: vectors)
    func vector(_ vector: HKDFVector) throws {
        let prk = try HKDF.extract(salt: bytes(hex: vector.salt), inputKeyMaterial: bytes(hex: vector.ikm))
        #expect(hex(prk) == vector.prk)
        let okm = try HKDF.expand(pseudorandomKey: prk, info: bytes(hex: vector.info), length: vector.okm.count / 2)
        #expect(hex(okm) == vector.okm)
    }

    @Test("extract takes an empty secret and an empty salt: HMAC-SHA256 with an empty key")
    func emptyInputs() throws {
        // HMAC-SHA256(key: "", message: "") — a salt of zeros is the same key after padding.
        let empty = "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad"
        #expect(try hex(HKDF.extract(salt: [], inputKeyMaterial: [])) == empty)
        #expect(try hex(HKDF.extract(salt: [UInt8](repeating: 0, count: 32), inputKeyMaterial: [])) == empty)
    }

    @Test("expand's output is a prefix of a longer one, and fills 255 hash lengths")
    func lengths() throws {
        let prk = try HKDF.extract(salt: [1, 2, 3], inputKeyMaterial: [4, 5, 6])
        let long = try HKDF.expand(pseudorandomKey: prk, info: [7], length: HKDF.maximumOutputByteCount)
        #expect(long.count == 8160)
        #expect(try HKDF.expand(pseudorandomKey: prk, info: [7], length: 33) == Array(long.prefix(33)))
    }

    @Test("out-of-range lengths, short PRKs and long info are refused with invalidParameter")
    func bounds() throws {
        let prk = [UInt8](repeating: 1, count: 32)
        for length in [0, -1, HKDF.maximumOutputByteCount + 1] {
            #expect(throws: CryptoError(code: .invalidParameter, message: "")) {
                try HKDF.expand(pseudorandomKey: prk, info: [], length: length)
            }
        }
        #expect(throws: CryptoError(code: .invalidParameter, message: "")) {
            try HKDF.expand(pseudorandomKey: Array(prk.prefix(31)), info: [], length: 32)
        }
        #expect(throws: CryptoError(code: .invalidParameter, message: "")) {
            try HKDF.expand(pseudorandomKey: prk, info: [UInt8](repeating: 0, count: HKDF.maximumInfoByteCount + 1), length: 32)
        }
        // The longest info accepted works.
        let okm = try HKDF.expand(pseudorandomKey: prk, info: [UInt8](repeating: 0, count: HKDF.maximumInfoByteCount), length: 32)
        #expect(okm.count == 32)
    }
}

import Foundation
import ParleyCrypto
import Testing

/// SHA-256 known answers (FIPS 180-4 examples), one-shot and incremental.
@Suite struct SHA256Tests {
    static let knownAnswers: [(message: String, digest: String)] = [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
    ]

    @Test("one-shot known answers", arguments: knownAnswers)
    func oneShot(message: String, digest: String) {
        #expect(hex(SHA256.hash(Array(message.utf8))) == digest)
        #expect(hex(SHA256.hash(Data(message.utf8))) == digest)
    }

    @Test("incremental known answers, fed byte by byte", arguments: knownAnswers)
    func incremental(message: String, digest: String) {
        var hasher = SHA256()
        for byte in message.utf8 {
            hasher.update([byte])
        }
        #expect(hex(hasher.finalize()) == digest)
    }

    @Test("a million times 'a', in uneven parts")
    func millionA() {
        var hasher = SHA256()
        var remaining = 1_000_000
        var part = 1
        while remaining > 0 {
            let count = min(part, remaining)
            hasher.update(Data(repeating: UInt8(ascii: "a"), count: count))
            remaining -= count
            part = part * 3 % 9_973 + 1
        }
        #expect(hex(hasher.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("a copied hasher goes on independently")
    func copyIsIndependent() {
        var first = SHA256()
        first.update(Array("ab".utf8))
        var second = first
        second.update(Array("c".utf8))
        first.update(Array("x".utf8))
        #expect(hex(second.finalize()) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(first.finalize() == SHA256.hash(Array("abx".utf8)))
    }
}

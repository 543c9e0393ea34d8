import ParleyCrypto
internal import Foundation

/// The cost of encrypting record contents, against the cost of what a sync does already:
/// sealing and opening entry-sized bodies under a content key (AES-256-GCM and
/// ChaCha20-Poly1305, with the content binding as associated data), HPKE key shares made and
/// opened per second, and Ed25519 verification of the same bodies from Swift for scale.
enum CryptoBench {
    static func run(bodies count: Int, bodyBytes: Int, shares shareCount: Int) throws {
        var generator = SplitMix64(seed: 14)
        let bodies = (0..<count).map { _ in
            (0..<bodyBytes).map { _ in UInt8.random(in: 0x20...0x7e, using: &generator) }
        }
        let exchange = [UInt8](repeating: 0xe1, count: 32)
        let signing = try SigningKey(seed: Array(repeating: 7, count: 32))
        let author = signing.publicKey.keyID
        let bindings = try (0..<count).map {
            try ContentBinding(exchange: exchange, author: author, seq: UInt64($0 + 1), operation: "list.put")
        }
        print("crypto          \(count) bodies of \(bodyBytes) bytes, one content key, binding per body (exchange, author, seq, kind)")

        var perBody: [AEADAlgorithm: Double] = [:]
        for algorithm in ContentKey.algorithms {
            let key = ContentKey.generate(algorithm)
            var sealed: [[UInt8]] = []
            sealed.reserveCapacity(count)
            var t = now()
            for index in 0..<count { sealed.append(try key.seal(bodies[index], binding: bindings[index])) }
            let sealSeconds = now() - t
            t = now()
            var opened = 0
            for index in 0..<count where try key.open(sealed[index], binding: bindings[index]).count == bodyBytes { opened += 1 }
            let openSeconds = now() - t
            precondition(opened == count)
            perBody[algorithm] = (sealSeconds + openSeconds) / Double(count)
            let name = algorithm.description.padding(toLength: 18, withPad: " ", startingAt: 0)
            print(name + String(
                format: " seal %8.0f/s   open %8.0f/s   seal+open %8.0f/s   (%.1f µs per body both ways, %.0f MB/s sealed)",
                Double(count) / sealSeconds, Double(count) / openSeconds, Double(count) / (sealSeconds + openSeconds),
                (sealSeconds + openSeconds) / Double(count) * 1e6, Double(count * bodyBytes) / sealSeconds / 1e6
            ))
        }

        // What every replica already does per envelope: verify an Ed25519 signature.
        let verifyCount = min(count, 20_000)
        let signatures = try bodies.prefix(verifyCount).map { try signing.signature(for: $0) }
        var t = now()
        var verified = 0
        for index in 0..<verifyCount where signing.publicKey.isValidSignature(signatures[index], for: bodies[index]) { verified += 1 }
        let verifySeconds = now() - t
        precondition(verified == verifyCount)
        print(String(format: "Ed25519 verify     %8.0f/s   (%.1f µs per envelope, for scale: every replica verifies each envelope)",
                     Double(verifyCount) / verifySeconds, verifySeconds / Double(verifyCount) * 1e6))
        for algorithm in ContentKey.algorithms {
            let share = perBody[algorithm, default: .nan] / (verifySeconds / Double(verifyCount)) * 100
            print(String(format: "ratio              one seal + one open of a body = %.1f %% of one Ed25519 verification", share)
                + " (\(algorithm))")
        }

        // HPKE key shares: one per author and participant (and per new key), not per envelope.
        let content = ContentKey.generate()
        let participant = EncryptionKey.generate()
        var shares: [ContentKeyShare] = []
        shares.reserveCapacity(shareCount)
        t = now()
        for _ in 0..<shareCount { shares.append(try content.share(to: participant.publicKey, exchange: exchange, author: author)) }
        let shareSeconds = now() - t
        t = now()
        for share in shares { _ = try share.open(with: participant, exchange: exchange, author: author) }
        let unshareSeconds = now() - t
        print(String(format: "HPKE key share     seal %8.0f/s   open %8.0f/s   (%d shares, %d bytes each)",
                     Double(shareCount) / shareSeconds, Double(shareCount) / unshareSeconds, shareCount, ContentKeyShare.byteCount))
    }
}

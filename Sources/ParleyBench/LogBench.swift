import ParleyCrypto
import ParleyLog
import ParleyMatch
import ParleyParty
import ParleyStore
internal import Foundation

/// The signed log's speed: Ed25519 from Swift against `openssl speed ed25519` on the same
/// machine, appending a 100k-entry list to a replica, and re-verifying 100k stored envelopes.
enum LogBench {
    static func run(envelopes count: Int) throws {
        let (opensslSign, opensslVerify) = opensslSpeed()
        // Raw sign and verify throughput from Swift over 64-byte messages (as openssl speed).
        let key = try SigningKey(seed: Array(repeating: 7, count: 32))
        let message = [UInt8](repeating: 0x42, count: 64)
        let n = 20_000
        var t = now()
        var signature: [UInt8] = []
        for _ in 0..<n { signature = try key.signature(for: message) }
        let signRate = Double(n) / (now() - t)
        t = now()
        var ok = 0
        for _ in 0..<n where key.publicKey.isValidSignature(signature, for: message) { ok += 1 }
        let verifyRate = Double(n) / (now() - t)
        precondition(ok == n)

        // A list of `count` entries as envelopes: sign, append to a replica, re-verify.
        let mediator = try SigningKey(seed: Array(repeating: 9, count: 32))
        let create = CreateExchange(
            nonce: String(repeating: "ab", count: 16), title: "Benchmark exchange",
            participants: [
                Participant(publicKey: key.publicKey, role: .headquarters, side: .a, name: "HQ A"),
                Participant(publicKey: mediator.publicKey, role: .mediator, side: .neutral, name: "Mediator"),
            ])
        var (genesis, signer) = try EnvelopeSigner.createExchange(create, key: key, at: Timestamp(secondsSince1970: 1_790_000_000))
        var generator = SyntheticLists(seed: 3)
        var envelopes = [genesis]
        envelopes.reserveCapacity(count + 1)
        t = now()
        for i in 0..<count {
            let p = generator.person()
            let fields: [Field: String] = [
                .surname: p.surname, .givenName: p.givenUK, .patronymic: p.patronymicUK,
                .dateOfBirth: p.dateOfBirth.description, .serviceNumber: p.service,
            ]
            envelopes.append(try signer.sign(.putEntry(PutEntry(list: .request, entry: "e\(i)", fields: fields)), at: Timestamp(secondsSince1970: 1_790_000_001 + Int64(i))))
        }
        let signSeconds = now() - t

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("parley-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let replica = try Replica.open(path: dir.appendingPathComponent("replica.sqlite").path)
        t = now()
        // As a pull would: through the party's commit path (verify what is new, append, keep the state).
        let ingested = try Party(replica: replica, key: nil).ingest(envelopes.map(\.wireBytes), exchange: ExchangeID(genesis: genesis.id))
        precondition(ingested.refused.isEmpty && ingested.added == envelopes.count)
        let importSeconds = now() - t + signSeconds
        let verifyAndStoreSeconds = now() - t

        t = now()
        let stored = try replica.verifyStored(exchange: ExchangeID(genesis: genesis.id))
        let verifySeconds = now() - t
        precondition(stored.isClean)

        func rate(_ x: Double) -> String { String(format: "%9.0f/s", x) }
        print("ed25519 sign        Swift \(rate(signRate))   openssl speed \(rate(opensslSign))   ratio \(String(format: "%.2f", signRate / opensslSign))  (goal >= 0.8)")
        print("ed25519 verify      Swift \(rate(verifyRate))   openssl speed \(rate(opensslVerify))   ratio \(String(format: "%.2f", verifyRate / opensslVerify))")
        let vsRate = Double(envelopes.count) / verifyAndStoreSeconds
        print("verify + store      \(rate(vsRate)) envelopes (parse, chain, signature, SQLite append)   ratio \(String(format: "%.2f", vsRate / opensslVerify))  (goal >= 0.7)")
        print("import \(count) entries   \(String(format: "%6.2f", importSeconds)) s   (sign \(String(format: "%.2f", signSeconds)) s + verify and append \(String(format: "%.2f", verifyAndStoreSeconds)) s; goal <= 15 s)")
        print("verify \(envelopes.count) stored  \(String(format: "%6.2f", verifySeconds)) s   (read, parse, verify, fold; goal <= 10 s)  state \(stored.report.state?.stateHash.prefix(16) ?? "none")…")
    }

    /// Signs and verifies per second as `openssl speed -seconds 2 ed25519` prints them.
    static func opensslSpeed() -> (Double, Double) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = ["speed", "-seconds", "2", "ed25519"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return (.nan, .nan) }
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        // "253 bits EdDSA (Ed25519)   0.0000s   0.0001s  36000.0  14000.0"
        for line in out.split(separator: "\n") where line.contains("Ed25519") && line.contains("bits") {
            let numbers = line.split(separator: " ").compactMap { Double($0) }
            if numbers.count >= 3 { return (numbers[numbers.count - 2], numbers[numbers.count - 1]) }
        }
        return (.nan, .nan)
    }
}

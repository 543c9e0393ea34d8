import Foundation
import Testing

/// `parley init`, `whoami`, `key export-public`, `exchange`, `list`, `log` and `verify`, end to
/// end on temporary homes with the built binary. All data is synthetic.
@Suite struct ReplicaCommandTests {
    /// A party's home made by `parley init`.
    struct Party {
        var home: String
        var keyID: String
        var publicKeyFile: String

        /// `["--home", home]`, to append to a command.
        var flags: [String] { ["--home", home] }
    }

    /// Runs `parley init` and `key export-public` for a new party named `name` in `directory`.
    func makeParty(_ name: String, in directory: URL) async throws -> Party {
        let home = directory.appendingPathComponent(name).path
        let run = try await parley(["init", "--name", name, "--home", home])
        #expect(run.status == 0, "\(run.stderr)")
        let keyID = try #require(firstMatch(of: "key id: +([0-9a-f]{64})", in: run.stdout))
        let pem = directory.appendingPathComponent("\(name).pem").path
        let export = try await parley(["key", "export-public", "--home", home, "-o", pem])
        #expect(export.status == 0, "\(export.stderr)")
        return Party(home: home, keyID: keyID, publicKeyFile: pem)
    }

    /// Creates an exchange by `creator` with `participants` (specs) and returns its id.
    func createExchange(by creator: Party, _ participants: [String], title: String = "Exchange, phase 1") async throws -> String {
        let run = try await parley(["exchange", "create", "--title", title] + participants.flatMap { ["--participant", $0] } + creator.flags)
        #expect(run.status == 0, "\(run.stderr)")
        // The id on the first line, then each participant with its fingerprint.
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == participants.count + 1)
        #expect(lines.dropFirst().allSatisfy { $0.contains("fingerprint ") })
        return try #require(firstMatch(of: "^([0-9a-f]{64})$", in: lines.first ?? ""))
    }

    /// Side A's and side B's headquarters and a mediator, with homes in `directory`.
    func threeParties(in directory: URL) async throws -> (a: Party, b: Party, m: Party) {
        (try await makeParty("a", in: directory), try await makeParty("b", in: directory), try await makeParty("m", in: directory))
    }

    /// The exchange `a` creates with itself and `b` as the sides' headquarters and `m` as mediator.
    func createExchange(by a: Party, with b: Party, mediator m: Party) async throws -> String {
        try await createExchange(by: a, [
            "\(a.publicKeyFile):headquarters:A", "\(b.publicKeyFile):headquarters:B", "\(m.publicKeyFile):mediator:neutral",
        ])
    }

    /// The envelope lines `parley log` prints.
    func logLines(_ party: Party) async throws -> [String] {
        let run = try await parley(["log"] + party.flags)
        #expect(run.status == 0, "\(run.stderr)")
        return run.stdout.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("exchange ") }
    }

    static let firstList = """
        id,surname,given_name,date_of_birth,service_number
        R1,Testenko,Ivan,1990-01-01,A-100001
        R2,Probko,Petro,1985-02-03,A-100002
        R3,Zrazko,Oleh,1979-12-31,A-100003

        """

    @Test func initMakesAKeyOnlyTheOwnerReadsAndRefusesASecondTime() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let home = dir.appendingPathComponent("home").path
        let run = try await parley(["init", "--name", "Side A headquarters", "--home", home])
        #expect(run.status == 0, "\(run.stderr)")
        let keyID = try #require(firstMatch(of: "key id: +([0-9a-f]{64})", in: run.stdout))
        let fingerprint = try #require(firstMatch(of: "fingerprint: +([A-Z2-7]{7}(-[A-Z2-7]{7}){7})", in: run.stdout))
        let keyMode = try FileManager.default.attributesOfItem(atPath: home + "/key.pem")[.posixPermissions] as? Int
        #expect(keyMode == 0o600)
        let homeMode = try FileManager.default.attributesOfItem(atPath: home)[.posixPermissions] as? Int
        #expect(homeMode == 0o700)
        #expect(FileManager.default.fileExists(atPath: home + "/replica.sqlite"))

        let again = try await parley(["init", "--name", "Other", "--home", home])
        #expect(again.status == 2)
        #expect(again.stderr.contains("already exists"))
        #expect(again.stderr.split(separator: "\n").count == 1, "one line: \(again.stderr)")

        // PARLEY_HOME is the home when --home is not given.
        let whoami = try await parley(["whoami"], environment: ["PARLEY_HOME": home])
        #expect(whoami.status == 0, "\(whoami.stderr)")
        #expect(whoami.stdout.contains("Side A headquarters"))
        #expect(whoami.stdout.contains(keyID))
        #expect(whoami.stdout.contains(fingerprint))
    }

    @Test func exportedPublicKeyIsPEMThatOpenSSLReads() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let party = try await makeParty("a", in: dir)
        let pem = try String(contentsOfFile: party.publicKeyFile, encoding: .utf8)
        #expect(pem.hasPrefix("-----BEGIN PUBLIC KEY-----"))
        #expect(!pem.contains("PRIVATE"))
        let stdout = try await parley(["key", "export-public"] + party.flags)
        #expect(stdout.stdout == pem)
        // Whoever receives the file reads its fingerprint aloud with its owner.
        let printed = try await parley(["key", "fingerprint", party.publicKeyFile])
        #expect(printed.status == 0, "\(printed.stderr)")
        let whoami = try await parley(["whoami"] + party.flags)
        let fingerprint = try #require(firstMatch(of: "fingerprint: ([A-Z0-9-]+)", in: whoami.stdout))
        #expect(printed.stdout.contains("fingerprint: \(fingerprint)") && printed.stdout.contains(party.keyID))
        let missing = try await parley(["key", "fingerprint", dir.appendingPathComponent("missing.pem").path])
        #expect(missing.status == 2 && missing.stderr.contains("missing.pem"))

        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        openssl.arguments = ["openssl", "pkey", "-pubin", "-in", party.publicKeyFile, "-noout"]
        openssl.standardError = FileHandle.nullDevice
        try openssl.run()
        openssl.waitUntilExit()
        #expect(openssl.terminationStatus == 0)
    }

    @Test func importSignsOnlyWhatChangedAndVerifies() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = try await makeParty("a", in: dir)
        let b = try await makeParty("b", in: dir)
        let exchange = try await createExchange(
            by: a, ["\(a.publicKeyFile):headquarters:A", "\(b.publicKeyFile):headquarters:B:Side B headquarters"]
        )

        let list = try await parley(["exchange", "list"] + a.flags)
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.contains(exchange))
        #expect(list.stdout.contains("2 participants"))
        #expect(list.stdout.contains("Exchange, phase 1"))

        let file = try write(Self.firstList, "request.csv", in: dir)
        let first = try await parley(["list", "import", file, "--exchange", String(exchange.prefix(8)), "--list", "request"] + a.flags)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("3 added, 0 changed, 0 removed, 0 unchanged"))
        #expect(try await logLines(a).count == 6)  // the genesis, the encryption key, the content key share, three puts

        // The replica holds one exchange: --exchange may be left out, as for every other command.
        let again = try await parley(["list", "import", file, "--list", "request"] + a.flags)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("0 added, 0 changed, 0 removed, 3 unchanged"))
        #expect(try await logLines(a).count == 6, "re-importing the same file signs nothing")

        // R1's date of birth edited, R2 deleted, R4 added.
        try write("""
            id,surname,given_name,date_of_birth,service_number
            R1,Testenko,Ivan,1990-01-02,A-100001
            R3,Zrazko,Oleh,1979-12-31,A-100003
            R4,Novenko,Taras,2000-05-05,A-100004

            """, "request.csv", in: dir)
        let edited = try await parley(["list", "import", file, "--exchange", exchange, "--list", "request"] + a.flags)
        #expect(edited.status == 0, "\(edited.stderr)")
        #expect(edited.stdout.contains("1 added, 1 changed, 1 removed, 1 unchanged; 3 envelopes appended"))
        let log = try await logLines(a)
        #expect(log.count == 9)
        #expect(log.suffix(3).filter { $0.contains("list.put") }.count == 2)
        #expect(log.suffix(3).filter { $0.contains("list.remove") }.count == 1)
        #expect(!log.joined().contains("Testenko"), "the log never shows record contents")
        // `-n` lists the last envelopes to arrive, oldest first, as the whole log ends.
        let last = try await parley(["log", "-n", "3"] + a.flags)
        #expect(last.status == 0, "\(last.stderr)")
        #expect(last.stdout.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("exchange ") } == Array(log.suffix(3)))
        let more = try await parley(["log", "--last", "100"] + a.flags)
        #expect(more.stdout.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("exchange ") } == log)
        #expect(try await parley(["log", "-n", "0"] + a.flags).status != 0)

        let verify = try await parley(["verify", "--exchange", exchange] + a.flags)
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        #expect(firstMatch(of: "ok, 9 envelopes, state ([0-9a-f]{64})", in: verify.stdout) != nil)

        let show = try await parley(["list", "show", "--exchange", exchange, "--list", "request"] + a.flags)
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains("A/request (3 entries)"))
        #expect(show.stdout.contains("date_of_birth=1990-01-02"))
        #expect(show.stdout.contains("R4"))
        #expect(!show.stdout.contains("Probko"))
    }

    @Test func aFlippedByteInAStoredEnvelopeFailsVerificationNamingIt() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = try await makeParty("a", in: dir)
        let exchange = try await createExchange(by: a, ["\(a.publicKeyFile):headquarters:A"])
        let file = try write(Self.firstList, "request.csv", in: dir)
        let imported = try await parley(["list", "import", file, "--exchange", exchange, "--list", "request"] + a.flags)
        #expect(imported.status == 0, "\(imported.stderr)")

        // The process closed the replica, so SQLite checkpointed the envelopes into the main file.
        let path = a.home + "/replica.sqlite"
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let marker = Array(#""entry":"R2","list":"request","sealed""#.utf8)
        let at = try #require(bytes.firstRange(of: marker), "the put of R2 is in the main database file")
        bytes[at.lowerBound + 10] ^= 0x01  // "R2" becomes "S2" in the signed bytes
        try Data(bytes).write(to: URL(fileURLWithPath: path))

        let verify = try await parley(["verify"] + a.flags)
        #expect(verify.status == 1, "\(verify.stdout)\(verify.stderr)")
        #expect(verify.stdout.contains("FAILED"))
        let damaged = try #require(firstMatch(of: "envelope ([0-9a-f]{64}): damaged: ", in: verify.stdout))
        #expect(try await logLines(a).contains { $0.contains(damaged.prefix(12)) }, "names an envelope the log lists")
        #expect(verify.stdout.contains("badSignature") || verify.stdout.contains("another id"))

        // A command works on the kept state, verified when it was stored, and reads no envelope
        // again; `parley verify` is the check that reads every stored byte, and it still fails.
        let again = try await parley(["list", "import", file, "--exchange", exchange, "--list", "request"] + a.flags)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("0 envelopes appended"))
        #expect(try await parley(["verify"] + a.flags).status == 1)
    }

    @Test func aMediatorCannotImportARequestList() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let m = try await makeParty("m", in: dir)
        let a = try await makeParty("a", in: dir)
        let exchange = try await createExchange(by: m, ["\(m.publicKeyFile):mediator:neutral", "\(a.publicKeyFile):headquarters:A"])
        let file = try write(Self.firstList, "list.csv", in: dir)

        let refused = try await parley(["list", "import", file, "--exchange", exchange, "--list", "request"] + m.flags)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("mediator"))
        #expect(refused.stderr.contains("registry"))
        #expect(refused.stderr.split(separator: "\n").count == 1, "one line: \(refused.stderr)")
        #expect(try await logLines(m).count == 3, "nothing stored but the genesis, the encryption key and the content key share")

        let registry = try await parley(["list", "import", file, "--exchange", exchange, "--list", "registry"] + m.flags)
        #expect(registry.status == 0, "\(registry.stderr)")
        #expect(registry.stdout.contains("neutral/registry: 3 added"))
    }

    @Test func recordIDsBecomeEntryIDsOrAreRefused() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = try await makeParty("a", in: dir)
        let exchange = try await createExchange(by: a, ["\(a.publicKeyFile):headquarters:A"])
        func importing(_ text: String) async throws -> Run {
            let file = try write(text, "ids.csv", in: dir)
            return try await parley(["list", "import", file, "--exchange", exchange, "--list", "release"] + a.flags)
        }

        let spaced = try await importing("id,surname,given_name\nUA 001/7,Testenko,Ivan\n")
        #expect(spaced.status == 0, "\(spaced.stderr)")
        let show = try await parley(["list", "show", "--exchange", exchange] + a.flags)
        #expect(show.stdout.contains("  UA 001/7 (entry u:UA_20.001_2f.7)  "), "a one-to-one encoding, shown as the list wrote it: \(show.stdout)")

        let cyrillic = try await importing("id,surname,given_name\nРФ-101,Testenko,Ivan\n1/15,Probko,Petro\n1-15,Zrazko,Oleh\n")
        #expect(cyrillic.status == 0, "\(cyrillic.stderr)")
        #expect(cyrillic.stdout.contains("3 added"), "1/15 and 1-15 stay two entries: \(cyrillic.stdout)")
        let stored = try await logLines(a).count

        let tooLong = try await importing("id,surname,given_name\n\(String(repeating: "я", count: 40)),Testenko,Ivan\n")
        #expect(tooLong.status == 2)
        #expect(tooLong.stderr.contains("ids.csv:2"))
        #expect(tooLong.stderr.contains("--id-column"))
        #expect(try await logLines(a).count == stored, "refused imports store nothing")

        let unkeyed = try await importing("surname,given_name\nTestenko,Ivan\n")
        #expect(unkeyed.status == 0, "\(unkeyed.stderr)")
        #expect(unkeyed.stderr.contains("warning: "))
        #expect(unkeyed.stderr.contains("no id column"))
    }

    @Test func errorsAreOneLineWithExitTwo() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = try await makeParty("a", in: dir)
        let b = try await makeParty("b", in: dir)
        let file = try write(Self.firstList, "request.csv", in: dir)

        var runs: [(String, Run)] = []
        // A bad --participant spec: an unknown role; a file that does not exist; a mediator on side A.
        for spec in ["\(b.publicKeyFile):general:B", "\(dir.path)/none.pem:headquarters:B", "\(b.publicKeyFile):mediator:A"] {
            runs.append(("--participant", try await parley(["exchange", "create", "--title", "T", "--participant", "\(a.publicKeyFile):headquarters:A", "--participant", spec] + a.flags)))
        }
        // The creator must be a participant.
        runs.append(("not among", try await parley(["exchange", "create", "--title", "T", "--participant", "\(b.publicKeyFile):headquarters:B"] + a.flags)))
        // Terms that are not a JSON object.
        runs.append(("--terms", try await parley(["exchange", "create", "--title", "T", "--participant", "\(a.publicKeyFile):headquarters:A", "--terms", "[1]"] + a.flags)))
        // An exchange the replica does not hold.
        runs.append(("exchange", try await parley(["list", "import", file, "--exchange", String(repeating: "ab", count: 32), "--list", "request"] + a.flags)))

        // A missing key file.
        try FileManager.default.removeItem(atPath: a.home + "/key.pem")
        runs.append(("no key", try await parley(["whoami"] + a.flags)))
        runs.append(("no key", try await parley(["exchange", "create", "--title", "T", "--participant", "\(a.publicKeyFile):headquarters:A"] + a.flags)))

        // A replica that is not a database.
        try Data(repeating: 0x5A, count: 8192).write(to: URL(fileURLWithPath: b.home + "/replica.sqlite"))
        runs.append(("not a database", try await parley(["log"] + b.flags)))
        runs.append(("not a database", try await parley(["verify"] + b.flags)))

        for (expected, run) in runs {
            #expect(run.status == 2, "\(expected): \(run.stdout)\(run.stderr)")
            #expect(run.stdout.isEmpty, "\(expected)")
            #expect(run.stderr.contains(expected), "\(expected): \(run.stderr)")
            #expect(run.stderr.split(separator: "\n").count == 1, "one line: \(run.stderr)")
        }
    }
}

/// The first capture group of the first match of `pattern` in `text` (multi-line anchors).
func firstMatch(of pattern: String, in text: String) -> String? {
    guard let regex = try? NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines]),
          let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
          match.numberOfRanges > 1, let range = Range(match.range(at: 1), in: text)
    else { return nil }
    return String(text[range])
}

import Foundation
import Testing

/// A split view caught on the air-gapped path, end to end: two `parley serve` processes on
/// loopback with one key show side A and side B two histories; B's bundle carries its
/// checkpoint to A, whose import refuses to stay quiet, keeps the proof, and exports it for
/// `parley verify`. All data is synthetic.
@Suite struct EvidenceCommandTests {
    let helper = ReplicaCommandTests()

    /// Replaces the character `offset` places after the first `marker` in `path` by `one`, or by
    /// `other` when it is `one` already.
    private func flip(_ path: String, after marker: String, offset: Int, _ one: Character, _ other: Character) throws {
        var text = try String(contentsOfFile: path, encoding: .utf8)
        let found = try #require(text.range(of: marker))
        let at = text.index(found.upperBound, offsetBy: offset)
        text.replaceSubrange(at...at, with: String(text[at] == one ? other : one))
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test func aBundleContradictingTheLedgerIsFlaggedAndItsProofVerifiesOffline() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = try await helper.makeParty("a", in: dir)
        let b = try await helper.makeParty("b", in: dir)
        let exchange = try await helper.createExchange(by: a, ["\(a.publicKeyFile):headquarters:A", "\(b.publicKeyFile):headquarters:B"])
        let list = try write(ReplicaCommandTests.firstList, "request.csv", in: dir)
        #expect(try await parley(["list", "import", list, "--exchange", exchange, "--list", "request"] + a.flags).status == 0)
        // A second copy of A's home registers the same exchange on the second server.
        let copy = dir.appendingPathComponent("a-copy").path
        try FileManager.default.copyItem(atPath: a.home, toPath: copy)

        let first = try await SyncCommandTests.Server(data: dir.appendingPathComponent("s1").path, admit: [a.publicKeyFile])
        defer { _ = first.stop() }
        let secondData = dir.appendingPathComponent("s2")
        try FileManager.default.createDirectory(at: secondData, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: dir.appendingPathComponent("s1/server-key.pem").path,
                                         toPath: secondData.appendingPathComponent("server-key.pem").path)
        let second = try await SyncCommandTests.Server(data: secondData.path, admit: [a.publicKeyFile])
        defer { _ = second.stop() }

        #expect(try await parley(["sync", "--server", first.url] + a.flags).status == 0)
        #expect(try await parley(["sync", "--server", second.url, "--home", copy]).status == 0)
        // B works with the second server: A's 6 envelopes (genesis, encryption key, content key
        // share, 3 sealed puts), B's encryption key and share signed at its first sync, then its
        // own release list makes 9.
        #expect(try await parley(["sync", "--server", second.url, "--exchange", exchange] + b.flags).status == 0)
        let release = try write("id,surname,given_name,date_of_birth\nS1,Probko,Petro,1985-02-03\n", "release.csv", in: dir)
        #expect(try await parley(["list", "import", release, "--exchange", exchange, "--list", "release"] + b.flags).status == 0)
        #expect(try await parley(["sync"] + b.flags).status == 0)
        // A adds three envelopes on the first server: two logs of size 9.
        let more = try write(
            ReplicaCommandTests.firstList + "R4,Kostenko,Ivan,1991-04-05,A-100004\nR5,Hrytsenko,Oleh,1980-01-02,A-100005\n"
                + "R6,Lysenko,Taras,1982-03-04,A-100006\n",
            "request2.csv", in: dir
        )
        #expect(try await parley(["list", "import", more, "--exchange", exchange, "--list", "request"] + a.flags).status == 0)
        let synced = try await parley(["sync"] + a.flags)
        #expect(synced.status == 0, "\(synced.stderr)")

        let bundle = dir.appendingPathComponent("b.bundle").path
        #expect(try await parley(["bundle", "export", "--exchange", exchange, "-o", bundle] + b.flags).status == 0)
        let imported = try await parley(["bundle", "import", bundle] + a.flags)
        #expect(imported.status == 1, "\(imported.stdout) \(imported.stderr)")
        #expect(imported.stderr.contains("split view"))
        #expect(imported.stdout.contains("3 new envelopes stored"), "B's envelopes are verified on their own and kept")

        let listed = try await parley(["evidence", "list"] + a.flags)
        #expect(listed.stdout.contains("#1: split view"), "\(listed.stdout)")
        let file = dir.appendingPathComponent("split-view.json").path
        let export = try await parley(["evidence", "export", "--exchange", exchange, "-o", file] + a.flags)
        #expect(export.status == 0, "\(export.stderr)")
        let verified = try await parley(["verify", file])
        #expect(verified.status == 0, "\(verified.stdout)")
        #expect(verified.stdout.contains("ok: the server signed two different logs of size 9"))

        // The same file with one checkpoint's root changed proves nothing.
        try flip(file, after: #""root":""#, offset: 3, "0", "1")
        let tampered = try await parley(["verify", file])
        #expect(tampered.status == 1)
        #expect(tampered.stdout.contains("FAILED"))

        // A bundle whose checkpoint names the pinned server but is not its signature is refused whole.
        try flip(bundle, after: #""signature":""#, offset: 5, "A", "B")
        let forged = try await parley(["bundle", "import", bundle, "--home", copy])
        #expect(forged.status == 1)
        #expect(forged.stderr.contains("not its signature"), "\(forged.stderr)")
    }
}

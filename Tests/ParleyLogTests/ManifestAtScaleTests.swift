import ParleyCrypto
@testable import ParleyLog
import ParleyMatch
import Testing

/// A manifest of a register: its hash is written on every core a window at a time, and a file
/// assembled here from a manifest (which is not read back or hashed again) says what the same
/// file read back from its bytes says.
@Suite struct ManifestAtScaleTests {
    typealias S = ExchangeScenario

    /// A manifest of `count` people to side A and a few hundred to side B, with values that need
    /// escaping and values beyond ASCII; a phase manifest's people carry reasons.
    static func large(_ count: Int, seed: UInt64, phase: Bool = false) throws -> Manifest {
        var rng = SplitMix64(state: seed)
        let (_, manifest, _) = try S.finalized()
        let surnames = ["Коваль", "Koval", "O\"Neil", "Tab\tname", "Шевчук", "Ёлкин", "back\\slash", "Ïvanov"]
        func entry(_ list: ListKey, _ author: SigningKey, _ index: Int) -> ReconciledEntry {
            var fields: [Field: String] = [
                .surname: surnames[Int.random(in: 0..<surnames.count, using: &rng)],
                .givenName: "Ivan \(index)",
                .dateOfBirth: "19\(60 + index % 40)-0\(1 + index % 9)-1\(index % 10)",
            ]
            if Bool.random(using: &rng) { fields[.serviceNumber] = "AA\(100_000 + index)" }
            if index % 7 == 0 { fields[.seriouslyWounded] = "yes" }
            let envelope = EnvelopeID(digest: SHA256.hash(Array("\(list) \(index) \(seed)".utf8)))
            return ReconciledEntry(
                ref: EntryRef(list: list, author: author.publicKey.keyID, entry: "\(list.side)-\(index)"), envelope: envelope, fields: fields
            )
        }
        var people: [Direction: [Manifest.Person]] = [:]
        for (direction, size) in [(Direction.toA, count), (.toB, 300)] {
            people[direction] = (0..<size).map { index in
                let reason = phase ? (index % 3 == 0 ? PhaseReason.priority(.seriouslyWounded) : .remaining) : nil
                return Manifest.Person(
                    request: entry(direction.requestList, direction == .toA ? S.hqA : S.hqB, index),
                    release: entry(direction.releaseList, direction == .toA ? S.hqB : S.hqA, index), reason: reason
                )
            }
        }
        return Manifest(
            exchange: manifest.exchange, title: manifest.title, participants: manifest.participants, terms: manifest.terms,
            reconciliation: manifest.reconciliation, people: people,
            phase: phase ? Manifest.Phase(phase: Terms.Phase(name: "first", counts: [.toA: count, .toB: 300]), number: 1) : nil
        )
    }

    /// 40,000 people cross three windows of 16,384 and many chunks of 1,024: the hash written on
    /// every core is the hash of the canonical bytes written from the JSON form, one value after
    /// another.
    @Test(arguments: [(40_000, false), (2_500, true)])
    func theHashWrittenOnEveryCoreIsTheHashOfTheCanonicalBytes(count: Int, phase: Bool) throws {
        let manifest = try Self.large(count, seed: UInt64(count), phase: phase)
        #expect(manifest.hash == Hex.encode(SHA256.hash(Array("parley/v1/manifest".utf8) + [0] + manifest.canonicalBytes)))
        // Read back from its form, the same manifest with the same hash.
        #expect(try Manifest(json: manifest.canonicalForm).hash == manifest.hash)
    }

    /// A file assembled from a manifest here and the same file read back from its bytes give the
    /// same check, the same printed document and the same people, row for row.
    @Test func aFileAssembledHereReadsAsTheSameFileReadBack() throws {
        let (_, _, signed) = try S.finalized()
        let manifest = try Self.large(5_000, seed: 3)
        let built = FinalizedManifest(assembling: manifest, genesis: signed.genesis, proposals: signed.proposals, signatures: signed.signatures)
        let read = try FinalizedManifest(parsing: built.fileBytes)
        #expect(read.source == nil)
        // The assembled file's manifest, made when asked, is the one its bytes hold.
        #expect(built.manifest == read.manifest)
        #expect(built.verify() == read.verify())
        #expect(built.verify().manifestHash == manifest.hash)
        let (mine, theirs) = (try ManifestDocument(file: built), try ManifestDocument(file: read))
        #expect(mine.manifest == theirs.manifest)
        #expect(mine.html(generatedAt: "now") == theirs.html(generatedAt: "now"))
        #expect(mine.peopleText() == theirs.peopleText())
        // Every person has a numbered row of the document, in order.
        let html = mine.html()
        #expect(html.ranges(of: "<tr><td class=\"num\">").count == 5_300)
        #expect(html.contains("<tr><td class=\"num\">5000</td>"))
    }
}

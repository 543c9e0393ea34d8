import Foundation
import Testing

/// Content-key relays (PROTOCOL.md §5.18) with the built binary, by bundle: side B imports its
/// list before it has seen side A's encryption key, so B's own shares skip A; the mediator, who
/// holds B's key, relays it when it imports the bundles, and side A reads B's list from the
/// mediator's next bundle, before side B signs anything again. Synthetic data.
@Suite struct RelayCommandTests {
    @Test func aSideReadsTheOtherSidesListThroughTheMediatorsRelay() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = try await BundleHome.make("a", in: dir), b = try await BundleHome.make("b", in: dir)
        let m = try await BundleHome.make("m", in: dir)
        let created = try await m.run([
            "exchange", "create", "--title", "Relay (synthetic)",
            "--participant", "\(a.pem):headquarters:A:Side A", "--participant", "\(b.pem):headquarters:B:Side B",
            "--participant", "\(m.pem):mediator:neutral:Mediator",
        ])
        #expect(created.status == 0, "\(created.stderr)")
        let exchange = String(created.stdout.prefix { $0 != "\n" })
        // Side B gets the genesis (and announces its key) and imports its list knowing only the
        // mediator's key; side A gets the genesis after. Every bundle goes one way.
        try await m.carry(exchange, to: [b], in: dir)
        try await b.carry(exchange, to: [m], in: dir)
        let release = try write("""
            id,surname,given_name,date_of_birth
            S1,Testenko,Ivan,1990-01-01
            S2,Probko,Olena,1985-02-03

            """, "b-release.csv", in: dir)
        let imported = try await b.run(["list", "import", release, "--exchange", exchange, "--list", "release"])
        #expect(imported.status == 0, "\(imported.stderr)")
        try await m.carry(exchange, to: [a], in: dir)
        // Side B's bundle reaches side A: B's records, not B's key.
        try await b.carry(exchange, to: [a, m], in: dir)
        let sealed = try await a.run(["list", "show", "--exchange", exchange])
        #expect(sealed.status == 0, "\(sealed.stderr)")
        #expect(!sealed.stdout.contains("Probko"), "A holds B's records without B's key: \(sealed.stdout)")

        // The mediator learns A's key from A's bundle, relays B's key to A at that import, and
        // A reads B's list from the mediator's next bundle; side B has imported nothing since.
        try await a.carry(exchange, to: [m], in: dir)
        try await m.carry(exchange, to: [a], in: dir)
        let shown = try await a.run(["list", "show", "--exchange", exchange])
        #expect(shown.stdout.contains("Probko") && shown.stdout.contains("Testenko"), "\(shown.stdout)")
        let verified = try await a.run(["verify"])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
    }
}

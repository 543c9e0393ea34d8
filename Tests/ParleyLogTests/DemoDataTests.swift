import Foundation
import ParleyCrypto
import ParleyLog
import ParleyMatch
import Testing

/// The synthetic lists of `examples/demo/`, which `parley demo` imports: read, imported with
/// ``ListImportPlan`` by the three parties of the demo, and reconciled to exactly the outcomes
/// `examples/demo/README.md` states. Assertions name entry ids and counts, never record contents.
@Suite struct DemoDataTests {
    typealias S = ExchangeScenario

    /// The demo's three parties: side A's and side B's headquarters and the mediator, with the
    /// terms the README's counts meet.
    static let create = CreateExchange(
        nonce: "d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3",
        title: "Synthetic demo exchange",
        terms: ["counts": ["to-A": 7, "to-B": 7], "phases": [], "as_of": "2025-06-01"],
        participants: [
            Participant(publicKey: S.hqA.publicKey, role: .headquarters, side: .a, name: "Side A headquarters"),
            Participant(publicKey: S.hqB.publicKey, role: .headquarters, side: .b, name: "Side B headquarters"),
            Participant(publicKey: S.mediator.publicKey, role: .mediator, side: .neutral, name: "Mediator"),
        ]
    )

    /// Each file, who imports it and into which list.
    static let files: [(name: String, author: SigningKey, kind: ListKind)] = [
        ("a-request.csv", S.hqA, .request),
        ("a-release.csv", S.hqA, .release),
        ("b-request.csv", S.hqB, .request),
        ("b-release.csv", S.hqB, .release),
        ("registry.csv", S.mediator, .registry),
    ]

    /// The repository's `examples/demo/` folder.
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("examples/demo")

    /// The list in `name`, read as `parley list import` reads it.
    static func read(_ name: String) throws -> PersonList {
        let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(name)))
        return try ListReader.read(bytes, file: name)
    }

    /// The exchange after every party imported its files.
    static func imported() throws -> ExchangeScenario {
        var scenario = try ExchangeScenario(create: create)
        for file in files {
            let plan = try ListImportPlan(list: read(file.name), kind: file.kind, current: [:])
            for operation in plan.operations {
                try scenario.sign(file.author, operation)
            }
        }
        return scenario
    }

    /// The reference of `key`'s entry on its list of `kind`.
    private static func ref(_ key: SigningKey, _ kind: ListKind, _ entry: String) -> EntryRef {
        S.ref(key, kind, entry)
    }

    /// The entry ids of the rows of `report` with `outcome`, by their first entry.
    private func ids(_ outcome: ReconciliationOutcome, in report: DirectionReport) -> [String] {
        report.rows(outcome).map(\.primary.entry)
    }

    @Test(arguments: [("a-request.csv", 10), ("b-release.csv", 10), ("b-request.csv", 8), ("a-release.csv", 7), ("registry.csv", 8)])
    func everyFileHasAnIDColumnAndImportsWhole(name: String, count: Int) throws {
        let list = try Self.read(name)
        #expect(list.records.count == count)
        #expect(!ListImportPlan.keysAreLineNumbers(list))
        let plan = try ListImportPlan(list: list, kind: .request, current: [:])
        #expect((plan.added, plan.changed, plan.removed, plan.unchanged) == (count, 0, 0, 0))
    }

    @Test func everyImportVerifies() throws {
        let report = try Self.imported().report()
        #expect(report.isClean)
        #expect(report.entries.count == 1 + 10 + 7 + 8 + 10 + 8)
    }

    @Test func importingTheFilesAgainPlansNothing() throws {
        let state = try Self.imported().state()
        for file in Self.files {
            let list = ListKey(side: state.participant(file.author.publicKey.keyID)!.side, kind: file.kind)
            let current = Dictionary(uniqueKeysWithValues: state.entries(of: list).map { ($0.entry, $0.fields) })
            let plan = try ListImportPlan(list: Self.read(file.name), kind: file.kind, current: current)
            #expect(plan.operations.isEmpty, "\(file.name)")
            #expect(plan.unchanged == current.count, "\(file.name)")
        }
    }

    @Test func toAShowsEveryOutcome() throws {
        let toA = Reconciliation(state: try Self.imported().state()).report(.toA)
        #expect(toA.counts == [.agreed: 7, .disputed: 1, .unoffered: 2, .unrequested: 1, .duplicate: 1])
        #expect(ids(.agreed, in: toA) == ["UA-101", "UA-102", "UA-103", "UA-105", "UA-106", "UA-107", "UA-108"])
        #expect(toA.rows(.agreed).map { $0.release?.ref.entry } == ["RU-501", "RU-502", "RU-503", "RU-505", "RU-506", "RU-507", "RU-508"])
        #expect(toA.meetsTerms == true)

        let disputed = try #require(toA.rows(.disputed).first)
        #expect(disputed.request?.ref == Self.ref(S.hqA, .request, "UA-104"))
        #expect(disputed.release?.ref == Self.ref(S.hqB, .release, "RU-504"))
        #expect(disputed.reasons == ["service_number:one-digit-off"])
        #expect(disputed.disputes.isEmpty)

        #expect(ids(.unoffered, in: toA) == ["UA-109", "UA-110"])
        #expect(ids(.unrequested, in: toA) == ["RU-509"])
        let duplicate = try #require(toA.rows(.duplicate).first)
        #expect(duplicate.release?.ref == Self.ref(S.hqB, .release, "RU-510"))
        #expect(duplicate.duplicateOf == Self.ref(S.hqB, .release, "RU-507"))
    }

    @Test func theRegistryCorroboratesOneUnofferedPerson() throws {
        let reconciliation = Reconciliation(state: try Self.imported().state())
        let toA = reconciliation.report(.toA)
        let registered = toA.rows.filter { !$0.registered.isEmpty }
        #expect(registered.map(\.primary.entry) == ["UA-109"])
        #expect(registered.first?.registered.map(\.ref) == [Self.ref(S.mediator, .registry, "M-003")])
        #expect(!reconciliation.report(.toB).rows.contains { !$0.registered.isEmpty })
    }

    @Test func toBIsAgreedButForOne() throws {
        let toB = Reconciliation(state: try Self.imported().state()).report(.toB)
        #expect(toB.counts == [.agreed: 7, .disputed: 0, .unoffered: 1, .unrequested: 0, .duplicate: 0])
        #expect(ids(.agreed, in: toB) == ["RU-101", "RU-102", "RU-103", "RU-104", "RU-105", "RU-106", "RU-107"])
        #expect(toB.rows(.agreed).map { $0.release?.ref.entry } == ["UA-501", "UA-502", "UA-503", "UA-504", "UA-505", "UA-506", "UA-507"])
        #expect(ids(.unoffered, in: toB) == ["RU-108"])
        #expect(toB.meetsTerms == true)
    }

    @Test func aDisputeAndAHandMatchMoveTheCounts() throws {
        var scenario = try Self.imported()
        let ua108 = Self.ref(S.hqA, .request, "UA-108")
        // Side B contests the civilian status of UA-108: the agreed row is disputed while it is open.
        let open = try scenario.sign(S.hqB, .openDispute(OpenDispute(about: [ua108], reason: .statusContested, note: "")))
        var toA = Reconciliation(state: scenario.state()).report(.toA)
        #expect(toA.counts[.agreed] == 6 && toA.counts[.disputed] == 2)
        #expect(toA.rows(.disputed).map(\.primary.entry) == ["UA-104", "UA-108"])
        try scenario.sign(S.hqB, .closeDispute(CloseDispute(dispute: open.id, resolution: "")))
        toA = Reconciliation(state: scenario.state()).report(.toA)
        #expect(toA.counts[.agreed] == 7 && toA.counts[.disputed] == 1)
        // Both sides settle the service number of UA-104 / RU-504 by hand.
        let pair = MatchPair(request: Self.ref(S.hqA, .request, "UA-104"), release: Self.ref(S.hqB, .release, "RU-504"))
        try scenario.sign(S.hqA, .assertMatch(pair))
        try scenario.sign(S.hqB, .assertMatch(pair))
        toA = Reconciliation(state: scenario.state()).report(.toA)
        #expect(toA.counts == [.agreed: 8, .disputed: 0, .unoffered: 2, .unrequested: 1, .duplicate: 1])
    }

    @Test func prioritiesOfTheAgreed() throws {
        let reconciliation = Reconciliation(state: try Self.imported().state())
        let asOf = try #require(reconciliation.terms.terms?.asOf)
        #expect(reconciliation.report(.toA).priorities(asOf: asOf) == [
            .seriouslyWounded: 1, .seriouslyIll: 0, .woman: 1, .young: 1, .longHeld: 1, .civilian: 1,
        ])
        #expect(reconciliation.report(.toB).priorities(asOf: asOf) == [
            .seriouslyWounded: 1, .seriouslyIll: 1, .woman: 1, .young: 1, .longHeld: 1, .civilian: 0,
        ])
    }
}

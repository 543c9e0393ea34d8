import ArgumentParser
internal import Foundation
import Hummingbird
import Logging
import ParleyCrypto
import ParleyLog
import ParleyParty
import ParleyServer
import ParleyStore
import ServiceLifecycle

/// The story `parley demo` tells: every step is a real `parley` command run in this process,
/// against a real server on loopback, with three parties' homes in one folder.
struct DemoStory {
    /// The five synthetic lists, as examples/demo holds them.
    static let listFiles = ["a-request.csv", "b-release.csv", "b-request.csv", "a-release.csv", "registry.csv"]

    /// Where the homes, the server's data and the outputs go.
    let folder: String
    /// Where the lists are.
    let lists: String
    /// The step number last printed.
    private var step = 0

    /// The three parties' homes.
    private var sideA: String { folder + "/side-a" }
    private var sideB: String { folder + "/side-b" }
    private var mediator: String { folder + "/mediator" }

    /// A story in `folder`, on the lists in `lists`.
    init(folder: String, lists: String) {
        self.folder = folder
        self.lists = lists
    }

    /// Runs the server and every step; stops the server however the steps end.
    mutating func run() async throws {
        Terminal.write("Parley demo: three parties settle who crosses in a prisoner exchange. All names are synthetic.\n")
        Terminal.write("Folder: \(folder) (written $DEMO below)\n")
        try await parley("Side A's headquarters makes its key and replica", ["init", "--name", "Side A headquarters"], as: sideA)
        try await parley("Side B's headquarters makes its key and replica", ["init", "--name", "Side B headquarters"], as: sideB)
        try await parley("The mediator makes its key and replica", ["init", "--name", "Mediator"], as: mediator)
        for home in [sideA, sideB, mediator] {
            try await parley(nil, ["key", "export-public", "-o", home + ".pem"], as: home, quiet: true)
        }

        let serverFolder = folder + "/server"
        try Files.createFolder(serverFolder)
        let store = try SQLiteServerStore.open(path: serverFolder + "/server.sqlite")
        var logger = Logger(label: "parley.demo.server")
        logger.logLevel = .error
        let admitted = try PublicKey(pem: String(decoding: try Files.read(mediator + ".pem"), as: UTF8.self))
        let (ports, listening) = AsyncStream<Int>.makeStream()
        let app = try buildApplication(
            configuration: ServerConfiguration(host: "127.0.0.1", port: 0, admitted: [admitted]),
            store: store, key: SigningKey.generate(), logger: logger,
            onListening: { port in
                listening.yield(port)
                listening.finish()
            }
        )
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
        do {
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask {
                    // Ends the wait for the port below when the server stops before it listens.
                    defer { listening.finish() }
                    try await group.run()
                }
                var iterator = ports.makeAsyncIterator()
                guard let port = await iterator.next() else { throw ValidationFailure("the demo server did not start") }
                do {
                    try await steps(server: "http://127.0.0.1:\(port)")
                } catch {
                    await group.triggerGracefulShutdown()
                    throw error
                }
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
        } catch {
            await store.shutdown()
            throw error
        }
        await store.shutdown()
    }

    /// The story, once the server listens at `server`.
    private mutating func steps(server: String) async throws {
        Terminal.write("\nA sync server listens at \(server) (SQLite store in $DEMO/server); it admits the mediator's key to create exchanges.\n")
        try await parley("The mediator creates the exchange, naming the three parties", [
            "exchange", "create", "--title", "Demo exchange (synthetic)",
            "--participant", sideA + ".pem:headquarters:A:Side A headquarters",
            "--participant", sideB + ".pem:headquarters:B:Side B headquarters",
            "--participant", mediator + ".pem:mediator:neutral:Mediator",
        ], as: mediator)
        let exchange = try Replica.open(path: mediator + "/replica.sqlite", readOnly: true).exchanges()[0].hex
        try await parley("The mediator registers the exchange on the server", ["sync", "--server", server], as: mediator)
        for home in [sideA, sideB] {
            try await parley("\(name(home)) fetches the exchange", ["sync", "--server", server, "--exchange", exchange], as: home)
        }

        for (home, file, list) in [
            (sideA, "a-request.csv", "request"), (sideA, "a-release.csv", "release"),
            (sideB, "b-request.csv", "request"), (sideB, "b-release.csv", "release"), (mediator, "registry.csv", "registry"),
        ] {
            try await parley("\(name(home)) imports its \(list) list", [
                "list", "import", lists + "/" + file, "--exchange", exchange, "--list", list,
            ], as: home)
        }
        try await syncAll()

        // What the mediator's replica shows now decides the next steps.
        let session = try Session(home: Home(path: mediator), exchange: exchange, signing: false)
        let reconciliation = try session.open.reconciliation
        let toA = reconciliation.report(.toA), toB = reconciliation.report(.toB)
        let doubtful = toA.rows(.disputed).first
        let agreedCount = (toA.counts[.agreed] ?? 0) + (doubtful == nil ? 0 : 1)
        try await parley("The mediator sets the terms: \(agreedCount) to A, \(toB.counts[.agreed] ?? 0) to B", [
            "terms", "set", "--to-a", String(agreedCount), "--to-b", String(toB.counts[.agreed] ?? 0),
        ], as: mediator)
        try await parley("The mediator reconciles both directions", ["reconcile"], as: mediator)

        if let doubtful, let request = doubtful.request, let release = doubtful.release {
            try await parley(
                "The engine doubts one to-A pair; the mediator checked it and decides by hand that it is the same person",
                ["match", "same", Self.typed(request.ref), Self.typed(release.ref), "--note", "checked on visit"], as: mediator
            )
        }
        guard let contested = toA.rows(.agreed).first?.release?.ref else {
            throw ValidationFailure("the demo lists have no agreed to-A pair")
        }
        try await parley("Side A doubts one of the people side B offers", [
            "dispute", "open", "--about", Self.typed(contested), "--reason", "identity-conflict",
            "--note", "service number missing on side B's list",
        ], as: sideA)
        try await syncAll()
        try await parley("Anyone can list the open disputes", ["dispute", "list"], as: sideB)
        try await parley("While it is open, the mediator cannot propose the manifest", ["finalize", "propose"], as: mediator, expectRefusal: true)
        try await parley("Side B may not close side A's dispute", [
            "dispute", "close", disputeID(in: sideB), "--resolution", "it is him",
        ], as: sideB, expectRefusal: true)
        try await parley("The mediator attests a visit to that person", [
            "attest", Self.typed(contested), "--kind", "visited", "--date", "2025-05-01",
        ], as: mediator)
        try await parley("Side A closes its dispute", [
            "dispute", "close", disputeID(in: sideA), "--resolution", "identity confirmed by the mediator's visit",
        ], as: sideA)
        try await syncAll()

        for direction in ["to-A", "to-B"] {
            try await parley("The mediator confirms the \(direction) reconciliation", ["confirm", "--direction", direction], as: mediator)
        }
        try await parley("The reconciliation now meets the terms", ["terms", "show"], as: mediator)
        try await parley("The mediator writes the report for the parties, one printable HTML page", [
            "reconcile", "--format", "html", "-o", folder + "/report.html",
        ], as: mediator)
        try await parley("The mediator proposes the manifest", ["finalize", "propose"], as: mediator)
        try await syncAll()
        for home in [sideA, sideB, mediator] {
            try await parley("\(name(home)) builds the manifest from its own replica and signs it", ["finalize", "sign"], as: home)
        }
        try await syncAll()
        try await parley("Everyone has signed", ["finalize", "status"], as: sideB)
        let file = folder + "/manifest.json"
        try await parley("Side B exports the signed manifest", ["finalize", "export", "-o", file], as: sideB)
        try await parley("Anyone checks it offline, with nothing but the file, and reads who crosses", ["verify", file, "--names"], as: nil)
        try await parley("The mediator prints the manifest for the parties to read: every name, every signature, the hash on every page", [
            "finalize", "export", "--format", "html", "-o", folder + "/manifest.html",
        ], as: mediator)
        Terminal.write("\nDone: the manifest is signed by all three parties and verifies offline.\n")
    }

    /// Every party syncs with the server, twice round, so each has everything.
    private mutating func syncAll() async throws {
        step += 1
        Terminal.write("\n[\(step)] Everyone syncs with the server\n")
        for _ in 0..<2 {
            for home in [sideA, sideB, mediator] {
                try await parley(nil, ["sync"], as: home, quiet: true)
            }
        }
        Terminal.write("ok\n")
    }

    /// The one dispute of the exchange in `home`'s replica (the story opens one).
    private func disputeID(in home: String) throws -> String {
        let session = try Session(home: Home(path: home), exchange: nil, signing: false)
        guard let dispute = session.state.disputes.last else { throw ValidationFailure("the demo's dispute is missing") }
        return String(dispute.id.hex.prefix(Display.shortLength))
    }

    /// A party's name in the story.
    private func name(_ home: String) -> String {
        home == sideA ? "Side A" : home == sideB ? "Side B" : "The mediator"
    }

    /// The short typed form of a reference (each demo list has one author).
    private static func typed(_ ref: EntryRef) -> String {
        "\(ref.list)/\(ref.entry)"
    }

    /// Prints a step, runs `parley arguments --home home` in this process and prints its result.
    ///
    /// - Parameters:
    ///   - title: The step's title; nil runs it without a header.
    ///   - quiet: Hide what the command prints (its own output goes to a null device).
    ///   - expectRefusal: The step shows a refusal: print it and go on (the demo fails if it is not refused).
    private mutating func parley(
        _ title: String?, _ arguments: [String], as home: String?, quiet: Bool = false, expectRefusal: Bool = false
    ) async throws {
        let full = arguments + (home.map { ["--home", $0] } ?? [])
        if let title {
            step += 1
            Terminal.write("\n[\(step)] \(title)\n$ parley \(full.map(display).joined(separator: " "))\n")
        }
        do {
            let command = try Parley.parseAsRoot(full)
            if quiet {
                try await Terminal.silenced {
                    try await Parley.execute(command)
                }
            } else {
                try await Parley.execute(command)
            }
        } catch {
            guard expectRefusal else { throw error }
            Terminal.write("refused, as it should be: \(Parley.message(for: error))\n")
            return
        }
        if expectRefusal {
            throw ValidationFailure("demo step \(step) should have been refused, and was not")
        }
    }

    /// An argument as shown: the folder as $DEMO, and quoted when it has spaces.
    private func display(_ argument: String) -> String {
        let shown = argument.replacingOccurrences(of: folder, with: "$DEMO")
        return shown.contains(" ") || shown.contains("'") ? "'" + shown.replacingOccurrences(of: "'", with: "'\\''") + "'" : shown
    }
}

import ArgumentParser
internal import Foundation
import Hummingbird
import Logging
import ParleyCrypto
import ParleyLog
import ParleyServer
import ParleyStore
import ServiceLifecycle

extension Parley {
    /// `parley demo`: the whole exchange story on loopback, step by step, on synthetic lists.
    struct Demo: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the whole exchange workflow on loopback with synthetic lists, printing each step.",
            discussion: """
            Starts a sync server on 127.0.0.1 with a SQLite store in a temporary folder, makes three \
            parties (side A's and side B's headquarters and a neutral mediator), imports the synthetic \
            lists of examples/demo, syncs, reconciles, opens and closes a dispute, settles a doubtful \
            match by hand, confirms, finalizes and verifies the manifest. Each step prints the parley \
            command it runs ($DEMO is the folder) and what it printed. Nothing outside the folder is touched.
            """
        )

        @Option(help: ArgumentHelp("The folder of the demo lists (default: examples/demo of this repository).", valueName: "DIR"))
        var lists: String?

        @Option(help: ArgumentHelp("Keep the parties' homes, the server's data and the manifest in this new folder.", valueName: "DIR"))
        var keep: String?

        func run() async throws {
            let lists = try listsFolder()
            let folder: String
            if let keep {
                guard !FileManager.default.fileExists(atPath: keep) else {
                    throw ValidationFailure("--keep \(keep): the folder exists; name a new one")
                }
                folder = keep
            } else {
                folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-demo-\(UUID().uuidString)").path
            }
            try Files.createFolder(folder)
            defer {
                // The replicas the story's commands kept open are closed before their files go.
                if keep == nil {
                    KeptUntilExit.closeReplicas()
                    try? FileManager.default.removeItem(atPath: folder)
                }
            }
            var story = DemoStory(folder: folder, lists: lists)
            try await story.run()
            if let keep {
                Terminal.write("\nOpen the mediator's workspace on the kept homes:\n$ parley ui --home \(keep)/mediator\n")
            } else {
                Terminal.write("\nTo open the mediator's workspace, keep the homes: parley demo --keep DIR, then parley ui --home DIR/mediator\n")
            }
        }

        /// The demo lists: `--lists`, else examples/demo under the working folder, else under the
        /// source tree this binary was built from.
        private func listsFolder() throws -> String {
            let candidates = lists.map { [$0] } ?? [
                "examples/demo",
                URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                    .appendingPathComponent("examples/demo").path,
            ]
            for candidate in candidates where DemoStory.listFiles.allSatisfy({ FileManager.default.fileExists(atPath: candidate + "/" + $0) }) {
                return candidate
            }
            throw ValidationFailure(
                "cannot find the demo lists (\(DemoStory.listFiles.joined(separator: ", "))) in \(candidates.joined(separator: " or ")); "
                    + "run from the repository's root or pass --lists DIR"
            )
        }
    }
}

import Foundation
import Testing

/// `parley demo`: the whole story runs on loopback and ends with a manifest that verifies.
@Suite struct DemoCommandTests {
    @Test func theDemoTellsTheWholeStory() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let kept = dir.appendingPathComponent("demo").path
        let run = try await parley(["demo", "--keep", kept])
        #expect(run.status == 0, "\(run.stderr)")
        let out = run.stdout
        // Each stage of the story, in order.
        let stages = [
            "imports its request list", "Everyone syncs with the server", "The mediator reconciles both directions",
            "decides by hand that it is the same person", "dispute ", "refused, as it should be: blocker: dispute:",
            "refused, as it should be: only the party that opened dispute", "closed",
            "to-A confirmed", "to-B confirmed", "proposed: 8 to A, 7 to B", "final: signed by every participant",
            "3 of 3 signatures", "ok: every participant signed this manifest", "Done:",
        ]
        var rest = Substring(out)
        for stage in stages {
            guard let range = rest.range(of: stage) else {
                Issue.record("the demo's output lacks `\(stage)` after the previous stage")
                return
            }
            rest = rest[range.upperBound...]
        }
        // What it kept is real: the manifest verifies on its own, the report is one HTML page.
        let manifest = try await parley(["verify", kept + "/manifest.json", "--names"])
        #expect(manifest.status == 0)
        // It names the 15 people who cross (8 to A, 7 to B), each direction numbered from 1.
        let numbered = manifest.stdout.split(separator: "\n").filter { $0.wholeMatch(of: #/  \d+\. [AB]/request .+  =  [AB]/release .+/#) != nil }
        #expect(numbered.count == 15)
        #expect(numbered.filter { $0.hasPrefix("  1. ") }.count == 2)
        // The printable document of the same manifest: every person numbered, final, no script.
        let document = try String(contentsOfFile: kept + "/manifest.html", encoding: .utf8)
        #expect(document.contains("Final: signed by all 3 participants."))
        #expect(document.ranges(of: "<tr><td class=\"num\">").count == 15)
        #expect(!document.contains("<script"))
        let hash = try #require(firstMatch(of: "manifest ([0-9a-f]{64})", in: manifest.stdout))
        #expect(document.contains("content: \"Manifest \(hash)\""))
        let html = try String(contentsOfFile: kept + "/report.html", encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("<script"))
        // The three replicas agree.
        var hashes: [String] = []
        for home in ["side-a", "side-b", "mediator"] {
            hashes.append(try #require(firstMatch(of: "state ([0-9a-f]{64})", in: try await parley(["verify", "--home", kept + "/" + home]).stdout)))
        }
        #expect(Set(hashes).count == 1)
        // A second run into the same folder is refused, and leaves it as it was.
        let again = try await parley(["demo", "--keep", kept])
        #expect(again.status == 2)
        #expect(again.stderr.contains("the folder exists"))
    }
}

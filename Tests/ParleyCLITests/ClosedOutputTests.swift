import Foundation
import Testing

/// A reader that goes away (`parley … | head -1`) ends the command quietly with a non-zero status,
/// not with a crash.
@Suite struct ClosedOutputTests {
    @Test func aClosedStandardOutputEndsTheCommandQuietly() async throws {
        let process = Process()
        process.executableURL = productsDirectory.appendingPathComponent("parley")
        process.arguments = ["diff", "examples/side-a.csv", "examples/side-b.csv"]
        process.currentDirectoryURL = packageRoot
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try output.fileHandleForReading.close()
        try process.run()
        process.waitUntilExit()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationReason == .exit, "ended by signal \(process.terminationStatus), not by exit")
        #expect(process.terminationStatus == 141)
        #expect(stderr.isEmpty, "\(stderr)")
    }
}

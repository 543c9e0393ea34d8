#if canImport(Glibc)
import Glibc
#endif
internal import Foundation
import ParleyParty

/// Where the command line writes, and whether it may colour what it writes.
enum Terminal {
    /// Writes one line to standard error, prefixed with `parley: `.
    static func printError(_ message: String) {
        var line = message.hasPrefix("parley: ") || message.hasPrefix("Error: ") ? message : "parley: \(message)"
        if line.hasPrefix("Error: ") { line = "parley: " + line.dropFirst("Error: ".count) }
        if !line.hasSuffix("\n") { line += "\n" }
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// Whether standard output is a terminal that takes colour: a TTY, `TERM` not `dumb`,
    /// and `NO_COLOR` unset.
    static var standardOutputTakesColor: Bool {
        guard isatty(STDOUT_FILENO) == 1 else { return false }
        let env = ProcessInfo.processInfo.environment
        if env["NO_COLOR"] != nil { return false }
        return env["TERM"].map { $0 != "dumb" } ?? false
    }

    /// Shows a long step on standard error (`parley: verifying 183536…`): for steps of 2,000
    /// items or more, when standard error is a terminal or `PARLEY_PROGRESS=1` asks for it.
    static let progress: @Sendable (ParleyParty.PartyProgress) -> Void = { progress in
        guard progress.count >= 2_000 else { return }
        let asked = ProcessInfo.processInfo.environment["PARLEY_PROGRESS"] == "1"
        guard asked || isatty(STDERR_FILENO) == 1 else { return }
        printError("\(progress.step) \(progress.count)…")
    }

    /// Writes text to standard output.
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Runs `body` with standard output sent to /dev/null, then restores it.
    static func silenced<T>(_ body: () async throws -> T) async rethrows -> T {
        let saved = dup(STDOUT_FILENO)
        let null = open("/dev/null", O_WRONLY)
        if saved >= 0, null >= 0 { dup2(null, STDOUT_FILENO) }
        if null >= 0 { close(null) }
        defer {
            if saved >= 0 {
                dup2(saved, STDOUT_FILENO)
                close(saved)
            }
        }
        return try await body()
    }
}

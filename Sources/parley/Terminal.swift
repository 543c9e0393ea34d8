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
        writeAll(Array(line.utf8), to: STDERR_FILENO)
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

    /// Writes text to standard output. When the reader has gone (`parley sync | head -1`: the
    /// pipe is closed, `EPIPE`) or the write fails otherwise, the process ends quietly with status
    /// 141, as a process killed by SIGPIPE does (the server stack ignores SIGPIPE).
    static func write(_ text: String) {
        writeAll(Array(text.utf8), to: STDOUT_FILENO)
    }

    /// Writes every byte to `descriptor`, retrying after interruptions; exits with 141 on failure.
    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                Glibc.exit(141)
            }
            offset += written
        }
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

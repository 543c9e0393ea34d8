#if canImport(Glibc)
import Glibc
#endif
internal import Foundation
import ParleyMatch

/// Progress of a long `parley diff` on standard error: the stage it is in, shown once the
/// diff has run for a second, and only when standard error is a terminal (never in a pipe or
/// a log). The line is rewritten in place and cleared at the end.
final class DiffProgress {
    private let start = Date()
    private var shown = false

    /// A progress callback for `Matcher.diff`, or nil when standard error is no terminal.
    static func onTerminal() -> ((Matcher.Stage) -> Void)? {
        guard isatty(STDERR_FILENO) == 1 else { return nil }
        let progress = DiffProgress()
        return { progress.report($0) }
    }

    private func report(_ stage: Matcher.Stage) {
        if stage == .done {
            if shown { write("\r\u{1B}[K") }
            return
        }
        guard Date().timeIntervalSince(start) >= 1 else { return }
        shown = true
        let step = (Matcher.Stage.allCases.firstIndex(of: stage) ?? 0) + 1
        write("\rparley: diff: \(stage.rawValue) (\(step) of \(Matcher.Stage.allCases.count - 1))…\u{1B}[K")
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

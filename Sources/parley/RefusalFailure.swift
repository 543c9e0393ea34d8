import ParleyLog

/// A refusal of the library (``Refusal``) as the command line prints it, the same for every
/// command: each blocker on its own line, then `MESSAGE; nothing was signed (refusal: CODE)`.
struct RefusalFailure: Error, CustomStringConvertible {
    /// The refusal.
    let refusal: Refusal

    /// Wraps a refusal.
    init(_ refusal: Refusal) {
        self.refusal = refusal
    }

    /// The lines, the last one the reason.
    var description: String {
        // `Terminal.printError` puts `parley: ` before the first line; the others get it here.
        let lines = refusal.blockers.map { "blocker: \($0)" } + ["\(refusal.message); nothing was signed (refusal: \(refusal.code))"]
        return lines.joined(separator: "\nparley: ")
    }
}

import ParleyLog

/// A refusal of the library (``Refusal``) as the command line prints it, the same for every
/// command and as the workspace shows it: ``Refusal/lines``.
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
        refusal.lines.joined(separator: "\nparley: ")
    }
}

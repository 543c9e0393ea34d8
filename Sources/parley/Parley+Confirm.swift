public import ArgumentParser
public import ParleyLog
import ParleyParty
import ParleyStore

extension Parley {
    /// `parley confirm --direction D [--expect HASH]`: a mediator confirms a direction's reconciliation.
    struct Confirm: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "As a mediator, confirm the current reconciliation of one direction (its hash).",
            discussion: """
            Confirms the reconciliation this replica computes now, as `parley reconcile` shows it. Pass \
            --expect with the hash you reviewed to confirm only if nothing changed since. A mediator \
            proposes a manifest only from directions it confirmed as they are (confirm both first).
            """
        )

        @OptionGroup var homeOptions: HomeOptions
        @OptionGroup var exchangeOptions: ExchangeOptions

        @Option(help: "Which direction: to-A (side A's request against side B's release) or to-B.")
        var direction: Direction

        @Option(help: ArgumentHelp("Confirm only if the direction's hash is this one (or starts with these 8+ hex digits).", valueName: "HASH"))
        var expect: String?

        func run() throws {
            let session = try Session(home: homeOptions.resolved, exchange: exchangeOptions.exchange, signing: true, entries: false)
            // The hash and counts only: kept per direction when a command computed
            // them for the same rows before, so the entries are read only when they are not.
            let summary = try session.open.summary
            let hash = summary.hash(direction)
            if let expect, !(try IDPrefix(expect, kind: "reconciliation").matches(hash)) {
                throw ValidationFailure(
                    "the \(direction.rawValue) reconciliation is now \(hash), not \(expect.lowercased()): review it again "
                        + "(`parley reconcile`); nothing was signed"
                )
            }
            try session.sign([.confirm(ParleyLog.Confirm(direction: direction, reconciliation: hash))])
            Terminal.write(
                "\(direction.rawValue) confirmed: reconciliation \(hash) "
                    + "(\(summary.count(.agreed, direction)) agreed, \(summary.count(.disputed, direction)) disputed, "
                    + "\(summary.count(.unoffered, direction)) unoffered)\n"
            )
        }
    }
}

extension Direction: ExpressibleByArgument {}

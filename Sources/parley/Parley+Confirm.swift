public import ArgumentParser
public import ParleyLog

extension Parley {
    /// `parley confirm --direction D [--expect HASH]`: a mediator confirms a direction's reconciliation.
    struct Confirm: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "As a mediator, confirm the current reconciliation of one direction (its hash).",
            discussion: """
            Confirms the reconciliation this replica computes now, as `parley reconcile` shows it. Pass \
            --expect with the hash you reviewed to confirm only if nothing changed since.
            """
        )

        @OptionGroup var homeOptions: HomeOptions
        @OptionGroup var exchangeOptions: ExchangeOptions

        @Option(help: "Which direction: to-A (side A's request against side B's release) or to-B.")
        var direction: Direction

        @Option(help: ArgumentHelp("Confirm only if the direction's hash is this one.", valueName: "HASH"))
        var expect: String?

        func run() throws {
            let session = try Session(home: homeOptions.resolved, exchange: exchangeOptions.exchange, signing: true)
            let report = Reconciliation(state: session.state).report(direction)
            if let expect, expect.lowercased() != report.hash {
                throw ValidationFailure(
                    "the \(direction.rawValue) reconciliation is now \(report.hash), not \(expect): review it again "
                        + "(`parley reconcile`); nothing was signed"
                )
            }
            try session.sign([.confirm(ParleyLog.Confirm(direction: direction, reconciliation: report.hash))])
            let counts = report.counts
            Terminal.write(
                "\(direction.rawValue) confirmed: reconciliation \(report.hash) "
                    + "(\(counts[.agreed] ?? 0) agreed, \(counts[.disputed] ?? 0) disputed, \(counts[.unconfirmed] ?? 0) unconfirmed)\n"
            )
        }
    }
}

extension Direction: ExpressibleByArgument {}

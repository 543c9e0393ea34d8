import ArgumentParser
import ParleyLog
import ParleyParty
import ParleyStore
import ParleyMatch
import ParleySync

extension Parley {
    /// `parley reconcile`: the per-direction report of a synced exchange.
    struct Reconcile: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Reconcile an exchange: each side's requests against the other side's releases.",
            discussion: """
            Works on this replica's envelopes (sync first to see everyone's). Per direction (to-A: side \
            A's request against side B's release; to-B: the reverse) every person is agreed, disputed, \
            unoffered (requested, not offered; marked when the mediator's registry holds them), \
            unrequested (offered, not requested) or a duplicate, with the evidence of each match, hand \
            decisions with their authors, open disputes first, counts against the terms and the \
            priority breakdown. The HTML report is one self-contained page that prints well.
            """
        )

        @OptionGroup var homeOptions: HomeOptions
        @OptionGroup var exchangeOptions: ExchangeOptions

        @Option(name: .shortAndLong, help: "Report format: \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
        var format: ReportFormat = .text

        @Option(name: .shortAndLong, help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "FILE"))
        var output: String?

        @OptionGroup var asOfOptions: AsOfOptions

        func run() throws {
            let day = try asOfOptions.day()
            let session = try Session(home: homeOptions.resolved, exchange: exchangeOptions.exchange, signing: false)
            let reconciliation = try session.open.reconciliation
            let unopened = session.state.unopenedEntryCount
            if unopened > 0 {
                Terminal.printError(
                    "warning: \(unopened) \(unopened == 1 ? "entry is" : "entries are") sealed to content keys not shared with this party yet "
                        + "and shown without fields; sync again once their authors have signed or synced"
                )
            }
            let report = ExchangeReport(reconciliation: reconciliation, state: session.state, asOf: day)
            let color = output == nil && format == .text && Terminal.standardOutputTakesColor
            let text = report.rendered(as: format, options: ReportOptions(color: color))
            if let output {
                try Files.write(text, to: output, what: "the report")
                Terminal.write("wrote \(output): reconciliation \(reconciliation.hash)\n")
            } else {
                Terminal.write(text)
            }
        }
    }
}

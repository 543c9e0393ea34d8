import ArgumentParser
import ParleyLog
import ParleyMatch
import ParleyParty

extension Parley.TermsCommand {
    /// `parley terms plan [PHASE] [--format text|json] [--as-of DATE]`: who crosses in each phase.
    struct Plan: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Draw up the phases of the terms: who crosses in each, in priority order, and why.",
            discussion: """
            Each phase takes, in the terms' order of phases, the next agreed people (no open dispute) \
            in the terms' priority order (`terms set --priorities`, else seriously-wounded, \
            seriously-ill, woman, long-held, young, civilian), the long held longest first, ties by \
            entry; each person is shown by the ids the lists gave, with the category that placed \
            them. A phase short of agreed people says by how many. The plan is not signed: every \
            party with the same envelopes draws the same one (PROTOCOL.md §10.5), provided the terms \
            set the day priorities are measured on (`terms set --as-of`). A phase whose manifest every \
            participant signed (`finalize propose --phase`) is sealed: it lists its manifest's people \
            and the later phases draw from the others.
            """
        )

        /// The output formats.
        enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

        @OptionGroup var homeOptions: HomeOptions
        @OptionGroup var exchangeOptions: ExchangeOptions

        @Argument(help: ArgumentHelp("The phase to show (default: every phase).", valueName: "PHASE"))
        var phase: String?

        @Option(name: .shortAndLong, help: "Output format: text or json.")
        var format: Format = .text

        @OptionGroup var asOfOptions: AsOfOptions

        func run() throws {
            let day = try asOfOptions.day()
            let session = try Session(home: homeOptions.resolved, exchange: exchangeOptions.exchange, signing: false)
            let terms: Terms
            switch session.state.currentTerms {
            case .none:
                throw ValidationFailure("exchange \(Display.short(session.exchange)) has no terms (a mediator sets them with `parley terms set`)")
            case .conflicting:
                throw ValidationFailure("the terms conflict: the mediators set different ones (see `parley terms show`)")
            case let .agreed(agreed, _):
                terms = agreed
            }
            guard !terms.phases.isEmpty else {
                throw ValidationFailure("the terms have no phases (a mediator sets them with `parley terms set --phase NAME:TO_A:TO_B`)")
            }
            if let phase, terms.phase(named: phase) == nil {
                let names = terms.phases.map { "\"\(ReportFormatting.displayable($0.name))\"" }.joined(separator: ", ")
                throw ValidationFailure("phase \"\(ReportFormatting.displayable(phase))\" is not in the terms (phases: \(names))")
            }
            // Phases whose manifest every participant signed are sealed: listed as signed, drawn into no other phase.
            let drawUp = PhaseDrawUp(reconciliation: try session.open.reconciliation, terms: terms, sealed: session.state.sealedPhases, today: day)
            switch format {
            case .text: Terminal.write(drawUp.text(phase: phase, asOfFromTerms: terms.asOf != nil))
            case .json: Terminal.write(drawUp.json(phase: phase, asOfFromTerms: terms.asOf != nil))
            }
        }
    }
}

import ArgumentParser
import ParleyLog
import ParleyParty
import ParleyStore
import ParleyMatch

extension Parley {
    /// `parley terms set|show`: how many cross each way.
    struct TermsCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "terms",
            abstract: "Set (as a mediator) or show the terms of an exchange, and draw up its phases: how many cross each way, per phase, in what priority order.",
            subcommands: [Set.self, Show.self, Plan.self]
        )
    }
}

extension Parley.TermsCommand {
    /// `parley terms set --to-a N --to-b N [--phase NAME:TO_A:TO_B]… [--as-of DATE] [--priorities LIST]`.
    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "As a mediator, set the terms.",
            discussion: """
            With phases, each phase's counts must add up to --to-a and --to-b. Phases are drawn up \
            (`parley terms plan`) in the priority order: --priorities, else \
            \(PriorityCategory.defaultOrder.map(\.rawValue).joined(separator: ", ")).
            """
        )

        @OptionGroup var homeOptions: HomeOptions
        @OptionGroup var exchangeOptions: ExchangeOptions

        @Option(name: .customLong("to-a"), help: "How many cross to side A.")
        var toA: Int

        @Option(name: .customLong("to-b"), help: "How many cross to side B.")
        var toB: Int

        @Option(name: .customLong("phase"), help: ArgumentHelp("A phase; repeat for each, in order.", valueName: "NAME:TO_A:TO_B"))
        var phases: [String] = []

        @Option(name: .customLong("as-of"), help: ArgumentHelp("The day ages and time held are measured on.", valueName: "YYYY-MM-DD"))
        var asOf: String?

        @Option(name: .customLong("priorities"), help: ArgumentHelp(
            "The order phases are drawn up in, most urgent first, comma-separated (\(PriorityCategory.allCases.map(\.rawValue).joined(separator: ", "))); "
                + "empty for none (by entry alone). Default: the order above.",
            valueName: "LIST"
        ))
        var priorities: String?

        func run() throws {
            let order = try priorities.map { text in
                try (text.isEmpty ? [] : text.split(separator: ",", omittingEmptySubsequences: false)).map { name in
                    guard let category = PriorityCategory(rawValue: String(name)) else {
                        throw ValidationFailure("--priorities \(text): \"\(name)\" is not a priority category (\(PriorityCategory.allCases.map(\.rawValue).joined(separator: ", ")))")
                    }
                    return category
                }
            }
            var parsed: [Terms.Phase] = []
            for text in phases {
                let parts = text.split(separator: ":", omittingEmptySubsequences: false)
                guard parts.count == 3, !parts[0].isEmpty, let a = Int(parts[1]), let b = Int(parts[2]) else {
                    throw ValidationFailure("--phase \(text): expected NAME:TO_A:TO_B, e.g. first:20:20")
                }
                parsed.append(Terms.Phase(name: String(parts[0]), counts: [.toA: a, .toB: b]))
            }
            let day = try asOf.map { try CalendarDate(option: "--as-of", value: $0) }
            let terms = Terms(counts: [.toA: toA, .toB: toB], phases: parsed, asOf: day, priorities: order)
            let session = try Session(home: homeOptions.resolved, exchange: exchangeOptions.exchange, signing: true, entries: false)
            try session.sign([.setTerms(terms)])
            Terminal.write("terms set: \(toA) to A, \(toB) to B\(parsed.isEmpty ? "" : " in \(parsed.count) phases")\n")
        }
    }

    /// `parley terms show`.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the terms in force and the agreed counts against them.")

        @OptionGroup var homeOptions: HomeOptions
        @OptionGroup var exchangeOptions: ExchangeOptions

        func run() throws {
            let session = try Session(home: homeOptions.resolved, exchange: exchangeOptions.exchange, signing: false, entries: false)
            switch session.state.currentTerms {
            case .none:
                Terminal.write("no terms set\n")
            case let .conflicting(set):
                Terminal.write("terms conflict: set differently by \(set.map { session.name(of: $0.author) }.joined(separator: ", "))\n")
            case let .agreed(terms, setBy):
                let by = setBy.isEmpty ? "the genesis" : setBy.map(session.name(of:)).joined(separator: ", ")
                Terminal.write("terms (set by \(by)):\n")
                // Counts only, and only when there are terms to hold them against: kept with the
                // state hash when a command computed them before.
                let summary = try session.open.summary
                for direction in Direction.allCases {
                    let agreed = summary.count(.agreed, direction)
                    let expected = terms.count(direction)
                    Terminal.write("  \(direction.rawValue): \(expected) agreed in terms, \(agreed) agreed now\(agreed == expected ? "" : agreed < expected ? " (short by \(expected - agreed))" : " (over by \(agreed - expected))")\n")
                }
                for phase in terms.phases {
                    Terminal.write("  phase \(ReportFormatting.displayable(phase.name)): \(phase.counts[.toA] ?? 0) to A, \(phase.counts[.toB] ?? 0) to B\n")
                }
                let order = terms.priorityOrder.map(\.rawValue).joined(separator: ", ")
                Terminal.write("  priority order: \(order.isEmpty ? "none" : order)\(terms.priorities == nil ? " (the default)" : "")\n")
            }
        }
    }
}

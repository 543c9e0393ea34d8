import ArgumentParser
import ParleyLog

extension Parley {
    /// `parley match same|different REQUEST RELEASE`: a hand decision that overrides the engine.
    struct Match: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Decide by hand that a requested and a released entry are the same person, or different persons.",
            discussion: """
            REQUEST is an entry of one side's request list, RELEASE one of the other side's release \
            list, each named SIDE/LIST/ENTRY (e.g. A/request/UA-001 B/release/RF-101). The decision is \
            signed with your key and shown with your name in every report; it overrides the matching \
            engine for that pair. Your later decision on the same pair replaces your earlier one.
            """,
            subcommands: [Same.self, Different.self]
        )
    }
}

extension Parley.Match {
    /// The arguments both decisions take.
    struct Pair: ParsableArguments {
        @OptionGroup var homeOptions: HomeOptions
        @OptionGroup var exchangeOptions: ExchangeOptions

        @Argument(help: ArgumentHelp("The requested entry.", valueName: "SIDE/request/ENTRY"))
        var request: String

        @Argument(help: ArgumentHelp("The released entry.", valueName: "SIDE/release/ENTRY"))
        var release: String

        @Option(help: "Why (shared with every participant).")
        var note: String = ""

        /// Signs the decision and says what it was.
        func decide(same: Bool) throws {
            let session = try Session(
                home: homeOptions.resolved, exchange: exchangeOptions.exchange, signing: true, named: [request, release]
            )
            let pair = MatchPair(request: try session.entry(named: request), release: try session.entry(named: release), note: note)
            guard let direction = pair.direction else {
                throw ValidationFailure(
                    "\(request) and \(release) do not face each other: pair one side's request entry with the other side's release entry"
                )
            }
            try session.sign([same ? .assertMatch(pair) : .rejectMatch(pair)])
            Terminal.write("\(direction.rawValue): \(pair.request) and \(pair.release) are \(same ? "the same person" : "different persons"), by your hand\n")
        }
    }

    /// `parley match same REQUEST RELEASE`.
    struct Same: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The two entries are the same person.")
        @OptionGroup var pair: Pair
        func run() throws { try pair.decide(same: true) }
    }

    /// `parley match different REQUEST RELEASE`.
    struct Different: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The two entries are different persons.")
        @OptionGroup var pair: Pair
        func run() throws { try pair.decide(same: false) }
    }
}

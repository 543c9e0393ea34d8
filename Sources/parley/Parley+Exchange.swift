import ArgumentParser

extension Parley {
    /// `parley exchange …`: the exchanges in this party's replica.
    struct Exchange: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create exchanges and list those in this party's replica.",
            subcommands: [Create.self, ListExchanges.self]
        )
    }
}

import ArgumentParser

extension Parley {
    /// `parley exchange …`: the exchanges in this party's replica.
    struct Exchange: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create exchanges, list those in this party's replica, and erase a final one.",
            subcommands: [Create.self, ListExchanges.self, Erase.self]
        )
    }
}

public import ArgumentParser
public import ParleyLog

extension ListKind: ExpressibleByArgument {}

extension Parley {
    /// `parley list …`: this party's lists in an exchange.
    struct Lists: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "Import this party's lists into an exchange and show the lists of an exchange.",
            subcommands: [Import.self, Show.self]
        )
    }
}

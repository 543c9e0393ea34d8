import ArgumentParser

extension Parley {
    /// `parley key …`: this party's key.
    struct Key: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Work with this party's key.",
            subcommands: [ExportPublic.self, Rotate.self, ExportRecovery.self, Recover.self]
        )
    }
}

import ArgumentParser

extension Parley {
    /// `parley key …`: this party's key.
    struct Key: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Work with this party's key, or check a key someone gave you.",
            subcommands: [ExportPublic.self, Fingerprint.self, Rotate.self, RotateEncryption.self, ExportRecovery.self, Recover.self]
        )
    }
}

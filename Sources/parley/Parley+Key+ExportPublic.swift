import ArgumentParser
import ParleyCrypto

extension Parley.Key {
    /// `parley key export-public [-o FILE]`: the public key as PEM, to give to the other parties.
    struct ExportPublic: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export-public",
            abstract: "Write this party's public key as PEM (SubjectPublicKeyInfo).",
            discussion: "Give the file to the other parties; they name you with it in `parley exchange create --participant`."
        )

        @OptionGroup var homeOptions: HomeOptions

        @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
        var output: String?

        func run() throws {
            let pem = try homeOptions.resolved.signingKey().publicKey.pemRepresentation
            if let output {
                try Files.write(pem, to: output, what: "the public key")
            } else {
                Terminal.write(pem)
            }
        }
    }
}

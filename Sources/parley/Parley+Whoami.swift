import ArgumentParser
import ParleyCrypto

extension Parley {
    /// `parley whoami`: this party's name, key id and fingerprint.
    struct Whoami: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show this party's name, key id and fingerprint."
        )

        @OptionGroup var homeOptions: HomeOptions

        func run() throws {
            let home = homeOptions.resolved
            let id = try home.signingKey().publicKey.keyID
            Terminal.write("""
                name:        \(home.partyName() ?? "(not set)")
                key id:      \(id.hex)
                fingerprint: \(id.fingerprint.text)

                """)
        }
    }
}

import ArgumentParser
internal import Foundation
import ParleyCrypto
import ParleyParty

extension Parley {
    /// `parley init --name NAME`: makes a party's home, key pair and empty replica.
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create this party's home: a new key pair and an empty replica.",
            discussion: """
            The home (mode 0700) holds key.pem (the private key, mode 0600; it never leaves this \
            machine unless you copy it), replica.sqlite and party.json. Read the fingerprint to the \
            other parties over a trusted channel so they can check your key. Refuses to run where a \
            key already exists.
            """
        )

        @OptionGroup var homeOptions: HomeOptions

        @Option(help: "This party's display name, e.g. \"Side A headquarters\".")
        var name: String

        func validate() throws {
            guard !name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw ValidationFailure("--name must not be empty")
            }
        }

        func run() throws {
            let home = homeOptions.resolved
            let key = try home.party.create(name: name)
            Terminal.write("""
                Created \(home.path) for \(name)
                key id:      \(key.publicKey.keyID.hex)
                fingerprint: \(key.publicKey.keyID.fingerprint.text)

                """)
        }
    }
}

import ArgumentParser
internal import Foundation
import ParleyCrypto
import ParleyStore

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
            try Files.createFolder(home.path)
            guard !FileManager.default.fileExists(atPath: home.keyPath) else {
                throw ValidationFailure("a key already exists at \(home.keyPath); not replacing it (`parley whoami` shows it)")
            }
            if FileManager.default.fileExists(atPath: home.replicaPath),
               let recorded = try Replica.open(path: home.replicaPath, readOnly: true).meta(.ownKeyID) {
                throw ValidationFailure(
                    "replica \(home.replicaPath) belongs to key \(recorded.prefix(Display.shortLength)), whose key.pem is missing; "
                        + "restore it, or choose a new home"
                )
            }
            let key = SigningKey.generate()
            try KeyFile.write(key, to: home.keyPath)
            try home.writeParty(name: name)
            let replica = try Replica.open(path: home.replicaPath)
            try replica.setMeta(.ownKeyID, to: key.publicKey.keyID.hex)
            // The lists are about people in captivity: owner only, as the key (SQLite gives its
            // -wal and -shm files the same mode).
            try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: home.replicaPath)
            Terminal.write("""
                Created \(home.path) for \(name)
                key id:      \(key.publicKey.keyID.hex)
                fingerprint: \(key.publicKey.keyID.fingerprint.text)

                """)
        }
    }
}

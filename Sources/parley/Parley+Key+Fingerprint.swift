import ArgumentParser
import Foundation
import ParleyCrypto

extension Parley.Key {
    /// `parley key fingerprint FILE`: the key id and read-aloud fingerprint of a public key file.
    struct Fingerprint: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the key id and fingerprint of a public key file someone gave you.",
            discussion: """
            Read the fingerprint aloud with the key's owner (over a phone line, say) before naming them \
            in `parley exchange create --participant FILE:ROLE:SIDE`: it is their key only if it matches \
            the one `parley whoami` shows them.
            """
        )

        @Argument(help: ArgumentHelp("A public key file (PEM), as `parley key export-public` writes it.", valueName: "FILE"))
        var file: String

        func run() throws {
            let key = try ParticipantSpec.publicKey(file: file)
            Terminal.write("key id:      \(key.keyID.hex)\nfingerprint: \(key.keyID.fingerprint.text)\n")
        }
    }
}

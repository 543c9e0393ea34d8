import ArgumentParser
import ParleyCrypto
import ParleyLog
import ParleyMatch
import ParleyParty
import ParleySync

extension Parley.Exchange {
    /// `parley exchange create`: signs the genesis of a new exchange and stores it.
    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an exchange: sign its genesis with this party's key and store it.",
            discussion: """
            Name every party with --participant FILE_OR_KEY:ROLE:SIDE[:NAME], yourself included \
            (`parley key export-public -o me.pem`, then --participant me.pem:headquarters:A). FILE \
            is a public key PEM file, KEY the raw public key as 64 hex digits; ROLE is headquarters, \
            ombudsman or mediator; SIDE is A, B, or neutral for a mediator. Prints the exchange id, then each \
            participant with its key fingerprint to check aloud with them (`parley key fingerprint FILE`).
            """
        )

        @OptionGroup var homeOptions: HomeOptions

        @Option(help: "The exchange's title, e.g. \"Exchange 2025-05, phase 1\".")
        var title: String

        @Option(name: .customLong("participant"), help: ArgumentHelp(
            "A party to the exchange. Repeat for each, yourself included.", valueName: "FILE_OR_KEY:ROLE:SIDE[:NAME]"
        ))
        var participants: [String] = []

        @Option(help: ArgumentHelp("The agreed terms as a JSON object (default: {}).", valueName: "JSON"))
        var terms: String?

        func validate() throws {
            guard !title.isEmpty else { throw ValidationFailure("--title must not be empty") }
            guard !participants.isEmpty else {
                throw ValidationFailure("name the parties with --participant FILE_OR_KEY:ROLE:SIDE, yourself included")
            }
            for spec in participants { _ = try ParticipantSpec(parsing: spec) }
            _ = try termsObject()
        }

        func run() throws {
            let home = homeOptions.resolved
            let party = try home.party(signing: true)
            guard let own = party.me else { preconditionFailure("a signing party has a key") }
            var named: [Participant] = []
            for spec in try participants.map(ParticipantSpec.init(parsing:)) {
                let publicKey = try spec.publicKey()
                let fallback = publicKey.keyID == own ? home.partyName() : nil
                let name = spec.name ?? fallback ?? "\(spec.side.rawValue) \(spec.role.rawValue)"
                named.append(Participant(publicKey: publicKey, role: spec.role, side: spec.side, name: name))
            }
            guard named.contains(where: { $0.keyID == own }) else {
                throw ValidationFailure(
                    "you (key \(Display.short(own))) are not among the participants; the creator must be one: "
                        + "`parley key export-public -o me.pem`, then add --participant me.pem:ROLE:SIDE"
                )
            }
            var random = SystemRandomNumberGenerator()
            let create = CreateExchange(
                nonce: CreateExchange.randomNonce(using: &random), title: title, terms: try termsObject(), participants: named
            )
            let exchange = try party.create(create, at: .now())
            // The id first (scripts read the first line), then who is in it, to check aloud.
            var text = exchange.hex + "\n"
            for participant in named.sorted(by: { $0.keyID < $1.keyID }) {
                text += "  \(participant.role.rawValue) \(participant.side.rawValue) \(ReportFormatting.displayable(participant.name)): "
                    + "fingerprint \(participant.keyID.fingerprint.text)\n"
            }
            Terminal.write(text)
        }

        /// The terms: `--terms` read as a JSON object, or `{}`.
        private func termsObject() throws -> JSONValue {
            guard let terms else { return [:] }
            let value: JSONValue
            do {
                value = try JSONValue(parsing: Array(terms.utf8))
            } catch {
                throw ValidationFailure("--terms: not JSON (\(error.message))")
            }
            guard value.objectValue != nil else { throw ValidationFailure("--terms must be a JSON object, e.g. {\"counts\":{\"A\":390,\"B\":390}}") }
            return value
        }
    }
}

import ArgumentParser
import ParleyLog
import ParleyParty
import ParleySync

extension Parley.Exchange {
    /// `parley exchange erase --exchange ID`: destroys this party's key and plaintext of a final exchange.
    struct Erase: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Erase a final exchange in this replica: destroy its encryption key and everything kept of it in clear.",
            discussion: """
            Refused unless every participant has signed a manifest of the whole exchange (or of \
            every phase of its terms). What stays is the signed log: ciphertext, ids, counts, hashes \
            and the signed manifest hashes, which `parley verify` still checks. It cannot be undone.
            """
        )

        @OptionGroup var homeOptions: HomeOptions
        @OptionGroup var exchangeOptions: ExchangeOptions

        func run() throws {
            let party = try homeOptions.resolved.party(signing: true)
            let exchange = try ExchangeOptions.resolve(exchangeOptions.exchange, in: party.replica)
            let erasure = try party.erase(exchange, at: Timestamp.now())
            Terminal.write(
                "exchange \(Display.short(exchange)) \(erasure.already ? "was already erased" : "erased") in this replica: its encryption key, "
                    + "opened records and notes and kept reconciliation are destroyed; the signed log (ciphertext, ids, counts, hashes) "
                    + "stays and still verifies\n"
            )
            let participants = try party.open(exchange, withEntries: false).state.participants.count
            let count = "\(erasure.erasedBy.count) of \(participants)"
            Terminal.write(
                erasure.already ? "participants that have said they erased it: \(count)\n"
                    : "signed exchange.erase (sync to tell the other participants); erased so far by \(count) participants\n"
            )
            if erasure.erasedBy.count == participants {
                Terminal.write("every participant has erased it: the server drops its sealed records once this erasure reaches it\n")
            }
            if erasure.clearEntries > 0 {
                Terminal.printError(
                    "warning: \(erasure.clearEntries) entr\(erasure.clearEntries == 1 ? "y" : "ies") of this exchange travelled in clear "
                        + "(signed by a party that sealed nothing) and stay readable in the log"
                )
            }
            switch erasure.homeKey {
            case .unused: break
            case .destroyed: Terminal.write("the home-wide encryption key (encryption.pem), used by no other exchange, is destroyed\n")
            case let .kept(users):
                Terminal.printError(
                    "warning: this exchange was sealed to the home-wide encryption key (encryption.pem), which exchanges "
                        + users.map { Display.short($0) }.joined(separator: ", ")
                        + " use too: it is kept, and can open this exchange's log until they are erased as well"
                )
            }
        }
    }
}

import ArgumentParser
import ParleyLog
import ParleyParty
import ParleyStore

extension Parley.Exchange {
    /// `parley exchange list`: the exchanges in the replica, with title and participant count.
    struct ListExchanges: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the exchanges in this party's replica: id, participant count, title."
        )

        @OptionGroup var homeOptions: HomeOptions

        func run() throws {
            let party = try homeOptions.resolved.party(signing: false)
            for exchange in try party.exchanges() {
                // The kept state, verified when it was stored (`parley verify` checks it again).
                do {
                    let state = try party.open(exchange, withEntries: false).state
                    let count = state.participants.count
                    let erased = (try? party.isErased(exchange)) == true ? "  (erased here)" : ""
                    Terminal.write("\(exchange.hex)  \(count) participant\(count == 1 ? "" : "s")  \(state.title)\(erased)\n")
                } catch where error.code == .store {
                    Terminal.write("\(exchange.hex)  cannot be read: \(error.message)\n")
                } catch {
                    Terminal.write("\(exchange.hex)  its genesis does not verify (see `parley verify`)\n")
                }
            }
        }
    }
}

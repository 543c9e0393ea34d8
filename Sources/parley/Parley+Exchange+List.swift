import ArgumentParser
import ParleyLog
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
            let replica = try homeOptions.resolved.openReplica(readOnly: true)
            for exchange in try replica.exchanges() {
                // Read from the verified genesis, never from unchecked rows.
                if let state = try replica.verifyStored(exchange: exchange).report.state {
                    let count = state.participants.count
                    Terminal.write("\(exchange.hex)  \(count) participant\(count == 1 ? "" : "s")  \(state.title)\n")
                } else {
                    Terminal.write("\(exchange.hex)  its genesis does not verify (see `parley verify`)\n")
                }
            }
        }
    }
}

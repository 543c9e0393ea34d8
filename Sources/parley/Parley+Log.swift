import ArgumentParser
import ParleyLog
import ParleyParty
import ParleyStore

extension Parley {
    /// `parley log [--exchange ID] [-n N]`: the envelopes in the replica, oldest first, without contents.
    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the envelopes in this party's replica, in arrival order (newest last).",
            discussion: """
            Shows seq, author key id, operation, envelope id and timestamp; never record contents. An envelope \
            that is valid but has no effect is marked with why (e.g. `ignored: finalized`, written after its \
            author signed a manifest every participant signed).
            """
        )

        @OptionGroup var homeOptions: HomeOptions

        @Option(help: ArgumentHelp("Only this exchange (its id, or a unique prefix of it).", valueName: "ID"))
        var exchange: String?

        @Option(name: [.customShort("n"), .customLong("last")], help: ArgumentHelp(
            "Only the last N envelopes of each exchange to arrive (still oldest first).", valueName: "N"
        ))
        var last: Int?

        func validate() throws {
            if let last, last < 1 { throw ValidationFailure("-n/--last must be at least 1") }
        }

        func run() throws {
            let home = homeOptions.resolved
            let replica = try home.openReplica(readOnly: true)
            let party = try? home.party(signing: false)
            for exchange in try replica.exchanges(named: self.exchange) {
                Terminal.write("exchange \(exchange.hex)\n")
                // The state's verdict on valid envelopes without effect (the kept state: no refold).
                var ignored: [EnvelopeID: IgnoredOperation.Reason] = [:]
                if let open = try? party?.open(exchange, withEntries: false) {
                    for operation in open.state.ignored { ignored[operation.envelope] = operation.reason }
                }
                let stored = if let last {
                    try replica.storedEnvelopes(exchange: exchange, last: last)
                } else {
                    try replica.storedEnvelopes(exchange: exchange)
                }
                for stored in stored {
                    let mark = ignored[stored.id].map { "  ignored: \($0.rawValue)" } ?? ""
                    Terminal.write(line(for: stored) + mark + "\n")
                }
            }
        }

        /// One envelope's line: `seq  author  op  id  timestamp`, or a mark when it does not read back.
        private func line(for stored: StoredEnvelope) -> String {
            guard let signed = try? SignedEnvelope(parsing: stored.wireBytes), signed.id == stored.id else {
                return "  \(pad("?", 5))  \(pad("?", Display.shortLength))  \(pad("(damaged)", 15))  \(Display.short(stored.id))"
            }
            let envelope = signed.envelope
            return "  \(pad(String(envelope.seq), 5))  \(Display.short(envelope.author))  "
                + "\(pad(envelope.operation.name.rawValue, 15))  \(Display.short(signed.id))  \(envelope.timestamp)"
        }

        private func pad(_ text: String, _ width: Int) -> String {
            text + String(repeating: " ", count: max(0, width - text.count))
        }
    }
}

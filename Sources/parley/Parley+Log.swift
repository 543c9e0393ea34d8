import ArgumentParser
import ParleyLog
import ParleyStore

extension Parley {
    /// `parley log [--exchange ID]`: the envelopes in the replica, oldest first, without contents.
    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the envelopes in this party's replica, in arrival order (newest last).",
            discussion: "Shows seq, author key id, operation, envelope id and timestamp; never record contents."
        )

        @OptionGroup var homeOptions: HomeOptions

        @Option(help: ArgumentHelp("Only this exchange (its id, or a unique prefix of it).", valueName: "ID"))
        var exchange: String?

        func run() throws {
            let replica = try homeOptions.resolved.openReplica(readOnly: true)
            for exchange in try replica.exchanges(named: self.exchange) {
                Terminal.write("exchange \(exchange.hex)\n")
                for stored in try replica.storedEnvelopes(exchange: exchange) {
                    Terminal.write(line(for: stored) + "\n")
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

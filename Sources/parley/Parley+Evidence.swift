import ArgumentParser
import ParleyCrypto
import ParleyLog
import ParleyStore
import ParleySync

extension Parley {
    /// `parley evidence`: the proofs of misbehaviour this party holds.
    struct EvidenceCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "evidence",
            abstract: "List or export proofs that a server showed two histories or a key signed two envelopes at one seq.",
            discussion: """
            A split view (two checkpoints of one exchange and size with different roots, both signed by the \
            server) is found by `parley sync` (checkpoint gossip) and `parley bundle import`; an equivocation \
            (two envelopes of one author at one seq) by any verification. Export one to a file and anyone \
            can check it offline with `parley verify FILE`.
            """,
            subcommands: [List.self, Export.self]
        )
    }
}

extension Parley.EvidenceCommand {
    /// `parley evidence list`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the evidence this party holds, numbered per exchange.")

        @OptionGroup var homeOptions: HomeOptions

        @Option(help: ArgumentHelp("Only this exchange (its id, or a unique prefix of it).", valueName: "ID"))
        var exchange: String?

        func run() throws {
            let replica = try homeOptions.resolved.openReplica(readOnly: true)
            var total = 0
            for exchange in try replica.exchanges(named: self.exchange) {
                for (index, found) in try ExchangeEvidence.all(in: replica, exchange: exchange).enumerated() {
                    Terminal.write("exchange \(Display.short(exchange)) #\(index + 1): \(EvidenceFileCheck.summary(found))\n")
                    total += 1
                }
            }
            if total == 0 { Terminal.write("no evidence\n") }
        }
    }

    /// `parley evidence export`.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write one piece of evidence to a self-contained file.")

        @OptionGroup var homeOptions: HomeOptions

        @Option(help: ArgumentHelp("The exchange (its id, or a unique prefix of it).", valueName: "ID"))
        var exchange: String

        @Option(help: ArgumentHelp("Which piece, as `parley evidence list` numbers them (default 1).", valueName: "N"))
        var number: Int = 1

        @Option(name: .shortAndLong, help: ArgumentHelp("The evidence file to write.", valueName: "FILE"))
        var output: String

        func run() throws {
            let replica = try homeOptions.resolved.openReplica(readOnly: true)
            let exchange = try replica.exchange(named: self.exchange)
            let all = try ExchangeEvidence.all(in: replica, exchange: exchange)
            guard !all.isEmpty else { throw ValidationFailure("exchange \(Display.short(exchange)): this party holds no evidence") }
            guard (1...all.count).contains(number) else {
                throw ValidationFailure("--number must be between 1 and \(all.count) (`parley evidence list`)")
            }
            let found = all[number - 1]
            try Files.write(bytes: try found.fileBytes(), to: output, what: "the evidence")
            Terminal.write("wrote \(output): \(EvidenceFileCheck.summary(found))\n")
        }
    }
}

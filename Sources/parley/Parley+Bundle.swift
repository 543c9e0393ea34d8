import ArgumentParser
internal import Foundation
import ParleyCrypto
import ParleyLog
import ParleyParty
import ParleyStore
import ParleySync
import ParleyWire

extension Parley {
    /// `parley bundle`: envelopes in a file, for parties with no network between them.
    struct Bundle: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Carry an exchange's envelopes as a file where there is no network.",
            discussion: """
            A bundle holds the same signed envelopes a sync would send, and the server checkpoints \
            this party has accepted. Importing verifies every envelope exactly as a sync does. To \
            send only what the other party lacks, have it write its heads (`parley bundle heads`) \
            and export with --since that file.
            """,
            subcommands: [Export.self, Import.self, Heads.self]
        )
    }
}

extension Parley.Bundle {
    /// `parley bundle export`.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write an exchange's envelopes to a bundle file.")

        @OptionGroup var homeOptions: HomeOptions

        @Option(help: ArgumentHelp("The exchange (its id, or a unique prefix of it).", valueName: "ID"))
        var exchange: String

        @Option(help: ArgumentHelp("A heads file from `parley bundle heads`: leave out what its holder has.", valueName: "FILE"))
        var since: String?

        @Option(name: .shortAndLong, help: ArgumentHelp("The bundle file to write.", valueName: "FILE"))
        var output: String

        func run() throws {
            let replica = try homeOptions.resolved.openReplica(readOnly: true)
            let exchange = try replica.exchange(named: self.exchange)
            var have: [KeyID: Int] = [:]
            if let since {
                let bytes = try Files.read(since)
                let heads: HeadsFile
                do {
                    heads = try WireJSON.decode(HeadsFile.self, from: bytes)
                } catch {
                    throw ValidationFailure("\(since): not a heads file from `parley bundle heads` (\(error.message))")
                }
                guard heads.exchange == exchange else {
                    throw ValidationFailure("\(since): its heads are of exchange \(Display.short(heads.exchange)), not \(Display.short(exchange))")
                }
                have = heads.heads.heads.mapValues(\.seq)
            }
            let envelopes = try BundleImport.envelopes(of: exchange, after: have, in: replica)
            let checkpoints = Array(try CheckpointLedger.stored(in: replica, exchange: exchange).checkpoints.values)
            let bundle = ExchangeBundle(exchange: exchange, envelopes: envelopes, checkpoints: checkpoints)
            try Files.write(bytes: try bundle.encoded(), to: output, what: "the bundle")
            Terminal.write("wrote \(envelopes.count) envelopes of exchange \(Display.short(exchange)) to \(output)\n")
        }
    }

    /// `parley bundle import`.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Verify a bundle file and store what it adds.")

        @OptionGroup var homeOptions: HomeOptions

        @Argument(help: ArgumentHelp("The bundle file.", valueName: "FILE"))
        var file: String

        func run() throws {
            let party = try homeOptions.resolved.party(signing: true)
            let bytes = try Files.read(file)
            let bundle: ExchangeBundle
            do {
                bundle = try ExchangeBundle(reading: bytes)
            } catch {
                throw ValidationFailure("\(file): \(error.message)")
            }
            let imported: BundleImport.Result
            do {
                imported = try BundleImport.run(bundle, into: party)
            } catch let error as SyncError {
                Terminal.printError("\(file): \(error.message)")
                throw ExitCode(1)
            }
            let result = imported.ingest
            let equivocations = imported.equivocations
            // What the party owes the others (its encryption key, its content key to whoever
            // announced since) is signed now, for its next export or sync to carry.
            let clean = result.refused.isEmpty && equivocations.isEmpty && imported.splitViews.isEmpty
            var owedKeysFailure: PartyError?
            if clean {
                do {
                    let shared = try party.shareContentKey(in: bundle.exchange, at: .now())
                    if shared > 0 {
                        Terminal.write(
                            "exchange \(Display.short(bundle.exchange)): signed \(shared) key envelope\(shared == 1 ? "" : "s") (encryption key, content key shares)\n"
                        )
                    }
                } catch {
                    owedKeysFailure = error
                }
            }
            Terminal.write(
                "exchange \(Display.short(bundle.exchange)): \(result.added) new envelopes stored, "
                    + "\(result.alreadyPresent) already held\n"
            )
            for (index, reasons) in result.refused.sorted(by: { $0.key < $1.key }) {
                Terminal.printError("\(file): envelope \(index + 1) refused: \(reasons.map(\.description).joined(separator: ", "))")
            }
            for fork in equivocations {
                Terminal.printError(
                    "warning: key \(Display.short(fork.author)) signed \(fork.envelopes.count) different envelopes at seq \(fork.seq) (equivocation); "
                        + "the proof is kept: `parley evidence export`"
                )
            }
            for (index, (finding, checkpoint)) in zip(imported.checkpoints, bundle.checkpoints).enumerated() {
                let which = "\(file): checkpoint \(index + 1) (size \(checkpoint.checkpoint.size))"
                switch finding {
                case .unknownServer:
                    Terminal.printError("warning: \(which) is signed by server key \(Fingerprint(checkpoint.checkpoint.server)), "
                        + "which this party has not pinned: not checked, not kept")
                case .splitView:
                    Terminal.printError("\(which) and the one this party holds are signed by the same server for the same size "
                        + "with different roots: the server showed two histories (a split view); the proof is kept: `parley evidence export`")
                case .kept:
                    Terminal.write("\(which) kept: the server must prove it at the next sync\n")
                case .agrees, .badSignature, .otherExchange:
                    break
                }
            }
            if let owedKeysFailure {
                Terminal.printError(
                    "warning: the key envelopes this party owes the others (its encryption key, its content key's shares) were not signed: "
                        + "\(owedKeysFailure.message); the next import or sync tries again, and until then participants that announced "
                        + "a key cannot read this party's records"
                )
            }
            if !result.refused.isEmpty || !equivocations.isEmpty || !imported.splitViews.isEmpty || owedKeysFailure != nil { throw ExitCode(1) }
        }
    }

    /// `parley bundle heads`.
    struct Heads: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write what this replica holds of an exchange, for another party's `bundle export --since`."
        )

        @OptionGroup var homeOptions: HomeOptions

        @Option(help: ArgumentHelp("The exchange (its id, or a unique prefix of it).", valueName: "ID"))
        var exchange: String

        @Option(name: .shortAndLong, help: ArgumentHelp("The heads file to write.", valueName: "FILE"))
        var output: String

        func run() throws {
            let replica = try homeOptions.resolved.openReplica(readOnly: true)
            let exchange = try replica.exchange(named: self.exchange)
            let heads = HeadsFile(exchange: exchange, heads: ChainHeads(try replica.heads(exchange: exchange)))
            try Files.write(bytes: try WireJSON.encode(heads), to: output, what: "the heads")
            Terminal.write("wrote the heads of \(heads.heads.heads.count) authors of exchange \(Display.short(exchange)) to \(output)\n")
        }
    }
}

import ArgumentParser
import ParleyCrypto
import ParleyLog
import ParleyMatch
import ParleyParty
import ParleyStore

extension Parley {
    /// `parley verify [--exchange ID]`: re-verifies the replica from its stored bytes;
    /// `parley verify FILE`: checks a finalized manifest offline.
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify this party's replica again from the stored bytes, or a finalized manifest or evidence file offline.",
            discussion: """
            Without FILE, prints each exchange's state hash, which every party holding the same \
            envelopes computes alike: compare it with the other parties'. With FILE (written by \
            `parley finalize export`), checks it with nothing but the file: the genesis and the \
            participants' keys in it, the proposal and every signature over the manifest's hash, and \
            says which signatures are missing or wrong. The keys come from the file, so pin the \
            exchange with --exchange ID (its id is the hash of the genesis, which names every \
            participant's key), or compare the printed fingerprints with the parties. An evidence file (from \
            `parley evidence export`) is checked the same way: two checkpoints signed by one server for one size \
            with different roots, or two envelopes signed by one participant at one seq. Exit status: 0 when everything verifies, 1 \
            when something does not (each problem is named), 2 on error.
            """
        )

        @OptionGroup var homeOptions: HomeOptions

        @Option(help: ArgumentHelp(
            "Only this exchange (its id, or a unique prefix of it). With FILE: the exchange the manifest must be of "
                + "(its id as the parties know it, or a prefix of at least 8 hex digits).",
            valueName: "ID"
        ))
        var exchange: String?

        @Argument(help: ArgumentHelp("A finalized manifest to check offline.", valueName: "FILE"))
        var file: String?

        @Flag(help: "With FILE: also print the people the manifest lists, each direction numbered, as each side wrote them.")
        var names = false

        func validate() throws {
            if names, file == nil { throw ValidationFailure("--names goes with a manifest FILE") }
        }

        func run() throws {
            if let file {
                let bytes: [UInt8]
                do {
                    bytes = try Files.read(file)
                } catch {
                    throw ValidationFailure("\(file): cannot read the file (\(error.message))")
                }
                // One read, and one parse of a manifest (50 MB of JSON for a register's): an
                // evidence file (split view, equivocation; small) is read again by its own parser.
                let parsed = Result { () throws(LogError) in try JSONValue(parsing: bytes) }
                if case let .success(value) = parsed, value["format"]?.stringValue == Evidence.format {
                    return try EvidenceFileCheck(path: file, bytes: bytes).run()
                }
                // With FILE, --exchange pins the exchange the file must be of.
                return try ManifestFileCheck(path: file, pinned: exchange, listsPeople: names).run(parsed)
            }
            let party = try homeOptions.resolved.party(signing: false)
            let replica = party.replica
            let exchanges = try replica.exchanges(named: self.exchange)
            if exchanges.isEmpty {
                Terminal.write("replica \(replica.path) holds no exchanges\n")
            }
            var failed = false
            for exchange in exchanges {
                let check = try party.verify(exchange)
                // The last check is left to the exit; earlier ones are freed as the loop moves on,
                // so a replica of several registers holds one check at a time.
                if exchange == exchanges.last { KeptUntilExit.keep(check, reading: replica) }
                let verification = check.stored
                let report = verification.report
                if check.isClean, let stateHash = check.stateHash {
                    Terminal.write("exchange \(exchange.hex): ok, \(report.entries.count) envelopes, state \(stateHash)\n")
                    continue
                }
                failed = true
                Terminal.write("exchange \(exchange.hex): FAILED\n")
                for damage in verification.damaged {
                    Terminal.write("  envelope \(damage.id.hex): damaged: \(damage.reasons.map(\.description).joined(separator: ", "))\n")
                }
                // The rest: envelopes whose bytes hold up but that break a rule (or follow a damaged one).
                for entry in report.entries where !entry.verdict.isValid && !entry.isDuplicate {
                    guard let id = entry.id, !entry.verdict.reasons.contains(where: Self.isDamage) else { continue }
                    Terminal.write("  envelope \(id.hex): \(entry.verdict.reasons.map(\.description).joined(separator: ", "))\n")
                }
                for fork in report.equivocations {
                    Terminal.write(
                        "  author \(fork.author.hex) equivocated at seq \(fork.seq): envelopes "
                            + fork.ids.map(\.hex).joined(separator: ", ") + "\n"
                    )
                }
                if let difference = check.keptDiffers {
                    Terminal.write("  kept state: \(difference) (were the replica's files edited?)\n")
                }
                if let stateHash = check.stateHash {
                    Terminal.write("  state of what verifies: \(stateHash)\n")
                } else {
                    Terminal.write("  no genesis verifies: no state\n")
                }
            }
            if failed { throw ExitCode(1) }
        }

        /// Whether `reason` is one ``StoredVerification/damaged`` already reports.
        private static func isDamage(_ reason: Reason) -> Bool {
            switch reason {
            case .malformed, .badSignature: true
            default: false
            }
        }
    }
}

import ArgumentParser
import ParleyLog
import ParleyParty
import ParleyStore
import ParleyMatch
import ParleySync

extension Parley {
    /// `parley finalize propose|sign|status|export`: the manifest of who crosses, signed by all.
    struct Finalize: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Propose, sign, follow and export the manifest of who crosses each way.",
            discussion: """
            A mediator proposes the manifest built from the current reconciliation (`propose`), of the \
            whole exchange or of one phase of the terms (`propose --phase`); \
            every participant builds its own from its replica and signs only when it is the same \
            (`sign`); `status` shows who has signed; `export` writes the manifest with every signature \
            and the participants' keys to one file that `parley verify FILE` checks offline.
            """,
            subcommands: [Propose.self, Sign.self, Status.self, Export.self]
        )
    }
}

extension Session {
    /// The manifest `text` names (its hash or a unique prefix of at least 8 hex digits), or when
    /// `text` is nil the one proposed that this replica builds too, else the only one proposed.
    ///
    /// - Throws: A one-line failure when none has been proposed, `text` names none or several,
    ///   or `text` is nil and several were proposed, none of them this replica's.
    func proposedManifest(named text: String?) throws -> ManifestStatus {
        let manifests = state.manifests
        guard let text else {
            let reconciliation = try open.reconciliation
            let own = Manifest(reconciliation: reconciliation, state: state).hash
            if let mine = manifests.first(where: { $0.manifest == own }) { return mine }
            // A phase manifest this replica builds too, not yet final (PROTOCOL.md §10.5).
            let phases = manifests.filter { status in
                guard !status.isFinal, let phase = status.proposals.first?.body.phase else { return false }
                return (try? Manifest(phase: phase.phase.name, reconciliation: reconciliation, state: state))?.hash == status.manifest
            }
            if phases.count == 1 { return phases[0] }
            switch manifests.count {
            case 0: throw ValidationFailure("no manifest has been proposed in exchange \(Display.short(exchange)) (a mediator runs `parley finalize propose`)")
            case 1: return manifests[0]
            default:
                throw ValidationFailure(
                    "\(manifests.count) manifests have been proposed and none is the one this replica builds; choose one with --manifest HASH "
                        + "(see `parley finalize status`)"
                )
            }
        }
        return try IDPrefix(text, kind: "proposed manifest").resolve(among: manifests, id: \.manifest)
    }

    /// The proposed manifest `text` names (as ``proposedManifest(named:)``) when it is proposed
    /// for the whole exchange only and has the hash of the whole exchange's manifest this replica
    /// builds, read from its kept summary (``OpenExchange/manifestSummary``): the review's verdict
    /// is then "matches" without reading an entry or reconciling again, and the rights check
    /// reads the same summary. `nil` when another manifest is named or none matches: the full
    /// review says why.
    func keptWholeExchangeManifest(named text: String?) throws -> ManifestStatus? {
        if let text {
            let named = try proposedManifest(named: text)
            guard named.isProposedForTheWholeExchange else { return nil }
            return try open.manifestSummary.hash == named.manifest ? named : nil
        }
        let own = try open.manifestSummary.hash
        return state.manifests.first { $0.manifest == own && $0.isProposedForTheWholeExchange }
    }

    /// The review of a proposed manifest against this party's own.
    func review(_ status: ManifestStatus) throws -> ManifestReview {
        // A status exists only for a hash some proposal names.
        try ManifestReview(
            proposal: status.proposals[0].body, state: state, envelopes: try party.openedEnvelopes(of: exchange),
            reconciliation: open.reconciliation
        )
    }

    /// The waivers every proposal of a manifest records.
    func waivers(_ status: ManifestStatus) -> [Waiver] {
        status.proposals.flatMap(\.body.waivers)
    }
}

extension Parley.Finalize {
    /// `parley finalize propose [--waive BLOCKER=REASON]…`.
    struct Propose: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "As a mediator, propose the manifest of the current reconciliation for signing.",
            discussion: """
            Refused while an open dispute touches a person the manifest includes, or the agreed counts \
            break the terms, unless you waive that blocker with a recorded reason: --waive \
            'terms:to-A=second phase follows'. The refusal lists every blocker by the key to waive it with. \
            With --phase, the manifest of that phase of the terms: the people `parley terms plan` draws \
            into it, each with the reason; once every participant signs it the phase is sealed and its \
            people are final, while later phases stay open.
            """
        )

        @OptionGroup var homeOptions: HomeOptions
        @OptionGroup var exchangeOptions: ExchangeOptions

        @Option(help: ArgumentHelp("Propose the manifest of this phase of the terms (its name or number).", valueName: "PHASE"))
        var phase: String?

        @Option(name: .customLong("waive"), help: ArgumentHelp("Waive a blocker, with the reason.", valueName: "BLOCKER=REASON"))
        var waive: [String] = []

        func run() throws {
            guard phase != nil else { return try proposeWholeExchange() }
            let session = try Session(home: homeOptions.resolved, exchange: exchangeOptions.exchange, signing: true)
            let reconciliation = try session.open.reconciliation
            let proposal: ManifestProposal
            do {
                proposal = try ManifestProposal(phase: phase, reconciliation: reconciliation, state: session.state)
            } catch {
                throw RefusalFailure(error)
            }
            let waivers = try self.waivers(among: proposal.blockers)
            // The library decides: role, blockers less the waivers, the confirmations (PROTOCOL.md §5.11), finality.
            try session.sign([proposal.operation(basis: session.open.heads, waivers: waivers)])
            let manifest = proposal.manifest
            let covers = manifest.phase.map { " for phase \($0.number) \"\(ReportFormatting.displayable($0.phase.name))\"" } ?? ""
            report(hash: proposal.hash, covers: covers, toA: manifest.count(.toA), toB: manifest.count(.toB), waivers: waivers)
        }

        /// The proposal of the whole exchange's manifest, from its kept summary when the replica
        /// holds one for this state (`finalize status` or `confirm` kept it): no entry is read and
        /// nothing is reconciled again, and the rights check reads the same summary.
        private func proposeWholeExchange() throws {
            let session = try Session(home: homeOptions.resolved, exchange: exchangeOptions.exchange, signing: true, entries: false)
            let summary = try session.open.manifestSummary
            let waivers = try self.waivers(among: summary.blockers)
            try session.sign([ManifestProposal.wholeExchange(hash: summary.hash, basis: session.open.heads, waivers: waivers)])
            report(hash: summary.hash, covers: "", toA: summary.count(.toA), toB: summary.count(.toB), waivers: waivers)
        }

        /// The `--waive` options as waivers of `blockers`.
        private func waivers(among blockers: [Blocker]) throws -> [Waiver] {
            try waive.map { text throws -> Waiver in
                guard let equals = text.firstIndex(of: "="), !text[text.index(after: equals)...].isEmpty else {
                    throw ValidationFailure("--waive \(text): expected BLOCKER=REASON, e.g. terms:to-A=second phase follows")
                }
                do throws(LogError) {
                    return try ManifestProposal.waiver(of: String(text[..<equals]), reason: String(text[text.index(after: equals)...]), among: blockers)
                } catch {
                    throw ValidationFailure("--waive \(text): \(error.message)")
                }
            }
        }

        /// Says what was proposed.
        private func report(hash: String, covers: String, toA: Int, toB: Int, waivers: [Waiver]) {
            Terminal.write(
                "manifest \(hash) proposed\(covers): \(toA) to A, \(toB) to B"
                    + (waivers.isEmpty ? "" : "; waived: \(waivers.map(\.blocker).joined(separator: ", "))")
                    + "\nevery participant now checks and signs it with `parley finalize sign` after syncing\n"
            )
        }
    }

    /// `parley finalize sign [--manifest HASH]`.
    struct Sign: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sign a proposed manifest, if it is the one your own replica builds.",
            discussion: """
            Builds the manifest from this replica's reconciliation and signs only when its hash is the \
            one proposed and nothing blocks it. Otherwise nothing is signed and the differences are \
            listed: people the proposal adds or removes, or changed entries, against your replica.
            """
        )

        @OptionGroup var homeOptions: HomeOptions
        @OptionGroup var exchangeOptions: ExchangeOptions

        @Option(help: ArgumentHelp("The manifest (its hash or a unique prefix); default: the latest proposed.", valueName: "HASH"))
        var manifest: String?

        func run() throws {
            let bare = try Session(home: homeOptions.resolved, exchange: exchangeOptions.exchange, signing: true, entries: false)
            if let status = try bare.keptWholeExchangeManifest(named: manifest) {
                return try sign(status, in: bare)
            }
            let session = try bare.withEntries()
            let status = try session.proposedManifest(named: manifest)
            let review = try session.review(status)
            if case let .differs(differences) = review.verdict {
                Terminal.printError("your manifest: \(review.mine.hash)")
                Terminal.printError("proposed:      \(status.manifest)")
                for difference in differences {
                    Terminal.printError("differs: \(difference)")
                }
            }
            if review.verdict != .matches {
                let words = review.verdict.words(naming: session.name(of:), unopened: session.state.unopenedEntryCount)
                throw ValidationFailure("manifest \(Display.short(status.manifest)): \(words); nothing was signed")
            }
            try sign(status, in: session)
        }

        /// Signs `status`'s manifest, which this replica builds too.
        private func sign(_ status: ManifestStatus, in session: Session) throws {
            // The library decides whether it may be signed now (blockers less the waivers, finality).
            try session.sign([.signManifest(SignManifest(manifest: status.manifest))])
            let signed = status.signatures.count + 1
            let total = session.state.participants.count
            Terminal.write("manifest \(status.manifest) signed; this replica holds \(signed) of \(total) signatures (sync to share yours)\n")
        }
    }

    /// `parley finalize status`.
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show each proposed manifest, who has signed it, and who has not.")

        @OptionGroup var homeOptions: HomeOptions
        @OptionGroup var exchangeOptions: ExchangeOptions

        func run() throws {
            // An erased exchange builds no manifest (its records are gone); the signed ones still show.
            let party = try homeOptions.resolved.party(signing: false)
            let erased = try party.isErased(try ExchangeOptions.resolve(exchangeOptions.exchange, in: party.replica))
            // The facts only: this replica's manifest is read from its kept summary when the
            // manifest's inputs are unchanged (another party's signature changes none of them).
            let session = try Session(home: homeOptions.resolved, exchange: exchangeOptions.exchange, signing: false, entries: false)
            let mine = erased ? nil : try session.open.manifestSummary
            if let mine {
                Terminal.write("this replica's manifest: \(mine.hash) (\(mine.count(.toA)) to A, \(mine.count(.toB)) to B)\n")
            } else {
                Terminal.write("this replica's manifest: none (the exchange is erased here; its records can no longer be read)\n")
            }
            let finality = session.state.finality
            if finality.isWholeExchangeFinal {
                // Final is final (PROTOCOL.md §7.1): blockers are for proposing, and nothing later changes it.
                Terminal.write(
                    "the exchange is final: every participant signed manifest \(finality.manifests.joined(separator: ", ")); "
                        + "what its signers write after signing about people is set aside\n"
                )
            } else if let mine {
                for blocker in mine.blockers {
                    Terminal.write("  blocker: \(blocker)\n")
                }
            }
            let phases = session.state.phaseStandings
            if !phases.isEmpty {
                Terminal.write("phases of the terms:\n")
                for (number, phase, standing) in phases {
                    Terminal.write("  \(number). \(ReportFormatting.displayable(phase.name)): \(standing)\n")
                }
            }
            let manifests = session.state.manifests
            if manifests.isEmpty {
                Terminal.write("no manifest proposed\n")
            }
            for status in manifests {
                let proposers = Swift.Set(status.proposals.map(\.author)).sorted().map(session.name(of:))
                var text: String
                if let phase = status.proposals.first?.body.phase {
                    var own: Manifest?
                    if !erased {
                        let whole = try session.open.whole()
                        let reconciliation = try whole.reconciliation
                        own = try? Manifest(phase: phase.phase.name, reconciliation: reconciliation, state: whole.state)
                    }
                    text = "manifest \(status.manifest) of phase \"\(ReportFormatting.displayable(phase.phase.name))\""
                        + (own?.hash == status.manifest ? " (the same as this replica's)\n" : status.isFinal ? " (sealed)\n" : " (differs from this replica's)\n")
                } else {
                    let same = mine.map { status.manifest == $0.hash ? " (the same as this replica's)" : " (differs from this replica's)" } ?? ""
                    text = "manifest \(status.manifest)\(same)\n"
                }
                text += "  proposed by \(proposers.joined(separator: ", "))\n"
                for waiver in session.waivers(status) {
                    text += "  waived \(waiver.blocker): \(ReportFormatting.displayable(waiver.reason))\n"
                }
                let signers = Swift.Set(status.signatures.map(\.author))
                for participant in session.state.participants {
                    text += "  \(signers.contains(participant.keyID) ? "signed " : "missing") \(session.name(of: participant.keyID))\n"
                }
                text += "  \(status.isFinal ? "final: signed by every participant" : "\(signers.count) of \(session.state.participants.count) signed")\n"
                Terminal.write(text)
            }
        }
    }

    /// `parley finalize export -o FILE [--manifest HASH]`.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a proposed manifest with all its signatures and the participants' keys to one file.",
            discussion: "Anyone can check the file offline with `parley verify FILE`, with nothing else."
        )

        @OptionGroup var homeOptions: HomeOptions
        @OptionGroup var exchangeOptions: ExchangeOptions

        @Option(help: ArgumentHelp("The manifest (its hash or a unique prefix); default: the latest proposed.", valueName: "HASH"))
        var manifest: String?

        @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the file.", valueName: "FILE"))
        var output: String

        @Option(help: ArgumentHelp(
            "json: the signed file that `parley verify` checks; html: the same manifest as a document to read and print "
                + "(who crosses, by name; the participants and their signatures; the hash on every page).",
            valueName: "FORMAT"
        ))
        var format: ExportFormat = .json

        /// What `finalize export` writes.
        enum ExportFormat: String, ExpressibleByArgument, CaseIterable {
            case json, html
        }

        func run() throws {
            let session = try Session(home: homeOptions.resolved, exchange: exchangeOptions.exchange, signing: false)
            let status = try session.proposedManifest(named: manifest)
            let needed = [session.exchange.genesis] + status.proposals.map(\.envelope) + status.signatures.map(\.envelope)
            guard let manifest = try session.review(status).proposedManifest,
                  let file = FinalizedManifest(
                      manifest: manifest, state: session.state, envelopes: try session.party.replica.envelopes(ids: needed)
                  )
            else {
                throw ValidationFailure(
                    "this replica cannot rebuild manifest \(Display.short(status.manifest)) (see `parley finalize sign` for why); nothing written"
                )
            }
            switch format {
            case .json:
                try Files.write(bytes: file.fileBytes + [UInt8(ascii: "\n")], to: output, what: "the manifest")
            case .html:
                let document = try ManifestDocument(file: file)
                try Files.write(bytes: Array(document.html(generatedAt: Timestamp.now().rfc3339).utf8), to: output, what: "the manifest")
            }
            let total = session.state.participants.count
            Terminal.write("wrote \(output): manifest \(status.manifest), \(status.signatures.count) of \(total) signatures\n")
            if !status.isComplete {
                Terminal.printError("warning: \(status.missing.count) participant\(status.missing.count == 1 ? " has" : "s have") not signed yet; `parley verify` will say so")
            }
        }
    }
}

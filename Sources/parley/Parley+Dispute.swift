public import ArgumentParser
public import ParleyLog
import ParleyParty
import ParleyMatch
import ParleyStore

extension Parley {
    /// `parley dispute open|comment|close|list`: doubts about entries, as signed operations.
    struct Disputes: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dispute",
            abstract: "Open, comment on, close and list disputes about entries of an exchange.",
            discussion: """
            Entries are named SIDE/LIST/ENTRY, e.g. A/request/UA-001 (add 8 or more hex digits of the author's key id, \
            SIDE/LIST/KEY/ENTRY, when two authors of a list use the same entry id). A dispute is named \
            by its id or a unique prefix of it (see `parley dispute list`). Anyone may open or comment; \
            a dispute is closed by the party that opened it or by a mediator.
            """,
            subcommands: [Open.self, Comment.self, Close.self, List.self]
        )
    }
}

extension Parley.Disputes {
    /// `parley dispute open --about REF… --reason CODE [--note TEXT]`.
    struct Open: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open a dispute about one or more entries.")

        @OptionGroup var homeOptions: HomeOptions
        @OptionGroup var exchangeOptions: ExchangeOptions

        @Option(name: .customLong("about"), help: ArgumentHelp("An entry in doubt; repeat for several.", valueName: "SIDE/LIST/ENTRY"))
        var about: [String] = []

        @Option(help: "Why: \(DisputeReason.allCases.map(\.rawValue).joined(separator: ", ")).")
        var reason: DisputeReason

        @Option(help: "The doubt in words (shared with every participant).")
        var note: String = ""

        func validate() throws {
            guard !about.isEmpty else { throw ValidationFailure("name the entries in doubt with --about SIDE/LIST/ENTRY") }
        }

        func run() throws {
            let session = try Session(home: homeOptions.resolved, exchange: exchangeOptions.exchange, signing: true, named: about)
            let refs = try about.map(session.entry(named:))
            let batch = try session.sign([.openDispute(OpenDispute(about: refs, reason: reason, note: note))])
            Terminal.write("dispute \(batch.envelopes[0].id.hex) opened (\(reason.rawValue), about \(refs.count) entr\(refs.count == 1 ? "y" : "ies"))\n")
        }
    }

    /// `parley dispute comment ID --note TEXT`.
    struct Comment: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a note to a dispute.")

        @OptionGroup var homeOptions: HomeOptions
        @OptionGroup var exchangeOptions: ExchangeOptions

        @Argument(help: "The dispute (its id, or a unique prefix of it).")
        var dispute: String

        @Option(help: "The note.")
        var note: String

        func run() throws {
            let session = try Session(home: homeOptions.resolved, exchange: exchangeOptions.exchange, signing: true, named: [])
            let dispute = try session.dispute(named: dispute)
            try session.sign([.commentDispute(CommentDispute(dispute: dispute.id, note: note))])
            Terminal.write("dispute \(Display.short(dispute.id)): comment added\n")
        }
    }

    /// `parley dispute close ID --resolution TEXT`.
    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Close a dispute with a resolution (the party that opened it, or a mediator)."
        )

        @OptionGroup var homeOptions: HomeOptions
        @OptionGroup var exchangeOptions: ExchangeOptions

        @Argument(help: "The dispute (its id, or a unique prefix of it).")
        var dispute: String

        @Option(help: "How it was settled.")
        var resolution: String

        func run() throws {
            let session = try Session(home: homeOptions.resolved, exchange: exchangeOptions.exchange, signing: true, named: [])
            let dispute = try session.dispute(named: dispute)
            try session.sign([.closeDispute(CloseDispute(dispute: dispute.id, resolution: resolution))])
            Terminal.write("dispute \(Display.short(dispute.id)) closed\n")
        }
    }

    /// `parley dispute list [--all]`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the open disputes (with --all, the closed ones too).")

        @OptionGroup var homeOptions: HomeOptions
        @OptionGroup var exchangeOptions: ExchangeOptions

        @Flag(help: "Closed disputes too.")
        var all = false

        func run() throws {
            // Disputes only: the entries are not read.
            let session = try Session(home: homeOptions.resolved, exchange: exchangeOptions.exchange, signing: false, entries: false)
            let disputes = session.state.disputes.filter { all || $0.isOpen }
            if disputes.isEmpty {
                Terminal.write(all ? "no disputes\n" : "no open disputes\n")
            }
            for dispute in disputes {
                let body = dispute.open.body
                var text = "\(dispute.id.hex)  \(dispute.isOpen ? "open" : "closed")  \(body.reason.rawValue)  "
                    + "opened by \(session.name(of: dispute.opener))\n"
                for ref in dispute.about {
                    text += "  about \(ref)\n"
                }
                if !body.remark.readable.isEmpty { text += "  note: \(ReportFormatting.displayable(body.remark.readable))\n" }
                for comment in dispute.comments {
                    text += "  comment by \(session.name(of: comment.author)): \(ReportFormatting.displayable(comment.body.remark.readable))\n"
                }
                for close in dispute.closes {
                    text += "  closed by \(session.name(of: close.author)): \(ReportFormatting.displayable(close.body.remark.readable))\n"
                }
                Terminal.write(text)
            }
        }
    }
}

extension DisputeReason: ExpressibleByArgument {}

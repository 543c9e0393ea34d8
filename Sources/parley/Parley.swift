import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

/// The `parley` command: parses, calls the libraries, prints. It decides nothing.
@main
struct Parley: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parley",
        abstract: "Reconcile the lists that parties to a prisoner exchange hand each other.",
        version: "0.1.0",
        subcommands: [
            Diff.self, Init.self, Whoami.self, Key.self, Exchange.self, Lists.self, Log.self, Verify.self,
            Serve.self, Sync.self, Bundle.self, EvidenceCommand.self, Demo.self, Reconcile.self, Disputes.self, Match.self, Attest.self, Confirm.self,
            TermsCommand.self, Finalize.self, UI.self,
        ]
    )

    /// Runs the command. Errors exit with status 2 and one line on standard error, as Unix
    /// `diff` does; commands that report a finding (differences, a failed verification) exit
    /// with the status they chose.
    static func main() async {
        // A closed standard output (`parley … | head -1`) is an EPIPE that Terminal.write ends
        // the process on quietly, the same in every command (the server stack ignores SIGPIPE too).
        signal(SIGPIPE, SIG_IGN)
        let failure: (any Error)?
        do {
            try await execute(try parseAsRoot())
            failure = nil
        } catch {
            failure = error
        }
        KeptUntilExit.closeReplicas()
        guard let error = failure else { return }
        if error is ExitCode || exitCode(for: error) == .success {
            Parley.exit(withError: error)  // a command's own status; --help, --version
        }
        let message = fullMessage(for: error)
        Terminal.printError(message.isEmpty ? "\(error)" : message)
        Glibc.exit(2)
    }

    /// Runs a parsed command, awaiting it when it is asynchronous (`main`, and each step of
    /// `parley demo`).
    static func execute(_ parsed: any ParsableCommand) async throws {
        var command = parsed
        if var asynchronous = command as? any AsyncParsableCommand {
            try await asynchronous.run()
        } else {
            try command.run()
        }
    }
}

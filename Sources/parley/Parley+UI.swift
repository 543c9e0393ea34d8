import ArgumentParser
internal import Foundation
import Hummingbird
import Logging
import ParleyLog
import ParleyParty
import ParleyWorkspace

extension Parley {
    /// `parley ui`: the party's workspace in a browser, on this computer only.
    struct UI: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ui",
            abstract: "Open the party's workspace in a browser: the decision queue, pairs, confirm, the manifest.",
            discussion: """
            Serves the workspace on 127.0.0.1 and prints its address with a one-time token; open it \
            in a browser on this computer (the token is exchanged for a session cookie). Every decision \
            is signed with this party's key, which never leaves this process, and the same rules as \
            the command line decide. Open pages say when something new has arrived (another \
            process's sync or bundle import, or this workspace's own sync); with --sync-every the \
            workspace also syncs with the exchange's server by itself. Stop it with Ctrl-C.
            """
        )

        @OptionGroup var homeOptions: HomeOptions
        @OptionGroup var exchangeOptions: ExchangeOptions

        @Option(help: "The port on 127.0.0.1 (default: one the system chooses).")
        var port: Int = 0

        @Option(name: .customLong("sync-every"), help: ArgumentHelp(
            "Sync with the exchange's server every this many seconds (at least 5), so that what others push shows up; default: only when asked.",
            valueName: "SECONDS"
        ))
        var syncEvery: Int?

        func validate() throws {
            guard (0...65_535).contains(port) else { throw ValidationFailure("--port must be between 0 and 65535") }
            if let syncEvery, !(5...86_400).contains(syncEvery) {
                throw ValidationFailure("--sync-every must be between 5 and 86400 seconds")
            }
        }

        func run() async throws {
            let home = homeOptions.resolved
            let party = try home.party(signing: false)
            let exchange = try ExchangeOptions.resolve(exchangeOptions.exchange, in: party.replica)
            if try party.isErased(exchange) {
                throw ValidationFailure("exchange \(Display.short(exchange)) is erased in this replica (`parley exchange erase`): there is nothing to review")
            }
            let workspace = try Workspace(home: home.party, exchange: exchange)
            let access = WorkspaceAccess()
            guard let token = access.pendingToken else { throw ValidationFailure("the workspace has no token") }
            var logger = Logger(label: "parley.ui")
            logger.logLevel = .error
            let app = try buildWorkspaceApplication(workspace: workspace, access: access, port: port, logger: logger) { bound in
                Terminal.write(
                    "The workspace of \(home.partyName() ?? "this party") on exchange \(Display.short(exchange)) is at\n"
                        + "    http://127.0.0.1:\(bound)/?token=\(token)\n"
                        + "Open it in a browser on this computer (the link works once). Ctrl-C stops it.\n"
                )
            }
            if let syncEvery {
                guard workspace.server != nil else {
                    throw ValidationFailure("--sync-every needs a server: sync this exchange once with `parley sync --server URL`")
                }
                let syncing = Task { await workspace.syncEvery(.seconds(syncEvery)) }
                defer { syncing.cancel() }
                try await app.runService()
            } else {
                try await app.runService()
            }
        }
    }
}

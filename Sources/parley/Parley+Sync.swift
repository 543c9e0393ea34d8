import ArgumentParser
import AsyncHTTPClient
internal import Foundation
import ParleyCrypto
import ParleyLog
import ParleyParty
import ParleyStore
import ParleySync
import ParleyWire

extension Parley {
    /// `parley sync`: exchanges envelopes with a sync server.
    struct Sync: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send this replica's new envelopes to a sync server and fetch what it lacks.",
            discussion: """
            Everything fetched is verified before it is stored; the server cannot forge or alter \
            anything. The server's key is pinned at the first sync, and its checkpoints must each \
            extend the last one it showed. Use --exchange to fetch an exchange someone else created \
            (you must be one of its participants). The server is remembered per exchange, so later \
            syncs need no --server. Without --exchange every exchange is synced; one whose server fails \
            is reported and the others go on (exit status 2 at the end). Exit status 1 when what was \
            fetched holds a finding (refused envelopes, a fork) or the key envelopes this party owes \
            the others could not be signed; what was fetched is stored all the same. An interrupted \
            sync is safe: run it again. An exchange that every participant has erased, and whose \
            records the server has therefore dropped, is reported as such and is not a failure (this \
            replica must hold this party's own erasure; else the server is not believed).
            """
        )

        @OptionGroup var homeOptions: HomeOptions

        @Option(help: ArgumentHelp("The server's URL, e.g. http://127.0.0.1:7470 (default: the one remembered per exchange).", valueName: "URL"))
        var server: String?

        @Option(help: ArgumentHelp("Sync only this exchange (its full id, or a unique prefix if the replica holds it).", valueName: "ID"))
        var exchange: String?

        @Flag(help: "Stay connected and apply changes as they arrive (Ctrl-C to stop).")
        var watch = false

        @Option(help: ArgumentHelp("Trust only this CA (PEM) for an https:// server's certificate, instead of the system's.", valueName: "FILE"))
        var caFile: String?

        func run() async throws {
            guard let caFile else { return try await sync(http: SyncClient.sharedHTTPClient) }
            let http = try SyncClient.httpClient(trusting: caFile)
            do {
                try await sync(http: http)
            } catch {
                try? await http.shutdown()
                throw error
            }
            try await http.shutdown()
        }

        private func sync(http: HTTPClient) async throws {
            let party = try homeOptions.resolved.party(signing: true)
            let (key, replica) = (party.key!, party.replica)
            let previousKey = try homeOptions.resolved.party.previousKey()
            let targets = try targets(in: replica)
            guard !targets.isEmpty else {
                throw ValidationFailure("nothing to sync: give --server URL (and --exchange ID to fetch an exchange)")
            }
            var findings = false
            var sessions: [(exchange: ExchangeID, synchronizer: Synchronizer, client: SyncClient, server: ServerInfo, size: Int)] = []
            var servers: [String: ServerInfo] = [:]
            var failures = 0
            for (exchange, url) in targets {
                let client = SyncClient(server: url, key: key, http: http, fallbackKey: previousKey)
                let synchronizer = Synchronizer(client: client, party: party)
                do {
                    let server: ServerInfo
                    if let known = servers[url] {
                        server = known
                    } else {
                        let (info, followed) = try await synchronizer.connectFollowingHandovers()
                        for handover in followed {
                            Terminal.write(
                                "\(url) handed its checkpoint key over from \(Fingerprint(handover.old.keyID)) to \(Fingerprint(handover.new.keyID)) "
                                    + "on \(handover.timestamp) (signed by both); this party now pins the new key\n"
                            )
                        }
                        server = info
                        servers[url] = server
                    }
                    let report = try await synchronizer.sync(exchange, server: server, progress: Self.showProgress)
                    findings = print(report, server: url) || findings
                    printCompleteness(report, replica: replica)
                    sessions.append((exchange, synchronizer, client, server, report.checkpoint.checkpoint.size))
                } catch let error as SyncError where error.refusal == .exchangeErased {
                    // Not a failure: the exchange is over for everyone, this party included (the
                    // library took the server's word only for that), and nothing is left to sync.
                    Terminal.write("exchange \(Display.short(exchange)): \(error.message)\n")
                } catch {
                    // One exchange's server failing does not keep the others from syncing.
                    guard targets.count > 1 else { throw error }
                    failures += 1
                    let message = (error as? SyncError)?.message ?? (error as? StoreError)?.message ?? "\(error)"
                    Terminal.printError("exchange \(Display.short(exchange)): not synced with \(url): \(message)")
                }
            }
            if failures > 0 {
                Terminal.printError("\(failures) of \(targets.count) exchanges not synced (listed above)")
                throw ExitCode(2)
            }
            guard watch else {
                if findings { throw ExitCode(1) }
                return
            }
            Terminal.printError("watching \(sessions.count) exchange\(sessions.count == 1 ? "" : "s"); Ctrl-C to stop")
            try await withThrowingTaskGroup(of: Void.self) { group in
                for session in sessions {
                    group.addTask {
                        var size = session.size
                        // A failure that lasts (the owed key envelopes) is said when it starts or
                        // changes, not at every wait.
                        var owedKeysFailure: PartyError?
                        // A server that goes away (restarted, the network down, a proxy in front
                        // answering for it) is waited for, tried again after 1, 2, 4… up to 60 s;
                        // said when it goes, every ten minutes while it stays away, and when it is
                        // back. Anything else it answers ends the watch.
                        var away: Duration?
                        var waited: Duration = .zero
                        while !Task.isCancelled {
                            let report: Synchronizer.Report
                            do {
                                do {
                                    _ = try await session.client.wait(session.exchange, beyond: size, timeout: 25)
                                } catch let error as SyncError where error.refusal == .exchangeErased {
                                    // Not taken on the server's word: the sync below checks it
                                    // against this replica (`Synchronizer`).
                                }
                                if away != nil {
                                    Terminal.printError("exchange \(Display.short(session.exchange)): \(session.client.server) answers again")
                                    away = nil
                                }
                                report = try await session.synchronizer.sync(session.exchange, server: session.server)
                            } catch let error as SyncError where error.refusal == .exchangeErased {
                                Terminal.write("exchange \(Display.short(session.exchange)): \(error.message)\n")
                                return
                            } catch let error as SyncError where Self.isAway(error) {
                                if away == nil || waited >= .seconds(600) {
                                    Terminal.printError(
                                        "exchange \(Display.short(session.exchange)): \(error.message); trying again until it answers"
                                    )
                                    waited = .zero
                                }
                                let delay = min((away ?? .milliseconds(500)) * 2, .seconds(60))
                                away = delay
                                waited += delay
                                try await Task.sleep(for: delay)
                                continue
                            }
                            size = report.checkpoint.checkpoint.size
                            let newFailure = report.owedKeysFailure != nil && report.owedKeysFailure != owedKeysFailure
                            owedKeysFailure = report.owedKeysFailure
                            if report.pulled > 0 || report.pushed > 0 || report.refused > 0 || newFailure {
                                var shown = report
                                if !newFailure { shown.owedKeysFailure = nil }
                                _ = print(shown, server: session.client.server)
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
        }

        /// Whether a watch waits out `error` as a server that is away for now: no connection, a
        /// connection cut in the middle, or a proxy answering that the server behind it is down
        /// (`502`, `503`, `504`).
        static func isAway(_ error: SyncError) -> Bool {
            switch error.code {
            case .unreachable, .truncated: return true
            case .refused:
                return [WireErrorCode.unavailable, WireErrorCode(rawValue: "http_502"), WireErrorCode(rawValue: "http_503"),
                        WireErrorCode(rawValue: "http_504")].contains(error.refusal)
            default: return false
            }
        }

        /// The exchanges to sync, each with its server.
        private func targets(in replica: Replica) throws -> [(ExchangeID, String)] {
            if let named = exchange {
                let id: ExchangeID
                if let full = ExchangeID(hex: named.lowercased()) {
                    id = full
                } else {
                    id = try Display.exchange(
                        named, among: try replica.exchanges(), in: replica.path,
                        hint: "; to fetch an exchange this replica does not hold yet, give its full id"
                    )
                }
                guard let url = try server ?? replica.meta(.server(for: id)) else {
                    throw ValidationFailure("no server is remembered for exchange \(Display.short(id)); give --server URL")
                }
                return [(id, url)]
            }
            return try replica.exchanges().compactMap { id in
                guard let url = try server ?? replica.meta(.server(for: id)) else { return nil }
                return (id, url)
            }
        }

        /// Prints one line per exchange synced, and a warning per finding.
        ///
        /// - Returns: Whether there was a finding (refused envelopes, a fork) or the key envelopes
        ///   this party owes could not be signed.
        private func print(_ report: Synchronizer.Report, server: String) -> Bool {
            var line = "exchange \(Display.short(report.exchange)): received \(report.pulled), sent \(report.pushed)"
            line += ", server log \(report.checkpoint.checkpoint.size) envelopes"
            if report.registered { line += " (registered the exchange on \(server))" }
            Terminal.write(line + "\n")
            for fork in report.equivocations {
                Terminal.printError(
                    "warning: key \(Display.short(fork.author)) signed \(fork.envelopes.count) different envelopes at seq \(fork.seq) "
                        + "(equivocation); both are kept as proof and that chain is not sent"
                )
            }
            if report.refused > 0 {
                Terminal.printError("warning: \(report.refused) envelopes from \(server) failed verification and were not stored")
            }
            if let failure = report.owedKeysFailure {
                Terminal.printError(
                    "warning: the key envelopes this party owes the others (its encryption key, its content key's shares) were not signed: "
                        + "\(failure.message); until the next sync signs them, participants that announced a key cannot read this party's records"
                )
            }
            return !report.equivocations.isEmpty || report.refused > 0 || report.owedKeysFailure != nil
        }

        /// Says when this replica holds every envelope the server's log holds: everything every
        /// participant has pushed to that server (as of the server's signed checkpoint).
        private func printCompleteness(_ report: Synchronizer.Report, replica: Replica) {
            guard let heads = try? replica.heads(exchange: report.exchange), let said = report.completeness(holding: heads) else { return }
            Terminal.write("  \(said)\n")
        }

        /// Shows progress on standard error for long syncs.
        @Sendable static func showProgress(_ progress: Synchronizer.Progress) {
            switch progress {
            case let .pulling(received, total) where total >= 5_000:
                Terminal.printError("received \(received) of \(total) envelopes")
            case let .pushing(sent, total) where total >= 5_000:
                Terminal.printError("sent \(sent) of \(total) envelopes")
            default: break
            }
        }
    }
}

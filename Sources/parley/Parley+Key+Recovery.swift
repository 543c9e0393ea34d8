import ArgumentParser
import Foundation
import ParleyCrypto
import ParleyLog
import ParleyParty
import ParleyStore
import ParleySync
import ParleyWire

extension Parley.Key {
    /// `parley key export-recovery -o FILE`: makes a recovery key, writes it for offline keeping
    /// and names it in the exchange.
    struct ExportRecovery: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export-recovery",
            abstract: "Make a recovery key, write it to a file to keep offline, and name it in the exchange.",
            discussion: """
            Signs a key.recovery naming the new key's public half. Only the first key.recovery of \
            your chain counts, so do this right after the exchange is created. Keep the file away \
            from this machine: with it, `parley key recover` revokes a stolen identity key and \
            installs a new one, without the stolen key.
            """
        )

        @OptionGroup var homeOptions: HomeOptions
        @OptionGroup var exchangeOptions: ExchangeOptions

        @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the recovery key (PEM, mode 0600; must not exist).", valueName: "FILE"))
        var output: String

        func run() throws {
            let session = try Session(home: homeOptions.resolved, exchange: exchangeOptions.exchange, signing: true)
            guard let me = session.me, session.state.keys(of: me)?.recovery == nil else {
                throw ValidationFailure("your chain in exchange \(Display.short(session.exchange)) already names its recovery key")
            }
            guard !FileManager.default.fileExists(atPath: output) else {
                throw ValidationFailure("\(output) exists; not replacing it")
            }
            let recovery = SigningKey.generate()
            do {
                try KeyFile.write(recovery, to: output)
            } catch {
                throw ValidationFailure((error as? CryptoError)?.message ?? "\(output): cannot write the recovery key")
            }
            try session.sign([.nameRecoveryKey(NameRecoveryKey(key: recovery.publicKey))])
            Terminal.write("""
                recovery key written to \(output) (keep it offline) and named in exchange \(Display.short(session.exchange))
                recovery key id: \(recovery.publicKey.keyID.hex)

                """)
        }
    }

    /// `parley key recover --recovery-key FILE`: revokes the identity key with the recovery key.
    struct Recover: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke a stolen identity key with the recovery key and install a new identity key.",
            discussion: """
            Signs a key.revoke with the recovery key (never with the stolen key), countersigned by \
            a new identity key, which becomes key.pem (the revoked one is kept as key.previous.pem). \
            What the stolen key signs afterwards is refused by every verifier. With --from SEQ, the \
            envelopes of your chain from SEQ on (those the thief signed) are set aside: kept as \
            evidence, not folded. Works when key.pem is lost. When the exchange has a server, what it \
            holds is fetched first (a thief may have rotated the key there) and the revocation is \
            pushed to it at once, the requests signed by the recovery key, which speaks for your \
            chain; if the push fails, run the command again to push it. Later syncs \
            sign with the new key. In a second exchange the key the first recovery installed is \
            used again.
            """
        )

        @OptionGroup var homeOptions: HomeOptions
        @OptionGroup var exchangeOptions: ExchangeOptions

        @Option(help: ArgumentHelp("The recovery key file written by `parley key export-recovery`.", valueName: "FILE"))
        var recoveryKey: String

        @Option(help: ArgumentHelp("Set aside your chain's envelopes from this seq on (default: none).", valueName: "SEQ"))
        var from: Int?

        func run() async throws {
            let home = homeOptions.resolved
            let party = try home.party(signing: false)
            let recovery: SigningKey
            do {
                recovery = try KeyFile.read(from: recoveryKey)
            } catch {
                throw ValidationFailure((error as? CryptoError)?.message ?? "\(recoveryKey): cannot read the recovery key")
            }
            let exchange = try ExchangeOptions.resolve(exchangeOptions.exchange, in: party.replica)
            // With `key.pem` if it is still here: it authenticates where the recovery key is not
            // known yet (its naming never reached the server), and lets a 410 be checked.
            try await fetch(exchange, party: (try? home.party(signing: true)) ?? party, recovery: recovery)
            let done = try party.recoverIdentity(with: recovery, from: from, in: exchange, at: Timestamp.now())
            var lines: [String] = []
            if let revoke = done.revocation?.envelope {
                let aside = from.map { $0 < revoke.seq ? ", setting aside seq \($0) to \(revoke.seq - 1)" : "" } ?? ""
                lines.append("revoked the identity key of \(Display.short(done.participant)) at seq \(revoke.seq)\(aside)")
            } else if done.installed {
                lines.append("completed the recovery of \(Display.short(done.participant)): its revocation was already stored; installed its key")
            } else {
                lines.append("the chain of \(Display.short(done.participant)) in exchange \(Display.short(exchange)) already runs on this home's key")
            }
            lines.append("\(done.installed ? "new key id: " : "key id:     ") \(done.key.keyID.hex)")
            lines.append("fingerprint: \(done.key.keyID.fingerprint.text)")
            for other in done.stillOnOtherKeys {
                lines.append("exchange \(Display.short(other)) does not run on this key yet: run `parley key recover` there too")
            }
            Terminal.write(lines.joined(separator: "\n") + "\n")
            try await push(exchange, home: home, recovery: recovery)
        }

        /// Fetches what the exchange's server holds, if one is remembered, before the revocation is
        /// signed: a thief who rotated the stolen key first has retired the home's key at the
        /// server, which then authenticates no request of it, and the revocation must extend the
        /// chain as the server holds it (after the thief's envelopes, which its `--from` sets
        /// aside), or the server refuses it as a fork. A fetch that fails is said, and the
        /// revocation is made on what this replica holds.
        private func fetch(_ exchange: ExchangeID, party: Party, recovery: SigningKey) async throws {
            _ = try await syncWithRecoveryKey(exchange, party: party, recovery: recovery) { url, report in
                var line = "fetched from \(url) first: received \(report.pulled), sent \(report.pushed)"
                if report.refused > 0 || !report.equivocations.isEmpty {
                    line += " (\(report.refused) refused, \(report.equivocations.count) forked chain(s): `parley sync` says more)"
                }
                return line
            } failure: { url, message in
                "could not fetch from \(url) first (\(message)); a revocation made now extends your chain as this replica holds it"
            }
        }

        /// Pushes the revocation to the exchange's server, if one is remembered (the new key is
        /// known there only once the revocation is stored; the home's key, if a recovery in another
        /// exchange installed it, speaks for no one in this one yet).
        private func push(_ exchange: ExchangeID, home: Home, recovery: SigningKey) async throws {
            let party = try home.party(signing: true)
            let pushed = try await syncWithRecoveryKey(exchange, party: party, recovery: recovery) { url, report in
                "pushed to \(url): received \(report.pulled), sent \(report.pushed)"
            } failure: { url, message in
                "the revocation is stored here but not on \(url) (\(message)); "
                    + "run this command again to push it, or hand `parley bundle export` to another participant"
            }
            if pushed == false { throw ExitCode(1) }
        }

        /// Syncs `exchange` with the server remembered for it, the requests signed by the recovery
        /// key, which speaks for the chain at the server whatever key is in force there (the
        /// party's key, if it has one, is tried when the server refuses it); says what happened.
        ///
        /// - Returns: Whether the sync succeeded; `nil` when no server is remembered.
        private func syncWithRecoveryKey(
            _ exchange: ExchangeID, party: Party, recovery: SigningKey,
            success: (String, Synchronizer.Report) -> String, failure: (String, String) -> String
        ) async throws -> Bool? {
            guard let url = try party.replica.meta(.server(for: exchange)) else { return nil }
            let synchronizer = Synchronizer(client: SyncClient(server: url, key: recovery, fallbackKey: party.key), party: party)
            do {
                let report = try await synchronizer.sync(exchange, server: try await synchronizer.connect())
                Terminal.write(success(url, report) + "\n")
                return true
            } catch {
                Terminal.printError("warning: " + failure(url, (error as? SyncError)?.message ?? "\(error)"))
                return false
            }
        }
    }
}

import ArgumentParser
import Foundation
import ParleyCrypto
import ParleyLog
import ParleyParty
import ParleySync

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
    struct Recover: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke a stolen identity key with the recovery key and install a new identity key.",
            discussion: """
            Signs a key.revoke with the recovery key (never with the stolen key), countersigned by \
            a new identity key, which becomes key.pem (the revoked one is kept as key.previous.pem). \
            What the stolen key signs afterwards is refused by every verifier. With --from SEQ, the \
            envelopes of your chain from SEQ on (those the thief signed) are set aside: kept as \
            evidence, not folded. Sync afterwards; if the thief rotated the key, the server knows \
            no key of yours: hand the revocation to another participant as a bundle.
            """
        )

        @OptionGroup var homeOptions: HomeOptions
        @OptionGroup var exchangeOptions: ExchangeOptions

        @Option(help: ArgumentHelp("The recovery key file written by `parley key export-recovery`.", valueName: "FILE"))
        var recoveryKey: String

        @Option(help: ArgumentHelp("Set aside your chain's envelopes from this seq on (default: none).", valueName: "SEQ"))
        var from: Int?

        func run() throws {
            let home = homeOptions.resolved
            let party = try home.party(signing: false)
            let recovery: SigningKey
            do {
                recovery = try KeyFile.read(from: recoveryKey)
            } catch {
                throw ValidationFailure((error as? CryptoError)?.message ?? "\(recoveryKey): cannot read the recovery key")
            }
            let open = try party.open(try ExchangeOptions.resolve(exchangeOptions.exchange, in: party.replica))
            guard let participant = open.state.participants.first(where: { open.state.keys(of: $0.keyID)?.recovery == recovery.publicKey }) else {
                throw ValidationFailure("no chain of exchange \(Display.short(open.exchange)) names this recovery key")
            }
            let newKey = try home.party.pendingKey() ?? home.party.makePendingKey()
            let signed = try party.revokeKey(
                of: participant.keyID, recovery: recovery, from: from, newKey: newKey, in: open, at: Timestamp.now()
            )
            try home.party.installPendingKey(in: party.replica)
            let revoke = signed.envelopes[0].envelope
            Terminal.write("""
                revoked the identity key of \(Display.short(participant.keyID)) at seq \(revoke.seq)\(from.map { ", setting aside seq \($0) to \(revoke.seq - 1)" } ?? "")
                new key id:  \(newKey.publicKey.keyID.hex)
                fingerprint: \(newKey.publicKey.keyID.fingerprint.text)

                """)
        }
    }
}

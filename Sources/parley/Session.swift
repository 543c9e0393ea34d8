import ParleyCrypto
import ParleyLog
import ParleyMatch
import ParleyStore
import ParleySync

/// One party at work on one exchange: its key, its replica, and the exchange verified from the
/// replica. The workflow commands open one, read its state, and sign through it.
struct Session {
    /// The party's home.
    let home: Home
    /// The party's key, when the session may sign.
    let key: SigningKey?
    /// The party's replica.
    let replica: Replica
    /// The exchange.
    let exchange: ExchangeID
    /// The exchange verified from the stored envelopes, with a state (clean when signing).
    let report: VerificationReport

    /// Opens a session.
    ///
    /// - Parameters:
    ///   - home: The party's home.
    ///   - exchange: Which exchange (its id or a unique prefix); nil for the replica's only one.
    ///   - signing: Whether the session will sign (opens the replica for writing and loads the key).
    /// - Throws: A one-line failure when the home is not set up, the exchange is not there, or it
    ///   does not verify.
    init(home: Home, exchange name: String?, signing: Bool) throws {
        self.home = home
        if signing {
            (key, replica) = try home.signer()
        } else {
            key = nil
            replica = try home.openReplica(readOnly: true)
        }
        self.exchange = try ExchangeOptions.resolve(name, in: replica)
        if signing {
            report = try replica.verifiedForSigning(exchange: self.exchange)
            return
        }
        // Reading goes on past a fork or a bad envelope, on the state of what verifies.
        let report = Verifier(exchange: self.exchange).verify(try replica.envelopes(exchange: self.exchange))
        guard report.state != nil else {
            throw ValidationFailure("exchange \(Display.short(self.exchange)) has no genesis that verifies in replica \(replica.path)")
        }
        if !report.isClean {
            Terminal.printError(
                "warning: exchange \(Display.short(self.exchange)) does not verify cleanly in this replica (see `parley verify`); "
                    + "showing the state of what verifies"
            )
        }
        self.report = report
    }

    /// The exchange's state.
    var state: ExchangeState {
        // `init` keeps only reports with a state.
        report.state!
    }

    /// This party's key id, when the home has a key.
    var me: KeyID? {
        key?.publicKey.keyID ?? (try? home.signingKey())?.publicKey.keyID
    }

    /// Signs `operations` as this party's next envelopes and stores them.
    ///
    /// - Returns: What was signed.
    /// - Throws: A one-line failure when the party may not sign them now; nothing is stored then.
    @discardableResult
    func sign(_ operations: [Operation]) throws -> SignedBatch {
        guard let key else { preconditionFailure("a session opened without signing cannot sign") }
        let batch = try replica.sign(operations, with: key, in: exchange, on: report, at: Timestamp.now())
        if let failure = batch.derivedRefreshFailure {
            Terminal.printError("warning: signed and stored, but the replica's derived tables were not refreshed: \(failure.message)")
        }
        return batch
    }

    /// How a participant is shown: its name (made safe for a terminal) and short key id.
    func name(of author: KeyID) -> String {
        guard let participant = state.participant(author) else { return "key \(Display.short(author))" }
        return "\(ReportFormatting.displayable(participant.name)) (\(Display.short(author)))"
    }

    /// The dispute that `text` names: its id, or a prefix of at least 4 hex digits only one has.
    ///
    /// - Throws: A one-line failure when no dispute, or more than one, matches.
    func dispute(named text: String) throws -> Dispute {
        try Display.unique(
            text, among: state.disputes, id: \.id.hex,
            malformed: "`\(text)` is not a dispute id (its hex digits, or a unique prefix of at least 4)",
            none: { "no dispute in exchange \(Display.short(exchange)) has an id starting with \($0)" },
            several: { "\($0) disputes have an id starting with \($1); give more digits" }
        )
    }

    /// The entry reference `text` names (`SIDE/LIST/ENTRY` or `SIDE/LIST/AUTHOR/ENTRY`).
    func entry(named text: String) throws -> EntryRef {
        try state.entryRef(named: text)
    }
}

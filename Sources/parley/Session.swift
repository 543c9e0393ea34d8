import ParleyCrypto
import ParleyLog
import ParleyMatch
import ParleyParty
import ParleyStore
import ParleySync

/// One party at work on one exchange, as the workflow commands use it: the options resolved to a
/// ``Party`` and an ``OpenExchange`` (the kept state), plus how the command line names things.
/// Opening, the rights check and signing are the library's.
struct Session {
    /// The party's home.
    let home: Home
    /// The party at work.
    let party: Party
    /// The exchange, opened.
    let open: OpenExchange

    /// Opens a session.
    ///
    /// - Parameters:
    ///   - home: The party's home.
    ///   - exchange: Which exchange (its id or a unique prefix); nil for the replica's only one.
    ///   - signing: Whether the session will sign (opens the replica for writing and loads the key).
    ///   - entries: Whether the command reads list entries (`false`: disputes, terms and the
    ///     like only, which read faster on a large exchange; a signing command only when it signs
    ///     what reads no entry, ``ExchangeState/isSignableWithoutEntries(_:)``).
    ///   - named: For a command that signs only operations that name entries and change no list
    ///     (``Operation/isSignableOnNamedEntries``): the entry names it was given (possibly none),
    ///     the only entries read, so that it does not read a register of 100,000 back.
    /// - Throws: A one-line failure when the home is not set up, the exchange is not there, or it
    ///   has no valid genesis; or, for a reader of entries, when the exchange is erased here.
    init(home: Home, exchange name: String?, signing: Bool, entries: Bool = true, named names: [String]? = nil) throws {
        self.home = home
        party = try home.party(signing: signing)
        let exchange = try ExchangeOptions.resolve(name, in: party.replica)
        if entries, !signing, try party.isErased(exchange) {
            throw ValidationFailure(
                "exchange \(Display.short(exchange)) is erased in this replica (`parley exchange erase`): its records and notes can no longer "
                    + "be read here; `parley list show`, `parley finalize status`, `parley log` and `parley verify` still show its ids, counts and hashes"
            )
        }
        // A name that does not parse selects nothing; `entry(named:)` says what is wrong with it.
        let selection: Replica.EntrySelection = if let names {
            .named(names.compactMap { try? ExchangeState.entryName($0) }.map { ($0.list, $0.entry) })
        } else {
            entries ? .all : .none
        }
        open = try party.open(exchange, entries: selection)
        KeptUntilExit.keep(open, reading: party.replica)
        if !signing, !open.isClean {
            Terminal.printError(
                "warning: exchange \(Display.short(open.exchange)) does not verify cleanly in this replica (see `parley verify`); "
                    + "showing the state of what verifies"
            )
        }
    }

    private init(home: Home, party: Party, open: OpenExchange) {
        self.home = home
        self.party = party
        self.open = open
    }

    /// This session with every entry of the exchange: itself when it was opened with them, else
    /// the exchange opened again with them, once (``OpenExchange/whole()``), so that what the
    /// first opening computed (its reconciliation, the manifest's summary) is not computed again.
    func withEntries() throws -> Session {
        if open.kept.isComplete { return self }
        return Session(home: home, party: party, open: try open.whole())
    }

    /// The exchange.
    var exchange: ExchangeID { open.exchange }

    /// The exchange's state.
    var state: ExchangeState { open.state }

    /// The participant this party is in the exchange (its genesis key id, which stays its id when
    /// its key is rotated), else its key id, when the home has a key.
    var me: KeyID? {
        guard let key = party.me ?? (try? home.signingKey())?.publicKey.keyID else { return nil }
        return state.participantID(signingWith: key) ?? key
    }

    /// Signs `operations` as this party's next envelopes and stores them.
    ///
    /// - Returns: What was signed.
    /// - Throws: A one-line failure when the party may not sign them now; nothing is stored then.
    @discardableResult
    func sign(_ operations: [Operation]) throws -> Party.Signed {
        do {
            return try party.sign(operations, in: open, at: Timestamp.now())
        } catch {
            if let refusal = error.cause as? Refusal { throw RefusalFailure(refusal) }
            throw error
        }
    }

    /// How a participant is shown: its name (made safe for a terminal) and short key id.
    func name(of author: KeyID) -> String {
        guard let participant = state.participant(author) else { return "key \(Display.short(author))" }
        return "\(ReportFormatting.displayable(participant.name)) (\(Display.short(author)))"
    }

    /// The dispute that `text` names: its id, or a prefix of at least 8 hex digits only one has.
    ///
    /// - Throws: A one-line failure when no dispute, or more than one, matches.
    func dispute(named text: String) throws -> Dispute {
        try IDPrefix(text, kind: "dispute").resolve(among: state.disputes) { $0.id.hex }
    }

    /// The entry reference `text` names (`SIDE/LIST/ENTRY` or `SIDE/LIST/AUTHOR/ENTRY`).
    func entry(named text: String) throws -> EntryRef {
        try state.entryRef(named: text)
    }
}

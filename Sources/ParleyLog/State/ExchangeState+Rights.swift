public import ParleyCrypto

extension ExchangeState {
    /// Why `author` may not author `operation` on this state, or `nil` when it may.
    ///
    /// The stateless rule of the log (``Participant/mayAuthor(_:)``), finality (an operation the
    /// fold would set aside because the author signed a final manifest, §7.1), the rules the fold
    /// applies afterwards (closing a dispute is for its opener or a mediator, §5.7), plus what a
    /// party about to sign should hear before the fold would ignore it: an entry named must be on
    /// its list now, a dispute must exist (and be open, to close it), a manifest must have been
    /// proposed and not yet signed by this key. A manifest is proposed or signed only when it is
    /// the one this state builds and nothing blocks it (less the waivers), and proposed only when
    /// the proposer has confirmed both directions at this state (§5.11); a confirmation names this
    /// state's reconciliation of the direction. A signer checks this before signing, so a refused
    /// operation is never written.
    ///
    /// - Parameters:
    ///   - operation: The operation about to be signed.
    ///   - author: Its author's key.
    /// - Returns: Why not, or `nil`.
    public func refusal(of operation: Operation, by author: KeyID) -> Refusal? {
        refusal(of: operation, by: author, directionHash: { Reconciliation(state: self).report($0).hash }) {
            Reconciliation(state: self)
        }
    }

    /// Whether `operation` can be checked and signed on this state opened without entries:
    /// ``Operation/isSignableWithoutEntries``, or the signature of a manifest that is proposed
    /// for the whole exchange only, whose rights check reads the kept manifest summary as a
    /// proposal's does.
    public func isSignableWithoutEntries(_ operation: Operation) -> Bool {
        if case let .signManifest(sign) = operation {
            guard let status = manifestStatus(sign.manifest) else { return true }  // refused on the facts
            return status.isProposedForTheWholeExchange
        }
        return operation.isSignableWithoutEntries
    }

    /// ``refusal(of:by:)`` with the reconciliation of this state given rather than computed, so
    /// that a signer that has it (or has it stored) does not match the lists again.
    ///
    /// - Parameters:
    ///   - operation: The operation about to be signed.
    ///   - author: Its author's key.
    ///   - directionHash: The hash of this state's reconciliation of a direction (for `confirm`
    ///     and `manifest.propose`).
    ///   - reconciliation: This state's reconciliation (for manifests); called at most once.
    ///   - wholeManifest: The facts of the whole exchange's manifest this state builds, when the
    ///     signer has them without the reconciliation (a kept summary); `nil`: built from
    ///     `reconciliation`.
    /// - Returns: Why not, or `nil`.
    /// - Throws: What `directionHash`, `reconciliation` or `wholeManifest` throw (a signer that
    ///   reads them from its replica), never a refusal.
    public func refusal<Failure: Error>(
        of operation: Operation, by author: KeyID, directionHash: (Direction) throws(Failure) -> String,
        reconciliation: () throws(Failure) -> Reconciliation, wholeManifest: (() throws(Failure) -> ManifestFacts)? = nil
    ) throws(Failure) -> Refusal? {
        guard let me = participant(author) else {
            return Refusal(.notAParticipant, "key \(author.hex.prefix(8)) is not a participant of this exchange")
        }
        guard me.mayAuthor(operation) else {
            switch operation {
            case let .putEntry(put): return Refusal(.roleNotAllowed, "as \(me.role.rawValue) you may not write a \(put.list.rawValue) list")
            case let .removeEntry(remove): return Refusal(.roleNotAllowed, "as \(me.role.rawValue) you may not write a \(remove.list.rawValue) list")
            default: return Refusal(.roleNotAllowed, "only a mediator may \(operation.name.rawValue); you are \(me.role.rawValue)")
            }
        }
        if let refusal = finalityRefusal(of: operation, by: me) {
            return refusal
        }
        if operation.readsWhetherEveryEntryIsOpen, let refusal = unopenedRefusal() {
            return refusal
        }
        switch operation {
        case let .assertMatch(pair), let .rejectMatch(pair):
            return missing([pair.request, pair.release])
        case let .openDispute(open):
            return missing(open.about)
        case let .attest(attest):
            return missing([attest.entry])
        case let .commentDispute(comment):
            return disputeOpens[comment.dispute] == nil
                ? Refusal(.noSuchDispute, "there is no dispute \(comment.dispute.hex.prefix(8)) in this exchange") : nil
        case let .closeDispute(close):
            guard let dispute = disputes.first(where: { $0.id == close.dispute }) else {
                return Refusal(.noSuchDispute, "there is no dispute \(close.dispute.hex.prefix(8)) in this exchange")
            }
            if !dispute.isOpen { return Refusal(.disputeClosed, "dispute \(close.dispute.hex.prefix(8)) is already closed") }
            if dispute.opener != author, me.role != .mediator {
                return Refusal(.notOpenerOrMediator, "only the party that opened dispute \(close.dispute.hex.prefix(8)) or a mediator may close it")
            }
            return nil
        case let .signManifest(sign):
            guard let status = manifestStatus(sign.manifest) else {
                return Refusal(.noSuchManifest, "no manifest \(sign.manifest.prefix(8)) has been proposed in this exchange")
            }
            if status.signatures.contains(where: { $0.author == author }) {
                return Refusal(.alreadySigned, "you have already signed manifest \(sign.manifest.prefix(8))")
            }
            if let other = status.proposals.map(\.body.proposedForm).first(where: { $0 != Manifest.form }) {
                return Refusal(
                    .otherManifestForm,
                    "manifest \(sign.manifest.prefix(8)) was proposed in manifest form \(other), and this release of Parley builds "
                        + "form \(Manifest.form) (PROTOCOL.md §10.3): it cannot check it; every participant needs a release that "
                        + "builds form \(other)"
                )
            }
            let phases = Set(status.proposals.map(\.body.phase))
            guard phases.count == 1, let phase = phases.first else {
                return Refusal(.notThisStatesManifest, "the proposals of manifest \(sign.manifest.prefix(8)) disagree on the phase it covers")
            }
            let own: ManifestFacts
            switch try ownManifest(phase: phase?.phase.name, reconciliation: reconciliation, wholeManifest: wholeManifest) {
            case let .success(facts): own = facts
            case let .failure(error):
                return Refusal(.notThisStatesManifest, "manifest \(sign.manifest.prefix(8)) cannot be built here: \(error.message)")
            }
            if own.hash != sign.manifest {
                return Refusal(.notThisStatesManifest, "manifest \(sign.manifest.prefix(8)) is not the one this state builds (\(own.hash.prefix(8)))")
            }
            if phase != own.phase {
                return Refusal(.notThisStatesManifest, "the proposal of manifest \(sign.manifest.prefix(8)) names other people or counts for its phase than the manifest")
            }
            return blocked(own, waiving: status.proposals.flatMap(\.body.waivers))
        case let .proposeManifest(propose):
            if propose.proposedForm != Manifest.form {
                return Refusal(
                    .otherManifestForm,
                    "this release of Parley builds manifest form \(Manifest.form) and cannot propose form \(propose.proposedForm)"
                )
            }
            let own: ManifestFacts
            switch try ownManifest(phase: propose.phase?.phase.name, reconciliation: reconciliation, wholeManifest: wholeManifest) {
            case let .success(facts): own = facts
            case let .failure(error):
                return Refusal(.notThisStatesManifest, "manifest \(propose.manifest.prefix(8)) cannot be built here: \(error.message)")
            }
            if own.hash != propose.manifest {
                return Refusal(.notThisStatesManifest, "manifest \(propose.manifest.prefix(8)) is not the one this state builds (\(own.hash.prefix(8)))")
            }
            if propose.phase != own.phase {
                return Refusal(.notThisStatesManifest, "the proposal names other people or counts for phase `\(propose.phase?.phase.name ?? "")` than its manifest")
            }
            if let blocked = blocked(own, waiving: propose.waivers) { return blocked }
            return try notConfirmed(by: author, directionHash: directionHash)
        case let .confirm(confirm):
            let current = try directionHash(confirm.direction)
            return current == confirm.reconciliation ? nil : Refusal(
                .reconciliationChanged,
                "the \(confirm.direction.rawValue) reconciliation of this state is \(current.prefix(12)), not \(confirm.reconciliation.prefix(12))"
            )
        case .rotateKey, .nameRecoveryKey, .revokeKey:
            return keyRefusal(of: operation, by: author)
        case let .shareContentKey(share):
            return shareRefusal(share, by: me.keyID)
        case .eraseExchange:
            return erasureRefusal(by: author)
        default:
            // exchange.create, list.put and list.remove (the role rule covers them), terms.set,
            // and operations that say nothing about people.
            return nil
        }
    }

    /// The refusal for an operation every verifier would set aside because a manifest is final
    /// (PROTOCOL.md §7.1): of the whole exchange, or of a phase whose people it touches.
    private func finalityRefusal(of operation: Operation, by me: Participant) -> Refusal? {
        if finality.cutoffs[me.keyID] != nil, operation.isSetAsideWhenFinal(finalManifests: finality.manifests) {
            let manifests = finality.manifests.map { String($0.prefix(8)) }.joined(separator: ", ")
            return Refusal(
                .finalized,
                "the exchange is final: every participant signed manifest \(manifests), and a \(operation.name.rawValue) "
                    + "signed after it would be set aside by every verifier (a change needs an amendment, which Parley does not support yet)"
            )
        }
        var sealed = finality.sealedPhase(touchedBy: operation, author: me)
        switch operation {
        case let .commentDispute(comment):
            if let open = disputeOpens[comment.dispute], finality.setsAside(about: open.body.about, by: me.keyID, seq: Int.max) {
                sealed = finality.phases.first { $0.cutoffs[me.keyID] != nil && open.body.about.contains(where: $0.phase.entries.contains) }
            }
        case let .closeDispute(close):
            if let open = disputeOpens[close.dispute], finality.setsAside(about: open.body.about, by: me.keyID, seq: Int.max) {
                sealed = finality.phases.first { $0.cutoffs[me.keyID] != nil && open.body.about.contains(where: $0.phase.entries.contains) }
            }
        case let .proposeManifest(propose):
            // Proposing a sealed phase's own final manifest again changes nothing; refused as pointless.
            if let name = propose.phase?.phase.name, sealed == nil {
                sealed = finality.phases.first { $0.phase.phase.name == name }
            }
        default:
            break
        }
        guard let sealed else { return nil }
        let what = operation.name == .setTerms
            ? "terms without it as it was sealed (same name and counts)"
            : operation.name == .proposeManifest ? "another manifest of it" : "a \(operation.name.rawValue) touching one of its people"
        return Refusal(
            .finalized,
            "phase `\(sealed.phase.phase.name)` is sealed: every participant signed its manifest \(sealed.manifest.prefix(8)), and \(what) "
                + "signed after it would be set aside by every verifier (people of later phases stay open)"
        )
    }

    /// The facts of the manifest of `phase` (`nil`: the whole exchange) this state builds: from
    /// `wholeManifest` when given and the manifest is the whole exchange's, else from the
    /// reconciliation; the failure says why the manifest cannot be built here.
    private func ownManifest<Failure: Error>(
        phase: String?, reconciliation: () throws(Failure) -> Reconciliation, wholeManifest: (() throws(Failure) -> ManifestFacts)?
    ) throws(Failure) -> Result<ManifestFacts, LogError> {
        if phase == nil, let wholeManifest { return .success(try wholeManifest()) }
        let reconciled = try reconciliation()
        do throws(LogError) {
            return .success(ManifestFacts(try Manifest.of(phase: phase, reconciliation: reconciled, state: self), in: self))
        } catch {
            return .failure(error)
        }
    }

    /// The refusal for a manifest that something blocks, less the waivers, if anything does.
    private func blocked(_ manifest: ManifestFacts, waiving waivers: [Waiver]) -> Refusal? {
        let blockers = manifest.blockers(waiving: waivers)
        guard !blockers.isEmpty else { return nil }
        return Refusal(
            .blocked,
            "manifest \(manifest.hash.prefix(8)) is blocked by " + blockers.map(\.key).joined(separator: ", ")
                + "; settle \(blockers.count == 1 ? "it" : "each"), or waive \(blockers.count == 1 ? "it" : "each") with a reason",
            blockers: blockers
        )
    }

    /// The refusal for a proposal by `author` of a state whose directions it has not confirmed as
    /// they are now (§5.11), if it has not.
    private func notConfirmed<Failure: Error>(by author: KeyID, directionHash: (Direction) throws(Failure) -> String) throws(Failure) -> Refusal? {
        var missing: [Direction] = []
        for direction in Direction.allCases
            where try confirmations[ConfirmationKey(author: author, direction: direction)]?.body.reconciliation != directionHash(direction) {
            missing.append(direction)
        }
        guard !missing.isEmpty else { return nil }
        let names = missing.map(\.rawValue).joined(separator: " and ")
        return Refusal(
            .notConfirmed,
            "you have not confirmed \(names) as this state reconciles \(missing.count == 1 ? "it" : "them"): review "
                + "and confirm each direction first (`confirm`), then propose"
        )
    }

    /// The refusal for references to entries that are not on their lists now, if any.
    private func missing(_ refs: [EntryRef]) -> Refusal? {
        refs.first { entry($0) == nil }.map { Refusal(.noSuchEntry, "entry \($0) is not on its list in this exchange") }
    }

    /// The entry reference a person typed: `SIDE/LIST/ENTRY`, or `SIDE/LIST/AUTHOR/ENTRY` where
    /// AUTHOR is a prefix of the author's key id (at least ``IDPrefix/minimumDigits`` hex
    /// digits, as every id prefix), needed only when two authors of that list use the same entry
    /// id. SIDE is `A`, `B` or `neutral` (any case); LIST is `request`, `release` or `registry`.
    /// It is the form ``EntryRef/description`` writes.
    ///
    /// - Parameter text: The reference as typed.
    /// - Returns: The one entry on the list that it names.
    /// - Throws: ``LogError/Code/invalidOperation`` when the text is not of that form or names no
    ///   entry; ``LogError/Code/ambiguousID`` when it names more than one, listing them.
    public func entryRef(named text: String) throws(LogError) -> EntryRef {
        let (list, author, id) = try Self.entryName(text)
        // One pass over the list's entries, unsorted: at most one is expected.
        let found = (lists[list] ?? [:]).values.filter { $0.entry == id && $0.author.hex.hasPrefix(author) }
        guard found.count == 1, let entry = found.first else {
            guard !found.isEmpty else { throw LogError(code: .invalidOperation, message: "no entry `\(id)` on list \(list)") }
            // Listed as IDPrefix lists an ambiguous id: the candidates, each as it is written.
            let shown = IDPrefix.listing(found.map { EntryRef(list: list, author: $0.author, entry: $0.entry).description })
            throw LogError(
                code: .ambiguousID,
                message: "\(found.count) authors have an entry `\(id)` on list \(list): \(shown); name one with its author's key id "
                    + "(\(IDPrefix.minimumDigits) or more hex digits)"
            )
        }
        return EntryRef(list: list, author: entry.author, entry: entry.entry)
    }

    /// The parts of an entry name (see ``entryRef(named:)``): its list, the author prefix it gives
    /// in lowercase hex (empty when none), and the entry id.
    ///
    /// - Throws: ``LogError/Code/invalidOperation`` when `text` is no entry name.
    public static func entryName(_ text: String) throws(LogError) -> (list: ListKey, author: String, entry: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3 || parts.count == 4,
              let side = Side.allCases.first(where: { $0.rawValue.lowercased() == parts[0].lowercased() }),
              let kind = ListKind(rawValue: parts[1].lowercased())
        else {
            throw LogError(code: .invalidOperation, message: "`\(text)` is not an entry reference: write SIDE/LIST/ENTRY, e.g. A/request/UA-001")
        }
        var author = ""
        if parts.count == 4 {
            // The author part is read as every id prefix is.
            guard let prefix = try? IDPrefix(parts[2], kind: "author") else {
                throw LogError(
                    code: .invalidOperation,
                    message: "`\(text)`: the author part must be \(IDPrefix.minimumDigits) or more hex digits of the author's key id, as every id prefix"
                )
            }
            author = prefix.digits
        }
        return (ListKey(side: side, kind: kind), author, parts[parts.count - 1])
    }
}

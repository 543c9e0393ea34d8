import ArgumentParser
import ParleyCrypto
import ParleyLog
import ParleyMatch

/// `parley verify FILE`: the offline check of a finalized manifest, printed.
struct ManifestFileCheck {
    /// The file.
    let path: String
    /// The exchange the file must be of (its id, or a prefix of at least 8 hex digits), as
    /// learnt out of band; nil trusts the genesis the file carries.
    let pinned: String?
    /// Whether to print the people the manifest lists.
    var listsPeople = false

    /// Checks and prints; exits 1 when the manifest does not verify or is not of the pinned
    /// exchange.
    ///
    /// - Parameter parsed: The file's JSON, or why it is not JSON.
    func run(_ parsed: Result<JSONValue, LogError>) throws {
        // A pin that is no exchange id (too short, not hex) is a mistake in the command, not a
        // finding about the file.
        var pin: IDPrefix?
        if let pinned { pin = try IDPrefix(pinned, kind: "exchange") }
        let file: FinalizedManifest
        do {
            file = try FinalizedManifest(json: parsed.get())
        } catch {
            Terminal.write("\(path): FAILED: not a finalized manifest (\(error.message))\n")
            throw ExitCode(1)
        }
        let verification = file.verify()
        var names: [KeyID: String] = [:]
        var participants = ""
        if case let .createExchange(create) = file.genesis.envelope.operation {
            for participant in create.participants {
                let shown = ReportFormatting.displayable(participant.name)
                names[participant.keyID] = "\(shown) (\(Display.short(participant.keyID)))"
                participants += "  participant \(shown), \(participant.role.rawValue), key fingerprint \(Fingerprint(participant.keyID))\n"
            }
        }
        func name(_ key: KeyID) -> String { names[key] ?? "key \(Display.short(key))" }

        // The exchange id is the genesis' hash: it fixes the participants and their keys.
        let exchange = ExchangeID(genesis: file.genesis.id)
        var text = "\(path): manifest \(verification.manifestHash)\n"
        text += "  exchange \(exchange.hex)"
        if let title = file.manifest["title"]?.stringValue {
            text += " \"\(ReportFormatting.displayable(title))\""
        }
        text += "\n" + participants
        let pinFailed = pin.map { !$0.matches(exchange.hex) } ?? false
        for case let .object(direction) in file.manifest["directions"]?.arrayValue ?? [] {
            if let name = direction["direction"]?.stringValue, let count = direction["count"]?.intValue {
                text += "  \(name): \(count) people\n"
            }
        }
        for signer in verification.signers {
            text += "  signed by \(name(signer))\n"
        }
        for waiver in verification.waivers {
            text += "  waived \(waiver.blocker): \(ReportFormatting.displayable(waiver.reason))\n"
        }
        if pinFailed, let pin {
            text += "  FAILED  the file is of exchange \(exchange.hex), which --exchange \(pin) does not match\n"
        }
        for problem in verification.problems {
            text += "  \(problem.isFailure ? "FAILED" : "note")  \(Self.explain(problem, name: name))\n"
        }
        if listsPeople {
            // The strict read of the manifest: a file whose manifest is not well formed lists no one.
            do {
                text += try ManifestDocument(file: file, verification: verification).peopleText()
            } catch {
                text += "  FAILED  the manifest's people cannot be read (\(error.message))\n"
            }
        }
        let valid = verification.isValid && !pinFailed
        text += valid ? "ok: every participant signed this manifest\n" : "FAILED: the manifest does not verify\n"
        if valid, pinned == nil {
            text += "(the participants' keys come from the file: compare the exchange id or the fingerprints with the parties, "
                + "or pass --exchange ID)\n"
        }
        Terminal.write(text)
        if !valid { throw ExitCode(1) }
    }

    /// One problem in words, with participants named.
    static func explain(_ problem: ManifestProblem, name: (KeyID) -> String) -> String {
        switch problem {
        case let .unreadable(detail): "unreadable: \(detail)"
        case .genesisInvalid: "the exchange's genesis in the file is not validly signed by one of its participants (the participants or their keys were changed)"
        case .exchangeMismatch: "the manifest names another exchange than the genesis in the file"
        case .participantsAltered: "the manifest's participants are not the exchange's (a participant was added, removed or changed)"
        case let .countMismatch(direction): "the \(direction.rawValue) count does not match the people listed"
        case .noProposal: "no mediator's proposal of this manifest is in the file"
        case let .manifestAltered(signed): "the manifest was changed after signing: its hash is not the one signed (\(signed.prefix(Display.shortLength))…); a person or a field was added, removed or changed"
        case let .badSignature(key): "the signature of \(name(key)) is wrong"
        case let .notAParticipant(key): "a signature by \(name(key)), who is not a participant"
        case let .notASignature(key): "an envelope of \(name(key)) among the signatures is not a manifest.sign of this exchange"
        case let .signsAnotherManifest(key, hash): "\(name(key)) signed another manifest (\(hash.prefix(Display.shortLength))…)"
        case let .duplicateSignature(key): "\(name(key)) signed more than once (counted once)"
        case let .missingSignature(key): "the signature of \(name(key)) is missing"
        }
    }
}

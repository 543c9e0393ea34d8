import ArgumentParser
import ParleyCrypto
import ParleyLog
import ParleyMatch

/// `parley verify FILE`: the offline check of a finalized manifest, printed.
struct ManifestFileCheck {
    /// The file.
    let path: String

    /// Reads, checks and prints; exits 1 when the manifest does not verify.
    func run() throws {
        let bytes: [UInt8]
        do {
            bytes = try Files.read(path)
        } catch {
            throw ValidationFailure("\(path): cannot read the manifest (\(error.message))")
        }
        let file: FinalizedManifest
        do {
            file = try FinalizedManifest(parsing: bytes)
        } catch {
            throw ValidationFailure("\(path): not a finalized manifest: \(error.message)")
        }
        let verification = file.verify()
        var names: [KeyID: String] = [:]
        if case let .createExchange(create) = file.genesis.envelope.operation {
            for participant in create.participants {
                names[participant.keyID] = "\(participant.name) (\(Display.short(participant.keyID)))"
            }
        }
        func name(_ key: KeyID) -> String { names[key] ?? "key \(Display.short(key))" }

        var text = "\(path): manifest \(verification.manifestHash)\n"
        if let title = file.manifest["title"]?.stringValue, let exchange = file.manifest["exchange"]?.stringValue {
            text += "  exchange \(exchange) \"\(title)\"\n"
        }
        for case let .object(direction) in file.manifest["directions"]?.arrayValue ?? [] {
            if let name = direction["direction"]?.stringValue, let count = direction["count"]?.intValue {
                text += "  \(name): \(count) people\n"
            }
        }
        for signer in verification.signers {
            text += "  signed by \(name(signer))\n"
        }
        for waiver in verification.waivers {
            text += "  waived \(waiver.blocker): \(waiver.reason)\n"
        }
        for problem in verification.problems {
            text += "  \(problem.isFailure ? "FAILED" : "note")  \(Self.explain(problem, name: name))\n"
        }
        text += verification.isValid ? "ok: every participant signed this manifest\n" : "FAILED: the manifest does not verify\n"
        Terminal.write(text)
        if !verification.isValid { throw ExitCode(1) }
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

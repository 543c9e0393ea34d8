import ArgumentParser
import ParleyCrypto
import ParleyLog

/// `parley verify FILE` for an evidence file: checks it with nothing else and prints what it proves.
struct EvidenceFileCheck {
    /// The file.
    let path: String
    /// Its bytes.
    let bytes: [UInt8]

    /// Reads, checks and prints; exits 1 when the evidence proves nothing.
    func run() throws {
        let evidence: Evidence
        do {
            evidence = try Evidence(parsing: bytes)
        } catch {
            Terminal.write("\(path): FAILED: not an evidence file (\(error.message))\n")
            throw ExitCode(1)
        }
        var text = "\(path): \(evidence.kind) in exchange \(evidence.exchange.hex)\n"
        switch evidence {
        case let .splitView(key, first, second):
            text += "  server key fingerprint \(Fingerprint(key.keyID))\n"
            for checkpoint in [first, second] {
                text += "  checkpoint of size \(checkpoint.checkpoint.size), root \(Hex.encode(checkpoint.checkpoint.root)), "
                    + "signed \(checkpoint.checkpoint.timestamp)\n"
            }
        case let .equivocation(_, first, second):
            text += "  author \(first.envelope.author.hex), fingerprint \(Fingerprint(first.envelope.author))\n"
            for envelope in [first, second] {
                text += "  envelope \(envelope.id.hex): seq \(envelope.envelope.seq), \(envelope.envelope.operation.name.rawValue)\n"
            }
        }
        let flaws = evidence.flaws()
        for flaw in flaws {
            text += "  FAILED  \(Self.explain(flaw))\n"
        }
        if flaws.isEmpty {
            text += "ok: \(Self.claim(evidence))\n"
            text += "(the keys come from the file: compare the fingerprint with the one the parties pinned or know)\n"
        } else {
            text += "FAILED: this file proves nothing\n"
        }
        Terminal.write(text)
        if !flaws.isEmpty { throw ExitCode(1) }
    }

    /// One line saying what the evidence shows.
    static func summary(_ evidence: Evidence) -> String {
        switch evidence {
        case let .splitView(key, first, _):
            "split view: server \(Display.short(key.keyID)) signed two different logs of size \(first.checkpoint.size)"
        case let .equivocation(_, first, _):
            "equivocation: key \(Display.short(first.envelope.author)) signed two envelopes at seq \(first.envelope.seq)"
        }
    }

    /// What valid evidence proves.
    static func claim(_ evidence: Evidence) -> String {
        switch evidence {
        case let .splitView(_, first, _):
            "the server signed two different logs of size \(first.checkpoint.size) of this exchange: it showed two histories"
        case let .equivocation(_, first, _):
            "this participant signed two different envelopes at seq \(first.envelope.seq): its chain forks"
        }
    }

    /// A flaw in words.
    static func explain(_ flaw: Evidence.Flaw) -> String {
        switch flaw {
        case .checkpointNotSigned: "a checkpoint is not signed by the server key in the file"
        case .differentExchanges: "the checkpoints are of different exchanges"
        case .differentSizes: "the checkpoints are of different sizes (only equal sizes prove a split view offline)"
        case .sameRoot: "the checkpoints have the same root: one history"
        case .genesisInvalid: "the genesis in the file is not an exchange.create validly signed by its creator"
        case .wrongExchange: "an envelope is not of the genesis's exchange"
        case .notAParticipant: "an envelope's author is not a participant"
        case .envelopeNotSigned: "an envelope's signature is not its author's"
        case .notTheSameSlot: "the envelopes are not of one author and one seq"
        case .sameEnvelope: "the two envelopes are the same envelope"
        }
    }
}

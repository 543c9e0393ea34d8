import Foundation
import HTTPTypes
import ParleyMatch
import HummingbirdTesting
import ParleyCrypto
import ParleyLog
import ParleyParty
import ParleyStore
import ParleySync
import ParleyWire
import Testing

/// One test per attack class, each named after it, each failing when its defence is removed.
/// The classes and their tests are listed in `protocol/PROTOCOL.md` ("Attacks and defences").
/// This file: the log's own defences (no network); `AttackTests+Sync.swift` and
/// `AttackTests+Server.swift`: the client's and the server's, on loopback.
@Suite struct AttackTests {
    typealias F = AttackFixture

    /// Defence: the signature covers every canonical byte, and the wire form has one spelling.
    /// Every single-bit flip of a signed envelope's wire bytes is refused.
    @Test func bitFlippedEnvelopes() throws {
        let (exchange, log, _) = try F.log(count: 1)
        let target = log[1].wireBytes
        var accepted = 0
        for position in target.indices {
            for bit in [0, 3, 6] {
                var flipped = target
                flipped[position] ^= UInt8(1 << bit)
                let report = Verifier(exchange: exchange).verify(wire: [log[0].wireBytes, flipped])
                if report.entries[1].verdict.isValid { accepted += 1 }
            }
        }
        #expect(accepted == 0)
    }

    /// Defence: keys come only from the genesis; a signature by another key, a key outside the
    /// exchange, or an author id that is not the signer's, is refused.
    @Test func forgedOrUnknownSigner() throws {
        let (exchange, log, _) = try F.log(count: 1)
        // B's id as author, signed by an outsider: a forged signer.
        let forgedEnvelope = Envelope(
            exchange: exchange, author: F.hqB.publicKey.keyID, seq: 1, prev: nil, timestamp: F.time(5),
            operation: F.put(.release, "b0")
        )
        let forged = try F.forge(forgedEnvelope, with: F.outsider)
        // An outsider's own envelope: an unknown signer.
        var outsider = EnvelopeSigner(key: F.outsider, exchange: exchange, head: nil)
        let unknown = try outsider.sign(F.put(.release, "x0"), at: F.time(6))
        let report = Verifier(exchange: exchange).verify(log + [forged, unknown])
        #expect(report.verdict(for: forged.id)?.reasons == [.badSignature])
        #expect(report.verdict(for: unknown.id)?.reasons == [.notAParticipant])
        #expect(report.state?.lists.isEmpty == false)
        #expect(report.folded.count == log.count)
    }

    /// Defence: each key counts once towards a manifest however often it signs (TUF's threshold
    /// rule), in the state and in the offline check of a finalized file.
    @Test func thresholdInflation() throws {
        var written = F.Written()
        let exchange = written.exchange
        func sign(_ key: SigningKey, _ operation: ParleyLog.Operation) throws { try written.sign(key, operation) }
        var envelopes: [SignedEnvelope] { written.envelopes }
        let state = Verifier(exchange: exchange).verify(envelopes).state!
        let manifest = Manifest(reconciliation: Reconciliation(state: state), state: state)
        try sign(F.mediator, .proposeManifest(ProposeManifest(manifest: manifest.hash, basis: Verifier(exchange: exchange).verify(envelopes).heads)))
        for _ in 0..<3 { try sign(F.hqA, .signManifest(SignManifest(manifest: manifest.hash))) }
        try sign(F.mediator, .signManifest(SignManifest(manifest: manifest.hash)))
        let report = Verifier(exchange: exchange).verify(envelopes)
        let status = try #require(report.state?.manifestStatus(manifest.hash))
        #expect(status.signatures.count == 2)
        #expect(!status.isComplete)
        let file = try #require(FinalizedManifest(manifest: manifest, state: report.state!, envelopes: report.envelopes))
        let verification = file.verify()
        #expect(!verification.isValid)
        #expect(verification.problems.contains(.missingSignature(F.hqB.publicKey.keyID)))
        #expect(file.genesis.id == exchange.genesis)
    }

    /// Defence: the chain (seq, prev) refuses a replayed or rolled-back envelope as a new one; a
    /// checkpoint smaller than the one remembered is refused (a log cannot shrink).
    @Test func rollbackAndReplay() async throws {
        let (exchange, log, signer) = try F.log(count: 3)
        // Replay: an old envelope again is a duplicate, never a second link.
        let report = Verifier(exchange: exchange).verify(log + [log[1], log[2]])
        #expect(report.folded.count == log.count)
        #expect(report.equivocations.isEmpty)
        // Rollback of the author's chain: a new envelope at an old seq forks it.
        var rewind = EnvelopeSigner(key: F.hqA, exchange: exchange, head: ChainHead(seq: 1, id: log[0].id))
        let rewritten = try rewind.sign(F.put(.request, "a0", surname: "Rewritten"), at: F.time(50))
        let forked = Verifier(exchange: exchange).verify(log + [rewritten])
        #expect(forked.equivocations.map(\.seq) == [2])
        #expect(signer.exchange == exchange)
        // Rollback of the server's log: a smaller checkpoint is refused.
        var ledger = CheckpointLedger()
        let ids = log.map(\.id)
        #expect(ledger.accept(try F.checkpoint(exchange, ids), proof: [], serverKey: F.serverKey.publicKey, exchange: exchange) == .accepted)
        let older = try F.checkpoint(exchange, Array(ids.prefix(2)), at: 5)
        guard case .rejected(.sizeWentBackwards) = ledger.accept(older, proof: [], serverKey: F.serverKey.publicKey, exchange: exchange) else {
            Issue.record("a smaller checkpoint was accepted")
            return
        }
        // A captured request sent again: its (key, nonce) was seen.
        try await F.application().test(.live) { client in
            let nonce = [UInt8](repeating: 0x5A, count: 16)
            let first = try await client.signed(.post, "/v1/exchanges", by: F.hqA, body: log[0].wireBytes, nonce: nonce)
            #expect(first.status == .created)
            let replayed = try await client.signed(.post, "/v1/exchanges", by: F.hqA, body: log[0].wireBytes, nonce: nonce)
            #expect(replayed.status == .unauthorized)
            #expect(replayed.errorCode == "replayed_request")
        }
    }

    /// Defence: a larger checkpoint needs a consistency proof from the remembered one; a jump
    /// ahead without one (or with a proof of another tree) is refused, and a seq far ahead of its
    /// chain is a gap.
    @Test func fastForward() throws {
        let (exchange, log, _) = try F.log(count: 6)
        let ids = log.map(\.id)
        var ledger = CheckpointLedger()
        #expect(ledger.accept(try F.checkpoint(exchange, Array(ids.prefix(3))), proof: [], serverKey: F.serverKey.publicKey, exchange: exchange) == .accepted)
        // A log that forked after 2 envelopes, presented as an extension of the 3 remembered.
        let other = Array(ids.prefix(2)) + [EnvelopeID(hex: Hex.encode(SHA256.hash(Array("other".utf8))))!] + Array(ids.suffix(4))
        let jump = try F.checkpoint(exchange, other, at: 9)
        let proof = MerkleLog(other).consistencyProof(from: 3, to: other.count) ?? []
        guard case .rejected(.inconsistentProof) = ledger.accept(jump, proof: proof, serverKey: F.serverKey.publicKey, exchange: exchange) else {
            Issue.record("a checkpoint of another tree was accepted as an extension")
            return
        }
        let honest = MerkleLog(ids).consistencyProof(from: 3, to: ids.count) ?? []
        #expect(ledger.accept(try F.checkpoint(exchange, ids, at: 9), proof: honest, serverKey: F.serverKey.publicKey, exchange: exchange) == .accepted)
        // An envelope far ahead of its chain.
        var ahead = EnvelopeSigner(key: F.hqA, exchange: exchange, head: ChainHead(seq: 1_000, id: log[6].id))
        let far = try ahead.sign(F.put(.request, "far"), at: F.time(60))
        #expect(Verifier(exchange: exchange).verify(log + [far]).verdict(for: far.id)?.reasons == [.seqGap])
    }

    /// Defence: pieces of different contexts do not combine: a checkpoint of another exchange is
    /// refused by the ledger, a bundle refuses an envelope or a checkpoint of another exchange,
    /// and a verifier refuses an envelope of another exchange.
    @Test func mixAndMatch() throws {
        let (exchange, log, _) = try F.log(count: 2)
        let (otherExchange, otherLog, _) = try F.log(count: 2, nonce: 9)
        var ledger = CheckpointLedger()
        let foreign = try F.checkpoint(otherExchange, otherLog.map(\.id))
        #expect(ledger.accept(foreign, proof: [], serverKey: F.serverKey.publicKey, exchange: exchange) == .rejected(.otherExchange))
        #expect(Verifier(exchange: exchange).verify(log + [otherLog[1]]).verdict(for: otherLog[1].id)?.reasons == [.wrongExchange])
        #expect(throws: SyncError(code: .wrongExchange, message: "")) {
            try ExchangeBundle(exchange: exchange, envelopes: log + [otherLog[1]]).encoded()
        }
        let mixed = ExchangeBundle(exchange: exchange, envelopes: log, checkpoints: [try F.checkpoint(exchange, log.map(\.id))])
        var lines = String(decoding: try mixed.encoded(), as: UTF8.self).split(separator: "\n").map(String.init)
        lines[0] = lines[0].replacingOccurrences(
            of: String(decoding: mixed.checkpoints[0].wireBytes, as: UTF8.self), with: String(decoding: foreign.wireBytes, as: UTF8.self)
        )
        #expect(throws: SyncError(code: .malformedBundle, message: "")) {
            try ExchangeBundle(reading: Array((lines.joined(separator: "\n") + "\n").utf8))
        }
    }

    /// Defence: two envelopes of one author at one seq are both kept, reported, and neither is
    /// folded; the pair is evidence anyone can check offline.
    @Test func equivocation() throws {
        let (exchange, log, _) = try F.log(count: 2)
        var fork = EnvelopeSigner(key: F.hqA, exchange: exchange, head: ChainHead(seq: 2, id: log[1].id))
        let twin = try fork.sign(F.put(.request, "a1", surname: "Other"), at: F.time(40))
        let report = Verifier(exchange: exchange).verify(log + [twin])
        let found = try #require(report.equivocations.first)
        #expect(found.seq == 3)
        #expect(Set(found.ids) == [log[2].id, twin.id])
        #expect(report.heads[F.hqA.publicKey.keyID]?.seq == 2, "the fold stops before the fork")
        let evidence = Evidence(equivocationIn: log[0], log[2], twin)
        #expect(evidence.flaws().isEmpty)
        let read = try Evidence(parsing: try evidence.fileBytes())
        #expect(read == evidence)
        #expect(Evidence(equivocationIn: log[0], log[2], log[2]).flaws() == [.sameEnvelope])
    }

    /// Defence: a chain is folded only up to its first hole: a server that omits an envelope
    /// cannot make the client store (or claim in its heads) what comes after it.
    @Test func omission() throws {
        let (exchange, log, _) = try F.log(count: 4)
        let withHole = [log[0], log[1], log[3], log[4]]
        let (party, result) = try F.Party.ingest(withHole, exchange: exchange)
        #expect(result.added == 2)
        #expect(Set(result.refused.keys) == [2, 3])
        #expect(try party.replica.heads(exchange: exchange)[F.hqA.publicKey.keyID]?.seq == 2, "the head stops before the hole")
    }

    /// Defence: the wire form has exactly one spelling: whitespace, member order, escapes and
    /// duplicate members are refused, so one signature never covers two readings.
    @Test func canonicalizationAmbiguity() throws {
        let (_, log, _) = try F.log(count: 1)
        let wire = String(decoding: log[1].wireBytes, as: UTF8.self)
        let variants = [
            wire.replacingOccurrences(of: #"{"envelope":"#, with: #"{ "envelope":"#),
            wire.replacingOccurrences(of: #""seq":2"#, with: #""seq":2.0"#),
            wire.replacingOccurrences(of: #""seq":2"#, with: #""seq":2,"seq":2"#),
            wire.replacingOccurrences(of: "Synthetic0", with: #"Synthetic\u0030"#),
            wire.replacingOccurrences(of: #""version":1"#, with: #""version":1e0"#),
            wire + " ",
        ]
        for variant in variants {
            #expect(variant != wire)
            #expect(throws: LogError.self) { try SignedEnvelope(parsing: Array(variant.utf8)) }
        }
        #expect(try SignedEnvelope(parsing: Array(wire.utf8)).id == log[1].id)
    }

    /// Defence: every signature covers its context string first, so a signature made for one
    /// purpose (an envelope, a checkpoint, a request) never verifies for another.
    @Test func contextConfusion() throws {
        let (exchange, log, _) = try F.log(count: 1)
        let envelope = log[1]
        // The same key signs a checkpoint; its signature is offered over the envelope's bytes.
        let checkpoint = try F.checkpoint(exchange, log.map(\.id), key: F.hqA)
        #expect(!F.hqA.publicKey.isValidSignature(checkpoint.signature, for: envelope.signedMessage))
        #expect(!F.hqA.publicKey.isValidSignature(envelope.signature, for: checkpoint.signedMessage))
        // An envelope signature over the bare canonical bytes, or under the checkpoint context, fails.
        let bare = try F.hqA.signature(for: envelope.canonicalBytes)
        let wrongContext = try F.hqA.signature(for: SignatureContext.checkpoint.message(for: envelope.canonicalBytes))
        #expect(!F.hqA.publicKey.isValidSignature(wrongContext, for: envelope.signedMessage))
        #expect(!F.hqA.publicKey.isValidSignature(bare, for: envelope.signedMessage))
        #expect(envelope.isSigned(by: F.hqA.publicKey), "the right context verifies")
        // A request signature (RFC 9421 base with tag parley/v1/request) is not an envelope signature.
        let headers = try RequestSignature.sign(
            method: "POST", requestTarget: "/v1/exchanges", body: envelope.wireBytes, key: F.hqA, created: F.epoch, nonce: Array(repeating: 7, count: 16)
        )
        let value = try #require(headers.fields.first { $0.name == "Signature" }?.value)
        let base64 = value.split(separator: ":")[1]
        let requestSignature = try #require(Data(base64Encoded: String(base64)))
        #expect(!F.hqA.publicKey.isValidSignature(Array(requestSignature), for: envelope.signedMessage))
    }

    /// What one stolen participant key can and cannot do today. It can sign valid envelopes in
    /// its own chain (its own lists, decisions, disputes, a signature on a manifest) and sign
    /// requests as that party. It cannot write another party's list or chain, count twice on a
    /// manifest, act in a role it lacks, or rewrite what it already published without the fork
    /// being caught. A stolen server key signs checkpoints, which the parties' ledgers check.
    @Test func keyCompromise() throws {
        let (exchange, log, _) = try F.log(count: 2)
        let stolen = F.hqA
        var thief = F.signer(stolen, exchange, after: log)
        // Can: a valid envelope of its own.
        let own = try thief.sign(F.put(.request, "planted", surname: "Planted"), at: F.time(70))
        // Cannot: a mediator's operation.
        let confirm = try thief.sign(.confirm(Confirm(direction: .toA, reconciliation: String(repeating: "0", count: 64))), at: F.time(71))
        // Cannot: rewrite its published seq 2 without an equivocation.
        var rewrite = EnvelopeSigner(key: stolen, exchange: exchange, head: ChainHead(seq: 1, id: log[0].id))
        let rewritten = try rewrite.sign(F.put(.request, "a0", surname: "Rewritten"), at: F.time(72))
        // Cannot: write B's chain.
        let asB = try F.forge(
            Envelope(exchange: exchange, author: F.hqB.publicKey.keyID, seq: 1, prev: nil, timestamp: F.time(73), operation: F.put(.release, "b")),
            with: stolen
        )
        let report = Verifier(exchange: exchange).verify(log + [own, confirm, rewritten, asB])
        #expect(report.verdict(for: own.id)?.isValid == true)
        #expect(report.verdict(for: confirm.id)?.reasons == [.roleNotAllowed])
        #expect(report.equivocations.map(\.seq) == [2])
        #expect(report.verdict(for: asB.id)?.reasons == [.badSignature])
        // Its writes land only in its own side's list.
        let lists = report.state?.lists.keys.map(\.side) ?? []
        #expect(lists.allSatisfy { $0 == .a })
    }

    /// Defence: the state and every reconciliation hash are a function of the set of envelopes,
    /// not of arrival order or duplicates: every permutation folds to the same hashes.
    @Test func nonDeterministicReconciliation() throws {
        var written = F.Written()
        let exchange = written.exchange
        func sign(_ key: SigningKey, _ operation: ParleyLog.Operation) throws { try written.sign(key, operation) }
        var envelopes: [SignedEnvelope] { written.envelopes }
        try sign(F.hqA, F.put(.request, "a1", surname: "Koval"))
        try sign(F.hqA, F.put(.request, "a2", surname: "Marchenko"))
        try sign(F.hqB, F.put(.release, "b1", surname: "Koval"))
        try sign(F.hqB, F.put(.release, "b2", surname: "Marchenko"))
        try sign(F.mediator, .setTerms(Terms(counts: [.toA: 2, .toB: 0])))
        try sign(F.hqB, .openDispute(OpenDispute(
            about: [EntryRef(list: ListKey(side: .a, kind: .request), author: F.hqA.publicKey.keyID, entry: "a1")], reason: .other, note: ""
        )))
        let expected = Verifier(exchange: exchange).verify(envelopes)
        let hash = try #require(expected.state?.stateHash)
        let reconciliation = Reconciliation(state: expected.state!).hash
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<12 {
            let shuffled = (envelopes + envelopes.prefix(2)).shuffled(using: &generator)
            let report = Verifier(exchange: exchange).verify(shuffled)
            #expect(report.state?.stateHash == hash)
            #expect(Reconciliation(state: report.state!).hash == reconciliation)
        }
        #expect(envelopes[0].id == exchange.genesis)
    }
}

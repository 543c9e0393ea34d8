import Foundation
import ParleyCrypto
import ParleyLog
import Testing

@Suite struct CheckpointLedgerTests {
    static let server = LogFixture.key(0x07)
    static let exchange = ExchangeID(hex: String(repeating: "cd", count: 32))!

    /// Synthetic envelope ids.
    static let ids = (0..<20).map { EnvelopeID(hex: String(repeating: String(format: "%02x", $0), count: 32))! }

    /// The honest log's checkpoint of its first `size` ids, signed by `key`.
    static func signed(
        _ size: Int, of ids: [EnvelopeID] = ids, key: SigningKey = server, exchange: ExchangeID = exchange, minute: Int = 0
    ) throws -> SignedCheckpoint {
        let checkpoint = Checkpoint(
            exchange: exchange, tree: MerkleLog(ids.prefix(size)), timestamp: LogFixture.time(minute),
            server: key.publicKey.keyID
        )
        return try SignedCheckpoint(signing: checkpoint, with: key)
    }

    static func proof(_ from: Int, _ to: Int, of ids: [EnvelopeID] = ids) -> [[UInt8]] {
        MerkleLog(ids.prefix(to)).consistencyProof(from: from, to: to)!
    }

    private func accept(
        _ ledger: inout CheckpointLedger, _ checkpoint: SignedCheckpoint, proof: [[UInt8]] = [],
        key: PublicKey = server.publicKey, exchange: ExchangeID = exchange
    ) -> CheckpointLedger.Outcome {
        ledger.accept(checkpoint, proof: proof, serverKey: key, exchange: exchange)
    }

    @Test func acceptsAGrowingConsistentLog() throws {
        var ledger = CheckpointLedger()
        #expect(accept(&ledger, try Self.signed(0)) == .accepted)
        #expect(accept(&ledger, try Self.signed(3), proof: Self.proof(0, 3)) == .accepted)
        #expect(accept(&ledger, try Self.signed(7), proof: Self.proof(3, 7)) == .accepted)
        #expect(accept(&ledger, try Self.signed(7, minute: 5)) == .accepted)
        #expect(accept(&ledger, try Self.signed(20), proof: Self.proof(7, 20)) == .accepted)
        let latest = try #require(ledger.latest(server: Self.server.publicKey.keyID, exchange: Self.exchange))
        #expect(latest == (try Self.signed(20)))
        #expect(ledger.checkpoints.count == 1)
        #expect(CheckpointLedger(ledger.checkpoints.values) == ledger)
    }

    @Test func badSignature() throws {
        var ledger = CheckpointLedger()
        let byOther = try Self.signed(3, key: LogFixture.mediator)
        #expect(accept(&ledger, byOther) == .rejected(.badSignature))
        // The right server's checkpoint checked against another key.
        #expect(accept(&ledger, try Self.signed(3), key: LogFixture.mediator.publicKey) == .rejected(.badSignature))
        // A flipped bit in the signature.
        let good = try Self.signed(3)
        var wire = good.wireBytes
        let signatureStart = wire.count - 2 - good.signatureBase64URL.utf8.count
        wire[signatureStart + 10] = wire[signatureStart + 10] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        #expect(accept(&ledger, try SignedCheckpoint(parsing: wire)) == .rejected(.badSignature))
        #expect(ledger.checkpoints.isEmpty)
    }

    @Test func otherExchange() throws {
        var ledger = CheckpointLedger()
        let other = ExchangeID(hex: String(repeating: "ef", count: 32))!
        #expect(accept(&ledger, try Self.signed(3, exchange: other)) == .rejected(.otherExchange))
        #expect(ledger.checkpoints.isEmpty)
    }

    @Test func sizeWentBackwards() throws {
        var ledger = CheckpointLedger()
        let known = try Self.signed(5)
        #expect(accept(&ledger, known) == .accepted)
        #expect(accept(&ledger, try Self.signed(4)) == .rejected(.sizeWentBackwards(known: known)))
        #expect(ledger.latest(server: Self.server.publicKey.keyID, exchange: Self.exchange) == known)
    }

    @Test func sameSizeDifferentRootIsTwoHistories() throws {
        var ledger = CheckpointLedger()
        let known = try Self.signed(5)
        #expect(accept(&ledger, known) == .accepted)
        // The server shows another party a log where envelope 3 was left out and another put in.
        var otherHistory = Self.ids
        otherHistory[3] = EnvelopeID(hex: String(repeating: "ee", count: 32))!
        let shown = try Self.signed(5, of: otherHistory)
        let outcome = accept(&ledger, shown)
        #expect(outcome == .rejected(.sameSizeDifferentRoot(known: known)))
        // The two signed checkpoints are the proof: both verify, same size, different roots.
        #expect(known.isSigned(by: Self.server.publicKey) && shown.isSigned(by: Self.server.publicKey))
        #expect(known.checkpoint.size == shown.checkpoint.size && known.checkpoint.root != shown.checkpoint.root)
        #expect(ledger.latest(server: Self.server.publicKey.keyID, exchange: Self.exchange) == known)
    }

    @Test func inconsistentProof() throws {
        var ledger = CheckpointLedger()
        let known = try Self.signed(5)
        #expect(accept(&ledger, known) == .accepted)
        // A rewritten history that grew: no proof from the old root can hold.
        var otherHistory = Self.ids
        otherHistory[2] = EnvelopeID(hex: String(repeating: "ee", count: 32))!
        let rewritten = try Self.signed(9, of: otherHistory)
        #expect(accept(&ledger, rewritten, proof: Self.proof(5, 9, of: otherHistory)) == .rejected(.inconsistentProof(known: known)))
        // The honest checkpoint with a wrong, empty or mismatched proof.
        let honest = try Self.signed(9)
        #expect(accept(&ledger, honest, proof: []) == .rejected(.inconsistentProof(known: known)))
        #expect(accept(&ledger, honest, proof: Self.proof(4, 9)) == .rejected(.inconsistentProof(known: known)))
        #expect(accept(&ledger, honest, proof: Self.proof(5, 9)) == .accepted)
    }

    @Test func serversAndExchangesAreKeptApart() throws {
        var ledger = CheckpointLedger()
        let otherExchange = ExchangeID(hex: String(repeating: "ef", count: 32))!
        #expect(accept(&ledger, try Self.signed(5)) == .accepted)
        #expect(accept(&ledger, try Self.signed(2, exchange: otherExchange), exchange: otherExchange) == .accepted)
        #expect(accept(&ledger, try Self.signed(3, key: LogFixture.mediator), key: LogFixture.mediator.publicKey) == .accepted)
        #expect(ledger.checkpoints.count == 3)
        #expect(ledger.latest(server: Self.server.publicKey.keyID, exchange: otherExchange)?.checkpoint.size == 2)
    }
}

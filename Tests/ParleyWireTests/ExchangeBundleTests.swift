import Foundation
import ParleyCrypto
import ParleyLog
import ParleyWire
import Testing

@Suite struct ExchangeBundleTests {
    static let fixture = SyncFixture.envelopes(3)
    var exchange: ExchangeID { Self.fixture.0 }
    var envelopes: [SignedEnvelope] { Self.fixture.1 }
    var checkpoint: SignedCheckpoint {
        let tree = MerkleLog(envelopes.map(\.id))
        return try! SignedCheckpoint(
            signing: Checkpoint(exchange: exchange, tree: tree, timestamp: SyncFixture.time(9), server: SyncFixture.key(0x07).publicKey.keyID),
            with: SyncFixture.key(0x07)
        )
    }
    var checkpointText: String { String(decoding: checkpoint.wireBytes, as: UTF8.self) }

    private var bundle: ExchangeBundle {
        ExchangeBundle(exchange: exchange, envelopes: envelopes, checkpoints: [checkpoint])
    }

    private func lines(_ bytes: [UInt8]) -> [String] {
        String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    private func bytes(_ lines: [String]) -> [UInt8] {
        Array(lines.joined(separator: "\n").utf8)
    }

    /// Expects reading `bytes` to fail with `code` and a message mentioning `text`.
    private func expectFailure(
        _ bytes: [UInt8], _ code: SyncError.Code, mentioning text: String,
        limits: ExchangeBundle.Limits = .default, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        do {
            _ = try ExchangeBundle(reading: bytes, limits: limits)
            Issue.record("read a bad bundle", sourceLocation: sourceLocation)
        } catch {
            #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
            #expect(error.message.contains(text), "\(error.message)", sourceLocation: sourceLocation)
        }
    }

    @Test func writesTheSpecifiedLines() throws {
        let encoded = try bundle.encoded()
        let lines = lines(encoded)
        #expect(lines.count == 6 && lines[5].isEmpty)
        #expect(lines[0] == #"{"checkpoints":[\#(checkpointText)],"count":3,"exchange":"\#(exchange.hex)","parley_bundle":1}"#)
        for (index, envelope) in envelopes.enumerated() {
            #expect(Array(lines[index + 1].utf8) == envelope.wireBytes)
        }
        var hasher = SHA256()
        for envelope in envelopes { hasher.update(envelope.wireBytes + [UInt8(ascii: "\n")]) }
        #expect(lines[4] == #"{"end":{"count":3,"sha256":"\#(Hex.encode(hasher.finalize()))"}}"#)
    }

    @Test func roundTrips() throws {
        let read = try ExchangeBundle(reading: try bundle.encoded())
        #expect(read == bundle)
        #expect(read.exchange == exchange)
        #expect(read.envelopes.map(\.id) == envelopes.map(\.id))
        #expect(read.checkpoints == [checkpoint])
        let empty = ExchangeBundle(exchange: exchange, envelopes: [])
        #expect(try ExchangeBundle(reading: try empty.encoded()) == empty)
    }

    @Test func refusesEnvelopesOfAnotherExchange() throws {
        let (_, others) = SyncFixture.envelopes(2, nonce: "ffeeddccbbaa99887766554433221100")
        let mixed = ExchangeBundle(exchange: exchange, envelopes: envelopes + [others[1]])
        #expect(throws: SyncError(code: .wrongExchange, message: "")) { try mixed.encoded() }
        var lines = lines(try bundle.encoded())
        lines[2] = String(decoding: others[1].wireBytes, as: UTF8.self)
        expectFailure(bytes(lines), .wrongExchange, mentioning: "line 3")
        let otherGenesis = ExchangeBundle(exchange: exchange, envelopes: [others[0]])
        #expect(throws: SyncError(code: .wrongExchange, message: "")) { try otherGenesis.encoded() }
    }

    @Test func badHeaders() throws {
        var lines = lines(try bundle.encoded())
        let header = lines[0]
        lines[0] = "not json"
        expectFailure(bytes(lines), .malformedBundle, mentioning: "line 1")
        lines[0] = header.replacingOccurrences(of: #""parley_bundle":1"#, with: #""parley_bundle":2"#)
        expectFailure(bytes(lines), .unsupportedVersion, mentioning: "version 2")
        lines[0] = header.replacingOccurrences(of: #","parley_bundle":1"#, with: "")
        expectFailure(bytes(lines), .malformedBundle, mentioning: "parley_bundle")
        lines[0] = header.replacingOccurrences(of: exchange.hex, with: "XYZ")
        expectFailure(bytes(lines), .malformedBundle, mentioning: "exchange")
        lines[0] = header.replacingOccurrences(of: #""count":3"#, with: #""count":-1"#)
        expectFailure(bytes(lines), .malformedBundle, mentioning: "count")
        lines[0] = header.replacingOccurrences(of: #""count":3"#, with: #""count":3,"extra":1"#)
        expectFailure(bytes(lines), .malformedBundle, mentioning: "exactly")
        lines[0] = header.replacingOccurrences(of: "[\(checkpointText)]", with: "[1]")
        expectFailure(bytes(lines), .malformedBundle, mentioning: "checkpoints")
        lines[0] = header
        expectFailure(bytes(lines), .tooLarge, mentioning: "limit of 2", limits: .init(maxLineBytes: 1 << 20, maxCount: 2))
        expectFailure(try bundle.encoded(), .tooLarge, mentioning: "line 1", limits: .init(maxLineBytes: 64, maxCount: 10))
    }

    @Test func countMismatches() throws {
        var lines = lines(try bundle.encoded())
        // Header announces 4, three envelopes follow, then the end line.
        let header = lines[0]
        lines[0] = header.replacingOccurrences(of: #""count":3"#, with: #""count":4"#)
        expectFailure(bytes(lines), .countMismatch, mentioning: "line 5")
        // Header announces 2: line 4 holds an envelope where the end line belongs.
        lines[0] = header.replacingOccurrences(of: #""count":3"#, with: #""count":2"#)
        expectFailure(bytes(lines), .countMismatch, mentioning: "line 4")
        // The end line counts 2.
        lines[0] = header
        lines[4] = lines[4].replacingOccurrences(of: #""count":3"#, with: #""count":2"#)
        expectFailure(bytes(lines), .countMismatch, mentioning: "line 5")
    }

    @Test func digestMismatch() throws {
        var lines = lines(try bundle.encoded())
        lines[4] = #"{"end":{"count":3,"sha256":"\#(String(repeating: "0", count: 64))"}}"#
        expectFailure(bytes(lines), .digestMismatch, mentioning: "line 5")
        // Swapping two envelopes keeps each line valid but changes the digest.
        lines = self.lines(try bundle.encoded())
        lines.swapAt(2, 3)
        expectFailure(bytes(lines), .digestMismatch, mentioning: "sha256")
    }

    @Test func truncation() throws {
        let encoded = try bundle.encoded()
        var lines = lines(encoded)
        expectFailure(Array(encoded.dropLast()), .truncated, mentioning: "line 5")
        lines.removeLast(2)
        expectFailure(bytes(lines) + [UInt8(ascii: "\n")], .truncated, mentioning: "end line is missing")
        lines.removeLast()
        expectFailure(bytes(lines) + [UInt8(ascii: "\n")], .truncated, mentioning: "after 2 of 3")
        expectFailure(bytes(Array(lines.prefix(2))) + [UInt8(ascii: "\n")] + Array(encoded[0..<10]), .truncated, mentioning: "line 3")
        expectFailure([], .truncated, mentioning: "empty")
        expectFailure(Array(encoded.prefix(20)), .truncated, mentioning: "line 1")
    }

    @Test func malformedLines() throws {
        var lines = lines(try bundle.encoded())
        let original = lines
        lines[2] = #"{"hello":"world"}"#
        expectFailure(bytes(lines), .malformedEnvelope, mentioning: "line 3")
        lines = original
        // Not canonical: a space after the first colon.
        lines[3] = lines[3].replacingOccurrences(of: #"{"envelope":"#, with: #"{"envelope": "#)
        expectFailure(bytes(lines), .malformedEnvelope, mentioning: "line 4")
        lines = original
        lines[4] = #"{"end":{"count":3}}"#
        expectFailure(bytes(lines), .malformedBundle, mentioning: "line 5")
        lines = original
        lines[4] = #"{"end":{"count":3,"sha256":"XX"}}"#
        expectFailure(bytes(lines), .malformedBundle, mentioning: "sha256")
        lines = original
        lines.insert("{}", at: 5)
        expectFailure(bytes(lines), .malformedBundle, mentioning: "line 6")
        expectFailure(try bundle.encoded() + SyncFixture.bytes("x"), .malformedBundle, mentioning: "after the end line")
    }

    @Test func checkpointsMustBeSignedCheckpointsOfTheExchange() throws {
        let other = SyncFixture.envelopes(2, nonce: "ffeeddccbbaa99887766554433221100")
        let foreign = try SignedCheckpoint(
            signing: Checkpoint(exchange: other.0, tree: MerkleLog(other.1.map(\.id)), timestamp: SyncFixture.time(9),
                                server: SyncFixture.key(0x07).publicKey.keyID),
            with: SyncFixture.key(0x07)
        )
        let bad = ExchangeBundle(exchange: exchange, envelopes: envelopes, checkpoints: [foreign])
        #expect(throws: SyncError(code: .wrongExchange, message: "")) { try bad.encoded() }
        var lines = lines(try bundle.encoded())
        lines[0] = lines[0].replacingOccurrences(of: checkpointText, with: String(decoding: foreign.wireBytes, as: UTF8.self))
        expectFailure(bytes(lines), .malformedBundle, mentioning: "another exchange")
        lines = self.lines(try bundle.encoded())
        lines[0] = lines[0].replacingOccurrences(of: #""size":3"#, with: #""size":-3"#)
        expectFailure(bytes(lines), .malformedBundle, mentioning: "not a signed checkpoint")
    }
}

import Foundation
import ParleyCrypto
import ParleyLog
import Testing

/// A server's handover from one checkpoint key to the next: both keys sign, a party follows only
/// an unbroken path of valid handovers from the key it pinned, and the ledger checks the first
/// checkpoint of the new key against the last one of the old.
@Suite struct ServerHandoverTests {
    let keys = ServerHandoverVectors.seeds.map { try! SigningKey(seed: $0) }

    @Test func theVectorsAreWhatThisImplementationComputes() throws {
        let computed = try ServerHandoverVectors.compute()
        #expect(try ServerHandoverVectors.load(writing: computed) == computed)
        for vector in computed.handovers {
            let handover = try ServerHandover(json: try JSONValue(parsing: Array(vector.wire.utf8)))
            #expect(handover.isValid)
            #expect(EnvelopeVectors.hex(handover.signedMessage) == vector.signedMessageHex)
        }
    }

    @Test func aPathIsFollowedOnlyThroughHandoversBothKeysSigned() throws {
        let first = try ServerHandover(from: keys[0], to: keys[1], at: Timestamp(secondsSince1970: 1_767_225_600))
        let second = try ServerHandover(from: keys[1], to: keys[2], at: Timestamp(secondsSince1970: 1_767_312_000))
        let (k0, k1, k2) = (keys[0].publicKey.keyID, keys[1].publicKey.keyID, keys[2].publicKey.keyID)
        #expect(ServerHandover.path(from: k0, to: k2, through: [second, first]) == [first, second], "any order")
        #expect(ServerHandover.path(from: k1, to: k2, through: [first, second]) == [second])
        #expect(ServerHandover.path(from: k2, to: k2, through: []) == [])
        #expect(ServerHandover.path(from: k0, to: k2, through: [first]) == nil, "a gap")
        #expect(ServerHandover.path(from: k2, to: k0, through: [first, second]) == nil, "handovers go one way")

        // A key the old one never signed over to: a thief's key countersigned by itself only.
        let thief = SigningKey.generate()
        let forged = try ServerHandover(from: thief, to: keys[2], at: Timestamp(secondsSince1970: 1_767_225_600))
        #expect(ServerHandover.path(from: k0, to: k2, through: [forged]) == nil)
        // One bit of either signature, or of the statement, breaks the handover.
        for member in ["old_signature", "new_signature"] {
            guard case var .object(json) = first.json, let text = json[member]?.stringValue, var bytes = Base64URLTestHelper.decode(text) else {
                Issue.record("no \(member)")
                continue
            }
            bytes[10] ^= 0x01
            json[member] = .string(Base64URLTestHelper.encode(bytes))
            let tampered = try ServerHandover(json: .object(json))
            #expect(!tampered.isValid, "\(member) with one bit flipped")
            #expect(ServerHandover.path(from: k0, to: k1, through: [tampered]) == nil)
        }
        guard case var .object(json) = first.json, case var .object(statement) = json["handover"] else {
            Issue.record("no statement")
            return
        }
        statement["timestamp"] = .string("2026-01-02T00:00:00Z")
        json["handover"] = .object(statement)
        #expect(try !ServerHandover(json: .object(json)).isValid, "a changed statement")
    }

    @Test func aMalformedHandoverIsRefusedNamingTheMember() throws {
        let handover = try ServerHandover(from: keys[0], to: keys[1], at: Timestamp(secondsSince1970: 1_767_225_600))
        guard case var .object(json) = handover.json, case var .object(statement) = json["handover"] else {
            Issue.record("no statement")
            return
        }
        statement["new"] = statement["old"]
        json["handover"] = .object(statement)
        #expect(throws: LogError.self) { try ServerHandover(json: .object(json)) }
        json["extra"] = .string("x")
        let error = try #require(throws: LogError.self) { try ServerHandover(json: .object(json)) }
        #expect(error.code == .malformedCheckpoint)
        #expect(throws: LogError.self) { try ServerHandover(from: keys[0], to: keys[0], at: Timestamp(secondsSince1970: 0)) }
    }

    @Test func theFirstCheckpointOfTheNewKeyMustExtendTheLastOfTheOld() throws {
        let exchange = try #require(ExchangeID(hex: String(repeating: "ab", count: 32)))
        var tree = MerkleLog()
        for byte in UInt8(1)...3 { tree.append(try #require(EnvelopeID(hex: String(repeating: String(format: "%02x", byte), count: 32)))) }
        func checkpoint(_ tree: MerkleLog, by key: SigningKey) throws -> SignedCheckpoint {
            try SignedCheckpoint(signing: Checkpoint(exchange: exchange, tree: tree, timestamp: Timestamp(secondsSince1970: 1_767_225_600), server: key.publicKey.keyID), with: key)
        }
        var ledger = CheckpointLedger()
        #expect(ledger.accept(try checkpoint(tree, by: keys[0]), proof: [], serverKey: keys[0].publicKey, exchange: exchange) == .accepted)
        let old = tree
        tree.append(try #require(EnvelopeID(hex: String(repeating: "04", count: 32))))
        let proof = try #require(tree.consistencyProof(from: old.count, to: tree.count))
        let predecessors = [keys[0].publicKey.keyID]

        // A fork: the new key signs a log of the same size with another root.
        var fork = MerkleLog()
        for byte in UInt8(5)...7 { fork.append(try #require(EnvelopeID(hex: String(repeating: String(format: "%02x", byte), count: 32)))) }
        var forked = ledger
        if case .accepted = forked.accept(try checkpoint(fork, by: keys[1]), proof: [], serverKey: keys[1].publicKey, exchange: exchange, predecessors: predecessors) {
            Issue.record("a fork across the handover was accepted")
        }
        // Without the predecessors the fork would pass: the new key has no checkpoint of its own.
        #expect(forked.accept(try checkpoint(fork, by: keys[1]), proof: [], serverKey: keys[1].publicKey, exchange: exchange) == .accepted)

        #expect(ledger.accept(try checkpoint(tree, by: keys[1]), proof: proof, serverKey: keys[1].publicKey, exchange: exchange, predecessors: predecessors) == .accepted)
        #expect(ledger.latest(server: keys[1].publicKey.keyID, exchange: exchange)?.checkpoint.size == 4)
    }
}

/// Base64url without padding, for tampering in tests.
enum Base64URLTestHelper {
    static func encode(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ text: String) -> [UInt8]? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64).map(Array.init)
    }
}

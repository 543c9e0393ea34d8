import Foundation
import ParleyCrypto
import ParleyLog
import ParleyMatch

/// The public envelope vectors in `protocol/vectors/envelopes.json`: their layout, and how this
/// implementation computes them.
struct EnvelopeVectors: Codable, Equatable, ProtocolVectorFile {
    static let fileName = "envelopes.json"

    struct Key: Codable, Equatable {
        var name: String
        var seed: String
        var publicKey: String
        var keyId: String
    }

    struct Vector: Codable, Equatable {
        var name: String
        var author: String
        var canonical: String
        var canonicalHex: String
        var signedMessageHex: String
        var signature: String
        var id: String
        var wire: String
    }

    var description: String
    var context: String
    var keys: [Key]
    var envelopes: [Vector]
    var exchange: String
    var stateCanonical: String
    var stateHash: String

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }

    static func seed(_ byte: UInt8) -> [UInt8] { [UInt8](repeating: byte, count: 32) }

    /// Recomputes every vector with this implementation.
    static func compute() throws -> (vectors: EnvelopeVectors, signed: [SignedEnvelope]) {
        let names: [(String, UInt8)] = [("A-headquarters", 0x01), ("B-headquarters", 0x03), ("mediator", 0x04)]
        let keys = try names.map { try SigningKey(seed: seed($0.1)) }
        let participants = [
            Participant(publicKey: keys[0].publicKey, role: .headquarters, side: .a, name: "Side A headquarters"),
            Participant(publicKey: keys[1].publicKey, role: .headquarters, side: .b, name: "Side B headquarters"),
            Participant(publicKey: keys[2].publicKey, role: .mediator, side: .neutral, name: "Mediator"),
        ]
        let create = CreateExchange(
            nonce: "000102030405060708090a0b0c0d0e0f", title: "Vector exchange",
            terms: ["counts": ["A": 1, "B": 1], "priorities": ["seriously_wounded"]], participants: participants
        )
        var (genesis, sideA) = try EnvelopeSigner.createExchange(
            create, key: keys[0], at: Timestamp(rfc3339: "2025-05-01T09:00:00Z")!
        )
        let put = try sideA.sign(.putEntry(PutEntry(list: .request, entry: "A-0001", fields: [
            .surname: "Коваленко", .givenName: "Олександр", .patronymic: "Сергійович",
            .dateOfBirth: "1990-03-14", .serviceNumber: "AB123456",
        ])), at: Timestamp(rfc3339: "2025-05-01T09:05:00.125Z")!)
        var mediator = EnvelopeSigner(key: keys[2], exchange: sideA.exchange, head: nil)
        let registry = try mediator.sign(.putEntry(PutEntry(list: .registry, entry: "ICRC-77", fields: [
            .surname: "Kovalenko", .givenName: "Oleksandr", .registrationID: "R-77",
        ])), at: Timestamp(rfc3339: "2025-05-01T10:00:00Z")!)
        let remove = try sideA.sign(.removeEntry(RemoveEntry(list: .request, entry: "A-0001", reason: "released in phase 0")),
                                    at: Timestamp(rfc3339: "2025-05-01T11:00:00Z")!)
        let put2 = try sideA.sign(.putEntry(PutEntry(list: .release, entry: "B-0001", fields: [
            .surname: "Petrov", .givenName: "Ivan", .category: "military",
        ])), at: Timestamp(rfc3339: "2025-05-01T11:30:00Z")!)
        var sideB = EnvelopeSigner(key: keys[1], exchange: sideA.exchange, head: nil)
        let released = EntryRef(list: ListKey(side: .a, kind: .release), author: keys[0].publicKey.keyID, entry: "B-0001")
        let dispute = try sideB.sign(.openDispute(OpenDispute(about: [released], reason: .statusContested, note: "civilian")),
                                     at: Timestamp(rfc3339: "2025-05-01T12:00:00Z")!)
        let comment = try mediator.sign(.commentDispute(CommentDispute(dispute: dispute.id, note: "visit planned")),
                                        at: Timestamp(rfc3339: "2025-05-01T12:10:00Z")!)
        let close = try sideB.sign(.closeDispute(CloseDispute(dispute: dispute.id, resolution: "confirmed military")),
                                   at: Timestamp(rfc3339: "2025-05-01T12:20:00Z")!)
        let assert = try sideB.sign(.assertMatch(MatchPair(
            request: EntryRef(list: ListKey(side: .b, kind: .request), author: keys[1].publicKey.keyID, entry: "R-1"), release: released,
            note: "same service number"
        )), at: Timestamp(rfc3339: "2025-05-01T12:30:00Z")!)
        let attest = try mediator.sign(.attest(Attest(
            entry: released, kind: .visited, date: CalendarDate(year: 2025, month: 4, day: 28)!
        )), at: Timestamp(rfc3339: "2025-05-01T12:40:00Z")!)
        let terms = try mediator.sign(.setTerms(Terms(counts: [.toA: 1, .toB: 1], asOf: CalendarDate(year: 2025, month: 5, day: 1))),
                                      at: Timestamp(rfc3339: "2025-05-01T12:50:00Z")!)
        let manifestHash = String(repeating: "0", count: 63) + "1"
        let confirm = try mediator.sign(.confirm(Confirm(direction: .toB, reconciliation: manifestHash)),
                                        at: Timestamp(rfc3339: "2025-05-01T13:00:00Z")!)
        let propose = try mediator.sign(.proposeManifest(ProposeManifest(
            manifest: manifestHash, basis: [keys[0].publicKey.keyID: ChainHead(seq: 4, id: put2.id)], waivers: [Waiver(blocker: "terms:to-A", reason: "phase 2")]
        )), at: Timestamp(rfc3339: "2025-05-01T13:10:00Z")!)
        let sign = try sideA.sign(.signManifest(SignManifest(manifest: manifestHash)), at: Timestamp(rfc3339: "2025-05-01T13:20:00Z")!)
        let signed = [genesis, put, registry, remove, put2, dispute, comment, close, assert, attest, terms, confirm, propose, sign]
        let authors = [0, 0, 2, 0, 0, 1, 2, 1, 1, 2, 2, 2, 2, 0]
        let vectorNames = [
            "genesis", "put-request", "put-registry", "remove", "put-release", "dispute-open", "dispute-comment",
            "dispute-close", "match-assert", "attest", "terms-set", "confirm", "manifest-propose", "manifest-sign",
        ]

        guard let state = Verifier(exchange: sideA.exchange).verify(signed).state else {
            throw CocoaError(.coderInvalidValue)
        }
        let vectors = EnvelopeVectors(
            description: "Parley envelope test vectors (protocol version 1). Seeds are RFC 8032 Ed25519 private seeds; "
                + "signed_message = UTF-8 context, one 0x00 byte, canonical bytes; id = SHA-256 of the canonical bytes. "
                + "Every string here is synthetic.",
            context: "parley/v1/envelope",
            keys: zip(names, keys).map { name, key in
                Key(name: name.0, seed: hex(seed(name.1)), publicKey: hex(key.publicKey.rawRepresentation), keyId: key.publicKey.keyID.hex)
            },
            envelopes: zip(vectorNames, zip(signed, authors)).map { name, pair in
                Vector(
                    name: name, author: names[pair.1].0,
                    canonical: String(decoding: pair.0.canonicalBytes, as: UTF8.self),
                    canonicalHex: hex(pair.0.canonicalBytes), signedMessageHex: hex(pair.0.signedMessage),
                    signature: pair.0.signatureBase64URL, id: pair.0.id.hex,
                    wire: String(decoding: pair.0.wireBytes, as: UTF8.self)
                )
            },
            exchange: sideA.exchange.hex,
            stateCanonical: String(decoding: try CanonicalJSON.encode(state.canonicalForm), as: UTF8.self),
            stateHash: state.stateHash
        )
        return (vectors, signed)
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return encoder
    }()

}

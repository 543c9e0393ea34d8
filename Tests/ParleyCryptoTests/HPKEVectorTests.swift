import Foundation
import ParleyCrypto
import Testing

/// One entry of RFC 9180's test vectors (base mode), as in `Fixtures/hpke-rfc9180-base-x25519.json`.
struct HPKEVector: Decodable, Sendable, CustomTestStringConvertible {
    struct Encryption: Decodable, Sendable {
        var aad: String
        var ct: String
        var nonce: String
        var pt: String
    }

    struct Export: Decodable, Sendable {
        var exporterContext: String
        var length: Int
        var exportedValue: String

        enum CodingKeys: String, CodingKey {
            case exporterContext = "exporter_context"
            case length = "L"
            case exportedValue = "exported_value"
        }
    }

    var mode: Int
    var kemID: Int
    var kdfID: Int
    var aeadID: UInt16
    var info: String
    var ikmR: String
    var ikmE: String
    var skRm: String
    var skEm: String
    var pkRm: String
    var pkEm: String
    var enc: String
    var sharedSecret: String
    var keyScheduleContext: String
    var secret: String
    var key: String
    var baseNonce: String
    var exporterSecret: String
    var encryptions: [Encryption]
    var exports: [Export]

    enum CodingKeys: String, CodingKey {
        case mode, info, ikmR, ikmE, skRm, skEm, pkRm, pkEm, enc, secret, key, encryptions, exports
        case kemID = "kem_id"
        case kdfID = "kdf_id"
        case aeadID = "aead_id"
        case sharedSecret = "shared_secret"
        case keyScheduleContext = "key_schedule_context"
        case baseNonce = "base_nonce"
        case exporterSecret = "exporter_secret"
    }

    var testDescription: String { "aead_id \(aeadID)" }

    var suite: HPKESuite {
        HPKESuite(aead: AEADAlgorithm(hpkeID: aeadID)!)
    }

    /// The vectors of the fixture.
    static func all() throws -> [HPKEVector] {
        try JSONDecoder().decode([HPKEVector].self, from: fixture("hpke-rfc9180-base-x25519.json"))
    }
}

/// HPKE against every RFC 9180 test vector of its suites (base mode, DHKEM(X25519, HKDF-SHA256),
/// HKDF-SHA256, AEAD 1, 2 and 3), byte for byte.
@Suite struct HPKEVectorTests {
    static let vectors = (try? HPKEVector.all()) ?? []

    @Test("the fixture holds the three suites, base mode, with all encryptions and exports")
    func fixtureShape() throws {
        let vectors = try HPKEVector.all()
        #expect(vectors.map(\.aeadID).sorted() == [1, 2, 3])
        for vector in vectors {
            #expect(vector.mode == 0 && vector.kemID == 0x20 && vector.kdfID == 1)
            #expect(vector.encryptions.count == 257)
            #expect(vector.exports.count == 3)
        }
    }

    @Test("DeriveKeyPair gives the vector's key pairs", arguments: vectors)
    func deriveKeyPair(_ vector: HPKEVector) throws {
        let recipient = try DHKEM.deriveKeyPair(inputKeyMaterial: bytes(hex: vector.ikmR))
        let ephemeral = try DHKEM.deriveKeyPair(inputKeyMaterial: bytes(hex: vector.ikmE))
        #expect(try hex(recipient.rawRepresentation) == vector.skRm)
        #expect(hex(recipient.publicKey.rawRepresentation) == vector.pkRm)
        #expect(try hex(ephemeral.rawRepresentation) == vector.skEm)
        #expect(hex(ephemeral.publicKey.rawRepresentation) == vector.pkEm)
    }

    @Test("encapsulation, key schedule, every encryption and export, sender side", arguments: vectors)
    func sender(_ vector: HPKEVector) throws {
        let recipient = try EncryptionPublicKey(rawRepresentation: bytes(hex: vector.pkRm))
        let ephemeral = try EncryptionKey(rawRepresentation: bytes(hex: vector.skEm))
        let encapsulation = try DHKEM.encapsulate(to: recipient, ephemeral: ephemeral)
        #expect(hex(encapsulation.sharedSecret) == vector.sharedSecret)
        #expect(hex(encapsulation.encapsulatedKey) == vector.enc)

        var (enc, sender) = try HPKE.setupBaseS(
            to: recipient, info: bytes(hex: vector.info), suite: vector.suite, ephemeral: ephemeral
        )
        #expect(hex(enc) == vector.enc)
        try expectSchedule(sender.context.schedule, vector)
        for (seq, encryption) in vector.encryptions.enumerated() {
            #expect(sender.context.sequenceNumber == UInt64(seq))
            #expect(try hex(sender.context.nonce()) == encryption.nonce, "nonce of message \(seq)")
            let ct = try sender.seal(bytes(hex: encryption.pt), associatedData: bytes(hex: encryption.aad))
            #expect(hex(ct) == encryption.ct, "ciphertext of message \(seq)")
        }
        for export in vector.exports {
            let value = try sender.export(context: bytes(hex: export.exporterContext), length: export.length)
            #expect(hex(value) == export.exportedValue)
        }
    }

    @Test("decapsulation, key schedule, every decryption and export, recipient side", arguments: vectors)
    func recipient(_ vector: HPKEVector) throws {
        let key = try EncryptionKey(rawRepresentation: bytes(hex: vector.skRm))
        #expect(try hex(DHKEM.decapsulate(bytes(hex: vector.enc), with: key)) == vector.sharedSecret)

        var recipient = try HPKE.setupBaseR(
            encapsulatedKey: bytes(hex: vector.enc), key: key, info: bytes(hex: vector.info), suite: vector.suite
        )
        try expectSchedule(recipient.context.schedule, vector)
        for (seq, encryption) in vector.encryptions.enumerated() {
            let pt = try recipient.open(bytes(hex: encryption.ct), associatedData: bytes(hex: encryption.aad))
            #expect(hex(pt) == encryption.pt, "plaintext of message \(seq)")
        }
        #expect(recipient.context.sequenceNumber == UInt64(vector.encryptions.count))
        for export in vector.exports {
            let value = try recipient.export(context: bytes(hex: export.exporterContext), length: export.length)
            #expect(hex(value) == export.exportedValue)
        }
    }

    @Test("single-shot open of each vector's first message", arguments: vectors)
    func singleShot(_ vector: HPKEVector) throws {
        let key = try EncryptionKey(rawRepresentation: bytes(hex: vector.skRm))
        let first = vector.encryptions[0]
        let pt = try HPKE.open(
            bytes(hex: first.ct), encapsulatedKey: bytes(hex: vector.enc), key: key, info: bytes(hex: vector.info),
            associatedData: bytes(hex: first.aad), suite: vector.suite
        )
        #expect(hex(pt) == first.pt)
    }

    private func expectSchedule(_ schedule: HPKEKeySchedule, _ vector: HPKEVector) throws {
        #expect(hex(schedule.keyScheduleContext) == vector.keyScheduleContext)
        #expect(hex(schedule.secret) == vector.secret)
        #expect(hex(schedule.key.rawRepresentation) == vector.key)
        #expect(schedule.key.algorithm.hpkeID == vector.aeadID)
        #expect(hex(schedule.baseNonce) == vector.baseNonce)
        #expect(hex(schedule.exporterSecret) == vector.exporterSecret)
    }
}

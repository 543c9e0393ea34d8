import Foundation
import ParleyCrypto
import ParleyLog

/// The public server-handover vectors in `protocol/vectors/server-handovers.json`: three server
/// keys from fixed seeds and the two handovers that lead from the first to the third.
struct ServerHandoverVectors: Codable, Equatable, ProtocolVectorFile {
    static let fileName = "server-handovers.json"

    struct Key: Codable, Equatable {
        var seed: String
        var publicKey: String
        var keyId: String
    }

    struct Vector: Codable, Equatable {
        var signedMessageHex: String
        var wire: String
    }

    var description: String
    var context: String
    var keys: [Key]
    var handovers: [Vector]

    static let seeds: [[UInt8]] = [0x21, 0x22, 0x23].map { [UInt8](repeating: $0, count: 32) }

    /// Recomputes every vector with this implementation.
    static func compute() throws -> ServerHandoverVectors {
        let keys = try seeds.map { try SigningKey(seed: $0) }
        var handovers: [Vector] = []
        for index in 0..<(keys.count - 1) {
            let handover = try ServerHandover(
                from: keys[index], to: keys[index + 1], at: Timestamp(secondsSince1970: 1_767_225_600 + Int64(index) * 86_400)
            )
            handovers.append(Vector(
                signedMessageHex: EnvelopeVectors.hex(handover.signedMessage),
                wire: String(decoding: try CanonicalJSON.encode(handover.json), as: UTF8.self)
            ))
        }
        return ServerHandoverVectors(
            description: "Parley server key handovers (protocol version 1). Seeds are RFC 8032 Ed25519 private seeds; "
                + "handover n leads from key n to key n + 1; signed_message = UTF-8 context, one 0x00 byte, the RFC 8785 "
                + "bytes of the handover statement; both keys sign it (pure Ed25519); wire is the canonical JSON form.",
            context: SignatureContext.serverHandover.rawValue,
            keys: zip(seeds, keys).map { seed, key in
                Key(seed: EnvelopeVectors.hex(seed), publicKey: EnvelopeVectors.hex(key.publicKey.rawRepresentation), keyId: key.publicKey.keyID.hex)
            },
            handovers: handovers
        )
    }
}

import Foundation
import ParleyCrypto
import ParleyLog

/// The public checkpoint vectors in `protocol/vectors/checkpoints.json`: a server key, the
/// checkpoints of the log of `envelopes.json` (its first five envelopes appended in order) at every
/// size, and consistency proofs between them.
struct CheckpointVectors: Codable, Equatable, ProtocolVectorFile {
    static let fileName = "checkpoints.json"

    struct Key: Codable, Equatable {
        var seed: String
        var publicKey: String
        var keyId: String
    }

    struct Vector: Codable, Equatable {
        var size: Int
        var canonical: String
        var signedMessageHex: String
        var signature: String
        var wire: String
    }

    struct Consistency: Codable, Equatable {
        var from: Int
        var to: Int
        var proof: [String]
    }

    var description: String
    var context: String
    var server: Key
    var exchange: String
    var leaves: [String]
    var checkpoints: [Vector]
    var consistency: [Consistency]

    static let serverSeed = [UInt8](repeating: 0x07, count: 32)

    /// Recomputes every vector with this implementation.
    static func compute() throws -> CheckpointVectors {
        let (envelopes, all) = try EnvelopeVectors.compute()
        // The first five: the list operations, which these vectors were published with.
        let signed = Array(all.prefix(5))
        let key = try SigningKey(seed: serverSeed)
        let exchange = try ExchangeID(hex: envelopes.exchange).orThrow()
        var tree = MerkleLog()
        var checkpoints: [Vector] = []
        for (index, envelope) in ([nil] + signed.map(Optional.some)).enumerated() {
            if let envelope { tree.append(envelope.id) }
            let checkpoint = Checkpoint(
                exchange: exchange, tree: tree,
                timestamp: Timestamp(secondsSince1970: 1_746_090_000 + Int64(index) * 3600), server: key.publicKey.keyID
            )
            let signedCheckpoint = try SignedCheckpoint(signing: checkpoint, with: key)
            checkpoints.append(Vector(
                size: tree.count,
                canonical: String(decoding: signedCheckpoint.canonicalBytes, as: UTF8.self),
                signedMessageHex: EnvelopeVectors.hex(signedCheckpoint.signedMessage),
                signature: signedCheckpoint.signatureBase64URL,
                wire: String(decoding: signedCheckpoint.wireBytes, as: UTF8.self)
            ))
        }
        var consistency: [Consistency] = []
        for to in 0...tree.count {
            for from in 0...to {
                let proof = try tree.consistencyProof(from: from, to: to).orThrow()
                consistency.append(Consistency(from: from, to: to, proof: proof.map(EnvelopeVectors.hex)))
            }
        }
        return CheckpointVectors(
            description: "Parley checkpoint test vectors (protocol version 1). The server's seed is an RFC 8032 Ed25519 "
                + "private seed; leaves are the ids of envelopes.json in order; checkpoint n covers the first n; "
                + "signed_message = UTF-8 context, one 0x00 byte, canonical bytes; consistency = RFC 9162 PROOF(from, to), "
                + "empty when from is 0 or to.",
            context: SignatureContext.checkpoint.rawValue,
            server: Key(
                seed: EnvelopeVectors.hex(serverSeed), publicKey: EnvelopeVectors.hex(key.publicKey.rawRepresentation),
                keyId: key.publicKey.keyID.hex
            ),
            exchange: exchange.hex,
            leaves: signed.map(\.id.hex),
            checkpoints: checkpoints,
            consistency: consistency
        )
    }
}

extension Optional {
    /// The value, or a thrown error when `nil`.
    func orThrow() throws -> Wrapped {
        guard let self else { throw CocoaError(.coderValueNotFound) }
        return self
    }
}

import Foundation
import ParleyCrypto
import ParleyLog
import ParleyMatch

/// The public key-handover vectors in `protocol/vectors/keys.json` (PROTOCOL.md §5.14, §8):
/// a rotation, a revocation that sets envelopes aside, the race between a thief's rotation
/// and the owner's revocation, and a revocation that cannot undo a final manifest, each a small exchange of the keys of `vectors/envelopes.json`
/// (plus the new, recovery and thief keys named in the file), with what a verifier must find.
struct KeyVectors: Codable, Equatable, ProtocolVectorFile {
    static let fileName = "keys.json"

    struct Case: Codable, Equatable {
        var name: String
        var description: String
        var exchange: String
        var envelopes: [String]
        var verdicts: [String: [String]]
        var equivocations: [FoldVectors.Fork]
        var setAside: [String]
        /// Per participant id with a key operation: the identity key in force (raw, hex) and the
        /// recovery key (raw, hex, or `null`).
        var keys: [String: [String: String?]]
        var stateCanonical: String
        var stateHash: String
    }

    var description: String
    /// The extra keys: name → seed (hex).
    var seeds: [String: String]
    var cases: [Case]

    /// What a verifier finds in `wire`: verdicts, forks, what is set aside, the keys and the state.
    static func expectations(name: String, description: String, exchange: ExchangeID, wire: [[UInt8]]) throws -> Case {
        let report = Verifier(exchange: exchange).verify(wire: wire)
        let fold = try FoldVectors.expectations(name: name, description: description, exchange: exchange, wire: wire, report: report)
        guard let state = report.state else { throw CocoaError(.coderInvalidValue) }
        var keys: [String: [String: String?]] = [:]
        for (participant, chain) in state.chainKeys {
            keys[participant.hex] = [
                "identity": Hex.encode(chain.identity.rawRepresentation),
                "recovery": chain.recovery.map { Hex.encode($0.rawRepresentation) },
            ]
        }
        return Case(
            name: name, description: description, exchange: exchange.hex, envelopes: fold.envelopes, verdicts: fold.verdicts,
            equivocations: fold.equivocations, setAside: report.setAside.map(\.id.hex).sorted(), keys: keys,
            stateCanonical: fold.stateCanonical, stateHash: fold.stateHash
        )
    }

    static func x25519(_ byte: UInt8) -> EncryptionKey {
        try! EncryptionKey(rawRepresentation: EnvelopeVectors.seed(byte))
    }

    /// Side A and side B announce encryption keys (`key.encryption`, §5.17); side B shares its
    /// content key (`content.share`, §5.18) to both and puts B-1 sealed (§5.19), then announces a
    /// new encryption key: the state keeps the latest, and a verifier without keys folds B-1 with
    /// no fields.
    static func sealedCase(person: (String) -> [Field: String], later: Timestamp) throws -> Case {
        var sealed = try FoldVectors.Builder(nonce: "f0f0f0f0f0f0f0f0f0f0f0f0f0f0f015")
        let a = sealed.signers[0].author, b = sealed.signers[1].author
        try sealed.sign(0, .announceEncryptionKey(AnnounceEncryptionKey(key: x25519(0x41).publicKey)))
        try sealed.sign(1, .announceEncryptionKey(AnnounceEncryptionKey(key: x25519(0x42).publicKey)))
        let contentKey = try ContentKey(.aes256GCM, bytes: EnvelopeVectors.seed(0x51))
        let shares = try [(a, x25519(0x41)), (b, x25519(0x42))].map { to, key in
            ShareContentKey.Share(to: to, key: key.publicKey.keyID, share: try ContentKeyShare(
                sealing: contentKey, to: key.publicKey, exchange: sealed.exchange.genesis.bytes, author: b, ephemeral: x25519(0x61)
            ))
        }
        try sealed.sign(1, .shareContentKey(ShareContentKey(shares: shares)))
        let put = PutEntry(list: .release, entry: "B-1", fields: person("Koval"))
        let binding = try ContentBinding(exchange: sealed.exchange, author: b, seq: sealed.signers[1].head!.seq + 1, operation: .putEntry)
        let record = try CanonicalJSON.encode(JSONValue.object(["fields": .object(Dictionary(
            uniqueKeysWithValues: put.fields.map { ($0.key.rawValue, JSONValue.string($0.value)) }
        ))]))
        let body = try contentKey.seal(record, binding: binding, nonce: Array(EnvelopeVectors.seed(0x71).prefix(12)))
        try sealed.sign(1, .putEntry(PutEntry(list: .release, entry: "B-1", fields: [:], sealed: body)))
        let noteBinding = try ContentBinding(exchange: sealed.exchange, author: b, seq: sealed.signers[1].head!.seq + 1, operation: .openDispute)
        let note = try contentKey.seal(
            try CanonicalJSON.encode(JSONValue.object(["note": "Koval, born 1991-03-04, is on the list twice"])),
            binding: noteBinding, nonce: Array(EnvelopeVectors.seed(0x72).prefix(12))
        )
        let entry = EntryRef(list: ListKey(side: .b, kind: .release), author: b, entry: "B-1")
        try sealed.sign(1, .openDispute(OpenDispute(about: [entry], reason: .duplicate, note: "", sealed: note)))
        try sealed.sign(1, .announceEncryptionKey(AnnounceEncryptionKey(key: x25519(0x43).publicKey)))
        return try expectations(
            name: "key-encryption-sealed",
            description: "Side A (seed 0x01) announces the X25519 key whose private key is 32 bytes of 0x41; side B (seed 0x03) "
                + "announces 0x42's, shares its AES-256-GCM content key (32 bytes of 0x51) to both (HPKE with the ephemeral key "
                + "32 bytes of 0x61), puts B-1 sealed (nonce: 12 bytes of 0x71; the record opens to the canonical "
                + "{\"fields\": …} of surname Koval, given name Taras, date of birth 1991-03-04), opens a dispute about B-1 whose note is "
                + "sealed (nonce: 12 bytes of 0x72; it opens to {\"note\":\"Koval, born 1991-03-04, is on the list twice\"}), then "
                + "announces 0x43's key. The state keeps side B's latest encryption key, every share as a fact, B-1 with no fields "
                + "and the dispute with its note sealed (a verifier without keys).",
            exchange: sealed.exchange, wire: sealed.envelopes.map(\.wireBytes)
        )
    }

    /// A relay (`content.share` with `relays`, §5.18): side B shares its content key to itself
    /// and the mediator, who announced; side A announces later, and the mediator passes side B's
    /// key on to it, naming side B's `content.share`. Side A's key (0x41) opens the relayed share
    /// with side B's author binding and gets side B's content key.
    static func relayCase(person: (String) -> [Field: String]) throws -> Case {
        var relay = try FoldVectors.Builder(nonce: "f0f0f0f0f0f0f0f0f0f0f0f0f0f0f016")
        let a = relay.signers[0].author, b = relay.signers[1].author, m = relay.signers[2].author
        try relay.sign(1, .announceEncryptionKey(AnnounceEncryptionKey(key: x25519(0x42).publicKey)))
        try relay.sign(2, .announceEncryptionKey(AnnounceEncryptionKey(key: x25519(0x44).publicKey)))
        let contentKey = try ContentKey(.aes256GCM, bytes: EnvelopeVectors.seed(0x51))
        func share(to: KeyID, _ key: EncryptionKey, ephemeral: UInt8) throws -> ShareContentKey.Share {
            ShareContentKey.Share(to: to, key: key.publicKey.keyID, share: try ContentKeyShare(
                sealing: contentKey, to: key.publicKey, exchange: relay.exchange.genesis.bytes, author: b, ephemeral: x25519(ephemeral)
            ))
        }
        let carrier = try relay.sign(1, .shareContentKey(ShareContentKey(shares: [
            try share(to: b, x25519(0x42), ephemeral: 0x61), try share(to: m, x25519(0x44), ephemeral: 0x61),
        ])))
        let binding = try ContentBinding(exchange: relay.exchange, author: b, seq: relay.signers[1].head!.seq + 1, operation: .putEntry)
        let record = try CanonicalJSON.encode(JSONValue.object(["fields": .object(Dictionary(
            uniqueKeysWithValues: person("Koval").map { ($0.key.rawValue, JSONValue.string($0.value)) }
        ))]))
        let body = try contentKey.seal(record, binding: binding, nonce: Array(EnvelopeVectors.seed(0x71).prefix(12)))
        try relay.sign(1, .putEntry(PutEntry(list: .release, entry: "B-1", fields: [:], sealed: body)))
        try relay.sign(0, .announceEncryptionKey(AnnounceEncryptionKey(key: x25519(0x41).publicKey)))
        try relay.sign(2, .shareContentKey(ShareContentKey(
            shares: [try share(to: a, x25519(0x41), ephemeral: 0x62)], relays: ShareContentKey.Relayed(author: b, envelope: carrier.id)
        )))
        return try expectations(
            name: "content-share-relay",
            description: "Side B (seed 0x03) announces the X25519 key of 32 bytes of 0x42 and the mediator (seed 0x04) 0x44's; "
                + "side B shares its AES-256-GCM content key (32 bytes of 0x51) to both (ephemeral key 32 bytes of 0x61) and puts "
                + "B-1 sealed (nonce: 12 bytes of 0x71); side A (seed 0x01) then announces 0x41's key, and the mediator relays "
                + "side B's content key to it (ephemeral 0x62): a content.share whose `relays` names side B and side B's "
                + "content.share, and whose share is sealed with side B's author binding, so 0x41 opens it to the same content key.",
            exchange: relay.exchange, wire: relay.envelopes.map(\.wireBytes)
        )
    }

    static let newKey = try! SigningKey(seed: EnvelopeVectors.seed(0x21))
    static let recoveryKey = try! SigningKey(seed: EnvelopeVectors.seed(0x31))
    static let ownersNewKey = try! SigningKey(seed: EnvelopeVectors.seed(0x32))
    static let thiefKey = try! SigningKey(seed: EnvelopeVectors.seed(0x33))

    /// Recomputes every case with this implementation.
    static func compute() throws -> KeyVectors {
        var cases: [Case] = []
        let person = FoldVectors.person
        let later = Timestamp(secondsSince1970: 1_746_099_000)

        var rotate = try FoldVectors.Builder(nonce: "f0f0f0f0f0f0f0f0f0f0f0f0f0f0f011")
        try rotate.sign(1, .putEntry(PutEntry(list: .release, entry: "B-1", fields: person("Koval"))))
        let old = rotate.signers[1]
        let (rotation, rotated) = try rotate.signers[1].rotating(to: newKey, at: later)
        rotate.envelopes.append(rotation)
        rotate.signers[1] = rotated
        try rotate.sign(1, .putEntry(PutEntry(list: .release, entry: "B-2", fields: person("Marchenko"))))
        var stale = EnvelopeSigner(key: old.key, exchange: rotate.exchange, head: rotate.signers[1].head, author: old.author)
        rotate.envelopes.append(try stale.sign(.putEntry(PutEntry(list: .release, entry: "B-3", fields: person("Savchuk"))), at: later))
        cases.append(try expectations(
            name: "key-rotate",
            description: "Side B rotates at seq 2 to the key of seed 0x21 (signed by its genesis key, countersigned by the new key); "
                + "its seq 3 is signed by the new key and valid; a seq 4 signed by the old key is badSignature and not folded. "
                + "Side B's envelopes keep its genesis key id as author.",
            exchange: rotate.exchange, wire: rotate.envelopes.map(\.wireBytes)
        ))

        /// Side B names the recovery key (seq 1) and puts B-1 (seq 2); a thief with its key puts
        /// B-666 (seq 3) and removes B-1 (seq 4).
        func stolen(_ nonce: String) throws -> FoldVectors.Builder {
            var builder = try FoldVectors.Builder(nonce: nonce)
            try builder.sign(1, .nameRecoveryKey(NameRecoveryKey(key: recoveryKey.publicKey)))
            try builder.sign(1, .putEntry(PutEntry(list: .release, entry: "B-1", fields: person("Koval"))))
            try builder.sign(1, .putEntry(PutEntry(list: .release, entry: "B-666", fields: person("Forged"))))
            try builder.sign(1, .removeEntry(RemoveEntry(list: .release, entry: "B-1", reason: "")))
            return builder
        }

        var revoke = try stolen("f0f0f0f0f0f0f0f0f0f0f0f0f0f0f012")
        let thief = revoke.signers[1]
        let recoverySigner = EnvelopeSigner(key: recoveryKey, exchange: revoke.exchange, head: thief.head, author: thief.author)
        let (revocation, owner) = try recoverySigner.revoking(thief.key.publicKey.keyID, from: 3, newKey: ownersNewKey, at: later)
        revoke.envelopes.append(revocation)
        var thiefLate = EnvelopeSigner(key: thief.key, exchange: revoke.exchange, head: owner.head, author: thief.author)
        revoke.envelopes.append(try thiefLate.sign(.putEntry(PutEntry(list: .release, entry: "B-667", fields: person("Forged"))), at: later))
        revoke.signers[1] = owner
        try revoke.sign(1, .putEntry(PutEntry(list: .release, entry: "B-2", fields: person("Marchenko"))))
        cases.append(try expectations(
            name: "key-revoke-set-aside",
            description: "Side B names the recovery key (seed 0x31) at seq 1; its key is stolen and signs seq 3 and 4. The recovery "
                + "key signs a key.revoke at seq 5 with from 3, countersigned by the key of seed 0x32: seq 3 and 4 are set aside "
                + "(valid, kept, not folded), so B-1 is in the state and B-666 is not. A seq 6 signed by the stolen key is "
                + "badSignature; the seq 6 signed by the new key is valid.",
            exchange: revoke.exchange, wire: revoke.envelopes.map(\.wireBytes)
        ))

        var race = try stolen("f0f0f0f0f0f0f0f0f0f0f0f0f0f0f013")
        let raceThief = race.signers[1]
        let (thiefRotation, thiefRotated) = try raceThief.rotating(to: thiefKey, at: later)
        var thiefNext = thiefRotated
        let thiefPut = try thiefNext.sign(.putEntry(PutEntry(list: .release, entry: "B-668", fields: person("Forged"))), at: later)
        let raceRecovery = EnvelopeSigner(key: recoveryKey, exchange: race.exchange, head: raceThief.head, author: raceThief.author)
        let (raceRevocation, _) = try raceRecovery.revoking(raceThief.key.publicKey.keyID, from: 5, newKey: ownersNewKey, at: later)
        race.envelopes += [thiefRotation, thiefPut, raceRevocation]
        cases.append(try expectations(
            name: "key-revoke-race",
            description: "After the theft of the last case, the thief rotates side B's key to the key of seed 0x33 at seq 5 and "
                + "signs seq 6 with it, while the owner's key.revoke (from 5) also takes seq 5. The revocation wins the race: no "
                + "equivocation, the thief's seq 5 and 6 are set aside, side B's identity key is the key of seed 0x32.",
            exchange: race.exchange, wire: race.envelopes.map(\.wireBytes)
        ))
        var final = try FoldVectors.Builder(nonce: "f0f0f0f0f0f0f0f0f0f0f0f0f0f0f014")
        let manifest = String(repeating: "a", count: 64)
        try final.sign(1, .nameRecoveryKey(NameRecoveryKey(key: recoveryKey.publicKey)))
        try final.sign(1, .putEntry(PutEntry(list: .release, entry: "B-1", fields: person("Koval"))))
        let basis = Verifier(exchange: final.exchange).verify(final.envelopes).heads
        try final.sign(2, .proposeManifest(ProposeManifest(manifest: manifest, basis: basis)))
        for index in [0, 1, 2] { try final.sign(index, .signManifest(SignManifest(manifest: manifest))) }
        try final.sign(1, .putEntry(PutEntry(list: .release, entry: "B-666", fields: person("Forged"))))
        let finalThief = final.signers[1]
        let finalRecovery = EnvelopeSigner(key: recoveryKey, exchange: final.exchange, head: finalThief.head, author: finalThief.author)
        let (finalRevocation, _) = try finalRecovery.revoking(finalThief.key.publicKey.keyID, from: 2, newKey: ownersNewKey, at: later)
        final.envelopes.append(finalRevocation)
        cases.append(try expectations(
            name: "key-revoke-final",
            description: "Every participant signs manifest aaaa… (side B at seq 3), so it is final; side B's key then signs seq 4. "
                + "The recovery key's key.revoke at seq 5 names from 2, but a revocation sets aside nothing at or below the "
                + "highest seq of the chain a final manifest rests on (its counted signature, seq 3): the revocation point is "
                + "raised to 4. Only seq 4 is set aside; B-1 and side B's signature stay, the manifest stays final, and side B's "
                + "identity key is the key of seed 0x32.",
            exchange: final.exchange, wire: final.envelopes.map(\.wireBytes)
        ))
        cases.append(try sealedCase(person: person, later: later))
        cases.append(try relayCase(person: person))
        return KeyVectors(
            description: "Parley key-handover vectors (protocol version 1): the keys of envelopes.json (A-headquarters seed 0x01, "
                + "B-headquarters 0x03, mediator 0x04) and those in `seeds`. Verify each case's envelopes against its exchange: "
                + "every verdict, equivocation, set-aside envelope, key in force and the state hash must match. Every string "
                + "here is synthetic.",
            seeds: ["new": "21", "recovery": "31", "owners-new": "32", "thief": "33", "encryption-a": "41", "encryption-b": "42",
                    "encryption-b-next": "43", "content-key-b": "51", "ephemeral": "61", "nonce": "71"].mapValues { String(repeating: $0, count: 32) },
            cases: cases
        )
    }
}

internal import Foundation
import ParleyCrypto
import ParleyLog
import ParleyStore

/// A party's home folder: its signing key (`key.pem`), its replica (`replica.sqlite`) and its
/// display name (`party.json`). It finds and opens them, and says in one line what is missing.
struct Home {
    /// The folder.
    let path: String

    /// The party's private key, PKCS#8 PEM, mode 0600.
    var keyPath: String { path + "/key.pem" }
    /// The party's replica.
    var replicaPath: String { path + "/replica.sqlite" }
    /// The party's display name, `{"name": …}`.
    var partyPath: String { path + "/party.json" }

    /// The hint that ends every "this home is not set up" message.
    private var initHint: String {
        "run `parley init --name NAME` first, or choose another home with --home or PARLEY_HOME"
    }

    /// The party's signing key.
    ///
    /// - Throws: A one-line failure when the key file is missing, unreadable, too open or not a key.
    func signingKey() throws -> SigningKey {
        do {
            return try KeyFile.read(from: keyPath)
        } catch let error as CryptoError where error.code == .keyFileMissing {
            throw ValidationFailure("no key at \(keyPath): \(initHint)")
        } catch let error as CryptoError {
            throw ValidationFailure(error.message)
        }
    }

    /// Opens the party's replica, which must exist.
    ///
    /// - Parameter readOnly: Open without writing (for commands that only read).
    /// - Throws: A one-line failure when there is no replica, or it is damaged, locked or read-only.
    func openReplica(readOnly: Bool) throws -> Replica {
        guard FileManager.default.fileExists(atPath: replicaPath) else {
            throw ValidationFailure("no replica at \(replicaPath): \(initHint)")
        }
        return try Replica.open(path: replicaPath, readOnly: readOnly)
    }

    /// The key and replica of a party that is about to sign, checked to belong together.
    ///
    /// - Throws: A one-line failure when either is missing or the key is not the replica's.
    func signer() throws -> (key: SigningKey, replica: Replica) {
        let key = try signingKey()
        let replica = try openReplica(readOnly: false)
        if let recorded = try replica.meta(.ownKeyID), recorded != key.publicKey.keyID.hex {
            throw ValidationFailure(
                "\(keyPath) holds key \(Display.short(key.publicKey.keyID)), but replica \(replicaPath) "
                    + "belongs to key \(recorded.prefix(Display.shortLength)); restore the right key.pem"
            )
        }
        return (key, replica)
    }

    /// The party's display name from `party.json`, if it has one.
    func partyName() -> String? {
        guard let data = FileManager.default.contents(atPath: partyPath),
              let party = try? JSONDecoder().decode(Party.self, from: data)
        else { return nil }
        return party.name
    }

    /// Writes `party.json` atomically with mode 0600.
    ///
    /// - Parameter name: The party's display name.
    func writeParty(name: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            let data = try encoder.encode(Party(name: name))
            try data.write(to: URL(fileURLWithPath: partyPath), options: .atomic)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: partyPath)
        } catch {
            throw ValidationFailure("\(partyPath): cannot write (\(error.localizedDescription))")
        }
    }

    /// The content of `party.json`.
    private struct Party: Codable {
        var name: String
    }
}

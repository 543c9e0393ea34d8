import Foundation
public import ParleyCrypto
public import ParleyStore

/// A party's home folder: its signing key (`key.pem`), its replica (`replica.sqlite`, which keeps
/// the party's encryption key of each exchange) and its display name (`party.json`); an older
/// home also has a home-wide encryption key (`encryption.pem`). It makes them, with owner-only modes from the moment each file
/// exists, finds and opens them, and says in one line what is missing.
public struct PartyHome: Sendable {
    /// The folder.
    public let path: String

    /// A home at `path` (nothing is read or made yet).
    public init(path: String) {
        self.path = path
    }

    /// The party's private key, PKCS#8 PEM, mode 0600.
    public var keyPath: String { path + "/key.pem" }
    /// The party's replica, mode 0600.
    public var replicaPath: String { path + "/replica.sqlite" }
    /// The party's display name, `{"name": …}`, mode 0600.
    public var partyPath: String { path + "/party.json" }

    /// The hint that ends every "this home is not set up" message.
    private var initHint: String {
        "run `parley init --name NAME` first, or choose another home with --home or PARLEY_HOME"
    }

    /// Makes the home: the folder (0700, kept if it exists), a new key (0600), `party.json` (0600)
    /// and an empty replica (0600; SQLite gives its -wal and -shm files the same mode), recording
    /// the key's id in the replica.
    ///
    /// - Parameter name: The party's display name.
    /// - Returns: The new key.
    /// - Throws: ``PartyError/Code/exists`` when a key is already there, or a replica of another
    ///   key; ``PartyError/Code/store`` or ``PartyError/Code/badKey`` when a file cannot be made.
    public func create(name: String) throws(PartyError) -> SigningKey {
        try makeFolder()
        guard !FileManager.default.fileExists(atPath: keyPath) else {
            throw PartyError(code: .exists, message: "a key already exists at \(keyPath); not replacing it (`parley whoami` shows it)")
        }
        if FileManager.default.fileExists(atPath: replicaPath),
           let recorded = try stored({ () throws(StoreError) in try Replica.open(path: replicaPath, readOnly: true).meta(.ownKeyID) }) {
            throw PartyError(
                code: .exists,
                message: "replica \(replicaPath) belongs to key \(recorded.prefix(12)), whose key.pem is missing; restore it, or choose a new home"
            )
        }
        let key = SigningKey.generate()
        do {
            try KeyFile.write(key, to: keyPath)
        } catch {
            throw PartyError(code: .badKey, message: (error as? CryptoError)?.message ?? "\(keyPath): cannot write", cause: error)
        }
        try Self.createOwnerOnly(partyPath, contents: try Self.partyJSON(name: name))
        if !FileManager.default.fileExists(atPath: replicaPath) {
            try Self.createOwnerOnly(replicaPath, contents: Data())
        }
        let replica = try stored { () throws(StoreError) in try Replica.open(path: replicaPath) }
        try stored { () throws(StoreError) in try replica.setMeta(.ownKeyID, to: key.publicKey.keyID.hex) }
        return key
    }

    /// The party's signing key.
    ///
    /// - Throws: ``PartyError/Code/notSetUp`` when the key file is missing;
    ///   ``PartyError/Code/badKey`` when it is unreadable, too open or not a key.
    public func signingKey() throws(PartyError) -> SigningKey {
        do {
            return try KeyFile.read(from: keyPath)
        } catch let error as CryptoError where error.code == .keyFileMissing {
            throw PartyError(code: .notSetUp, message: "no key at \(keyPath): \(initHint)", cause: error)
        } catch let error as CryptoError {
            throw PartyError(code: .badKey, message: error.message, cause: error)
        } catch {
            throw PartyError(code: .badKey, message: "\(keyPath): cannot read the key", cause: error)
        }
    }

    /// Opens the party's replica, which must exist.
    ///
    /// - Parameter readOnly: Open without writing (for commands that only read).
    /// - Throws: ``PartyError/Code/notSetUp`` when there is no replica, or a store failure.
    public func openReplica(readOnly: Bool) throws(PartyError) -> Replica {
        guard FileManager.default.fileExists(atPath: replicaPath) else {
            throw PartyError(code: .notSetUp, message: "no replica at \(replicaPath): \(initHint)")
        }
        return try stored { () throws(StoreError) in try Replica.open(path: replicaPath, readOnly: readOnly) }
    }

    /// The key and replica of a party that is about to sign, checked to belong together.
    ///
    /// - Throws: As ``signingKey()`` and ``openReplica(readOnly:)``; ``PartyError/Code/wrongKey``
    ///   when the key is not the one the replica belongs to.
    public func signer() throws(PartyError) -> (key: SigningKey, replica: Replica) {
        let key = try signingKey()
        let replica = try openReplica(readOnly: false)
        if let recorded = try stored({ () throws(StoreError) in try replica.meta(.ownKeyID) }), recorded != key.publicKey.keyID.hex {
            if finishesInstall(of: key, recorded: recorded) {
                // A rotation stopped after installing its key file: record the new key now.
                try stored { () throws(StoreError) in try replica.setMeta(.ownKeyID, to: key.publicKey.keyID.hex) }
                return (key, replica)
            }
            throw PartyError(
                code: .wrongKey,
                message: "\(keyPath) holds key \(key.publicKey.keyID.hex.prefix(12)), but replica \(replicaPath) "
                    + "belongs to key \(recorded.prefix(12)); restore the right key.pem"
            )
        }
        return (key, replica)
    }

    /// The party's display name from `party.json`, if it has one.
    public func partyName() -> String? {
        guard let data = FileManager.default.contents(atPath: partyPath),
              let party = try? JSONDecoder().decode(Party.self, from: data)
        else { return nil }
        return party.name
    }

    /// The folder, made with mode 0700 unless it exists.
    private func makeFolder() throws(PartyError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw PartyError(code: .exists, message: "\(path) is a file, not a folder") }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw PartyError(code: .notSetUp, message: "cannot create \(path) (\(error.localizedDescription))", cause: error)
        }
    }

    /// `party.json`'s bytes.
    private static func partyJSON(name: String) throws(PartyError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return try encoder.encode(Party(name: name))
        } catch {
            throw PartyError(code: .notSetUp, message: "cannot encode party.json", cause: error)
        }
    }

    /// Creates a new file with mode 0600 from the start (never readable by others, not even for
    /// a moment) and writes `contents` to it.
    private static func createOwnerOnly(_ path: String, contents: Data) throws(PartyError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            throw PartyError(code: .notSetUp, message: "\(path): cannot create (errno \(errno))")
        }
        defer { close(descriptor) }
        let written = contents.withUnsafeBytes { buffer in
            buffer.isEmpty ? 0 : write(descriptor, buffer.baseAddress, buffer.count)
        }
        guard written == contents.count, fsync(descriptor) == 0 else {
            throw PartyError(code: .notSetUp, message: "\(path): cannot write")
        }
    }

    /// The content of `party.json`.
    private struct Party: Codable {
        var name: String
    }
}

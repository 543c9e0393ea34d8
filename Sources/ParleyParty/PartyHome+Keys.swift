import Foundation
public import ParleyCrypto
public import ParleyStore

extension PartyHome {
    /// A new identity key made by `parley key rotate` and not installed yet (mode 0600): it waits
    /// here until every exchange's chain has been handed to it, so that an interrupted rotation
    /// resumes with the same key.
    public var pendingKeyPath: String { path + "/key.next.pem" }
    /// The identity key a rotation replaced (mode 0600): kept, not deleted, so that requests to a
    /// server that has not yet seen the rotation can still be signed; the next rotation replaces it.
    public var previousKeyPath: String { path + "/key.previous.pem" }

    /// The pending key of an interrupted rotation, if there is one.
    ///
    /// - Throws: ``PartyError/Code/badKey`` when the file is there but unreadable.
    public func pendingKey() throws(PartyError) -> SigningKey? {
        try optionalKey(at: pendingKeyPath)
    }

    /// The key the last rotation replaced, if the home keeps one.
    ///
    /// - Throws: ``PartyError/Code/badKey`` when the file is there but unreadable.
    public func previousKey() throws(PartyError) -> SigningKey? {
        try optionalKey(at: previousKeyPath)
    }

    /// The key in `key.pem`, or `nil` when the file is missing (a lost key).
    ///
    /// - Throws: ``PartyError/Code/badKey`` when the file is there but unreadable.
    public func installedKey() throws(PartyError) -> SigningKey? {
        try optionalKey(at: keyPath)
    }

    /// Makes a new pending key (mode 0600 from creation).
    ///
    /// - Returns: The key.
    /// - Throws: ``PartyError/Code/badKey`` when it cannot be written.
    public func makePendingKey() throws(PartyError) -> SigningKey {
        let key = SigningKey.generate()
        do {
            try KeyFile.write(key, to: pendingKeyPath)
        } catch {
            throw PartyError(code: .badKey, message: (error as? CryptoError)?.message ?? "\(pendingKeyPath): cannot write", cause: error)
        }
        return key
    }

    /// Installs the pending key as the party's key: `key.pem` becomes `key.previous.pem`
    /// (replacing an older one; when `key.pem` is missing, a lost key, `key.previous.pem` is left
    /// as it is), `key.next.pem` becomes `key.pem`, and the replica records the new key id. Each
    /// step is a rename, so an interruption leaves either key where ``signer()`` finds it.
    ///
    /// - Parameter replica: The party's replica.
    /// - Throws: ``PartyError/Code/badKey`` when a file cannot be moved; a store failure.
    public func installPendingKey(in replica: Replica) throws(PartyError) {
        guard let key = try pendingKey() else {
            throw PartyError(code: .notSetUp, message: "no pending key at \(pendingKeyPath)")
        }
        if FileManager.default.fileExists(atPath: keyPath) {
            try move(keyPath, to: previousKeyPath)
        }
        try move(pendingKeyPath, to: keyPath)
        try stored { () throws(StoreError) in try replica.setMeta(.ownKeyID, to: key.publicKey.keyID.hex) }
    }

    /// Whether the replica's recorded key is the previous key while `key.pem` holds the new one: a
    /// rotation interrupted between moving the files and recording the new key id.
    func finishesInstall(of key: SigningKey, recorded: String) -> Bool {
        (try? previousKey())??.publicKey.keyID.hex == recorded
    }

    private func optionalKey(at path: String) throws(PartyError) -> SigningKey? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            return try KeyFile.read(from: path)
        } catch {
            throw PartyError(code: .badKey, message: (error as? CryptoError)?.message ?? "\(path): cannot read the key", cause: error)
        }
    }

    private func move(_ source: String, to destination: String) throws(PartyError) {
        guard rename(source, destination) == 0 else {
            throw PartyError(code: .badKey, message: "cannot move \(source) to \(destination) (errno \(errno))")
        }
    }
}

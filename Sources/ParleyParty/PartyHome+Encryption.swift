import Foundation
public import ParleyCrypto

extension PartyHome {
    /// The home-wide X25519 encryption key of a home made before per-exchange keys, PKCS#8 PEM,
    /// mode 0600. Homes made since have none: each exchange has a key of its own, kept in the
    /// replica (``Party/encryptionKey(in:announced:creating:)``). Exchanges that announced this
    /// key go on using it.
    public var encryptionKeyPath: String { path + "/encryption.pem" }

    /// The home-wide encryption key, when the home has one.
    ///
    /// - Returns: The key, or `nil` when the home has none.
    /// - Throws: ``PartyError/Code/badKey`` when the file is there but unreadable, too open or not
    ///   an X25519 key.
    public func encryptionKey() throws(PartyError) -> EncryptionKey? {
        guard FileManager.default.fileExists(atPath: encryptionKeyPath) else { return nil }
        do {
            return try KeyFile.readEncryptionKey(from: encryptionKeyPath)
        } catch {
            throw PartyError(code: .badKey, message: (error as? CryptoError)?.message ?? "\(encryptionKeyPath): cannot read the key", cause: error)
        }
    }
}

extension PartyHome {
    /// Destroys the home-wide encryption key: overwrites the file with zeros, then removes it.
    /// (On a journaling or copy-on-write file system, or an SSD, the old blocks may survive on
    /// the medium: keep homes on an encrypted disk.)
    ///
    /// - Throws: ``PartyError/Code/badKey`` when the file cannot be overwritten or removed.
    public func destroyEncryptionKey() throws(PartyError) {
        guard FileManager.default.fileExists(atPath: encryptionKeyPath) else { return }
        guard let handle = FileHandle(forUpdatingAtPath: encryptionKeyPath) else {
            throw PartyError(code: .badKey, message: "\(encryptionKeyPath): cannot open to destroy it")
        }
        do {
            let size = try handle.seekToEnd()
            try handle.seek(toOffset: 0)
            try handle.write(contentsOf: Data(count: Int(size)))
            try handle.synchronize()
            try handle.close()
            try FileManager.default.removeItem(atPath: encryptionKeyPath)
        } catch {
            throw PartyError(code: .badKey, message: "\(encryptionKeyPath): cannot destroy it (\(error.localizedDescription))", cause: error)
        }
    }
}

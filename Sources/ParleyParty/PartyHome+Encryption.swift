import Foundation
public import ParleyCrypto

extension PartyHome {
    /// The party's X25519 encryption key, PKCS#8 PEM, mode 0600: the key other participants seal
    /// their content keys to (`key.encryption`). Separate from the identity key in `key.pem`.
    public var encryptionKeyPath: String { path + "/encryption.pem" }

    /// The party's encryption key; made (mode 0600 from creation) when the home has none yet and
    /// `creating` is set, so a home made before encryption keys existed gets one on first need.
    ///
    /// - Parameter creating: Whether to make the key when it is missing.
    /// - Returns: The key, or `nil` when it is missing and `creating` is not set.
    /// - Throws: ``PartyError/Code/badKey`` when the file is there but unreadable, too open or not
    ///   an X25519 key, or cannot be written.
    public func encryptionKey(creating: Bool) throws(PartyError) -> EncryptionKey? {
        if FileManager.default.fileExists(atPath: encryptionKeyPath) {
            do {
                return try KeyFile.readEncryptionKey(from: encryptionKeyPath)
            } catch {
                throw PartyError(code: .badKey, message: (error as? CryptoError)?.message ?? "\(encryptionKeyPath): cannot read the key", cause: error)
            }
        }
        guard creating else { return nil }
        let key = EncryptionKey.generate()
        do {
            try KeyFile.write(key, to: encryptionKeyPath)
        } catch {
            throw PartyError(code: .badKey, message: (error as? CryptoError)?.message ?? "\(encryptionKeyPath): cannot write", cause: error)
        }
        return key
    }
}
